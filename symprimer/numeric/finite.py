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

    @property
    def passed(self) -> bool:
        return bool(np.isfinite(self.overall)) and self.overall <= self.tolerance

    def as_json(self) -> dict:
        return {
            "variables": list(self.variables),
            "point": list(self.point),
            "analytic": list(self.analytic),
            "numeric": list(self.numeric),
            "rel_error": list(self.rel_error),
            "overall_rel_error": self.overall,
            "scheme": self.scheme,
            "tolerance": self.tolerance,
            "passed": self.passed,
        }


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
    numeric = numerical_gradient(value, x, scheme, step)
    scale = max(float(np.linalg.norm(analytic)), float(np.linalg.norm(numeric)))
    overall = float(np.linalg.norm(analytic - numeric) / scale) if scale > 0 else 0.0
    default = 1e-6 if scheme == "central" else 1e-4
    return GradientCheck(
        tuple(variables), tuple(map(float, x)), tuple(map(float, analytic)), tuple(map(float, numeric)),
        tuple(map(float, relative_error(analytic, numeric))), overall, scheme, tolerance or default,
    )


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
