"""det A by row elimination to upper-triangular form, tracking what each operation does to det.

Swapping two rows flips the sign, factoring a common factor out of a row multiplies the
determinant by it, adding a multiple of one row to another changes nothing; the determinant
of the triangular result is the product of its diagonal.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from symprimer.board import Board, Det, Grid, Number, Product, field_of, numbers
from symprimer.core.errors import InputError
from symprimer.linalg.basic.matrices import is_numeric, name_latex
from symprimer.linalg.rows.operations import Replace, Scale, Swap, apply_all, number_latex, pivot_row, row_content, written_all
from symprimer.core.steps import Step


def _scaled_det(factor: Any, grid: Grid) -> Board:
    """factor |matrix| as written (just |matrix| when the factor is 1)."""
    if factor == 1:
        return Det(grid)
    return Product(grid.domain, (Number(grid.domain, factor), Det(grid)))


def elimination_steps(given: Grid, name: str = "A") -> tuple[tuple[Step, ...], sp.Expr]:
    """The row-reduction steps for |given| and its value (numeric entries only)."""
    if not is_numeric(given):
        raise InputError(
            f"{name} has symbolic entries; row elimination would divide by expressions that may be zero, "
            "so use --method laplace."
        )
    field = field_of(given.domain)
    current, factor = given.over(field), field.one
    steps: list[Step] = []
    n = current.size
    for column in range(n):
        row = pivot_row(current, column, column)
        if row is None:
            text = (
                f"Column {column + 1} has no non-zero entry on or below the diagonal, so the reduced matrix "
                "has a zero on its diagonal and the determinant is 0."
            )
            steps.append(Step("triangular_det", text, _scaled_det(factor, current), Number(field, field.zero)))
            return tuple(steps), sp.Integer(0)
        if row != column:
            swap = Swap(column, row)
            swapped = swap.apply(current)
            text = f"Pivot for column {column + 1}: {swap.describe()}; a row swap changes the sign of the determinant."
            steps.append(Step("row_swap", text, _scaled_det(factor, current), _scaled_det(-factor, swapped)))
            current, factor = swapped, -factor
        content = row_content(current, column)
        if content != 1:
            scale = Scale(column, field.one / content)
            scaled = scale.apply(current)
            text = f"Take the common factor ${content}$ out of $R_{{{column + 1}}}$; the determinant gains that factor."
            steps.append(Step("row_scale", text, _scaled_det(factor, current), _scaled_det(factor * content, scaled)))
            current, factor = scaled, factor * content
        pivot = current.rows[column][column]
        operations = [
            Replace(i, column, current.rows[i][column] / pivot) for i in range(column + 1, n) if current.rows[i][column]
        ]
        if operations:
            reduced = apply_all(operations, current)
            listed = ", ".join(f"replace $R_{{{op.target + 1}}}$ by ${op.describe(field)}$" for op in operations)
            text = (
                f"Clear column {column + 1} below the pivot ${number_latex(field, pivot)}$: {listed}. Adding a multiple "
                "of one row to another leaves the determinant unchanged."
            )
            arithmetic = Step("evaluate", "The row arithmetic.", written_all(operations, current), reduced)
            steps.append(
                Step("row_replace", text, _scaled_det(factor, current), _scaled_det(factor, reduced), substeps=(arithmetic,))
            )
            current = reduced
    diagonal = [current.rows[i][i] for i in range(n)]
    value = factor
    for entry in diagonal:
        value = value * entry
    product = Product(field, numbers(field, ([factor] if factor != 1 else []) + diagonal))
    text = "The matrix is upper triangular, so its determinant is the product of its diagonal entries."
    steps.append(Step("triangular_det", text, _scaled_det(factor, current), product))
    steps.append(Step("evaluate", f"Multiply out: $\\det {name_latex(name)}$.", product, Number(field, value)))
    return tuple(steps), field.to_sympy(value)
