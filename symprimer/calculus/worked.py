"""A derivative worked in full: the rule tree, then the hand-form and tidy-up steps."""
from __future__ import annotations

import sympy as sp

from symprimer.calculus.differentiate import differentiate_steps
from symprimer.calculus.handforms import hand_form_steps, tidy_step
from symprimer.render.prose import maths
from symprimer.core.steps import Step


def worked_derivative(expr: sp.Expr, var: sp.Symbol, *, tidy: bool = True) -> tuple[tuple[Step, ...], sp.Expr]:
    """The steps from d/dvar expr to its hand form, and that final form.

    ``tidy=False`` leaves out the final factoring, for callers that rewrite into a known
    hand form themselves (the catalogues).
    """
    tree, raw = differentiate_steps(expr, var)
    hand, form = hand_form_steps(raw)
    tidied, final = tidy_step(form) if tidy else ((), form)
    return (tree, *hand, *tidied), final


def partial_step(expr: sp.Expr, var: sp.Symbol, variables: tuple[sp.Symbol, ...] = ()) -> tuple[Step, sp.Expr]:
    """One partial derivative as a step whose substeps are its worked derivation."""
    steps, final = worked_derivative(expr, var)
    held = [maths(s) for s in sorted(expr.free_symbols, key=lambda s: s.name) if s != var]
    if held:
        text = f"Partial derivative in {maths(var)}: {', '.join(held)} held constant (treated as numbers)."
    else:
        text = f"Derivative in {maths(var)}."
    return Step("partial_derivative", text, sp.Derivative(expr, var), final, substeps=steps), final
