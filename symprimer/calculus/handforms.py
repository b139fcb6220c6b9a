"""Hand forms: rewrite a derivative the way people write it (sigma(1 - sigma), 1 - tanh^2, ...).

Each rewrite is a verified ``hand_form`` step; a rewrite that does not make the expression
simpler or more familiar is not taken.  Where there is a standard way to show a rewrite, its
lines of algebra are its substeps, each verified.  The renderers never simplify: this module
does, and shows it (the order terms are printed in is ``render.handform``'s business).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp

from symprimer.core.functions import sigmoid
from symprimer.render.handform import written_difference, written_product
from symprimer.core.steps import Step
from symprimer.render.notation import to_latex  # the course's printer, for the sentence's maths


@dataclass(frozen=True)
class Line:
    """One line of working on the board: what is done, and the form it gives."""

    rule: str
    text: str
    form: sp.Expr


def working_steps(start: sp.Expr, lines: tuple[Line, ...]) -> tuple[Step, ...]:
    """Each line as a verified step from the form before it."""
    steps = []
    current = start
    for line in lines:
        steps.append(Step(line.rule, line.text, current, line.form))
        current = line.form
    return tuple(steps)


def _no_working(before: sp.Expr, after: sp.Expr) -> tuple[Line, ...]:
    return ()


@dataclass(frozen=True)
class Rewrite:
    """One hand-form rewrite: a function returning the new form, or None when it does not apply,
    and the algebra that shows it, where there is a standard way to show it."""

    text: str
    apply: Callable[[sp.Expr], sp.Expr | None]
    working: Callable[[sp.Expr, sp.Expr], tuple[Line, ...]] = _no_working


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


def _sigmoid_quotient(expr: sp.Expr) -> sp.Expr | None:
    """e^u / (1 + e^u) = sigma(u) wherever a product holds both, u kept as it stands, so the
    logistic gradient reads -y x_1 sigma(-y(w^T x + b)) rather than an expanded argument."""

    def quotient_exponent(node: sp.Basic) -> sp.Expr | None:
        if not node.is_Mul:
            return None
        for factor in node.args:
            if isinstance(factor, sp.exp) and sp.Pow(1 + factor, -1) in node.args:
                return factor.args[0]
        return None

    def swap(node: sp.Mul) -> sp.Expr:
        u = quotient_exponent(node)
        rest = sp.Mul(*(f for f in node.args if f not in (sp.exp(u), sp.Pow(1 + sp.exp(u), -1))))
        return _scale_first(rest, u, sigmoid(u))

    new = expr.replace(lambda node: quotient_exponent(node) is not None, swap)
    return new if new != expr else None


def _scale_first(coefficient: sp.Expr, u: sp.Expr, function: sp.Expr) -> sp.Expr:
    """coefficient * function, written with the letters that scale u first: u = -y(w^T x + b)
    and coefficient -x_1 y give -y x_1 sigma(u), as the chain rule produced them."""
    scale = [f for f in sp.Mul.make_args(u) if f.is_Symbol]
    sign, letters = coefficient.as_coeff_mul()
    if sign not in (1, -1) or not scale or not set(scale) <= set(letters) or len(letters) < 2:
        return coefficient * function
    others = [f for f in letters if f not in scale]
    leading = sp.Mul(sign, *scale)
    return written_product(leading, *others, function)


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


def _sigmoid_derivative_working(before: sp.Expr, after: sp.Expr) -> tuple[Line, ...]:
    """e^{-a}/(1 + e^{-a})^2 = sigma(a)(1 - sigma(a)) line by line: split the fraction, recognise
    sigma, write the second factor as 1 minus a fraction, recognise sigma again."""
    arguments = _sigmoid_arguments(before)
    if len(arguments) != 1:
        return ()
    (a,) = arguments
    e = sp.exp(-a)
    if before != e / (1 + e) ** 2:
        return ()
    s = sigmoid(a)
    one_over = 1 / (1 + e)
    return (
        Line("factor", "Split the square in the denominator into two fractions:", written_product(one_over, e / (1 + e))),
        Line("substitution", f"The first fraction is ${_tex(s)} = {_tex(one_over)}$:", written_product(s, e / (1 + e))),
        Line(
            "simplify",
            f"Add and subtract $1$ in the second numerator: ${_tex(e / (1 + e))} = {_tex(written_difference(1, one_over))}$:",
            written_product(s, written_difference(1, one_over)),
        ),
        Line("substitution", f"The fraction left is ${_tex(s)}$ again:", after),
    )


def _tex(expr: sp.Expr) -> str:
    return to_latex(expr)


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
    Rewrite(
        "Hand form: $\\operatorname{sech}^{2} u = 1 - \\tanh^{2} u$, "
        "the form the derivative of $\\tanh$ is remembered by.",
        _sech_squared,
    ),
    Rewrite("Hand form: $\\frac{e^{u}}{1 + e^{u}} = \\sigma(u)$, the logistic sigmoid of the exponent.", _sigmoid_quotient),
    Rewrite(
        "Hand form: with $\\sigma(a) = \\frac{1}{1 + e^{-a}}$ we have $e^{a} = \\frac{\\sigma(a)}{1 - \\sigma(a)}$; "
        "substituting and cancelling writes the derivative in $\\sigma$.",
        _sigmoid_form,
        _sigmoid_derivative_working,
    ),
)


def hand_form_steps(expr: sp.Expr) -> tuple[tuple[Step, ...], sp.Expr]:
    """The verified rewrites that apply to ``expr`` and the form they end with."""
    steps = []
    current = expr
    for rewrite in REWRITES:
        new = rewrite.apply(current)
        if new is not None and new != current:
            working = working_steps(current, rewrite.working(current, new))
            steps.append(Step("hand_form", rewrite.text, current, new, substeps=working))
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
