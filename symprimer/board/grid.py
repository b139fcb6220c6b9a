"""The working matrix of a derivation: a grid of elements of the smallest exact domain that
holds its entries (integers, rationals, polynomials in the letters, surds, ...)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy as sp
from sympy.polys.constructor import construct_domain
from sympy.polys.matrices import DomainMatrix

from symprimer.board.arithmetic import Rows
from symprimer.board.base import Board
from symprimer.board.surds import SURDS, surd_rows
from symprimer.board.terms import Number


@dataclass(frozen=True)
class Grid(Board):
    """An explicit matrix of domain elements (the working matrix of a derivation)."""

    domain: Any
    rows: Rows

    @classmethod
    def from_sympy(cls, matrix: sp.MatrixBase, domain: Any = None) -> "Grid":
        """The matrix over the smallest exact domain holding its entries (or over ``domain``)."""
        if domain is not None:
            return cls.from_sympy(matrix).over(domain)
        entries = () if _numeric_at_sight(matrix) else matrix.flat()  # flat() copies: once
        if entries:
            letters = _letter_matrix(matrix, entries)
            if letters is not None:
                return letters
        rows = surd_rows(matrix) if entries and _irrational_numbers(entries) else None
        if rows is not None:  # sqrt(2), 1 + sqrt(3): exact and cheap, where EX would guess
            return cls(SURDS, rows)
        converted = matrix.to_DM()  # SymPy's domain search: costly for surds, hence them first
        if not converted.domain.is_EXRAW and _independent(converted.domain):
            return cls(converted.domain, tuple(tuple(row) for row in converted.to_list()))
        if not converted.domain.is_EXRAW:  # sin and cos, sqrt(x) and x: related, so no ring of them
            return cls(sp.EX, tuple(tuple(sp.EX.from_sympy(e) for e in row) for row in matrix.tolist()))
        entries = list(matrix)  # EXRAW keeps no structure: look for I, sqrt(2), ... with construct_domain
        domain, elements = construct_domain(entries) if entries else (sp.ZZ, [])
        cols = matrix.cols
        return cls(domain, tuple(tuple(elements[i * cols:(i + 1) * cols]) for i in range(matrix.rows)))

    @property
    def size(self) -> int:
        return len(self.rows)

    @property
    def free_symbols(self) -> set:
        domain = self.domain
        if domain.is_Numerical:
            return set()
        if domain.is_PolynomialRing or domain.is_FractionField:
            return set().union(*(generator.free_symbols for generator in domain.symbols))
        return self.shown.free_symbols

    @property
    def cols(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def _value(self) -> Rows:
        return self.rows

    def _shown(self) -> sp.ImmutableMatrix:
        if not self.rows or not self.rows[0]:
            return sp.ImmutableMatrix(len(self.rows), 0, [])
        matrix = self.domain_matrix()  # no domain search: ours is known
        if self.domain.is_ZZ or self.domain.is_QQ:  # kept in its domain (to_Matrix would convert twice)
            return sp.ImmutableMatrix._fromrep(matrix.to_sparse())
        return matrix.to_Matrix().as_immutable()

    def entry(self, i: int, j: int) -> Number:
        return Number(self.domain, self.rows[i][j])

    def minor(self, i: int, j: int) -> "Grid":
        """Row i and column j (0-based) deleted."""
        return Grid(self.domain, tuple(row[:j] + row[j + 1:] for k, row in enumerate(self.rows) if k != i))

    def transposed(self) -> "Grid":
        return Grid(self.domain, tuple(zip(*self.rows)))

    def over(self, domain: Any) -> "Grid":
        """The same matrix over a larger domain (a ring's field of fractions, say)."""
        if domain == self.domain:
            return self
        cache = self.__dict__.setdefault("_over", {})  # a matrix and its inverse's check both ask
        if domain not in cache:
            convert = domain.convert_from
            cache[domain] = Grid(domain, tuple(tuple(convert(e, self.domain) for e in row) for row in self.rows))
        return cache[domain]

    def columns(self, start: int, stop: int) -> "Grid":
        return Grid(self.domain, tuple(row[start:stop] for row in self.rows))

    def domain_matrix(self) -> DomainMatrix:
        return DomainMatrix([list(row) for row in self.rows], (self.size, self.cols), self.domain)


def _independent(domain: Any) -> bool:
    """Whether the domain's generators are plain symbols (algebraically independent).

    SymPy also makes rings over atoms such as sin(a) and cos(a), or sqrt(x) and x, where a
    polynomial that is not zero as a polynomial can vanish as a function (sin^2 + cos^2 - 1):
    deciding "det A is not 0" there would be wrong, so such matrices are worked over EX.
    """
    if not (domain.is_PolynomialRing or domain.is_FractionField):
        return True
    return all(generator.is_Symbol for generator in domain.symbols)


def _numeric_at_sight(matrix: sp.MatrixBase) -> bool:
    """Whether SymPy already holds the matrix over the integers or rationals (so no symbols).

    Reads the dense matrix's internal representation when it has one; anything else is
    simply looked at entry by entry.
    """
    representation = getattr(matrix, "_rep", None)
    domain = getattr(representation, "domain", None)
    return domain is not None and (domain.is_ZZ or domain.is_QQ)


def _irrational_numbers(entries: list) -> bool:
    """Whether every entry is a number and some entry is not rational (a surd candidate)."""
    return all(e.is_number for e in entries) and not all(e.is_Rational for e in entries)


def _letter_matrix(matrix: sp.MatrixBase, entries: list) -> Grid | None:
    """A matrix of plain symbols and integers (the deck's letter matrices) over ZZ[symbols],
    built directly: SymPy's general domain search costs more than the whole expansion."""
    if not all(e.is_Symbol or e.is_Integer for e in entries):
        return None
    symbols = tuple(sorted({e for e in entries if e.is_Symbol}, key=lambda s: s.name))
    if not symbols:
        return None
    domain = _integer_polynomials(symbols)
    generators = dict(zip(symbols, domain.gens))
    elements = [generators[e] if e.is_Symbol else domain(int(e)) for e in entries]
    cols = matrix.cols
    return Grid(domain, tuple(tuple(elements[i * cols:(i + 1) * cols]) for i in range(matrix.rows)))


@lru_cache(maxsize=64)
def _integer_polynomials(symbols: tuple) -> Any:
    """ZZ[symbols], made once per set of letters (building a ring is slow; rings are immutable)."""
    return sp.ZZ[symbols]


def identity(domain: Any, n: int) -> Grid:
    one, zero = domain.one, domain.zero
    return Grid(domain, tuple(tuple(one if i == j else zero for j in range(n)) for i in range(n)))
