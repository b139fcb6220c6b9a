"""Elementary row operations with their board form, shared by elimination and Gauss-Jordan.

Each operation knows how to describe itself (``R2 - 3 R1``), to apply itself, and to show
the arithmetic: the changed rows written as unevaluated sums, which evaluate to the result.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symprimer.linalg.matrices import board_difference, board_product


@dataclass(frozen=True)
class Swap:
    first: int
    second: int

    def describe(self) -> str:
        return f"swap R{self.first + 1} and R{self.second + 1}"

    def apply(self, matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
        rows = [list(matrix.row(i)) for i in range(matrix.rows)]
        rows[self.first], rows[self.second] = rows[self.second], rows[self.first]
        return sp.ImmutableMatrix(rows)

    def permutation(self, size: int) -> sp.ImmutableMatrix:
        """The elementary matrix P with P M = M with the two rows swapped."""
        return self.apply(sp.ImmutableMatrix(sp.eye(size)))

    def written(self, matrix: sp.ImmutableMatrix) -> sp.Basic:
        return sp.MatMul(self.permutation(matrix.rows), matrix)


@dataclass(frozen=True)
class Scale:
    row: int
    factor: sp.Expr

    def describe(self) -> str:
        return f"replace R{self.row + 1} by ({self.factor}) R{self.row + 1}"

    def apply(self, matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
        return sp.ImmutableMatrix(
            matrix.rows, matrix.cols, lambda i, j: matrix[i, j] * self.factor if i == self.row else matrix[i, j]
        )

    def written(self, matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
        return sp.ImmutableMatrix(
            matrix.rows,
            matrix.cols,
            lambda i, j: board_product(self.factor, matrix[i, j]) if i == self.row and matrix[i, j] != 0 else matrix[i, j],
        )


@dataclass(frozen=True)
class Replace:
    """R_target <- R_target - factor * R_source."""

    target: int
    source: int
    factor: sp.Expr

    def describe(self) -> str:
        factor = self.factor
        if factor < 0:
            amount = "" if factor == -1 else f"{-factor} "
            return f"R{self.target + 1} + {amount}R{self.source + 1}"
        amount = "" if factor == 1 else f"{factor} "
        return f"R{self.target + 1} - {amount}R{self.source + 1}"

    def apply(self, matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
        def entry(i: int, j: int) -> sp.Expr:
            if i != self.target:
                return matrix[i, j]
            return matrix[i, j] - self.factor * matrix[self.source, j]

        return sp.ImmutableMatrix(matrix.rows, matrix.cols, entry)

    def written(self, matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
        def entry(i: int, j: int) -> sp.Expr:
            if i != self.target or matrix[self.source, j] == 0:
                return matrix[i, j]
            size = abs(self.factor)
            scaled = matrix[self.source, j] if size == 1 else board_product(size, matrix[self.source, j])
            if self.factor < 0:
                return sp.Add(matrix[i, j], scaled, evaluate=False)
            return board_difference(matrix[i, j], scaled)

        return sp.ImmutableMatrix(matrix.rows, matrix.cols, entry)


def written_all(operations: list[Replace], matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
    """Several replacements that share one pivot row, written into one matrix."""
    rows = [list(matrix.row(i)) for i in range(matrix.rows)]
    for operation in operations:
        rows[operation.target] = list(operation.written(matrix).row(operation.target))
    return sp.ImmutableMatrix(rows)


def pivot_row(matrix: sp.ImmutableMatrix, column: int, start: int) -> int | None:
    """The first row at or below ``start`` with a non-zero entry in ``column``."""
    for i in range(start, matrix.rows):
        if matrix[i, column] != 0:
            return i
    return None


def row_content(matrix: sp.ImmutableMatrix, row: int) -> sp.Integer:
    """The gcd of an integer row (1 when the row is not all integers)."""
    entries = [e for e in matrix.row(row) if e != 0]
    if not entries or not all(e.is_Integer for e in entries):
        return sp.Integer(1)
    return sp.Integer(sp.gcd_list(entries))
