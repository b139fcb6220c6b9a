"""Minors and cofactors: C_ij = (-1)^(i+j) M_ij for every entry, then the cofactor matrix C.

``cofactor_matrix_steps`` is shared with the adjoint inverse; ``derive_cofactors`` is the
``derive cofactors`` kind.
"""
from __future__ import annotations

import sympy as sp

from symprimer.errors import InputError, TooLarge
from symprimer.linalg.determinant import determinant_steps
from symprimer.linalg.matrices import (
    board_difference,
    board_product,
    laplace_limit,
    merged_notes,
    minor_matrix,
    read_matrices,
    require_square,
    sign_chart,
    sign_power,
    subscript,
    tidy,
)
from symprimer.steps import Derivation, Step


def cofactor_step(matrix: sp.ImmutableMatrix, i: int, j: int) -> tuple[Step, sp.Expr]:
    """C_ij (0-based i, j) with the minor's determinant worked below it."""
    minor = minor_matrix(matrix, i, j)
    minor_name = subscript("M", i + 1, j + 1)
    minor_step, minor_value = determinant_steps(minor, name=minor_name)
    value = tidy((-1) ** (i + j) * minor_value)
    negative = (i + j) % 2 == 1
    shown = _as_written(minor, minor_value)
    if negative:
        shown = sp.Mul(sp.Integer(-1), shown, evaluate=False) if shown.is_Add else value  # -(xp - zm)
    sign = "-" if negative else "+"
    text = (
        f"{subscript('C', i + 1, j + 1)} = (-1)^({i + 1}+{j + 1}) {minor_name}: delete row {i + 1} and "
        f"column {j + 1}, take the determinant of what is left, sign {sign} from the chart."
    )
    written = board_product(sign_power(i + 1, j + 1), sp.Determinant(minor))
    step = Step("cofactor", text, written, shown, substeps=(minor_step,), params=(("i", i + 1), ("j", j + 1)))
    return step, value


def _as_written(minor: sp.ImmutableMatrix, value: sp.Expr) -> sp.Expr:
    """A symbolic 2x2 minor as the deck writes it, ad - bc in that order (else its value)."""
    if minor.shape != (2, 2) or not minor.free_symbols:
        return value
    a, b, c, d = minor
    return board_difference(board_product(a, d), board_product(b, c))


def cofactor_matrix_steps(matrix: sp.ImmutableMatrix, name: str = "A") -> tuple[Step, sp.ImmutableMatrix]:
    """One step C = ((-1)^(i+j) |M_ij|) = values, each cofactor worked as a substep."""
    require_square(matrix, name, "cofactors")
    n = matrix.rows
    if n < 2:
        raise InputError(f"{name} is 1x1; cofactors are defined for matrices of size 2x2 and up.")
    limit = laplace_limit(matrix)
    if n > limit:
        raise TooLarge(
            f"{name} is {n}x{n}: its {n * n} cofactors are each a {n - 1}x{n - 1} determinant, past what is worked "
            f"by hand; symprimer lists the cofactors of matrices like this one up to {limit}x{limit}."
        )
    steps, values, written = [], [], []
    for i in range(n):
        for j in range(n):
            step, value = cofactor_step(matrix, i, j)
            steps.append(step)
            values.append(value)
            written.append(step.before)
    cofactors = sp.ImmutableMatrix(n, n, values)
    text = f"Collect the cofactors into the cofactor matrix C of {name} (sign chart {sign_chart(n, n)})."
    board = sp.ImmutableMatrix(n, n, written)
    return Step("cofactor_matrix", text, board, cofactors, substeps=tuple(steps)), cofactors


def derive_cofactors(inputs: tuple[str, ...]) -> Derivation:
    """Every minor M_ij and cofactor C_ij of one square matrix, then C."""
    (read,) = read_matrices(inputs[:1])
    matrix = read.value
    step, cofactors = cofactor_matrix_steps(matrix)
    n = matrix.rows
    minors = {subscript("M", i + 1, j + 1): (-1) ** (i + j) * cofactors[i, j] for i in range(n) for j in range(n)}
    named = {subscript("C", i + 1, j + 1): cofactors[i, j] for i in range(n) for j in range(n)}
    return Derivation(
        kind="cofactors",
        question="Find every minor and cofactor of A, and the cofactor matrix C.",
        given=(("A", matrix),),
        steps=(*step.substeps, Step(step.rule, step.text, step.before, step.after)),
        result=cofactors,
        result_label="cofactor matrix C",
        notes=merged_notes([read]),
        details=(("minors", minors), ("cofactors", named)),
        source=tuple(inputs),
    )
