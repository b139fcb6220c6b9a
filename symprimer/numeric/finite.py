"""Numerical gradients by finite differences, and the gradient check against the analytic one.

Steps: forward differences use h = sqrt(eps) * max(1, |x|) (error O(h)); central differences
use h = eps^(1/3) * max(1, |x|) (error O(h^2)), the usual balance of truncation against
rounding error in float64.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Sequence

import numpy as np

from symprimer.core.errors import InputError

EPS = float(np.finfo(float).eps)


def _forward(f, x, i, h):
    up = x.copy()
    up[i] += h
    return (f(up) - f(x)) / (up[i] - x[i])


def _central(f, x, i, h):
    up, down = x.copy(), x.copy()
    up[i] += h
    down[i] -= h
    return (f(up) - f(down)) / (up[i] - down[i])


SCHEMES = MappingProxyType(
    {
        "central": (_central, EPS ** (1 / 3)),
        "forward": (_forward, EPS**0.5),
    }
)


def numerical_gradient(
    f: Callable[[np.ndarray], float], point: Sequence[float], scheme: str = "central", step: float | None = None
) -> np.ndarray:
    """The finite-difference gradient of ``f`` at ``point``; ``step`` fixes h (a question that
    states h, e.g. 10^-4), otherwise h is scaled to each coordinate as above."""
    difference, base = SCHEMES[scheme]
    x = np.asarray(point, dtype=float)
    return np.array([difference(f, x, i, step or base * max(1.0, abs(x[i]))) for i in range(len(x))])


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> np.ndarray:
    """|a - n| / max(|a|, |n|), 0 where both vanish (the cs231n-style measure, per component)."""
    analytic, numeric = np.asarray(analytic, float), np.asarray(numeric, float)
    scale = np.maximum(np.abs(analytic), np.abs(numeric))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(scale > 0, np.abs(analytic - numeric) / np.where(scale > 0, scale, 1.0), 0.0)


@dataclass(frozen=True)
class GradientCheck:
    """Analytic vs numeric gradient at one point, with relative errors per component and overall."""

    variables: tuple[str, ...]
    point: tuple[float, ...]
    analytic: tuple[float, ...]
    numeric: tuple[float, ...]
    rel_error: tuple[float, ...]
    overall: float
    scheme: str
    tolerance: float
    reason: str | None = None  # why floating point cannot carry the check here (None: it can)

    @property
    def passed(self) -> bool:
        return self.reason is None and bool(np.isfinite(self.overall)) and self.overall <= self.tolerance

    def as_json(self) -> dict:
        """Strict JSON: inf and nan (which JSON has no words for) become null."""
        return {
            "variables": list(self.variables),
            "point": _json_numbers(self.point),
            "analytic": _json_numbers(self.analytic),
            "numeric": _json_numbers(self.numeric),
            "rel_error": _json_numbers(self.rel_error),
            "overall_rel_error": _json_numbers((self.overall,))[0],
            "scheme": self.scheme,
            "tolerance": self.tolerance,
            "passed": self.passed,
            "reason": self.reason,
        }


def _json_numbers(values: Sequence[float]) -> list[float | None]:
    return [float(v) if np.isfinite(v) else None for v in values]


class Uncheckable(InputError):
    """The numbers at the point overflow or are not numbers, so the check cannot be made there.

    Exit 2, not 1: nothing shows the gradient wrong; the point does not fit the request.  The
    check (and whatever the caller attaches, e.g. the parsed problem) rides along for JSON output.
    """

    def __init__(self, check: GradientCheck, problem: object = None):
        super().__init__(check.reason)
        self.check = check
        self.problem = problem

    def __reduce__(self):
        """Sent back from a worker process as the plain refusal (the compiled problem does not pickle)."""
        return InputError, (str(self),)


def _uncheckable_reason(variables, x, value, analytic, numeric) -> str | None:
    """One sentence naming the first quantity that overflowed (or else is not a number)."""
    quantities = [("f", value)]
    quantities += [(f"df/d{name}", a) for name, a in zip(variables, analytic)]
    quantities += [(f"the finite difference in {name}", n) for name, n in zip(variables, numeric)]
    infinite = [(name, q) for name, q in quantities if np.isinf(q)]
    undefined = [name for name, q in quantities if np.isnan(q)]
    if not infinite and not undefined:
        return None
    where = "at " + ", ".join(f"{name}={float(v):.15g}" for name, v in zip(variables, x))
    closing = "so the gradient check cannot be made there; choose a point where f and its gradient are finite."
    if infinite:
        name, q = infinite[0]
        return f"{where} the numbers overflow floating point ({name} is {'-' if q < 0 else ''}inf), {closing}"
    return f"{where} {undefined[0]} is not a number in floating point (0/0, or outside the real domain of f), {closing}"


def gradient_check(
    value: Callable[[np.ndarray], float],
    gradient: Callable[[np.ndarray], np.ndarray],
    point: Sequence[float],
    variables: Sequence[str],
    scheme: str = "central",
    tolerance: float | None = None,
    step: float | None = None,
) -> GradientCheck:
    """Compare ``gradient(point)`` with finite differences of ``value``; overall error is
    ||a - n|| / max(||a||, ||n||)."""
    x = np.asarray(point, dtype=float)
    analytic = np.asarray(gradient(x), dtype=float)
    with np.errstate(all="ignore"):
        numeric = numerical_gradient(value, x, scheme, step)
        reason = _uncheckable_reason(variables, x, value(x), analytic, numeric)
        overall = _overall_error(analytic, numeric)
    default = 1e-6 if scheme == "central" else 1e-4
    errors = relative_error(analytic, numeric) if reason is None else np.full(len(x), np.nan)  # no error measured
    return GradientCheck(
        tuple(variables), tuple(map(float, x)), tuple(map(float, analytic)), tuple(map(float, numeric)),
        tuple(map(float, errors)), overall if reason is None else float("nan"), scheme, tolerance or default, reason,
    )


def _overall_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """||a - n|| / max(||a||, ||n||), both vectors divided by their largest entry first so that
    squaring inside the norm cannot overflow (a gradient near 1e300 is still checkable)."""
    largest = float(max(np.max(np.abs(analytic), initial=0.0), np.max(np.abs(numeric), initial=0.0)))
    if not largest > 0:
        return 0.0
    a, n = analytic / largest, numeric / largest
    return float(np.linalg.norm(a - n) / max(np.linalg.norm(a), np.linalg.norm(n)))


def check_table_text(check: GradientCheck) -> str:
    """A plain-text table of analytic vs numeric values, one row per variable."""
    width = max(8, *(len(v) for v in check.variables))
    lines = [f"{'variable':<{width}}  {'analytic':>22}  {'numeric':>22}  {'rel. error':>10}"]
    for name, a, n, r in zip(check.variables, check.analytic, check.numeric, check.rel_error):
        lines.append(f"{name:<{width}}  {a:>22.15g}  {n:>22.15g}  {r:>10.2e}")
    verdict = "passed" if check.passed else "FAILED"
    lines.append(
        f"overall relative error {check.overall:.2e} ({check.scheme} differences, tolerance {check.tolerance:g}): {verdict}"
    )
    return "\n".join(lines) + "\n"
