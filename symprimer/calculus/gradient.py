"""Several variables: partial derivatives, the gradient, the Jacobian and the Hessian.

``gradient_expressions`` is the library entry the numeric side lambdifies: every partial is
built by the rule engine and checked against ``sympy.diff`` before it is handed out.
"""
from __future__ import annotations

from typing import Iterable

import sympy as sp

from symprimer.calculus.differentiate import differentiate_steps
from symprimer.calculus.inputs import read_function, read_functions, read_variables
from symprimer.calculus.worked import partial_step
from symprimer.exact.equality import values_equal
from symprimer.render.conventions import NATURAL_LOG
from symprimer.render.prose import maths
from symprimer.core.steps import Derivation, Step


class RuleEngineMismatch(AssertionError):
    """The rule engine and sympy.diff disagree: a bug in symprimer, never a user error."""


def gradient_expressions(expr: sp.Expr, variables: Iterable[sp.Symbol]) -> tuple[sp.Expr, ...]:
    """The partial derivatives of ``expr`` in ``variables`` (in order), from the rule engine.

    Symbols are treated as real while differentiating and handed back as given.
    """
    variables = tuple(variables)
    real = {s: sp.Symbol(s.name, real=True) for s in expr.free_symbols | set(variables) if not s.is_real}
    back = {v: k for k, v in real.items()}
    real_expr = expr.xreplace(real)
    partials = []
    for var in variables:
        real_var = real.get(var, var)
        _, derivative = differentiate_steps(real_expr, real_var)
        if not values_equal(derivative, sp.diff(real_expr, real_var)):
            raise RuleEngineMismatch(f"d/d{var} of {expr}: the rules give {derivative}, sympy.diff disagrees")
        partials.append(derivative.xreplace(back))
    return tuple(partials)


def _column(values) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(len(values), 1, list(values))


def _partials(expr: sp.Expr, variables) -> tuple[list[Step], list[sp.Expr]]:
    """Each partial derivative of ``expr``, worked (the other variables held constant)."""
    worked = [partial_step(expr, var, variables) for var in variables]
    return [step for step, _ in worked], [final for _, final in worked]


def _derivation(kind: str, what: str, given, variables, steps, result, label: str, notes, inputs) -> Derivation:
    """The Derivation shared by grad, jacobian and hessian: only the words and values differ."""
    names = [v.name for v in variables]
    return Derivation(
        kind=kind,
        question=f"Find the {what} of $f$ with respect to {', '.join(maths(v) for v in variables)}.",
        given=(("f", given),),
        steps=tuple(steps),
        result=result,
        result_label=label,
        notes=tuple(notes),
        details=(("variables", names),),
        source=inputs,
    )


def derive_grad(inputs: tuple[str, ...], wrt: str | None = None) -> Derivation:
    function = read_function(inputs[0])
    f = function.expr
    variables = read_variables(wrt, f)
    steps, partials = _partials(f, variables)
    gradient = _column(partials)
    names = ", ".join(maths(v) for v in variables)
    steps.append(
        Step(
            "gradient",
            f"The gradient collects the partial derivatives in the order {names}; it points in the direction of "
            "steepest increase, so gradient descent steps against it.",
            _column([sp.Derivative(f, v) for v in variables]),
            gradient,
        )
    )
    notes = function.notes + ((NATURAL_LOG,) if f.has(sp.log) else ())
    return _derivation("grad", "gradient", f, variables, steps, gradient, r"gradient $\nabla f$", notes, inputs)


def _row_of_partials(expr: sp.Expr, variables, text: str) -> tuple[Step, list]:
    """One row of partial derivatives of ``expr`` (a Jacobian or Hessian row), each worked."""
    row_steps, row = _partials(expr, variables)
    before = sp.ImmutableMatrix([[sp.Derivative(expr, v) for v in variables]])
    return Step("gradient", text, before, sp.ImmutableMatrix([row]), substeps=tuple(row_steps)), row


def derive_jacobian(inputs: tuple[str, ...], wrt: str | None = None) -> Derivation:
    functions = read_functions(inputs[0])
    vector = functions.expr
    variables = read_variables(wrt, vector)
    rows, steps = [], []
    for index, component in enumerate(vector, start=1):
        step, row = _row_of_partials(component, variables, f"Row ${index}$: the partial derivatives of component $f_{{{index}}}$.")
        rows.append(row)
        steps.append(step)
    jacobian = sp.ImmutableMatrix(rows)
    steps.append(
        Step(
            "jacobian",
            "The Jacobian stacks the rows: entry $(i, j)$ is the partial derivative of $f_{i}$ in the $j$-th variable.",
            sp.ImmutableMatrix([[sp.Derivative(c, v) for v in variables] for c in vector]),
            jacobian,
        )
    )
    return _derivation("jacobian", "Jacobian", vector, variables, steps, jacobian, "Jacobian", functions.notes, inputs)


def derive_hessian(inputs: tuple[str, ...], wrt: str | None = None) -> Derivation:
    function = read_function(inputs[0])
    f = function.expr
    variables = read_variables(wrt, f)
    steps, first = _partials(f, variables)
    rows = []
    for index, partial in enumerate(first):
        text = f"Row ${index + 1}$: differentiate the partial derivative in {maths(variables[index])} once more in each variable."
        step, row = _row_of_partials(partial, variables, text)
        rows.append(row)
        steps.append(step)
    hessian = sp.ImmutableMatrix(rows)
    steps.append(
        Step(
            "hessian",
            "The Hessian collects the second partial derivatives.",
            sp.ImmutableMatrix([[sp.Derivative(f, a, b) for b in variables] for a in variables]),
            hessian,
        )
    )
    if len(variables) > 1:
        steps.append(
            Step(
                "symmetry_of_second_derivatives",
                "The mixed partials agree, so the Hessian is symmetric ($H = H^{T}$).",
                hessian,
                hessian.T,
            )
        )
    return _derivation("hessian", "Hessian", f, variables, steps, hessian, "Hessian", function.notes, inputs)
