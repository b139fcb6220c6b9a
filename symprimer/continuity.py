"""Limits that continuity decides exactly, without series expansions.

lim_{h -> a} g(h) = g(a) when g is continuous at a, and g is when it is built only from
operations continuous there: sums, products, integer powers whose base is non-zero at a,
real powers and logarithms of bases positive at a, and functions continuous on the whole
real line (exp, sin, |.|, max, ...).  A quotient n/d with n(a) = d(a) = 0 and n, d analytic
near a takes one l'Hopital step: the limit is n'(a)/d'(a) when d'(a) is not 0.  Anything
else answers None, and the caller asks ``sympy.limit``.  Only real variables are handled,
so no branch cut of a complex function can hide in an argument.
"""
from __future__ import annotations

from types import MappingProxyType

import sympy as sp

ENTIRE_REAL = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.tanh, sp.atan, sp.asinh, sp.erf, sp.erfc)
KINKED_CONTINUOUS = (sp.Abs, sp.Max, sp.Min)  # continuous, but not differentiable everywhere


def limit_at(expr: sp.Expr, var: sp.Symbol, point: sp.Expr) -> sp.Expr | None:
    """The limit of ``expr`` as ``var`` tends to the finite ``point`` (from either side), when
    continuity or one l'Hopital step decides it; None otherwise."""
    if not _real_setting(expr, point):
        return None
    if _continuous_at(expr, var, point, smooth=False):
        return _finite(expr.subs(var, point))
    numerator, denominator = sp.fraction(sp.together(expr))
    if not (_vanishes_at(numerator, var, point) and _vanishes_at(denominator, var, point)):
        return None
    if not (_continuous_at(numerator, var, point, smooth=True) and _continuous_at(denominator, var, point, smooth=True)):
        return None
    slope_top, slope_bottom = sp.diff(numerator, var), sp.diff(denominator, var)
    if not (_continuous_at(slope_top, var, point, smooth=True) and _continuous_at(slope_bottom, var, point, smooth=True)):
        return None
    bottom = slope_bottom.subs(var, point)
    if bottom.is_zero is not False:
        return None
    return _finite(slope_top.subs(var, point) / bottom)


def _real_setting(expr: sp.Expr, point: sp.Expr) -> bool:
    if not isinstance(point, sp.Expr):
        return False
    symbols = expr.free_symbols | point.free_symbols
    return all(symbol.is_real for symbol in symbols) and point.is_finite is True


def _finite(value: sp.Expr) -> sp.Expr | None:
    return value if value.is_finite is True else None


def _vanishes_at(expr: sp.Expr, var: sp.Symbol, point: sp.Expr) -> bool:
    return expr.has(var) and sp.expand(expr.subs(var, point)) == 0


def _continuous_at(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, smooth: bool) -> bool:
    """Built only from operations continuous (``smooth``: analytic) at the point."""
    if not expr.has(var):
        return expr.is_real is True  # real and finite: no complex constant can put an argument on a branch cut
    if expr == var:
        return True
    rule = RULES.get(type(expr))
    if rule is not None:
        return rule(expr, var, point, smooth)
    if isinstance(expr, ENTIRE_REAL) or (not smooth and isinstance(expr, KINKED_CONTINUOUS)):
        return all(_continuous_at(arg, var, point, smooth) for arg in expr.args)
    return False


def _sum_or_product(expr: sp.Expr, var: sp.Symbol, point: sp.Expr, smooth: bool) -> bool:
    return all(_continuous_at(arg, var, point, smooth) for arg in expr.args)


def _power(expr: sp.Pow, var: sp.Symbol, point: sp.Expr, smooth: bool) -> bool:
    base, exponent = expr.args
    if not (_continuous_at(base, var, point, smooth) and _continuous_at(exponent, var, point, smooth)):
        return False
    at_point = base.subs(var, point)
    if exponent.has(var) or not exponent.is_Integer:
        return at_point.is_positive is True
    return exponent >= 0 or at_point.is_zero is False


def _logarithm(expr: sp.log, var: sp.Symbol, point: sp.Expr, smooth: bool) -> bool:
    (argument,) = expr.args
    return _continuous_at(argument, var, point, smooth) and argument.subs(var, point).is_positive is True


RULES = MappingProxyType({sp.Add: _sum_or_product, sp.Mul: _sum_or_product, sp.Pow: _power, sp.log: _logarithm})
