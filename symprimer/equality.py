"""Deciding whether two sides of a step are equal: exact algebra first, numbers as backstop.

Used by ``Step.verify``.  Unevaluated forms (``Determinant``, ``Derivative``, ``MatMul``...)
are evaluated with ``doit`` before comparing, so a step may show ``|A|`` on the left.
"""
from __future__ import annotations

import random
from typing import Any

import sympy as sp

SPOT_POINTS = 4
SPOT_PRECISION = 40
SPOT_TOLERANCE = sp.Float("1e-25", SPOT_PRECISION)


def materialise(value: Any) -> Any:
    """Evaluate unevaluated operations so both sides can be compared."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return tuple(materialise(v) for v in value)
    if isinstance(value, (int, float)):
        return sp.nsimplify(value)
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.applyfunc(_doit))
    if isinstance(value, sp.MatrixExpr):
        return sp.ImmutableMatrix(value.doit().as_explicit())
    if isinstance(value, sp.Basic):
        return _doit(value)
    return value


def _doit(expr: Any) -> Any:
    if isinstance(expr, sp.Basic):
        expr = _determinants_evaluated(expr)
        done = expr.doit()
        if isinstance(done, sp.MatrixExpr):
            return sp.ImmutableMatrix(done.as_explicit())
        return done
    return expr


def _determinants_evaluated(expr: Any) -> Any:
    """|M| of explicit matrices worked out division-free (Bareiss is slow on symbolic entries),
    looking only through sums, products and powers (``doit`` handles everything else)."""
    if isinstance(expr, sp.Determinant) and isinstance(expr.arg, sp.MatrixBase):
        return expr.arg.det(method="berkowitz")
    if isinstance(expr, (sp.Add, sp.Mul, sp.Pow)):
        return expr.func(*[_determinants_evaluated(arg) for arg in expr.args])
    return expr


def claim_holds(before: Any, after: Any, relation: str = "=") -> bool:
    """Whether ``before relation after`` holds."""
    if relation == ":=":
        return isinstance(before, sp.Symbol) and (
            not isinstance(after, sp.Basic) or before not in after.free_symbols
        )
    if before is None and after is None:
        return relation == "="
    same = values_equal(before, after)
    return same if relation == "=" else not same


def values_equal(a: Any, b: Any) -> bool:
    """Exact comparison of two values (scalars, matrices, tuples, sets, booleans)."""
    shortcut = _inverse_by_product(a, b)
    if shortcut is not None:
        return shortcut
    a, b = materialise(a), materialise(b)
    if isinstance(a, tuple) or isinstance(b, tuple):
        return (
            isinstance(a, tuple)
            and isinstance(b, tuple)
            and len(a) == len(b)
            and all(values_equal(x, y) for x, y in zip(a, b))
        )
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        if not (isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase)):
            return False
        if a.shape != b.shape:
            return False
        return all(scalars_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, (bool, sp.logic.boolalg.BooleanAtom)) or isinstance(
        b, (bool, sp.logic.boolalg.BooleanAtom)
    ):
        return bool(a) == bool(b)
    if isinstance(a, sp.Set) or isinstance(b, sp.Set):
        return a == b
    if isinstance(a, sp.Equality) and isinstance(b, sp.Equality):
        return scalars_equal(a.lhs - a.rhs, b.lhs - b.rhs) or scalars_equal(
            a.lhs - a.rhs, b.rhs - b.lhs
        )
    return scalars_equal(a, b)


def _inverse_by_product(a: Any, b: Any) -> bool | None:
    """``M^-1`` against a matrix Y, decided exactly as ``M Y = I`` (None: not such a claim).

    Inverting a symbolic M is far slower than multiplying, and for a square M the two
    statements are equivalent (a singular M has no Y with M Y = I).
    """
    for inverse, other in ((a, b), (b, a)):
        if not isinstance(inverse, sp.Inverse):
            continue
        matrix, value = materialise(inverse.arg), materialise(other)
        if not (isinstance(matrix, sp.MatrixBase) and isinstance(value, sp.MatrixBase)):
            return None
        if not matrix.is_square or value.shape != matrix.shape:
            return False
        return values_equal(sp.ImmutableMatrix(matrix * value), sp.ImmutableMatrix(sp.eye(matrix.rows)))
    return None


def scalars_equal(a: Any, b: Any) -> bool:
    a, b = sp.sympify(a), sp.sympify(b)  # safe: values built by symprimer, never user text
    if a == b:
        return True
    diff = a - b
    if diff == 0:
        return True
    if not diff.free_symbols:
        if diff.is_number and diff.is_Rational:
            return False
        if diff.is_zero is not None:
            return bool(diff.is_zero)
    for exact in (sp.expand, _numerator, _cancel):
        try:
            if exact(diff) == 0:
                return True
        except (TypeError, ValueError, NotImplementedError, sp.PolynomialError):
            pass
    return numerically_zero(diff)


def _numerator(expr: sp.Expr) -> sp.Expr:
    """The expanded numerator over a common denominator: 0 exactly when the sum of fractions is.

    Much faster than ``together``/``cancel`` on sums of large rational functions (symbolic
    inverses) and on rational expressions in exp, sigma, ... (activation derivatives): a zero
    numerator proves the claim exactly.  Kinked functions are left to the later layers.
    """
    if expr.has(sp.Piecewise, sp.Heaviside, sp.Abs, sp.Max, sp.Min):
        return expr
    return sp.expand(sp.expand(expr).as_numer_denom()[0])


def _cancel(expr: sp.Expr) -> sp.Expr:
    if expr.has(sp.Piecewise, sp.Heaviside, sp.Abs, sp.Max, sp.Min):
        return sp.piecewise_fold(sp.expand(expr))
    return sp.cancel(sp.together(sp.expand(expr)))


def numerically_zero(expr: sp.Expr, points: int = SPOT_POINTS) -> bool:
    """Backstop: the expression vanishes at several seeded random points (high precision).

    The points are drawn deterministically from the expression's text, so verification is
    reproducible run to run.
    """
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    rng = random.Random(sp.srepr(expr))
    tested = 0
    for _ in range(points * 3):
        if tested >= points:
            break
        point = {s: _sample(s, rng) for s in symbols}
        try:
            value = sp.N(expr.subs(point), SPOT_PRECISION)
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not value.is_number:
            continue
        tested += 1
        if abs(value) > SPOT_TOLERANCE:
            return False
    return tested > 0


def _sample(symbol: sp.Symbol, rng: random.Random) -> sp.Rational:
    magnitude = sp.Rational(rng.randint(1, 97), rng.randint(11, 53))
    if symbol.is_positive or symbol.is_nonnegative:
        return magnitude
    return magnitude if rng.random() < 0.5 else -magnitude
