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
    beside = _kinks_resolved_beside(expr, var, point)
    if beside is not None:
        direction = "+" if var.is_positive else "-"
        return limit_at(beside, var, point) if _decided(beside, var, point) else _finite(sp.limit(beside, var, point, dir=direction))
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


def _decided(expr: sp.Expr, var: sp.Symbol, point: sp.Expr) -> bool:
    return limit_at(expr, var, point) is not None


def _kinks_resolved_beside(expr: sp.Expr, var: sp.Symbol, point: sp.Expr) -> sp.Expr | None:
    """A one-sided limit (``var`` carries its sign: h > 0 or h < 0, tending to 0): each |u|,
    max and min replaced by the branch it takes just beside the point, so the limit meets only
    smooth functions (None: not such a limit, or a branch that cannot be told)."""
    side = 1 if var.is_positive else -1 if var.is_negative else 0
    if not side or point != 0 or not expr.has(*KINKED_CONTINUOUS):
        return None
    resolved = expr.replace(lambda node: isinstance(node, KINKED_CONTINUOUS), lambda node: _branch_beside(node, var, side))
    return None if resolved.has(*KINKED_CONTINUOUS) else resolved


def _branch_beside(node: sp.Expr, var: sp.Symbol, side: int) -> sp.Expr:
    """The smooth form |u|, max or min takes for small ``var`` of sign ``side`` (else the node)."""
    if isinstance(node, sp.Abs):
        sign = _sign_beside(node.args[0], var, side)
        return node if sign is None else sign * node.args[0]
    winner, *others = node.args
    for other in others:
        sign = _sign_beside(other - winner, var, side)
        if sign is None:
            return node
        if (sign > 0) == isinstance(node, sp.Max):
            winner = other
    return winner


def _sign_beside(u: sp.Expr, var: sp.Symbol, side: int, order: int = 4) -> int | None:
    """The sign of the smooth u just beside 0 on the side of ``side``: its value at 0, or the
    first non-zero derivative there (times side^k)."""
    for k in range(order + 1):
        value = sp.simplify(sp.diff(u, var, k).subs(var, 0)) if k else sp.simplify(u.subs(var, 0))
        if value.is_positive:
            return side**k
        if value.is_negative:
            return -(side**k)
        if value.is_zero is not True:
            return None
    return None


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
