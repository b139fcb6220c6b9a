"""``derive diff``: one derivative, by named rules, from first principles, or at a point."""
from __future__ import annotations

from types import MappingProxyType

import sympy as sp

from symprimer.calculus.differentiate import used_fallback
from symprimer.calculus.inputs import read_function, read_point, read_variables
from symprimer.calculus.limits import differentiability_steps, first_principles_steps
from symprimer.calculus.worked import worked_derivative
from symprimer.core.errors import InputError
from symprimer.render.conventions import NATURAL_LOG
from symprimer.render.notation import to_latex
from symprimer.render.prose import derivative_latex, maths
from symprimer.core.steps import Derivation

LOG_NOTE = NATURAL_LOG
FALLBACK_NOTE = "one step used SymPy's derivative because no rule of the course applies to that function (marked 'by SymPy')."


def derive_diff(inputs: tuple[str, ...], wrt: str | None = None, method: str | None = None, at: str | None = None) -> Derivation:
    function = read_function(inputs[0])
    (var,) = read_variables(wrt, function.expr, single=True)
    chosen = method or "rules"
    builder = METHODS.get(chosen)
    if builder is None:
        raise InputError(f"derive diff has no method {chosen!r}; the methods are {', '.join(METHODS)}.")
    if at is not None:
        return _at_point(function.expr, var, read_point(at), function.notes, inputs)
    return builder(function.expr, var, function.notes, inputs)


def _by_rules(f: sp.Expr, var: sp.Symbol, notes: tuple[str, ...], source: tuple[str, ...]) -> Derivation:
    steps, final = worked_derivative(f, var)
    extra = (FALLBACK_NOTE,) if used_fallback(steps[0]) else ()
    return Derivation(
        kind="diff",
        question=f"Differentiate $f$ with respect to {maths(var)} using the rules of differentiation.",
        given=(("f", f),),
        steps=steps,
        result=final,
        result_label=_label(f, var),
        notes=notes + _log_note(f) + extra,
        details=(("wrt", var.name), ("method", "rules"), ("fallback", bool(extra))),
        source=source,
    )


def _by_limit(f: sp.Expr, var: sp.Symbol, notes: tuple[str, ...], source: tuple[str, ...]) -> Derivation:
    steps, final = first_principles_steps(f, var)
    return Derivation(
        kind="diff",
        question=f"Differentiate $f$ with respect to {maths(var)} from first principles, as the limit of the difference quotient.",
        given=(("f", f),),
        steps=steps,
        result=final,
        result_label=_label(f, var),
        notes=notes + _log_note(f),
        details=(("wrt", var.name), ("method", "limit")),
        source=source,
    )


def _at_point(f: sp.Expr, var: sp.Symbol, point: sp.Expr, notes: tuple[str, ...], source: tuple[str, ...]) -> Derivation:
    analysis = differentiability_steps(f, var, point)
    verdict = analysis.reason
    return Derivation(
        kind="diff",
        question=f"Is $f$ continuous and differentiable at ${to_latex(var)} = {to_latex(point)}$?",
        given=(("f", f),),
        steps=analysis.steps,
        result=analysis.result,
        result_label=analysis.label,
        notes=notes + (verdict,),
        details=(
            ("wrt", var.name),
            ("at", point),
            ("continuous", analysis.continuous),
            ("differentiable", analysis.differentiable),
            ("left_derivative", analysis.left),
            ("right_derivative", analysis.right),
            ("verdict", verdict),
        ),
        source=source,
    )


def _label(f: sp.Expr, var: sp.Symbol) -> str:
    others = f.free_symbols - {var}
    return "$" + derivative_latex(sp.Symbol("f"), var, partial=bool(others)) + "$"


def _log_note(f: sp.Expr) -> tuple[str, ...]:
    """The natural-log convention, said only where a logarithm appears."""
    return (LOG_NOTE,) if f.has(sp.log) else ()


METHODS = MappingProxyType({"rules": _by_rules, "limit": _by_limit})
