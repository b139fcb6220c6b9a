"""Exact arithmetic helpers for eigen work: entries in one canonical form, and a zero test that does not guess.

Row reduction with radicals (eigenvalues like (5 + sqrt 5)/2) or symbols (a + b) needs each
entry kept in a canonical, readable form, and a zero test that does not mistake an unsimplified
zero for a pivot.
"""
from __future__ import annotations

import sympy as sp

ZERO_PRECISION = 60
ZERO_TOLERANCE = sp.Float("1e-45", ZERO_PRECISION)


def rationalised(value: sp.Expr) -> sp.Expr:
    """A canonical readable form: rationals as they are, denominators rationalised, fractions of
    symbols cancelled (where ``sympy.expand`` alone would leave 1/(1 + sqrt 2) as it is)."""
    value = sp.sympify(value)  # safe: values built by symprimer, never user text
    if value.is_Rational or value.is_Symbol:
        return value
    if value.has(sp.CRootOf):
        return sp.expand(value)
    if value.free_symbols:
        if value.has(sp.Pow) and any(not p.exp.is_Integer for p in value.atoms(sp.Pow)):
            return sp.cancel(sp.radsimp(sp.together(value)))
        return sp.factor_terms(sp.cancel(sp.together(value)))
    value = sp.expand(sp.radsimp(sp.expand(value)))
    if any(p.base.has(sp.Pow) for p in value.atoms(sp.Pow) if not p.exp.is_Integer):
        value = sp.expand(sp.radsimp(sp.sqrtdenest(value)))  # nested roots as from sqrt(15 + sqrt(221))
    return value


def rationalised_matrix(matrix: sp.MatrixBase) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(matrix.rows, matrix.cols, [rationalised(v) for v in matrix])


def is_zero(value: sp.Expr) -> bool:
    """Exact zero test: canonical form first, then simplify (symbols) or 60-digit evaluation."""
    value = rationalised(value)
    if value == 0:
        return True
    if value.is_Rational:
        return False
    if value.free_symbols:
        return sp.simplify(value) == 0
    known = value.is_zero
    if known is not None:
        return bool(known)
    return abs(sp.N(value, ZERO_PRECISION)) < ZERO_TOLERANCE


def pivot_preference(value: sp.Expr) -> tuple[bool, bool, int]:
    """How awkward a pivot is (smaller is better): numbers before symbols, +-1 first, then size."""
    symbolic = bool(value.free_symbols)
    unit = not symbolic and value in (sp.Integer(1), sp.Integer(-1))
    return (symbolic, not unit, int(sp.count_ops(value)))


def clear_denominators(vector: sp.MatrixBase) -> sp.ImmutableMatrix:
    """Scale a vector by the common denominator of its entries (its direction is unchanged)."""
    scale = sp.Integer(1)
    for entry in vector:
        scale = sp.lcm(scale, sp.fraction(sp.together(entry))[1])
    return rationalised_matrix(vector * scale)
