"""The inverse by Gauss-Jordan: row-reduce [A | I] until the left block is I; the right is A^-1.

Each step shows the row arithmetic on the augmented matrix (the changed rows written out as
sums), so the claim "this matrix equals that one" is the arithmetic the reader checks.
"""
from __future__ import annotations

import sympy as sp

from symprimer.errors import InputError
from symprimer.linalg.matrices import is_numeric
from symprimer.linalg.rowops import Replace, Scale, Swap, pivot_row, written_all
from symprimer.steps import Step


def _augmented(matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(matrix.row_join(sp.eye(matrix.rows)))


def gauss_jordan_steps(matrix: sp.ImmutableMatrix) -> tuple[tuple[Step, ...], sp.ImmutableMatrix | None]:
    """The row operations on [A | I] and the inverse (None when A is singular)."""
    from symprimer.linalg.inverse import check_step, singular_step

    if not is_numeric(matrix):
        raise InputError(
            "A has symbolic entries; Gauss-Jordan would divide by expressions that may be zero, "
            "so use the adjoint method (--method adjoint)."
        )
    n = matrix.rows
    current = _augmented(matrix)
    text = "Write the augmented matrix [A | I] and row-reduce it until the left block is I."
    steps = [Step("gauss_jordan", text, sp.Symbol("[A | I]"), current, relation=":=")]
    for column in range(n):
        row = pivot_row(current, column, column)
        if row is None:
            text = (
                f"Column {column + 1} has no pivot on or below the diagonal, so the left block cannot be "
                "reduced to I: its determinant is 0, and row operations only rescale det A."
            )
            steps.append(Step("triangular_det", text, sp.Determinant(sp.ImmutableMatrix(current[:, :n])), sp.Integer(0)))
            steps.append(singular_step(matrix))
            return tuple(steps), None
        if row != column:
            swap = Swap(column, row)
            swapped = swap.apply(current)
            steps.append(Step("row_swap", f"Bring a non-zero pivot into place: {swap.describe()} (left-multiply by the swap matrix P).", swap.written(current), swapped))
            current = swapped
        pivot = current[column, column]
        if pivot != 1:
            scale = Scale(column, 1 / pivot)
            scaled = scale.apply(current)
            text = f"Make the pivot 1: multiply R{column + 1} by {1 / pivot}."
            steps.append(Step("row_scale", text, scale.written(current), scaled))
            current = scaled
        operations = [Replace(i, column, current[i, column]) for i in range(n) if i != column and current[i, column] != 0]
        if operations:
            listed = ", ".join(f"replace R{op.target + 1} by {op.describe()}" for op in operations)
            reduced = current
            for operation in operations:
                reduced = operation.apply(reduced)
            text = f"Clear the rest of column {column + 1}: {listed}."
            steps.append(Step("row_replace", text, written_all(operations, current), reduced))
            current = reduced
    inverse = sp.ImmutableMatrix(current[:, n:])
    steps.append(Step("gauss_jordan", "The left block is now I, so the right block is A^-1.", sp.Inverse(matrix), inverse))
    steps.append(check_step(matrix, inverse))
    return tuple(steps), inverse
