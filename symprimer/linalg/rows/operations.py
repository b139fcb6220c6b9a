"""Elementary row operations with their board form, shared by elimination and Gauss-Jordan.

Each operation knows how to describe itself (``R2 - 3 R1``), to apply itself to a grid, and to
show the arithmetic: the changed rows written as sums, which evaluate to the result.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import gcd
from typing import Any

import sympy as sp

from symprimer.board import Board, Grid, MatrixProduct, Rows, identity
from symprimer.linalg.spectral.exact import is_zero
from symprimer.render.notation import to_latex


def is_negative(domain: Any, element: Any) -> bool:
    """element < 0, for the rationals directly and for other real numbers through SymPy."""
    if domain.is_ZZ or domain.is_QQ:
        return element < 0
    return bool(domain.to_sympy(element).is_negative)


def number_latex(domain: Any, element: Any) -> str:
    """An element as LaTeX for the prose (a fraction as \\frac, a surd as \\sqrt)."""
    return to_latex(domain.to_sympy(element))


def _row(index: int) -> str:
    return f"R_{{{index + 1}}}"


def _factor(domain: Any, element: Any) -> str:
    """A multiplier in front of a row: bracketed when it is a sum or negative, as (1 + i) R_{1}."""
    latex = number_latex(domain, element)
    if domain.is_ZZ or domain.is_QQ:  # SymPy's sign test is slow on a fresh number
        bracketed = element < 0
    else:
        value = domain.to_sympy(element)
        bracketed = value.is_Add or value.could_extract_minus_sign()
    return rf"\left({latex}\right)" if bracketed else latex


@dataclass(frozen=True)
class ScaledRow:
    """A row written as factor times each non-zero entry: (1/2) 4, (1/2) 6, 0."""

    domain: Any
    row: tuple
    factor: Any

    def evaluate(self) -> tuple:
        k = self.factor
        return tuple(k * e if e else e for e in self.row)

    def written(self) -> list:
        to_sympy = self.domain.to_sympy
        factor = to_sympy(self.factor)
        return [sp.Mul(factor, to_sympy(e), evaluate=False) if e else to_sympy(e) for e in self.row]


@dataclass(frozen=True)
class ReplacedRow:
    """A row written as target -/+ size * source, entry by entry, with the sign the reader sees.

    Valued from what is written (the sign and the size shown), so a sign printed wrongly
    makes the step fail to verify.
    """

    domain: Any
    target: tuple
    source: tuple
    size: Any  # the factor as shown: positive
    adds: bool  # True: written target + size * source; False: target - size * source

    def evaluate(self) -> tuple:
        k = self.size  # zero entries of the source row change nothing (and cost a fraction product)
        if self.adds:
            return tuple(t + k * s if s else t for t, s in zip(self.target, self.source))
        return tuple(t - k * s if s else t for t, s in zip(self.target, self.source))

    def written(self) -> list:
        to_sympy = self.domain.to_sympy
        size = to_sympy(self.size)
        entries = []
        for t, s in zip(self.target, self.source):
            if not s:
                entries.append(to_sympy(t))
                continue
            scaled = to_sympy(s) if self.size == 1 else sp.Mul(size, to_sympy(s), evaluate=False)
            if self.adds:
                entries.append(sp.Add(to_sympy(t), scaled, evaluate=False))
            else:
                entries.append(sp.Add(to_sympy(t), sp.Mul(sp.Integer(-1), scaled, evaluate=False), evaluate=False))
        return entries


@dataclass(frozen=True)
class WrittenRows(Board):
    """A matrix with some of its rows written out as arithmetic (the others as they were)."""

    base: Grid
    written: tuple[tuple[int, ScaledRow | ReplacedRow], ...]

    @property
    def domain(self) -> Any:
        return self.base.domain

    def _value(self) -> Rows:
        rows = list(self.base.rows)
        for index, form in self.written:
            rows[index] = form.evaluate()
        return tuple(rows)

    def _shown(self) -> sp.ImmutableMatrix:
        to_sympy = self.domain.to_sympy
        rows = [[to_sympy(e) for e in row] for row in self.base.rows]
        for index, form in self.written:
            rows[index] = form.written()
        return sp.ImmutableMatrix(rows)


@dataclass(frozen=True)
class Swap:
    first: int
    second: int

    def describe(self) -> str:
        return f"swap ${_row(self.first)}$ and ${_row(self.second)}$"

    def apply(self, grid: Grid) -> Grid:
        rows = list(grid.rows)
        rows[self.first], rows[self.second] = rows[self.second], rows[self.first]
        return Grid(grid.domain, tuple(rows))

    def permutation(self, domain: Any, size: int) -> Grid:
        """The elementary matrix P with P M = M with the two rows swapped."""
        return self.apply(identity(domain, size))

    def written(self, grid: Grid) -> Board:
        return MatrixProduct(grid.domain, (self.permutation(grid.domain, grid.size), grid))


@dataclass(frozen=True)
class Scale:
    row: int
    factor: Any  # an element of the grid's domain

    def describe(self, domain: Any) -> str:
        return f"replace ${_row(self.row)}$ by ${_factor(domain, self.factor)} {_row(self.row)}$"

    def apply(self, grid: Grid) -> Grid:
        rows = list(grid.rows)
        rows[self.row] = tuple(e * self.factor if e else e for e in rows[self.row])
        return Grid(grid.domain, tuple(rows))

    def written(self, grid: Grid) -> Board:
        return WrittenRows(grid, ((self.row, ScaledRow(grid.domain, grid.rows[self.row], self.factor)),))


@dataclass(frozen=True)
class Replace:
    """R_target <- R_target - factor * R_source."""

    target: int
    source: int
    factor: Any  # an element of the grid's domain

    def describe(self, domain: Any) -> str:
        """The new row as LaTeX, e.g. ``R_{2} - 3 R_{1}``; a negative multiple is added, not subtracted."""
        factor = self.factor
        if is_negative(domain, factor):
            amount = "" if factor == -1 else _factor(domain, -factor) + " "
            return f"{_row(self.target)} + {amount}{_row(self.source)}"
        amount = "" if factor == 1 else _factor(domain, factor) + " "
        return f"{_row(self.target)} - {amount}{_row(self.source)}"

    def applied_row(self, rows: Rows) -> tuple:
        k = self.factor
        return tuple(t - k * s if s else t for t, s in zip(rows[self.target], rows[self.source]))

    def written_row(self, grid: Grid) -> ReplacedRow:
        domain, rows = grid.domain, grid.rows
        negative = is_negative(domain, self.factor)
        size = -self.factor if negative else self.factor
        return ReplacedRow(domain, rows[self.target], rows[self.source], size, adds=negative)


def apply_all(operations: list[Replace], grid: Grid) -> Grid:
    """Replacements that share one pivot row (which none of them changes), applied together."""
    rows = list(grid.rows)
    for operation in operations:
        rows[operation.target] = operation.applied_row(grid.rows)
    return Grid(grid.domain, tuple(rows))


def written_all(operations: list[Replace], grid: Grid) -> Board:
    """Several replacements that share one pivot row, written into one matrix."""
    return WrittenRows(grid, tuple((operation.target, operation.written_row(grid)) for operation in operations))


def vanishes(domain: Any, element: Any) -> bool:
    """Whether an element is zero as a value, not just as written: exact domains over numbers
    or plain symbols say so by their canonical form; EX asks SymPy (simplify, or 60 digits)."""
    if not (domain.is_EX or domain.is_EXRAW):
        return not element
    return is_zero(domain.to_sympy(element))


def pivot_row(grid: Grid, column: int, start: int) -> int | None:
    """The first row at or below ``start`` with a non-zero entry in ``column``."""
    for i in range(start, grid.size):
        if not vanishes(grid.domain, grid.rows[i][column]):
            return i
    return None


def row_content(grid: Grid, row: int) -> int:
    """The gcd of an integer row (1 when the row is not all integers)."""
    domain = grid.domain
    entries = [e for e in grid.rows[row] if e]
    if not entries:
        return 1
    if domain.is_ZZ:
        return gcd(*entries)
    if domain.is_QQ and all(e.denominator == 1 for e in entries):
        return gcd(*(int(e.numerator) for e in entries))
    return 1
