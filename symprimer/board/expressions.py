"""Exact expressions as a number domain: symbols, radicals and CRootOf under one exact zero test.

Rationals have ``QQ`` and square roots of rationals ``SURDS``; every other entry a derivation
meets (a symbol, (5 + sqrt 5)/2 under a root, 1/(a + 1)) is a SymPy expression.  Here such an
expression is an element of a field, ``EXPRESSIONS``, so row reduction and eigen work run the
same code over all three domains.  An element is kept in one readable normal form
(``rationalised``); ``==`` and truth are decided by ``is_zero``, never by decimals alone: a
rational function of symbols is zero exactly when its cancelled form is 0, another symbolic value
when ``simplify`` makes it 0 (one it cannot is treated as non-zero, the generic case a worked
solution states), an algebraic number exactly when its minimal polynomial is x; decimals only
ever show that a number is NOT zero.

``square_root`` and ``lift`` move a number up the tower QQ -> SURDS -> EXPRESSIONS: a rational's
root is a surd, a surd's root that is not a surd (sqrt(1 + sqrt 2)) is an expression.
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.polys.polyerrors import CoercionFailed, PolynomialError

from symprimer.board.surds import QQ, SURDS, RATIONAL_TYPES, Surd, surd_of
from symprimer.board.surds import square_root as rational_square_root
from symprimer.exact.equality import exactly_zero

ZERO_PRECISION = 60
NONZERO_BEYOND = sp.Float("1e-30", ZERO_PRECISION)
_X = sp.Dummy("x")
_ZERO, _ONE = sp.S.Zero, sp.S.One


def rationalised(value: Any) -> sp.Expr:
    """The normal form: rationals as they are, denominators rationalised, fractions of symbols
    cancelled (where ``sympy.expand`` alone would leave 1/(1 + sqrt 2) as it is)."""
    value = sp.sympify(value)  # safe: values built by symprimer, never user text
    if value.is_Rational or value.is_Symbol:
        return value
    if value.has(sp.CRootOf):
        return sp.expand(value)
    if value.free_symbols:
        if value.has(sp.Pow) and any(not p.exp.is_Integer for p in value.atoms(sp.Pow)):
            return sp.cancel(sp.radsimp(sp.together(value)))
        return sp.factor_terms(sp.cancel(sp.together(value)))
    single = _over_one_complex_root(value)
    if single is not None:
        return single
    value = sp.expand(sp.radsimp(sp.expand(value)))
    if any(p.base.has(sp.Pow) for p in value.atoms(sp.Pow) if not p.exp.is_Integer):
        value = sp.expand(sp.radsimp(sp.sqrtdenest(value)))  # nested roots as from sqrt(15 + sqrt(221))
    return value


def _over_one_complex_root(value: sp.Expr) -> sp.Expr | None:
    """a + b sqrt(z) for a number whose only radical is the square root of one non-real Gaussian
    rational z, by arithmetic modulo t^2 = z; None for any other number.

    SymPy's ``radsimp`` can take a root of such a z to another branch (sqrt(z) becoming
    sqrt(-z) inside the result), which changes the value; here sqrt(z) stays one symbol t.
    """
    roots = {p for p in value.atoms(sp.Pow) if not p.exp.is_Integer}
    if len(roots) != 1:
        return None
    (root,) = roots
    z = root.base
    if root.exp != sp.S.Half or not z.is_number or z.is_real is not False or not all(
        part.is_Rational for part in z.as_real_imag()
    ):
        return None
    t = sp.Dummy("t")
    numerator, denominator = sp.fraction(sp.together(value.xreplace({root: t})))
    try:
        modulus = sp.Poly(t**2 - z, t, domain="QQ_I")
        top, bottom = (
            sp.Poly(part, t, domain="QQ_I").rem(modulus).all_coeffs() for part in (numerator, denominator)
        )
    except (PolynomialError, CoercionFailed):
        return None
    (a, b), (c, d) = _constant_and_linear(top), _constant_and_linear(bottom)
    # (a + b t) / (c + d t) = (a + b t)(c - d t) / (c^2 - d^2 z)
    norm = sp.expand(c * c - d * d * z)
    if norm == 0:
        return None
    constant = sp.expand((a * c - b * d * z) / norm)
    linear = sp.expand((b * c - a * d) / norm)
    return sp.expand(constant + linear * root)


def _constant_and_linear(coefficients: list) -> tuple[sp.Expr, sp.Expr]:
    """(a, b) of a + b t from a remainder's coefficients, highest first."""
    return (coefficients[0], _ZERO) if len(coefficients) == 1 else (coefficients[1], coefficients[0])


def is_zero(value: Any) -> bool:
    """Whether ``value`` is exactly zero: normal form first, then a proof.

    Rational functions of symbols with rational coefficients are in canonical form once
    cancelled, so 0 is the only zero among them; other symbolic values go to ``simplify``.  A
    number SymPy cannot decide is shown non-zero by 60-digit evaluation, or zero by the project's
    exact layers or its minimal polynomial.
    """
    value = rationalised(value)
    if value == 0:
        return True
    if value.is_Rational or _canonical_rational_function(value):
        return False
    if value.free_symbols:
        return sp.simplify(value) == 0
    known = value.is_zero
    if known is not None:
        return bool(known)
    return _number_is_zero(value)


def _canonical_rational_function(value: sp.Expr) -> bool:
    """Symbols, rationals and integer powers only: ``cancel`` made it canonical."""
    if value.atoms(sp.Function) or any(not p.exp.is_Integer for p in value.atoms(sp.Pow)):
        return False
    return all(atom.is_Symbol or atom.is_Rational for atom in value.atoms())


def _number_is_zero(value: sp.Expr) -> bool:
    if abs(sp.N(value, ZERO_PRECISION)) > NONZERO_BEYOND:
        return False  # far beyond the evaluation's error: certainly not zero
    if exactly_zero(value):
        return True
    try:
        return sp.minimal_polynomial(value, _X) == _X
    except (NotImplementedError, sp.PolynomialError, ValueError):
        return False  # not algebraic and no exact layer proves it zero


class Expression:
    """A SymPy expression in normal form, with field arithmetic and the exact zero test."""

    __slots__ = ("expr", "_nonzero")

    def __init__(self, expr: sp.Expr) -> None:
        self.expr = expr  # already in normal form (``Expression.of`` makes one)
        self._nonzero = None

    @staticmethod
    def of(value: Any) -> "Expression":
        """An int, a rational, a surd, a SymPy number or expression, as an element."""
        if isinstance(value, Expression):
            return value
        if isinstance(value, Surd):
            return Expression(rationalised(SURDS.to_sympy(value)))
        if isinstance(value, RATIONAL_TYPES):
            return Expression(QQ.to_sympy(QQ.convert(value)))
        return Expression(rationalised(value))

    # Sums and products with 0 or 1 (most entries of elementary and identity matrices) skip the
    # normal form: it is the dearest part of the arithmetic.

    def __add__(self, other: Any) -> "Expression":
        other = Expression.of(other)
        if other.expr is _ZERO:
            return self
        if self.expr is _ZERO:
            return other
        return Expression(rationalised(self.expr + other.expr))

    __radd__ = __add__

    def __neg__(self) -> "Expression":
        return Expression(rationalised(-self.expr))

    def __sub__(self, other: Any) -> "Expression":
        other = Expression.of(other)
        if other.expr is _ZERO:
            return self
        return Expression(rationalised(self.expr - other.expr))

    def __rsub__(self, other: Any) -> "Expression":
        return Expression.of(other) - self

    def __mul__(self, other: Any) -> "Expression":
        other = Expression.of(other)
        if self.expr is _ONE or other.expr is _ZERO:
            return other
        if other.expr is _ONE or self.expr is _ZERO:
            return self
        return Expression(rationalised(self.expr * other.expr))

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> "Expression":
        other = Expression.of(other)
        if not other:
            raise ZeroDivisionError("division by an expression that is exactly zero")
        return Expression(rationalised(self.expr / other.expr))

    def __rtruediv__(self, other: Any) -> "Expression":
        return Expression.of(other) / self

    def __pow__(self, exponent: int) -> "Expression":
        return Expression(rationalised(self.expr ** int(exponent)))

    def conjugate(self) -> "Expression":
        return Expression(rationalised(sp.conjugate(self.expr)))

    def __bool__(self) -> bool:
        if self._nonzero is None:
            self._nonzero = not is_zero(self.expr)
        return self._nonzero

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, (Expression, Surd, sp.Basic, *RATIONAL_TYPES)):
            other = Expression.of(other)
            return self.expr == other.expr or not (self - other)
        return NotImplemented

    def __hash__(self) -> int:
        # Equal elements hash alike when their normal forms agree (always for rationals and
        # rational functions); use == rather than dict lookups for other equalities.
        return hash(self.expr)

    @property
    def free_symbols(self) -> set:
        return self.expr.free_symbols

    def real_sign(self) -> int | None:
        """1 or -1 for a real non-zero number, None for a symbolic or non-real value."""
        value = self.expr
        if not (value.is_number and value.is_real):
            return None
        return 1 if value > 0 else -1

    def __repr__(self) -> str:
        return f"Expression({self.expr!r})"


class ExpressionDomain:
    """The field of exact SymPy expressions, in the shape of a SymPy domain as boards use it.

    Unlike SymPy's ``EX`` its equality is exact (``is_zero``), so board claims over it are
    decided by its own arithmetic.
    """

    is_EX = is_EXRAW = is_FractionField = is_PolynomialRing = is_ZZ = is_QQ = is_Numerical = False
    is_Field = is_Exact = True
    dtype = Expression
    zero = Expression(sp.Integer(0))
    one = Expression(sp.Integer(1))

    def convert(self, x: Any) -> Expression:
        return Expression.of(x)

    def convert_from(self, x: Any, domain: Any = None) -> Expression:
        """``x`` of ``domain`` (QQ, ZZ, the surds, a polynomial ring, EX, ...) as an expression."""
        if isinstance(x, (Expression, Surd, *RATIONAL_TYPES)) or domain is None:
            return Expression.of(x)
        return Expression.of(domain.to_sympy(x))

    def from_sympy(self, x: sp.Expr) -> Expression:
        return Expression.of(x)

    def to_sympy(self, x: Any) -> sp.Expr:
        return Expression.of(x).expr

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, ExpressionDomain)

    def __hash__(self) -> int:
        return hash("ExpressionDomain")

    def __repr__(self) -> str:
        return "EX<exact>"


EXPRESSIONS = ExpressionDomain()

# The tower, narrowest first: each domain's numbers are numbers of the next.
TOWER = (QQ, SURDS, EXPRESSIONS)


def _rank(domain: Any) -> int:
    if domain.is_ZZ or domain.is_QQ:
        return 0
    return TOWER.index(domain) if domain in TOWER else len(TOWER) - 1


def join(*domains: Any) -> Any:
    """The narrowest domain of the tower holding numbers of all the given domains."""
    return TOWER[max((_rank(d) for d in domains), default=0)]


def lift(x: Any, source: Any, target: Any) -> Any:
    """A number of ``source`` as a number of the (same or wider) domain ``target``."""
    if source == target:
        return x
    return target.convert_from(x, source)


def square_root(domain: Any, x: Any) -> tuple[Any, Any]:
    """sqrt(x) of a number of ``domain`` as (root, its domain): a rational's root is a surd, a
    surd's a surd when it is one (sqrt(2) sqrt(2) = 2, i for -1), otherwise an expression."""
    rank = _rank(domain)
    if rank == 0:
        return rational_square_root(x), SURDS
    if rank == 1 and x.is_rational:
        return rational_square_root(x.rational_part()), SURDS
    value = Expression.of(x) if rank == 1 else x
    root = rationalised(sp.sqrt(value.expr))
    if rank == 1:
        denested = surd_of(root)  # sqrt(3 + 2 sqrt 2) = 1 + sqrt 2
        if denested is not None:
            return denested, SURDS
    return Expression(root), EXPRESSIONS
