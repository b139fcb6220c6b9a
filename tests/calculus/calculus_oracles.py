"""Oracles shared by the calculus and catalogue tests: sympy.diff and central differences."""
from __future__ import annotations

import random

import mpmath

import sympy as sp

from symprimer.exact.equality import values_equal


def same_as_sympy(derivative: sp.Expr, expr: sp.Expr, var: sp.Symbol) -> bool:
    """Rule result equals sympy.diff: simplified difference zero, or equal as the verifier decides."""
    oracle = sp.diff(expr, var)
    difference = sp.simplify((derivative - oracle).doit())
    return difference == 0 or values_equal(derivative, oracle)


def central_difference_agrees(expr: sp.Expr, derivative: sp.Expr, var: sp.Symbol, seed: int = 0,
                              points: int = 4, avoid: tuple = (0,), tolerance: float = 1e-6) -> bool:
    """d/dvar at random points away from kinks agrees with (f(x+h) - f(x-h)) / 2h.

    Evaluated with mpmath at 60 digits and h = 1e-20, so steep compositions stay well conditioned.
    """
    rng = random.Random(seed)
    others = sorted(expr.free_symbols - {var}, key=lambda s: s.name)
    checked = 0
    with mpmath.workdps(60):
        for _ in range(points * 5):
            if checked >= points:
                break
            at = {s: sp.Rational(rng.randint(-19, 19), 7) for s in others}
            x0 = mpmath.mpf(rng.randint(-2500, 2500)) / 1000
            if any(abs(x0 - float(k)) < 0.05 for k in avoid):
                continue
            f = sp.lambdify(var, expr.subs(at).doit(), "mpmath")
            df = sp.lambdify(var, derivative.subs(at).doit(), "mpmath")
            try:
                h = mpmath.mpf("1e-20")
                numeric = (f(x0 + h) - f(x0 - h)) / (2 * h)
                exact = df(x0)
            except (ZeroDivisionError, ValueError, TypeError, OverflowError):
                continue
            if mpmath.im(exact) != 0 or mpmath.im(numeric) != 0 or not mpmath.isfinite(exact):
                continue
            if abs(numeric - exact) > tolerance * max(1, abs(exact)):
                return False
            checked += 1
    return checked > 0
