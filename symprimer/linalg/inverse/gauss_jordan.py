"""The inverse by Gauss-Jordan: row-reduce [A | I] until the left block is I; the right is A^-1.

Each step shows the row arithmetic on the augmented matrix (the changed rows written out as
sums), so the claim "this matrix equals that one" is the arithmetic the reader checks.
"""
from __future__ import annotations

import sympy as sp

from symprimer.board import Det, Grid, Inverse, Number, field_of, identity
from symprimer.core.errors import InputError
from symprimer.linalg.basic.matrices import is_numeric
from symprimer.linalg.rows.operations import Replace, Scale, Swap, apply_all, number_latex, pivot_row, written_all
from symprimer.core.steps import Step


def _augmented(grid: Grid) -> Grid:
    unit = identity(grid.domain, grid.size)
    return Grid(grid.domain, tuple(row + extra for row, extra in zip(grid.rows, unit.rows)))


def gauss_jordan_steps(given: Grid) -> tuple[tuple[Step, ...], sp.ImmutableMatrix | None]:
    """The row operations on [A | I] and the inverse (None when A is singular)."""
    from symprimer.linalg.inverse.adjoint import check_step, singular_step  # local: adjoint imports this module

    if not is_numeric(given):
        raise InputError(
            "A has symbolic entries; Gauss-Jordan would divide by expressions that may be zero, "
            "so use the adjoint method (--method adjoint)."
        )
    field = field_of(given.domain)
    original = given.over(field)
    n = original.size
    current = _augmented(original)
    text = r"Write the augmented matrix $[A \mid I]$ and row-reduce it until the left block is $I$."
    steps = [Step("gauss_jordan", text, sp.Symbol("[A | I]"), current, relation=":=")]
    for column in range(n):
        row = pivot_row(current, column, column)
        if row is None:
            text = (
                f"Column {column + 1} has no pivot on or below the diagonal, so the left block cannot be "
                "reduced to I: its determinant is 0, and row operations only rescale det A."
            )
            steps.append(Step("triangular_det", text, Det(current.columns(0, n)), Number(field, field.zero)))
            steps.append(singular_step(given))
            return tuple(steps), None
        if row != column:
            swap = Swap(column, row)
            swapped = swap.apply(current)
            text = f"Bring a non-zero pivot into place: {swap.describe()} (left-multiply by the swap matrix $P$)."
            steps.append(Step("row_swap", text, swap.written(current), swapped))
            current = swapped
        pivot = current.rows[column][column]
        if pivot != 1:
            scale = Scale(column, field.one / pivot)
            scaled = scale.apply(current)
            text = f"Make the pivot $1$: multiply $R_{{{column + 1}}}$ by ${number_latex(field, scale.factor)}$."
            steps.append(Step("row_scale", text, scale.written(current), scaled))
            current = scaled
        operations = [Replace(i, column, current.rows[i][column]) for i in range(n) if i != column and current.rows[i][column]]
        if operations:
            listed = ", ".join(f"replace $R_{{{op.target + 1}}}$ by ${op.describe(field)}$" for op in operations)
            reduced = apply_all(operations, current)
            text = f"Clear the rest of column {column + 1}: {listed}."
            steps.append(Step("row_replace", text, written_all(operations, current), reduced))
            current = reduced
    inverse = current.columns(n, 2 * n)
    steps.append(Step("gauss_jordan", "The left block is now $I$, so the right block is $A^{-1}$.", Inverse(original), inverse))
    steps.append(check_step(original, inverse))
    return tuple(steps), inverse.shown
