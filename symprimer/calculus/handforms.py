"""Hand forms: rewrite a derivative the way people write it (sigma(1 - sigma), 1 - tanh^2, ...).

Each rewrite is a verified ``hand_form`` step; a rewrite that does not make the expression
simpler or more familiar is not taken.  The renderers never simplify: this module does, and
shows it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp

from symprimer.nn.functions import sigmoid
from symprimer.steps import Step


@dataclass(frozen=True)
class Rewrite:
    """One hand-form rewrite: a function returning the new form, or None when it does not apply."""

    text: str
    apply: Callable[[sp.Expr], sp.Expr | None]


def _sech_squared(expr: sp.Expr) -> sp.Expr | None:
    """sech^2 u = 1 - tanh^2 u (the form tanh' is remembered by)."""

    def is_even_sech_power(node: sp.Basic) -> bool:
        return (
            isinstance(node, sp.Pow)
            and isinstance(node.base, sp.sech)
            and node.exp.is_Integer
            and node.exp > 0
            and node.exp % 2 == 0
        )

    if not expr.has(sp.sech):
        return None
    new = expr.replace(is_even_sech_power, lambda p: (1 - sp.tanh(p.base.args[0]) ** 2) ** (p.exp // 2))
    return new if new != expr else None


def _sigmoid_form(expr: sp.Expr) -> sp.Expr | None:
    """Where 1 + e^a appears, write e^a = sigma(a) / (1 - sigma(a)) and cancel."""
    for argument in _sigmoid_arguments(expr):
        s = sigmoid(argument)
        replaced = expr.replace(
            lambda node: isinstance(node, sp.exp) and node.args[0] in (argument, -argument),
            lambda node: s / (1 - s) if node.args[0] == argument else (1 - s) / s,
        )
        candidate = _one_minus_sigma(sp.factor(sp.cancel(replaced)), s)
        if candidate.has(sp.exp) and any(e.args[0] in (argument, -argument) for e in candidate.atoms(sp.exp)):
            continue
        if sp.count_ops(candidate) <= sp.count_ops(expr):
            return candidate
    return None


def _one_minus_sigma(expr: sp.Expr, s: sp.Expr) -> sp.Expr:
    """Write the factor sigma - 1 as -(1 - sigma), as people do."""
    flipped = sp.Mul(-1, 1 - s, evaluate=False)
    new = expr.xreplace({s - 1: flipped})
    leftover = any(node == flipped and node.args == flipped.args for node in sp.preorder_traversal(new))
    return expr if leftover else new


def _sigmoid_arguments(expr: sp.Expr) -> list[sp.Expr]:
    """The a for which 1 + e^a or 1 + e^-a occurs, written without a leading minus."""
    found: list[sp.Expr] = []
    for node in expr.atoms(sp.Add):
        if sp.Integer(1) not in node.args or len(node.args) != 2:
            continue
        other = next(term for term in node.args if term != 1)
        if isinstance(other, sp.exp):
            argument = other.args[0]
            argument = -argument if argument.could_extract_minus_sign() else argument
            if argument not in found:
                found.append(argument)
    return found


REWRITES = (
    Rewrite(r"Hand form: $\operatorname{sech}^{2} u = 1 - \tanh^{2} u$, the form the derivative of $\tanh$ is remembered by.",
            _sech_squared),
    Rewrite(
        r"Hand form: with $\sigma(a) = \frac{1}{1 + e^{-a}}$ we have $e^{a} = \frac{\sigma}{1 - \sigma}$; substituting "
        r"and cancelling writes the derivative in $\sigma$.",
        _sigmoid_form,
    ),
)


def hand_form_steps(expr: sp.Expr) -> tuple[tuple[Step, ...], sp.Expr]:
    """The verified rewrites that apply to ``expr`` and the form they end with."""
    steps = []
    current = expr
    for rewrite in REWRITES:
        new = rewrite.apply(current)
        if new is not None and new != current:
            steps.append(Step("hand_form", rewrite.text, current, new))
            current = new
    return tuple(steps), current


def tidy_step(expr: sp.Expr) -> tuple[tuple[Step, ...], sp.Expr]:
    """Factor the result when that makes it shorter (a ``simplify`` step), else nothing."""
    if expr.has(sp.Piecewise, sigmoid) or sp.count_ops(expr) > 80:
        return (), expr
    candidate = sp.factor(expr)
    if candidate != expr and sp.count_ops(candidate) < sp.count_ops(expr):
        return (Step("simplify", "Collect common factors.", expr, candidate),), candidate
    return (), expr
