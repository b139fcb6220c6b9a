"""Minors and cofactors: C_ij = (-1)^(i+j) M_ij for every entry, then the cofactor matrix C.

``cofactor_matrix_steps`` is shared with the adjoint inverse; ``derive_cofactors`` is the
``derive cofactors`` kind.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy as sp

from symprimer.board import Board, Difference, Grid, Negated, Number, Product, SignPower, WrittenGrid, numbers
from symprimer.core.errors import InputError, TooLarge
from symprimer.linalg.determinant.laplace import minor_determinant
from symprimer.linalg.basic.matrices import (
    chart_latex, laplace_limit, merged_notes, name_latex, read_matrices, require_square, subscript,
)
from symprimer.render.handform import read_product, written_difference
from symprimer.core.steps import Derivation, Step


def cofactor_step(grid: Grid, i: int, j: int, worked: dict) -> tuple[Step, object]:
    """C_ij (0-based i, j) with the minor's determinant worked below it (once per matrix: see
    ``minor_determinant``); the value is in grid.domain."""
    domain = grid.domain
    minor_step, minor_value = minor_determinant(grid, i, j, worked)
    minor_det, minor = minor_step.left, minor_step.left.matrix
    negative = (i + j) % 2 == 1
    value = -minor_value if negative else minor_value
    shown = _as_written(minor, minor_value)
    if isinstance(shown, Difference):  # the minor's value as written too: |y z; l p| = yp - zl
        minor_step = minor_step.replaced(after=shown)
    if negative:
        shown = Negated(domain, shown) if isinstance(shown, Difference) else Number(domain, value)  # -(xp - zm)
    written = Product(domain, (SignPower(domain, i + 1, j + 1), minor_det))
    step = Step("cofactor", _cofactor_text(i, j), written, shown, substeps=(minor_step,), params=(("i", i + 1), ("j", j + 1)))
    return step, value


@lru_cache(maxsize=256)
def _cofactor_text(i: int, j: int) -> str:
    """The sentence of C_ij (0-based i, j): the same for every matrix, so written once."""
    sign = "-" if (i + j) % 2 == 1 else "+"
    return (
        f"${name_latex(subscript('C', i + 1, j + 1))} = (-1)^{{{i + 1}+{j + 1}}} {name_latex(subscript('M', i + 1, j + 1))}$: "
        f"delete row {i + 1} and column {j + 1}, take the determinant of what is left, sign ${sign}$ from the chart."
    )


def _as_written(minor: Grid, value: object) -> Board:
    """A symbolic 2x2 minor as the deck writes it, ad - bc in that order (else its value)."""
    domain = minor.domain
    if minor.size != 2 or not domain.is_PolynomialRing:
        return Number(domain, value)
    (a, b), (c, d) = minor.rows
    return Difference(domain, Product(domain, numbers(domain, (a, d))), Product(domain, numbers(domain, (b, c))))


@dataclass(frozen=True)
class WrittenCofactor(Board):
    """A cofactor C_ij already worked (its ``element``), shown in the order of its C_ij line.

    The cofactor matrix is checked by exact arithmetic on ``element``; the written form (built
    with SymPy) is made only when the matrix is printed.
    """

    domain: Any
    element: Any
    minor: Grid
    negative: bool

    @property
    def value(self) -> Any:
        return self.element

    def _shown(self) -> sp.Expr:
        return written_cofactor(self.minor, self.negative, self.domain.to_sympy(self.element))


def written_cofactor(minor: Grid, negative: bool, value: sp.Expr) -> sp.Expr:
    """A symbolic 2x2 minor's cofactor in the order of its C_ij line: y p - z l, and for a minus
    sign from the chart the same products swapped (z l - x p); else its value."""
    if minor.size != 2 or not minor.domain.is_PolynomialRing:
        return value
    (a, b), (c, d) = minor.shown.tolist()
    first, second = read_product(a, d), read_product(b, c)
    terms = (second, first) if negative else (first, second)
    if len(sp.Add.make_args(value)) != 2 or any(term.is_number or term.could_extract_minus_sign() for term in terms):
        return value
    return written_difference(*terms)


def cofactor_matrix_steps(matrix: sp.ImmutableMatrix | Grid, name: str = "A", worked: dict | None = None) -> tuple[Step, Grid]:
    """One step C = ((-1)^(i+j) |M_ij|) = values, each cofactor worked as a substep; ``worked``
    holds the minors of the matrix already worked (det A's expansion)."""
    worked = {} if worked is None else worked
    grid = matrix if isinstance(matrix, Grid) else Grid.from_sympy(sp.ImmutableMatrix(matrix))
    n = grid.size
    if n != grid.cols:
        require_square(grid.shown, name, "cofactors")
    if n < 2:
        raise InputError(f"{name} is 1x1; cofactors are defined for matrices of size 2x2 and up.")
    limit = laplace_limit(grid)
    if n > limit:
        raise TooLarge(
            f"{name} is {n}x{n}: its {n * n} cofactors are each a {n - 1}x{n - 1} determinant, past what is worked "
            f"by hand; symprimer lists the cofactors of matrices like this one up to {limit}x{limit}."
        )
    steps, values, written = [], [], []
    for i in range(n):
        value_row, written_row = [], []
        for j in range(n):
            step, value = cofactor_step(grid, i, j, worked)
            steps.append(step)
            value_row.append(value)
            written_row.append(step.left)
        values.append(tuple(value_row))
        written.append(tuple(written_row))
    cofactors = Grid(grid.domain, tuple(values))
    text = f"Collect the cofactors into the cofactor matrix $C$ of ${name_latex(name)}$ (sign chart ${chart_latex(n, n)}$)."
    board = WrittenGrid(grid.domain, tuple(written))
    return Step("cofactor_matrix", text, board, written_cofactors(grid, cofactors), substeps=tuple(steps)), cofactors


def written_cofactors(grid: Grid, cofactors: Grid) -> Grid | WrittenGrid:
    """The cofactor matrix with each entry in the order of its C_ij line (its value unchanged):
    only a symbolic 3x3 has 2x2 minors written as products; any other is its values."""
    if grid.size != 3 or not grid.domain.is_PolynomialRing:
        return cofactors
    return WrittenGrid(grid.domain, tuple(
        tuple(WrittenCofactor(grid.domain, element, grid.minor(i, j), (i + j) % 2 == 1) for j, element in enumerate(row))
        for i, row in enumerate(cofactors.rows)
    ))


def derive_cofactors(inputs: tuple[str, ...]) -> Derivation:
    """Every minor M_ij and cofactor C_ij of one square matrix, then C."""
    (read,) = read_matrices(inputs[:1])
    matrix = read.value
    step, grid = cofactor_matrix_steps(matrix)
    cofactors = grid.shown
    n = matrix.rows
    minors = {subscript("M", i + 1, j + 1): (-1) ** (i + j) * cofactors[i, j] for i in range(n) for j in range(n)}
    named = {subscript("C", i + 1, j + 1): cofactors[i, j] for i in range(n) for j in range(n)}
    return Derivation(
        kind="cofactors",
        question="Find every minor and cofactor of $A$, and the cofactor matrix $C$.",
        given=(("A", matrix),),
        steps=(*step.substeps, Step(step.rule, step.text, step.left, step.right)),
        result=step.after,  # each entry in the order of its C_ij line: y p - z m
        result_label="cofactor matrix $C$",
        notes=merged_notes([read]),
        details=(("minors", minors), ("cofactors", named)),
        source=tuple(inputs),
    )
