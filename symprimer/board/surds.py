"""Exact surds: the numbers eigen and SVD work writes by hand, with cheap exact arithmetic.

Eigenvalues of a rational matrix found by hand are rational or quadratic surds
(5/2 + sqrt(33)/2, 1 - 2i), and the SVD divides by lengths such as sqrt(2) or 3 sqrt(2).  A
``Surd`` is sum_d c_d sqrt(d) over distinct squarefree integers d (d = 1 the rational part,
d = -1 the imaginary unit i) with rational c_d.  Square roots of distinct squarefree integers
are linearly independent over Q, so this form is canonical: two surds are equal exactly when
their terms are.  Sums, products and quotients stay surds (quotients by conjugation, one prime
at a time), so row reduction over Q(sqrt d) and the SVD checks are exact and cheap; the SymPy
form is built only when a surd is shown.
"""
from __future__ import annotations

from functools import lru_cache
from math import gcd, isqrt
from typing import Any

import sympy as sp

QQ = sp.QQ
_Q = QQ.dtype
RATIONAL_TYPES = (int, sp.ZZ.dtype, _Q)


def rational(x: Any) -> Any:
    """An int or QQ element as a QQ element."""
    return x if isinstance(x, _Q) else _Q(x)


class Surd:
    """sum_d c_d sqrt(d): ``terms`` is a tuple of (d, c), d squarefree and increasing, c != 0."""

    __slots__ = ("terms",)

    def __init__(self, terms: tuple) -> None:
        self.terms = terms

    @staticmethod
    def of(x: Any) -> "Surd":
        """A rational (int or QQ element) or a surd, as a surd."""
        if isinstance(x, Surd):
            return x
        return Surd(((1, rational(x)),)) if x else ZERO

    @staticmethod
    def collect(pairs: dict) -> "Surd":
        return Surd(tuple(sorted((d, c) for d, c in pairs.items() if c)))

    def __add__(self, other: Any) -> "Surd":
        other = Surd.of(other)
        pairs = dict(self.terms)
        for d, c in other.terms:
            pairs[d] = pairs.get(d, 0) + c
        return Surd.collect(pairs)

    __radd__ = __add__

    def __neg__(self) -> "Surd":
        return Surd(tuple((d, -c) for d, c in self.terms))

    def __sub__(self, other: Any) -> "Surd":
        return self + (-Surd.of(other))

    def __rsub__(self, other: Any) -> "Surd":
        return Surd.of(other) + (-self)

    def __mul__(self, other: Any) -> "Surd":
        if not isinstance(other, Surd):
            if not other:
                return ZERO
            k = rational(other)
            return Surd(tuple((d, c * k) for d, c in self.terms))
        pairs: dict = {}
        for d1, c1 in self.terms:
            for d2, c2 in other.terms:
                d, k = radical_product(d1, d2)
                pairs[d] = pairs.get(d, 0) + c1 * c2 * k
        return Surd.collect(pairs)

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> "Surd":
        if not isinstance(other, Surd):
            return self * (1 / rational(other))
        return self * other.inverse()

    def __rtruediv__(self, other: Any) -> "Surd":
        return Surd.of(other) * self.inverse()

    def inverse(self) -> "Surd":
        """1/x by conjugation: x = y + z sqrt(p) times y - z sqrt(p) has no sqrt(p) left."""
        if not self.terms:
            raise ZeroDivisionError("division by a zero surd")
        if len(self.terms) == 1:
            (d, c), = self.terms
            return Surd(((d, 1 / (c * d)),))  # sqrt(d) sqrt(d) = d, also for d < 0
        p = _split_prime(self)
        with_p = Surd.collect({_without(d, p): c for d, c in self.terms if _divides(p, d)})
        without_p = Surd(tuple((d, c) for d, c in self.terms if not _divides(p, d)))
        conjugate = without_p - with_p * Surd(((p, _Q(1)),))
        return conjugate * (self * conjugate).inverse()

    def conjugate(self) -> "Surd":
        """Complex conjugate: sqrt(d) for d < 0 is i sqrt(-d), so its sign flips."""
        return Surd(tuple((d, -c if d < 0 else c) for d, c in self.terms))

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Surd):
            return self.terms == other.terms
        if isinstance(other, RATIONAL_TYPES):
            return self.terms == Surd.of(other).terms
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def is_rational(self) -> bool:
        return all(d == 1 for d, _ in self.terms)

    def rational_part(self) -> Any:
        for d, c in self.terms:
            if d == 1:
                return c
        return _Q(0)

    @property
    def is_real(self) -> bool:
        return all(d > 0 for d, _ in self.terms)

    def sign(self) -> int | None:
        """-1, 0 or 1 for a real surd with at most one radical (None: not decided here)."""
        if not self.terms:
            return 0
        if not self.is_real or len(self.terms) > 2:
            return None
        if len(self.terms) == 1:
            return 1 if self.terms[0][1] > 0 else -1
        (_, a), (d, b) = self.terms  # a + b sqrt(d), d > 1
        if (a > 0) == (b > 0):
            return 1 if a > 0 else -1
        larger = a * a > b * b * d  # |a| against |b| sqrt(d)
        return (1 if a > 0 else -1) if larger else (1 if b > 0 else -1)

    def real_imag(self) -> tuple[float, float]:
        """Decimal real and imaginary parts (for ordering eigenvalues as the course does)."""
        re = im = 0.0
        for d, c in self.terms:
            if d > 0:
                re += float(c) * (d ** 0.5)
            else:
                im += float(c) * ((-d) ** 0.5)
        return re, im

    def __repr__(self) -> str:
        return f"Surd({self.terms!r})"


ZERO = Surd(())
ONE = Surd(((1, _Q(1)),))


def radical_product(d1: int, d2: int) -> tuple[int, int]:
    """sqrt(d1) sqrt(d2) = k sqrt(d) for squarefree d1, d2 (two negatives give -sqrt(d1 d2))."""
    if d1 == 1:
        return d2, 1
    if d2 == 1:
        return d1, 1
    g = gcd(d1, d2)
    k = -g if d1 < 0 and d2 < 0 else g
    return d1 * d2 // (g * g), k


def _divides(p: int, d: int) -> bool:
    return d < 0 if p == -1 else d % p == 0


def _without(d: int, p: int) -> int:
    return -d if p == -1 else d // p


def _split_prime(x: Surd) -> int:
    """A prime (or -1, the factor i) of some radicand of x."""
    for d, _ in x.terms:
        if d < 0:
            return -1
    for d, _ in x.terms:
        if d > 1:
            return smallest_prime_factor(d)
    raise ValueError("a rational surd has no radicand to split")


def smallest_prime_factor(n: int) -> int:
    k = 2
    while k * k <= n:
        if n % k == 0:
            return k
        k += 1
    return n


@lru_cache(maxsize=1024)
def square_free_split(n: int) -> tuple[int, int]:
    """n = k^2 d with d squarefree (n > 0), by trial division up to the cube root, then a square test."""
    k, d, p = 1, 1, 2
    while p * p * p <= n:
        while n % (p * p) == 0:
            n //= p * p
            k *= p
        if n % p == 0:
            n //= p
            d *= p
        p += 1
    root = isqrt(n)
    if root * root == n:
        return k * root, d
    return k, d * n  # what is left has at most two prime factors, distinct: squarefree


def square_root(x: Any) -> Surd:
    """sqrt(x) of a rational x (the principal root: i sqrt(-x) for x < 0)."""
    x = rational(x)
    if not x:
        return ZERO
    sign = -1 if x < 0 else 1
    p, q = abs(x.numerator), x.denominator
    k, d = square_free_split(int(p * q))  # sqrt(p/q) = sqrt(p q) / q = k sqrt(d) / q
    return Surd(((sign * d, _Q(k, int(q))),))


@lru_cache(maxsize=1024)
def surd_of(value: sp.Expr) -> Surd | None:
    """The entry as a surd when it is a sum of rational multiples of square roots of rationals
    (and of i); None for anything else (a symbol, a cube root, pi).

    Kept per entry (a pure function of an immutable expression, bounded): a matrix's entries
    recur across its steps and across the questions of a sheet."""
    if value.is_Rational:
        return Surd.of(_Q(int(value.p), int(value.q)))
    total = ZERO
    for term in sp.Add.make_args(sp.expand(value)):
        coefficient, rest = term.as_coeff_Mul()
        if not coefficient.is_Rational:
            return None
        part = Surd.of(_Q(int(coefficient.p), int(coefficient.q)))
        for factor in sp.Mul.make_args(rest):
            root = _root_of(factor)
            if root is None:
                return None
            part = part * root
        total = total + part
    return total


def _root_of(factor: sp.Expr) -> Surd | None:
    """sqrt(q), 1/sqrt(q), i or 1 as a surd (q rational)."""
    if factor is sp.S.One:
        return ONE
    if factor is sp.I:
        return square_root(-1)
    if factor.is_Pow and factor.base.is_Rational and factor.exp in (sp.S.Half, -sp.S.Half):
        root = square_root(_Q(int(factor.base.p), int(factor.base.q)))
        return root if factor.exp is sp.S.Half else root.inverse()
    return None


def surd_rows(matrix: sp.MatrixBase) -> tuple | None:
    """The matrix's rows as surds when some entry has a real square root in it (sqrt 2, not
    only i: Gaussian matrices keep SymPy's own Gaussian domain); None otherwise."""
    rows, radical = [], False
    for i in range(matrix.rows):
        row = []
        for j in range(matrix.cols):
            entry = surd_of(matrix[i, j])
            if entry is None:
                return None
            radical = radical or any(d not in (1, -1) for d, _ in entry.terms)
            row.append(entry)
        rows.append(tuple(row))
    return tuple(rows) if radical else None


def lcm_of_denominators(x: Any) -> int:
    if isinstance(x, Surd):
        value = 1
        for _, c in x.terms:
            value = value * c.denominator // gcd(value, c.denominator)
        return value
    return rational(x).denominator


class SurdDomain:
    """The field of all surds, in the shape of an exact SymPy domain as boards use it."""

    is_EX = is_EXRAW = is_FractionField = is_PolynomialRing = is_ZZ = is_QQ = False
    is_Numerical = is_Field = is_Exact = True
    zero, one = ZERO, ONE
    dtype = Surd

    def convert(self, x: Any) -> Surd:
        return Surd.of(x)

    def convert_from(self, x: Any, _domain: Any = None) -> Surd:
        return Surd.of(x)

    def to_sympy(self, x: Any) -> sp.Expr:
        if not isinstance(x, Surd):
            return QQ.to_sympy(rational(x))
        return _surd_sympy(x)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, SurdDomain)

    def __hash__(self) -> int:
        return hash("SurdDomain")

    def __repr__(self) -> str:
        return "QQ<surds>"


SURDS = SurdDomain()


@lru_cache(maxsize=1024)
def _surd_sympy(x: Surd) -> sp.Expr:
    """A surd as SymPy (kept per surd: printing a step asks for the same entries again)."""
    terms = [QQ.to_sympy(c) * _radical(d) for d, c in x.terms]
    if not terms:
        return sp.Integer(0)
    return terms[0] if len(terms) == 1 else sp.Add(*terms)


def _radical(d: int) -> sp.Expr:
    if d == 1:
        return sp.Integer(1)
    if d == -1:
        return sp.I
    root = sp.Pow(sp.Integer(abs(d)), sp.S.Half, evaluate=False)  # already squarefree: nothing to pull out
    return root if d > 0 else sp.I * root


def to_sympy(x: Any) -> sp.Expr:
    """A rational, int or surd as SymPy."""
    return SURDS.to_sympy(x)
