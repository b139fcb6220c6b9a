"""Matrix board forms: a matrix of written entries, |M|, M^T, k M, products of matrices and M^-1.

Determinants are valued independently of the Laplace expansion or row elimination that
produced the claim: ad - bc, the rule of Sarrus for 3x3, SymPy's ``DomainMatrix.det``
(Bareiss) beyond; an inverse is checked as ``M Y = I``, and products of explicit matrices in
whole numbers or polynomials (no gcds).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.polys.matrices import DomainMatrix

from symprimer.board.arithmetic import Rows, field_of, product_equals, times
from symprimer.board.base import Board
from symprimer.board.grid import Grid, identity


@dataclass(frozen=True)
class WrittenGrid(Board):
    """A matrix whose entries are written out as board forms (rows of a row operation)."""

    domain: Any
    rows: tuple[tuple[Board, ...], ...]

    def _value(self) -> Rows:
        return tuple(tuple(entry.value for entry in row) for row in self.rows)

    def _shown(self) -> sp.ImmutableMatrix:
        return sp.ImmutableMatrix([[entry.shown for entry in row] for row in self.rows])

    @property
    def size(self) -> int:
        return len(self.rows)

    def entry(self, i: int, j: int) -> Board:
        return self.rows[i][j]

    def transposed(self) -> "WrittenGrid":
        return WrittenGrid(self.domain, tuple(zip(*self.rows)))


@dataclass(frozen=True)
class Det(Board):
    """|M| of an explicit matrix, valued by a route of its own (not the expansion shown): ad - bc,
    the rule of Sarrus, a 4x4 along its last column with Sarrus minors, Bareiss beyond."""

    matrix: Grid

    @property
    def domain(self) -> Any:
        return self.matrix.domain

    def _value(self) -> Any:
        rows = self.matrix.rows
        if len(rows) <= 3:
            return _small_det(rows)
        if len(rows) == 4:  # cheaper than Bareiss' exact polynomial divisions
            value = self.domain.zero
            for i, row in enumerate(rows):
                if row[3]:
                    term = row[3] * _small_det(tuple(r[:3] for k, r in enumerate(rows) if k != i))
                    value = value + term if i % 2 else value - term  # the chart's signs in column 4: - + - +
            return value
        return self.matrix.domain_matrix().det()

    def _shown(self) -> Any:
        return sp.Determinant(self.matrix.shown)


@dataclass(frozen=True)
class MatrixProduct(Board):
    """Matrices side by side, multiplied only when valued."""

    domain: Any
    decides_equality = True
    factors: tuple[Board, ...]

    def _value(self) -> Rows:
        product = None
        for factor in self.factors:
            current = _as_domain_matrix(factor, self.domain)
            product = current if product is None else product * current
        return tuple(tuple(row) for row in product.to_list())

    def _shown(self) -> Any:
        return sp.MatMul(*(factor.shown for factor in self.factors))

    def equals(self, other: Board) -> bool:
        if len(self.factors) != 2 or other.domain != self.domain:
            return super().equals(other)
        left, right = (_over(factor, self.domain) for factor in self.factors)
        return product_equals(self.domain, left, right, other.value)


@dataclass(frozen=True)
class Scaled(Board):
    """factor * M, the factor kept outside the matrix (1/det A times adj A); M's entries are
    taken into ``domain`` (adj A over a ring, scaled in its field of fractions)."""

    domain: Any
    factor: Board
    matrix: Board

    def _value(self) -> Rows:
        k, domain = self.factor.value, self.domain
        return tuple(tuple(times(domain, k, e) for e in row) for row in _over(self.matrix, domain))

    def _shown(self) -> Any:
        return sp.MatMul(self.factor.shown, self.matrix.shown)


@dataclass(frozen=True)
class Transposed(Board):
    """M^T of an explicit matrix (a grid of elements or of written entries)."""

    matrix: Grid | WrittenGrid

    @property
    def domain(self) -> Any:
        return self.matrix.domain

    def _value(self) -> Rows:
        return tuple(zip(*self.matrix.value))

    def _shown(self) -> Any:
        return sp.Transpose(self.matrix.shown)


@dataclass(frozen=True)
class Inverse(Board):
    """M^-1, never computed: a claim ``M^-1 = Y`` is decided exactly as ``M Y = I``."""

    matrix: Grid
    decides_equality = True

    @property
    def domain(self) -> Any:
        return self.matrix.domain

    def _value(self) -> Any:
        raise TypeError("an inverse is compared through M Y = I, not by value")

    def _shown(self) -> Any:
        return sp.Inverse(self.matrix.shown)

    def equals(self, other: Board) -> bool:
        field = field_of(self.domain)
        if field_of(other.domain) != field:
            return False
        n = self.matrix.size
        left = self.matrix.over(field).rows
        return product_equals(field, left, _over(other, field), identity(field, n).rows)


def _small_det(rows: Rows) -> Any:
    """The determinant of a 1x1, 2x2 or 3x3 (the rule of Sarrus) matrix of domain elements."""
    if len(rows) == 1:
        return rows[0][0]
    if len(rows) == 2:
        (a, b), (c, d) = rows
        return a * d - b * c
    (a, b, c), (d, e, f), (g, h, i) = rows
    return a * e * i + b * f * g + c * d * h - c * e * g - b * d * i - a * f * h


def _over(board: Board, domain: Any) -> Rows:
    """The board's matrix value with its entries in ``domain``."""
    rows = board.value
    if board.domain == domain:
        return rows
    convert = domain.convert_from
    return tuple(tuple(convert(e, board.domain) for e in row) for row in rows)


def _as_domain_matrix(board: Board, domain: Any) -> DomainMatrix:
    rows = board.value
    matrix = DomainMatrix([list(row) for row in rows], (len(rows), len(rows[0]) if rows else 0), board.domain)
    return matrix if board.domain == domain else matrix.convert_to(domain)
