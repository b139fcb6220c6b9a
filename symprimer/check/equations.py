"""Equations compared as equations: both sides, never one side against a bare value.

Two equations are equivalent when lhs - rhs of one is a non-zero constant multiple of the
other's (matrix unknowns: tested on random matrices), or when they have the same solutions for
an unknown; anything else is not equivalent (with the solutions that differ) or undecided.  An
equation is compared with a single value only when it is a labelled answer, ``y = 2x`` against
``2x``: a lone unknown on the left that appears nowhere else.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from symprimer.check.letters import as_matrix, has_matrix_symbols, instantiate, random_bindings, shown_bindings
from symprimer.check.numeric import SoftTimeout, soft_timeout
from symprimer.check.verdict import Comparison, Counterexample
from symprimer.render.notation import to_latex

HOW = "compared as equations, lhs - rhs up to a non-zero constant factor"
_SOLVE_ERRORS = (SoftTimeout, TypeError, ValueError, NotImplementedError, AttributeError, sp.PolynomialError, RecursionError)


def compare_equations(expected: sp.Equality, answer: sp.Equality, seconds: float) -> Comparison:
    if expected.lhs == answer.lhs and _is_label(expected, answer.rhs) and _is_label(answer, expected.rhs):
        from symprimer.check.equivalence import compare  # local: equivalence imports this module; the two call each other

        outcome = compare(expected.rhs, answer.rhs, seconds)
        reason = f"{outcome.reason} (both equations name {to_latex(expected.lhs)}; their right sides are compared)"
        return Comparison(outcome.equal, outcome.method, reason, outcome.counterexample)
    if has_matrix_symbols(expected) or has_matrix_symbols(answer):
        return _matrix_equations(expected, answer)
    left, right = _difference(expected), _difference(answer)
    if left is None or right is None:
        return Comparison(None, "structure", "one of the equations sets a matrix equal to a single value, which the checker does not compare")
    if isinstance(left, sp.MatrixBase) or isinstance(right, sp.MatrixBase):
        return _systems(as_matrix(left, _rows(left, right)), as_matrix(right, _rows(left, right)), seconds)
    return _scalar_equations(left, right, seconds)


def _rows(*values: Any) -> int:
    return next(v.rows for v in values if isinstance(v, sp.MatrixBase))


def _difference(equation: sp.Equality) -> Any:
    lhs, rhs = equation.lhs, equation.rhs
    if isinstance(lhs, sp.MatrixBase) != isinstance(rhs, sp.MatrixBase):
        matrix = lhs if isinstance(lhs, sp.MatrixBase) else rhs
        if not matrix.is_square:
            return None
        lhs, rhs = as_matrix(lhs, matrix.rows), as_matrix(rhs, matrix.rows)
    if isinstance(lhs, sp.MatrixBase) and lhs.shape != rhs.shape:
        return None
    if isinstance(lhs, sp.MatrixBase):
        return sp.ImmutableMatrix(lhs - rhs)
    return sp.sympify(lhs - rhs)  # safe: parsed SymPy objects, not text


def _scalar_equations(left: sp.Expr, right: sp.Expr, seconds: float) -> Comparison:
    if not left.free_symbols and not right.free_symbols:
        return _statements(left, right)
    if not left.free_symbols or not right.free_symbols:
        return Comparison(False, "structure", f"{HOW}: one is a statement about numbers only, the other a condition on unknowns")
    factor = _constant_factor(left, right, seconds)
    if factor is not None:
        return Comparison(True, "symbolic", f"{HOW}: one is {to_latex(factor)} times the other")
    return _by_solutions(left, right, seconds)


def _statements(left: sp.Expr, right: sp.Expr) -> Comparison:
    """Equations between numbers are true or false; two agree when both are, or both are not."""
    truths = [_is_zero(side) for side in (left, right)]
    if None in truths:
        return Comparison(None, "exact", "the truth of an equation between numbers could not be decided")
    return Comparison(truths[0] == truths[1], "exact", "compared as statements: " + " and ".join("true" if t else "false" for t in truths))


def _is_zero(value: sp.Expr) -> bool | None:
    if value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return None
    if value.is_Rational:
        return value == 0
    return value.equals(0)


def _constant_factor(left: sp.Expr, right: sp.Expr, seconds: float) -> sp.Expr | None:
    """c with left = c * right, c a non-zero number, or None."""
    try:
        with soft_timeout(seconds):
            ratio = sp.cancel(sp.together(left / right))
    except _SOLVE_ERRORS:
        return None
    if ratio.free_symbols or ratio == 0 or ratio.has(sp.zoo, sp.nan):
        return None
    return ratio


def _by_solutions(left: sp.Expr, right: sp.Expr, seconds: float) -> Comparison:
    """Solve both for each unknown in turn; the first unknown both can be solved for decides."""
    for unknown in sorted(left.free_symbols & right.free_symbols, key=lambda s: s.name):
        solved = [_solutions(side, unknown, seconds) for side in (left, right)]
        if None in solved:
            continue
        same = _same_sets(*solved, seconds)
        if same is None:
            continue
        shown = [to_latex(sp.FiniteSet(*s)) for s in solved]
        if same:
            return Comparison(True, "solution set", f"compared as equations: both give {unknown} \\in {shown[0]}")
        return Comparison(False, "solution set", f"compared as equations by their solutions for {unknown}: {shown[0]} against {shown[1]}")
    if left.free_symbols != right.free_symbols:
        return Comparison(False, "structure", f"{HOW}: the two equations involve different unknowns")
    return Comparison(None, "symbolic", f"{HOW}: the two are not multiples of each other, and their solutions could not be compared")


def _solutions(side: sp.Expr, unknown: sp.Symbol, seconds: float) -> tuple | None:
    try:
        with soft_timeout(seconds):
            found = sp.solveset(side, unknown, sp.S.Complexes)
    except _SOLVE_ERRORS:
        return None
    return tuple(found) if isinstance(found, sp.FiniteSet) else None


def _same_sets(a: tuple, b: tuple, seconds: float) -> bool | None:
    from symprimer.check.equivalence import compare  # local: equivalence imports this module; the two call each other

    for first, second in ((a, b), (b, a)):
        for item in first:
            outcomes = [compare(item, other, seconds).equal for other in second]
            if True in outcomes:
                continue
            return False if all(o is False for o in outcomes) else None
    return True


def _systems(left: sp.ImmutableMatrix, right: sp.ImmutableMatrix, seconds: float) -> Comparison:
    """Matrix equations with explicit entries: a system of scalar equations, one per entry."""
    if left.shape != right.shape:
        return Comparison(False, "structure", "the two matrix equations have different shapes")
    factor = _matrix_factor(left, right)
    if factor is not None:
        return Comparison(True, "symbolic", f"{HOW}: one is {to_latex(factor)} times the other")
    if not (left.free_symbols or right.free_symbols):
        truths = [all(e == 0 for e in side) for side in (left, right)]
        return Comparison(truths[0] == truths[1], "exact", "compared as statements: " + " and ".join("true" if t else "false" for t in truths))
    unknowns = sorted(left.free_symbols | right.free_symbols, key=lambda s: s.name)
    try:
        with soft_timeout(seconds * 2):
            solved = [sp.solve(list(side), unknowns, dict=True) for side in (left, right)]
    except _SOLVE_ERRORS:
        return Comparison(None, "symbolic", f"{HOW}: the two systems could not be solved in time")
    if len(solved[0]) == len(solved[1]) == 1 and all(set(s[0]) == set(unknowns) for s in solved):
        same = all(sp.simplify(solved[0][0][u] - solved[1][0][u]) == 0 for u in unknowns)
        return Comparison(same, "solution set", "compared as systems of equations by their solutions")
    return Comparison(None, "symbolic", f"{HOW}: the two systems are not multiples of each other and could not be compared")


def _matrix_factor(left: sp.MatrixBase, right: sp.MatrixBase) -> sp.Expr | None:
    """c with left = c * right entry by entry (c a non-zero number), or None."""
    pivot = next((k for k, entry in enumerate(right) if sp.expand(entry) != 0), None)
    if pivot is None:
        return sp.Integer(1) if all(sp.expand(e) == 0 for e in left) else None
    factor = sp.cancel(sp.together(left[pivot] / right[pivot]))
    if factor.free_symbols or factor == 0:
        return None
    if all(sp.expand(a - factor * b) == 0 for a, b in zip(left, right)):
        return factor
    return None


def _matrix_equations(expected: sp.Equality, answer: sp.Equality) -> Comparison:
    """Capital letters: lhs - rhs on random matrices must be the same multiple every time."""
    factors = set()
    for bindings in random_bindings(expected, answer):
        sides = [_instantiated_difference(eq, bindings) for eq in (expected, answer)]
        if None in sides:
            return Comparison(None, "structure", "a matrix equation could not be worked out on test matrices")
        left, right = sides
        zero = [all(sp.expand(e) == 0 for e in side) for side in sides]
        example = Counterexample(shown_bindings(bindings), to_latex(left), to_latex(right), "lhs - rhs")
        if zero[0] != zero[1]:
            return Comparison(False, "numeric", "compared as equations: on these matrices one equation holds and the other does not", example)
        if zero[0]:
            continue
        factor = _matrix_factor(left, right)
        if factor is None:
            return Comparison(False, "numeric", f"{HOW}: on random matrices lhs - rhs of one is not a multiple of the other's", example)
        factors.add(factor)
    if len(factors) > 1:
        return Comparison(False, "numeric", f"{HOW}: the factor between the two changes from one set of matrices to the next")
    return Comparison(True, "numeric", f"{HOW}: on random invertible matrices lhs - rhs of one is always the same multiple of the other's")


def _instantiated_difference(equation: sp.Equality, bindings: dict) -> sp.ImmutableMatrix | None:
    try:
        lhs, rhs = instantiate(equation.lhs, bindings), instantiate(equation.rhs, bindings)
    except (TypeError, ValueError, AttributeError, sp.ShapeError, sp.NonSquareMatrixError):
        return None
    size = next((v.rows for v in (lhs, rhs) if isinstance(v, sp.MatrixBase)), None)
    if size is None:
        return sp.ImmutableMatrix([[sp.expand(lhs - rhs)]])
    return sp.ImmutableMatrix(as_matrix(lhs, size) - as_matrix(rhs, size))


def compare_equation_with_value(expected: Any, answer: Any, seconds: float) -> Comparison:
    """Only a labelled answer (``y = 2x`` against ``2x``) is compared; else the kinds differ."""
    from symprimer.check.equivalence import compare  # local: equivalence imports this module; the two call each other

    equation, value = (expected, answer) if isinstance(expected, sp.Equality) else (answer, expected)
    if not _is_label(equation, value):
        return Comparison(
            False, "structure", "one is an equation and the other a single value; an equation is only compared with an equation"
        )
    pair = (equation.rhs, value) if equation is expected else (value, equation.rhs)
    outcome = compare(*pair, seconds)
    reason = f"{outcome.reason} (the equation's left side {to_latex(equation.lhs)} is read as a label)"
    return Comparison(outcome.equal, outcome.method, reason, outcome.counterexample)


LABEL_FORMS = (sp.Symbol, sp.MatrixSymbol, sp.Derivative, sp.core.function.AppliedUndef)
LABEL_OPERATIONS = (sp.Determinant, sp.Trace, sp.Inverse, sp.Transpose, sp.MatPow, sp.Adjoint)


def _is_label(equation: sp.Equality, value: Any) -> bool:
    """A name on the left (y, f(x), df/dx, A, det A, A^{-1}) that the right side and the other
    answer do not mention: ``y = 2x`` names the value 2x; ``a + 3z = 0`` is a condition."""
    name = equation.lhs
    while isinstance(name, LABEL_OPERATIONS):
        name = name.args[0]
    if not isinstance(name, LABEL_FORMS):
        return False
    name = equation.lhs
    elsewhere = [equation.rhs, *(value if isinstance(value, tuple) else (value,))]
    return not any(isinstance(v, sp.Basic) and v.has(name) for v in elsewhere)
