"""Board forms that cost little to build and verify, and become SymPy only when shown.

A worked determinant or inverse writes hundreds of small expressions on the board (a sign
power times an entry times a minor, ``2*3 - 1*4``, a row written as ``R2 - 3 R1``).  Built as
unevaluated SymPy objects they cost far more than the mathematics itself.  Here each form is a
small frozen node over an exact SymPy *domain* (``ZZ``, ``QQ``, ``ZZ[a, b]``, ``QQ(lambda)``,
Gaussian rationals, ...): its ``value`` is computed with the domain's exact arithmetic, and its
``shown`` SymPy form (what the printers and templates see) is built only when asked for.

A step whose two sides are boards verifies by comparing exact values.  Determinants are
valued independently of the Laplace expansion or row elimination that produced the claim: ad - bc,
the rule of Sarrus for 3x3, SymPy's ``DomainMatrix.det`` (Bareiss) beyond; an inverse is checked
as ``M Y = I`` and products of explicit matrices in whole numbers or polynomials (no gcds).  The
``EX`` domain has no canonical form, so its claims are decided by ``symprimer.exact.equality`` instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from math import lcm
from typing import Any, Iterable, Sequence

import sympy as sp
from sympy.polys.constructor import construct_domain
from sympy.polys.matrices import DomainMatrix

from symprimer.board.surds import SURDS, surd_rows

Rows = tuple[tuple[Any, ...], ...]


def _restore(shown: Any) -> Any:
    return shown


class Board:
    """A form on the board: an exact ``value`` in ``domain`` and a lazily built ``shown`` form."""

    domain: Any

    @property
    def value(self) -> Any:
        # A plain dict cache: functools.cached_property takes a lock on every access (3.11).
        cache = self.__dict__
        if "_value" not in cache:
            cache["_value"] = self._value()
        return cache["_value"]

    @property
    def shown(self) -> Any:
        cache = self.__dict__
        if "_shown" not in cache:
            cache["_shown"] = self._shown()
        return cache["_shown"]

    def _value(self) -> Any:
        raise NotImplementedError

    def _shown(self) -> Any:
        raise NotImplementedError

    def equals(self, other: "Board") -> bool:
        """Exact equality of the two values (subclasses with no plain value override this)."""
        if isinstance(other, (Inverse, MatrixProduct)):
            return other.equals(self)
        if self.domain.is_FractionField:
            mine, theirs = self.value, other.value
            if isinstance(mine, tuple):
                return rows_equal(self.domain, mine, theirs)
            return same(self.domain, mine, theirs)
        return self.value == other.value

    def __reduce__(self) -> tuple:
        # Crossing a process boundary (the budget's child) a board travels as what it shows:
        # some polynomial rings do not pickle, and the receiving side only renders.
        return _restore, (self.shown,)


def field_of(domain: Any) -> Any:
    """The domain itself if it divides, else its field of fractions (ZZ -> QQ, ZZ[a] -> ZZ(a))."""
    return domain if domain.is_Field else domain.get_field()


def times(domain: Any, x: Any, y: Any) -> Any:
    """x * y; in a field of rational functions the fraction is kept as written (no gcd).

    ``c / det A`` is how an adjugate entry over the determinant is written, and cancelling
    common factors of large polynomials costs far more than the whole derivation.
    """
    if domain.is_FractionField:
        return x.raw_new(x.numer * y.numer, x.denom * y.denom)
    return x * y


def same(domain: Any, x: Any, y: Any) -> bool:
    """x == y, fractions compared crosswise (so unreduced ones compare right)."""
    if domain.is_FractionField:
        return x.numer * y.denom == y.numer * x.denom
    return x == y


def rows_equal(domain: Any, left: Rows, right: Rows) -> bool:
    if len(left) != len(right) or any(len(a) != len(b) for a, b in zip(left, right)):
        return False
    if not domain.is_FractionField:
        return left == right
    return all(same(domain, x, y) for a, b in zip(left, right) for x, y in zip(a, b))


def product_equals(domain: Any, left: Rows, right: Rows, target: Rows) -> bool:
    """Whether left @ right == target, exactly.

    Over rational functions each column of ``right`` is first brought to one denominator, so
    the check multiplies polynomials only (a field's matmul would take gcds at every step).
    """
    n, inner, m = len(left), len(right), len(right[0]) if right else 0
    if any(len(row) != inner for row in left) or len(target) != n or any(len(row) != m for row in target):
        return False
    if domain.is_QQ or domain.is_ZZ:
        return _rational_product_equals(left, right, target)
    if not (domain.is_FractionField and all(x.denom == 1 for row in left for x in row)):
        product = DomainMatrix([list(r) for r in left], (n, inner), domain) * DomainMatrix(
            [list(r) for r in right], (inner, m), domain
        )
        return rows_equal(domain, tuple(tuple(r) for r in product.to_list()), target)
    plain = [[x.numer for x in row] for row in left]
    for j in range(m):
        column = [right[k][j] for k in range(inner)]
        denominators = []
        for entry in column:
            if entry.numer and entry.denom not in denominators:
                denominators.append(entry.denom)
        common = _product(denominators, domain)
        scaled = [entry.numer * _product([d for d in denominators if d != entry.denom], domain) if entry.numer else None for entry in column]
        for i in range(n):
            total = sum((plain[i][k] * scaled[k] for k in range(inner) if scaled[k] is not None), start=common * 0)
            wanted = target[i][j]
            if total * wanted.denom != wanted.numer * common:
                return False
    return True


def _rational_product_equals(left: Rows, right: Rows, target: Rows) -> bool:
    """left @ right == target over the rationals, in Python integers: each column of ``right``
    and each row of ``left`` is scaled to whole numbers first."""
    def whole(entries: Sequence[Any]) -> tuple[int, list[int]]:  # ZZ and QQ elements both have these
        common = lcm(*(int(e.denominator) for e in entries))
        return common, [int(e.numerator) * (common // int(e.denominator)) for e in entries]

    rows = [whole(row) for row in left]
    for j in range(len(right[0])):
        column_scale, column = whole([row[j] for row in right])
        for (row_scale, row), wanted_row in zip(rows, target):
            total = sum(a * b for a, b in zip(row, column))
            wanted = wanted_row[j]
            numerator, denominator = int(wanted.numerator), int(wanted.denominator)
            if total * denominator != numerator * row_scale * column_scale:
                return False
    return True


def _product(polynomials: list, domain: Any) -> Any:
    value = domain.one.numer
    for p in polynomials:
        value = value * p
    return value


def exact(domain: Any) -> bool:
    """Whether equal values in this domain are equal as data (every domain but EX/EXRAW)."""
    return not (domain.is_EX or domain.is_EXRAW)


@dataclass(frozen=True)
class Number(Board):
    """One domain element: an entry, a value, a factor."""

    domain: Any
    element: Any

    @property
    def value(self) -> Any:
        return self.element

    def _shown(self) -> Any:
        return self.domain.to_sympy(self.element)


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
        if not _numeric_at_sight(matrix):
            letters = _letter_matrix(matrix)
            if letters is not None:
                return letters
        rows = surd_rows(matrix) if _irrational_numbers(matrix) else None
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


def _irrational_numbers(matrix: sp.MatrixBase) -> bool:
    """Whether every entry is a number and some entry is not rational (a surd candidate)."""
    entries = matrix.flat()
    return all(e.is_number for e in entries) and not all(e.is_Rational for e in entries)


def _letter_matrix(matrix: sp.MatrixBase) -> Grid | None:
    """A matrix of plain symbols and integers (the deck's letter matrices) over ZZ[symbols],
    built directly: SymPy's general domain search costs more than the whole expansion."""
    entries = matrix.flat()
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
    """|M| of an explicit matrix, valued by Bareiss elimination (not by the expansion shown)."""

    matrix: Grid

    @property
    def domain(self) -> Any:
        return self.matrix.domain

    def _value(self) -> Any:
        rows = self.matrix.rows
        if len(rows) == 1:
            return rows[0][0]
        if len(rows) == 2:
            (a, b), (c, d) = rows
            return a * d - b * c
        if len(rows) == 3:  # the rule of Sarrus: a different route from the expansion being checked
            (a, b, c), (d, e, f), (g, h, i) = rows
            return a * e * i + b * f * g + c * d * h - c * e * g - b * d * i - a * f * h
        return self.matrix.domain_matrix().det()

    def _shown(self) -> Any:
        return sp.Determinant(self.matrix.shown)


@dataclass(frozen=True)
class SignPower(Board):
    """(-1)^(i+j) with 1-based i, j, shown with its exponent."""

    domain: Any
    i: int
    j: int

    def _value(self) -> Any:
        return self.domain.one if (self.i + self.j) % 2 == 0 else -self.domain.one

    def _shown(self) -> Any:
        return sp.Pow(-1, sp.Add(sp.Integer(self.i), sp.Integer(self.j), evaluate=False), evaluate=False)


@dataclass(frozen=True)
class Product(Board):
    """Factors shown side by side, not multiplied out."""

    domain: Any
    factors: tuple[Board, ...]

    def _value(self) -> Any:
        """The product of the factors; a sign power negates instead of multiplying (surd
        arithmetic makes every multiplication count)."""
        value, negative = None, False
        for factor in self.factors:
            if isinstance(factor, SignPower):
                negative ^= (factor.i + factor.j) % 2 == 1
            else:
                value = factor.value if value is None else value * factor.value
        value = self.domain.one if value is None else value
        return -value if negative else value

    def _shown(self) -> Any:
        return sp.Mul(*(factor.shown for factor in self.factors), evaluate=False)


@dataclass(frozen=True)
class Total(Board):
    """Terms shown in the order written, not collected."""

    domain: Any
    terms: tuple[Board, ...]

    def _value(self) -> Any:
        value = self.domain.zero
        for term in self.terms:
            value = value + term.value
        return value

    def _shown(self) -> Any:
        if len(self.terms) == 1:
            return self.terms[0].shown
        return sp.Add(*(term.shown for term in self.terms), evaluate=False)


@dataclass(frozen=True)
class Difference(Board):
    """left - right as written."""

    domain: Any
    left: Board
    right: Board

    def _value(self) -> Any:
        return self.left.value - self.right.value

    def _shown(self) -> Any:
        return sp.Add(self.left.shown, sp.Mul(sp.Integer(-1), self.right.shown, evaluate=False), evaluate=False)


@dataclass(frozen=True)
class Negated(Board):
    """-(form), the bracket kept: -(xp - zm)."""

    domain: Any
    inner: Board

    def _value(self) -> Any:
        return -self.inner.value

    def _shown(self) -> Any:
        return sp.Mul(sp.Integer(-1), self.inner.shown, evaluate=False)


@dataclass(frozen=True)
class MatrixProduct(Board):
    """Matrices side by side, multiplied only when valued."""

    domain: Any
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


def definition_holds(name: Any, board: Board) -> bool:
    """``name := board`` introduces a fresh symbol (numbers hold none, so no form is built)."""
    if not isinstance(name, sp.Symbol):
        return False
    return board.domain.is_Numerical or name not in board.shown.free_symbols


def board_claim_holds(before: Board, after: Board, relation: str) -> bool | None:
    """Exact verdict on ``before relation after`` (None when boards cannot decide: EX, mixed domains)."""
    if relation not in ("=", "!="):
        return None
    if not (exact(before.domain) and exact(after.domain)):
        return None
    same = before.equals(after)
    return same if relation == "=" else not same


def numbers(domain: Any, elements: Iterable[Any]) -> tuple[Number, ...]:
    return tuple(Number(domain, e) for e in elements)

