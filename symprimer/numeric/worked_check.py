"""The gradient check worked by hand: h stated, each partial derivative by its finite-difference
formula and by the analytic gradient, both values, and their relative error.

Everything is exact (the point and h as fractions), so each step verifies exactly; the decimals
in the sentences are those same exact values rounded, never numbers computed beside them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import sympy as sp

from symprimer.core.errors import InputError
from symprimer.numeric.sheets import format_number
from symprimer.render.notation import to_latex
from symprimer.core.steps import Step

DIGITS = 10  # significant digits a sentence quotes (a calculator's display)


@dataclass(frozen=True)
class WorkedCheck:
    """The steps of the check and the exact values they established."""

    steps: tuple[Step, ...]
    analytic: tuple[sp.Expr, ...]
    numeric: tuple[sp.Expr, ...]
    relative_error: sp.Expr


def exact_step(h: float) -> sp.Rational:
    """A step size given as a decimal (1e-4) as the exact fraction it was meant to be (1/10000)."""
    if not (isinstance(h, (int, float)) and math.isfinite(h) and 0 < h < 1):
        raise InputError(f"the step h = {h!r} must be a number between 0 and 1, e.g. 0.0001.")
    return sp.Rational(h).limit_denominator(10**15)


def step_latex(h: sp.Rational) -> str:
    """10^{-4} for a power of ten, the fraction otherwise."""
    if h.p == 1 and h.q > 1 and 10 ** round(math.log10(h.q)) == h.q:
        return f"10^{{-{round(math.log10(h.q))}}}"
    return to_latex(h)


def _decimal(value: sp.Expr) -> str:
    return format_number(float(sp.N(value, 30)), DIGITS)


def _quotient(f: sp.Expr, variables: Sequence[sp.Symbol], point: Sequence[sp.Expr], i: int, h: sp.Rational,
              scheme: str) -> tuple[sp.Expr, sp.Expr]:
    """The difference quotient in variable i, written with its two evaluations, and its value."""
    up = [value + h if j == i else value for j, value in enumerate(point)]
    other = [value - h if j == i else value for j, value in enumerate(point)] if scheme == "central" else list(point)
    width = 2 * h if scheme == "central" else h
    written = sp.Mul(
        sp.Add(sp.Subs(f, tuple(variables), tuple(up)), -sp.Subs(f, tuple(variables), tuple(other)), evaluate=False),
        sp.Pow(width, -1), evaluate=False,
    )
    value = (f.subs(dict(zip(variables, up))) - f.subs(dict(zip(variables, other)))) / width
    return written, value


def worked_check(f: sp.Expr, partials: Sequence[sp.Expr], variables: Sequence[sp.Symbol],
                 point: Mapping[sp.Symbol, sp.Expr], h: sp.Rational, scheme: str = "central") -> WorkedCheck:
    """Steps: h and the point; per variable the analytic and the finite-difference value; the
    relative error of the two gradients.  ``point`` fixes every symbol of f (exact values)."""
    fixed = {s: v for s, v in point.items() if s not in variables}
    f_here = f.subs(fixed)
    values = [point[v] for v in variables]
    h_tex = step_latex(h)
    where = r",\ ".join(f"{to_latex(s)} = {to_latex(v)}" for s, v in point.items())
    formula = (r"\frac{f(\theta + h e_i) - f(\theta - h e_i)}{2h}" if scheme == "central"
               else r"\frac{f(\theta + h e_i) - f(\theta)}{h}")
    steps = [Step("definition", f"The step is $h = {h_tex}$, at the point ${where}$; each partial derivative is "
                  f"approximated by the {scheme} difference ${formula}$.", sp.Symbol("h", positive=True), h, relation=":=")]
    analytic, numeric = [], []
    for i, (variable, partial) in enumerate(zip(variables, partials)):
        name = to_latex(variable)
        exact = partial.subs(point)
        steps.append(Step(
            "gradient_at_point",
            f"Analytic: $\\frac{{\\partial f}}{{\\partial {name}}} = {_decimal(exact)}$ at the point.",
            sp.Subs(partial, tuple(point), tuple(point.values())), exact,
        ))
        written, value = _quotient(f_here, variables, values, i, h, scheme)
        steps.append(Step(
            "finite_difference",
            f"Numerical, in ${name}$ with $h = {h_tex}$: the difference quotient is ${_decimal(value)}$.",
            written, value,
        ))
        analytic.append(exact)
        numeric.append(value)
    difference = sp.sqrt(sum((a - n) ** 2 for a, n in zip(analytic, numeric)))
    scale = sp.Max(sp.sqrt(sum(a**2 for a in analytic)), sp.sqrt(sum(n**2 for n in numeric)))
    error = difference / scale
    shown = format_number(float(sp.N(error, 30)), 3)
    steps.append(Step(
        "relative_error",
        f"The relative error of the two gradients, $r = \\frac{{\\lVert a - n \\rVert}}{{\\max(\\lVert a \\rVert, "
        f"\\lVert n \\rVert)}} \\approx {shown}$.",
        sp.Symbol("r", nonnegative=True), error, relation=":=", params=(("approximately", shown),),
    ))
    return WorkedCheck(tuple(steps), tuple(analytic), tuple(numeric), error)
