"""Board forms of eigen and SVD work (see ``symprimer.board``): valued exactly, shown lazily.

Entries are rationals (QQ) or surds (``symprimer.board.surds``); polynomials in lambda are coefficient
tuples, highest power first; linear forms in the unknowns x_j are tuples of coefficients, one per
unknown.  Each node's ``value`` is computed by plain exact arithmetic from what it shows, and its
``shown`` SymPy form is exactly the form the derivation used to build eagerly (so the rendered
text is unchanged), built only when rendered.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import sympy as sp

from symprimer.board import Board, Det, Grid, Number, Rows
from symprimer.board.surds import Surd, square_root

LAMBDA = sp.Symbol("lamda")


def written_nonzero(x: Any) -> bool:
    """Whether an entry is not written as 0: the exact test for rationals and surds, the form
    alone for an expression (skipping only what is written 0 is sound, and no zero test is paid)."""
    return bool(getattr(x, "expr", x))


def multiply(left: Rows, right: Rows) -> Rows:
    """left @ right for explicit rows of exact numbers (zero entries skipped: elementary and
    diagonal matrices are mostly zeros)."""
    width = len(right[0]) if right else 0
    out = []
    for row in left:
        used = [(a, right[k]) for k, a in enumerate(row) if written_nonzero(a)]
        entries = []
        for j in range(width):
            total = None
            for a, other in used:
                b = other[j]
                if written_nonzero(b):
                    total = a * b if total is None else total + a * b
            entries.append(0 if total is None else total)
        out.append(tuple(entries))
    return tuple(out)


def scaled_rows(k: Any, rows: Rows) -> Rows:
    return tuple(tuple(k * e if e else e for e in row) for row in rows)


def conjugate(x: Any) -> Any:
    return x.conjugate() if isinstance(x, Surd) else x


def written_as(grid: Grid, matrix: sp.MatrixBase) -> Grid:
    """The grid shown as ``matrix`` (its entries as written, before their normal form): the
    working matrix of a derivation shows what the reader was given."""
    grid.__dict__["_shown"] = sp.ImmutableMatrix(matrix)
    return grid


def column(entries: Sequence[Any]) -> Rows:
    return tuple((e,) for e in entries)


@dataclass(frozen=True)
class Shift(Board):
    """value I - M written as the matrix expression (lambda I - A, 3 I - A)."""

    domain: Any
    scalar: Any  # an element of ``domain``
    matrix: Grid
    scalar_shown: Any = None

    def _value(self) -> Rows:
        s = self.scalar
        return tuple(
            tuple((s - a) if i == j else -a for j, a in enumerate(row)) for i, row in enumerate(self.matrix.rows)
        )

    def _shown(self) -> Any:
        scalar = self.scalar_shown if self.scalar_shown is not None else self.domain.to_sympy(self.scalar)
        n = self.matrix.size
        return sp.MatAdd(sp.MatMul(scalar, sp.Identity(n)), sp.MatMul(-1, self.matrix.shown), evaluate=False)


@dataclass(frozen=True)
class MatrixTimes(Board):
    """Factors side by side (scalars and matrices), multiplied only when valued."""

    domain: Any
    factors: tuple[Board, ...]

    def _value(self) -> Any:
        product, scalar = None, None
        for factor in self.factors:
            value = factor.value
            if isinstance(value, tuple):
                product = value if product is None else multiply(product, value)
            else:
                scalar = value if scalar is None else scalar * value
        return product if scalar is None else scaled_rows(scalar, product)

    def _shown(self) -> Any:
        return sp.MatMul(*(factor.shown for factor in self.factors), evaluate=False)


@dataclass(frozen=True)
class Adjointed(Board):
    """M* (the conjugate transpose) of an explicit matrix."""

    matrix: Grid

    @property
    def domain(self) -> Any:
        return self.matrix.domain

    def _value(self) -> Rows:
        return tuple(tuple(conjugate(e) for e in col) for col in zip(*self.matrix.rows))

    def _shown(self) -> Any:
        return sp.Adjoint(self.matrix.shown)


@dataclass(frozen=True)
class Reciprocal(Board):
    """1 / x, written as x^-1."""

    domain: Any
    inner: Board

    def _value(self) -> Any:
        return 1 / self.inner.value

    def _shown(self) -> Any:
        return sp.Pow(self.inner.shown, -1, evaluate=False)


@dataclass(frozen=True)
class HalfPower(Board):
    """x^(1/2) of a rational x, written as a power."""

    domain: Any
    inner: Board

    def _value(self) -> Any:
        return square_root(self.inner.value)

    def _shown(self) -> Any:
        return sp.Pow(self.inner.shown, sp.Rational(1, 2), evaluate=False)


@dataclass(frozen=True)
class RootOfSquares(Board):
    """sqrt(|w_1|^2 + ... + |w_n|^2) written term by term: the length of a vector."""

    domain: Any
    vector: Grid

    def _value(self) -> Any:
        total = 0
        for (entry,) in self.vector.rows:
            total = total + entry * conjugate(entry)
        if isinstance(total, Surd):
            if not total.is_rational:
                raise ValueError("a squared length that is not rational")
            total = total.rational_part()
        return square_root(total)

    def _shown(self) -> Any:
        terms = []
        for entry in self.vector.shown:
            base = entry if entry.is_real else sp.Abs(entry, evaluate=False)
            terms.append(sp.Pow(base, 2, evaluate=False))
        inner = sp.Add(*terms, evaluate=False) if len(terms) > 1 else terms[0]
        return sp.Pow(inner, sp.Rational(1, 2), evaluate=False)


@dataclass(frozen=True)
class GramSchmidtSum(Board):
    """v + c_1 q_1 + ... (each c_j already negated): the Gram-Schmidt subtraction as written."""

    domain: Any
    vector: Grid
    terms: tuple[tuple[Number, Grid], ...]

    def _value(self) -> Rows:
        rows = [row[0] for row in self.vector.rows]
        for c, q in self.terms:
            k = c.value
            rows = [r + k * e for r, (e,) in zip(rows, q.rows)]
        return column(rows)

    def _shown(self) -> Any:
        parts = [self.vector.shown] + [sp.MatMul(c.shown, q.shown, evaluate=False) for c, q in self.terms]
        return sp.MatAdd(*parts, evaluate=False)


# ---------------------------------------------------------------- polynomials in lambda


@dataclass(frozen=True)
class CharacteristicDet(Det):
    """|lambda I - A| valued as the characteristic polynomial of the numeric A (Berkowitz over
    QQ), a route independent of the Laplace expansion shown and cheaper than eliminating over
    polynomials; ``numeric`` is A itself."""

    numeric: Grid = None

    def _value(self) -> Any:
        if self.numeric is None or self.numeric.size < 4:
            return super()._value()
        ring = self.matrix.domain.ring
        return ring.from_list(self.numeric.domain_matrix().charpoly())


def strip(coefficients: Sequence[Any]) -> tuple:
    """Coefficients (highest first) without leading zeros (rationals, surds or expressions)."""
    k = 0
    while k < len(coefficients) and not coefficients[k]:
        k += 1
    return tuple(coefficients[k:])


def same_coefficients(left: Sequence[Any], right: Sequence[Any]) -> bool:
    """Equal polynomials: the same coefficients once leading zeros are gone, compared exactly."""
    left, right = strip(left), strip(right)
    return len(left) == len(right) and all(a == b for a, b in zip(left, right))


def poly_mul(a: Sequence[Any], b: Sequence[Any]) -> list:
    out: list = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if not x:
            continue
        for j, y in enumerate(b):
            if y:
                out[i + j] = out[i + j] + x * y
    return out


def poly_power(a: Sequence[Any], e: int) -> list:
    out: list = [1]
    for _ in range(e):
        out = poly_mul(out, a)
    return out


def dense(element: Any) -> list:
    """A univariate ring element's coefficients, highest first."""
    return list(element.to_dense()) if element else [0]


def horner(coefficients: Sequence[Any], x: Any) -> Any:
    value = None
    for c in coefficients:
        value = c if value is None else value * x + c
    return 0 if value is None else value


class PolynomialBoard(Board):
    """Boards whose value is a polynomial in lambda compare by coefficients."""

    def coefficients(self) -> tuple:
        raise NotImplementedError

    def _value(self) -> tuple:
        return self.coefficients()

    def equals(self, other: Board) -> bool:
        if not isinstance(other, PolynomialBoard):
            return False
        return same_coefficients(self.value, other.value)


@dataclass(frozen=True)
class Polynomial(PolynomialBoard):
    """A polynomial element of a ring in lambda (shown multiplied out)."""

    domain: Any
    element: Any

    def coefficients(self) -> tuple:
        return tuple(dense(self.element))

    def _shown(self) -> Any:
        return self.domain.to_sympy(self.element)


@dataclass(frozen=True)
class Factored(PolynomialBoard):
    """content * f_1^e_1 * ... with the factors as factor_list gives them."""

    domain: Any
    content: Any  # rational
    factors: tuple[tuple[Any, int], ...]  # (ring element, exponent)

    def coefficients(self) -> tuple:
        product: list = [self.content]
        for f, e in self.factors:
            product = poly_mul(product, poly_power(dense(f), e))
        return tuple(product)

    def _shown(self) -> Any:
        powers = [self.domain.to_sympy(f) ** e for f, e in self.factors]
        content = [sp.Rational(int(self.content.numerator), int(self.content.denominator))] if self.content != 1 else []
        return sp.Mul(*content, *powers, evaluate=False)


@dataclass(frozen=True)
class LinearFactors(PolynomialBoard):
    """c prod (lambda - lambda_i)^m_i, with irreducible factors lacking a closed form kept whole.

    ``leading`` is c: a factor kept whole has integer coefficients (2 lambda^3 - 1), so the
    monic characteristic polynomial is 1/2 of the product; without c the claim would be false.
    """

    domain: Any
    roots: tuple[tuple[Any, Any, int], ...]  # (exact root, its SymPy form, multiplicity)
    whole: tuple[tuple[Any, Any, int], ...]  # (ring element, its SymPy form, exponent)
    leading: Any = 1  # a rational

    def coefficients(self) -> tuple:
        product: list = [self.leading]
        for f, _, e in self.whole:
            product = poly_mul(product, poly_power(dense(f), e))
        for root, _, m in self.roots:
            product = poly_mul(product, poly_power([1, -root], m))
        return tuple(product)

    def _shown(self) -> Any:
        factors = [sp.Pow(f, e, evaluate=False) if e > 1 else f for _, f, e in self.whole]
        for _, value, m in self.roots:
            linear = sp.Add(LAMBDA, -value, evaluate=False) if value != 0 else LAMBDA
            factors.append(sp.Pow(linear, m, evaluate=False) if m > 1 else linear)
        if self.leading != 1:
            factors.insert(0, sp.Rational(int(self.leading.numerator), int(self.leading.denominator)))
        return sp.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]


@dataclass(frozen=True)
class Substituted(Board):
    """f(lambda) at lambda = x, written as a substitution and valued by Horner's rule."""

    domain: Any
    polynomial: Any  # ring element
    point: Any  # exact value
    polynomial_shown: Any
    point_shown: Any

    def _value(self) -> Any:
        return horner(dense(self.polynomial), self.point)

    def _shown(self) -> Any:
        return sp.Subs(self.polynomial_shown, LAMBDA, self.point_shown)


# ---------------------------------------------------------------- linear forms in the unknowns


def form_entry(domain: Any, symbols: Sequence[sp.Symbol], coefficients: Sequence[Any]) -> sp.Expr:
    return sum((x * domain.to_sympy(c) for x, c in zip(symbols, coefficients)), sp.Integer(0))


@dataclass(frozen=True)
class Forms(Board):
    """A column of linear forms: entry k is sum_j coefficients[k][j] x_j."""

    domain: Any
    symbols: tuple[sp.Symbol, ...]
    coefficients: tuple[tuple[Any, ...], ...]

    def _value(self) -> tuple:
        convert = self.domain.convert
        return tuple(tuple(convert(c) for c in row) for row in self.coefficients)

    def _shown(self) -> Any:
        return sp.ImmutableMatrix([form_entry(self.domain, self.symbols, row) for row in self.coefficients])


@dataclass(frozen=True)
class MatrixTimesForms(Board):
    """An explicit matrix times a column of linear forms."""

    domain: Any
    matrix: Grid
    forms: Forms

    def _value(self) -> tuple:
        forms = self.forms.value
        width = len(self.forms.symbols)
        zero = self.domain.zero
        out = []
        for row in self.matrix.rows:
            out.append(tuple(sum((a * f[j] for a, f in zip(row, forms) if written_nonzero(a)), zero) for j in range(width)))
        return tuple(out)

    def _shown(self) -> Any:
        return sp.MatMul(self.matrix.shown, self.forms.shown, evaluate=False)


@dataclass(frozen=True)
class Span(Board):
    """x_j v_j + ...: the general solution as a combination of basis vectors."""

    domain: Any
    symbols: tuple[sp.Symbol, ...]
    vectors: tuple[Grid, ...]

    def _value(self) -> tuple:
        n = self.vectors[0].size
        convert = self.domain.convert
        return tuple(tuple(convert(v.rows[k][0]) for v in self.vectors) for k in range(n))

    def _shown(self) -> Any:
        terms = [sp.MatMul(x, v.shown, evaluate=False) for x, v in zip(self.symbols, self.vectors)]
        return sp.MatAdd(*terms, evaluate=False) if len(terms) > 1 else terms[0]
