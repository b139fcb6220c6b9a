"""Is an expression zero as a rational function of its atoms?  Decided in a polynomial ring.

Every atom that is not a rational number (a symbol, exp(z), |x|, sigma(x), sqrt(2), pi, a
float ...) becomes an independent generator of a polynomial ring over QQ, with exp(a + 2b)
read as exp(a) exp(b)^2 so the exponential identities behind sigmoid and softmax stay
polynomial.  The expression is brought over one common denominator (the largest power of
each distinct denominator base), and its numerator is multiplied out by the ring's sparse
arithmetic, far faster than expanding SymPy expressions.  A zero numerator proves the
expression zero wherever it is defined; treating related atoms as independent can only miss
an identity, never invent one.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import sympy as sp
from sympy.polys.rings import PolyElement, PolyRing

Denominator = dict  # normalised base (PolyElement) -> power
MAX_POWER = 12  # beyond these sizes multiplying out is not the cheap test any more: decline
MAX_TERMS = 20000


class _Declined(Exception):
    """The expression has a form this test does not take (a huge power, a zero denominator)."""


def zero_over_common_denominator(expr: sp.Expr) -> bool:
    """True when the numerator over a common denominator vanishes identically."""
    try:
        numerator, _ = _Reader(expr).read(expr)
    except _Declined:
        return False
    return not numerator


class _Reader:
    """Reads one expression into ring fractions (numerator, denominator powers)."""

    def __init__(self, expr: sp.Expr) -> None:
        generators: dict[sp.Expr, None] = {}
        _generators(expr, generators)
        self.ring = PolyRing(tuple(generators) or (sp.Dummy("one"),), sp.QQ)
        self.index = {atom: i for i, atom in enumerate(generators)}

    def read(self, expr: sp.Expr) -> tuple[PolyElement, Denominator]:
        if expr.is_Rational:
            return self.ring(expr), {}
        if isinstance(expr, sp.Add):
            return self._sum([self.read(term) for term in expr.args])
        if isinstance(expr, sp.Mul):
            return self._product(self.read(factor) for factor in expr.args)
        if isinstance(expr, sp.Pow) and expr.exp.is_Integer:
            return self._power(self.read(expr.base), int(expr.exp))
        if isinstance(expr, sp.exp):
            return self._exponential(expr)
        return self._generator(expr), {}

    def _generator(self, atom: sp.Expr) -> PolyElement:
        return self.ring.gens[self.index[atom]]

    def _product(self, parts: Iterable[tuple[PolyElement, Denominator]]) -> tuple[PolyElement, Denominator]:
        numerator, denominator = self.ring.one, Counter()
        for top, bottom in parts:
            numerator *= top
            denominator.update(bottom)
        return numerator, dict(denominator)

    def _sum(self, parts: list[tuple[PolyElement, Denominator]]) -> tuple[PolyElement, Denominator]:
        grouped: dict[frozenset, list] = {}  # terms over the same denominator are added first
        for numerator, denominator in parts:
            key = frozenset(denominator.items())
            grouped.setdefault(key, [self.ring.zero, denominator])[0] += numerator
        common: Counter = Counter()
        for _, denominator in grouped.values():
            for base, power in denominator.items():
                common[base] = max(common[base], power)
        total = self.ring.zero
        for numerator, denominator in grouped.values():
            if not numerator:
                continue
            for base, power in common.items():
                missing = power - denominator.get(base, 0)
                if missing:
                    numerator *= base**missing
            total += numerator
        return total, dict(common)

    def _power(self, part: tuple[PolyElement, Denominator], exponent: int) -> tuple[PolyElement, Denominator]:
        numerator, denominator = part
        if abs(exponent) > MAX_POWER or len(numerator) ** abs(exponent) > MAX_TERMS:
            raise _Declined
        if exponent >= 0:
            return numerator**exponent, {base: power * exponent for base, power in denominator.items()}
        flipped = self.ring.one
        for base, power in denominator.items():
            flipped *= base ** (power * -exponent)
        if not numerator:
            raise _Declined  # a denominator that is 0 as a polynomial: not a value to compare
        if numerator.is_ground:
            return flipped * self.ring(1 / numerator.LC) ** -exponent, {}
        scale, base = numerator.LC, numerator.quo_ground(numerator.LC)  # monic: (1-p) and (p-1) share a base
        return flipped * self.ring(1 / scale) ** -exponent, {base: -exponent}

    def _exponential(self, expr: sp.exp) -> tuple[PolyElement, Denominator]:
        """exp(c1 t1 + c2 t2 + ...) with integer c as the product of the powers exp(t_i)^c_i."""
        return self._product(
            self._power(self._exponential_factor(sp.exp(term)), coefficient)
            for coefficient, term in _exponent_terms(expr.args[0])
        )

    def _exponential_factor(self, factor: sp.Expr) -> tuple[PolyElement, Denominator]:
        if isinstance(factor, sp.exp):
            return self._generator(factor), {}
        return self.read(factor)  # exp(log y) is y, exp(i pi) is -1: read as what they are


def _exponent_terms(argument: sp.Expr) -> list[tuple[int, sp.Expr]]:
    """exp's argument as integer multiples of terms: exp(3x/2 - y + 2) = exp(x/2)^3 exp(y)^-1 E^2.

    A term whose coefficient is not rational (or is too large a power) stays one opaque term.
    """
    terms = []
    for term in sp.Add.make_args(argument):
        coefficient, rest = term.as_coeff_Mul()
        if coefficient.is_Rational and 0 < abs(coefficient.p) <= MAX_POWER:
            terms.append((int(coefficient.p), rest / coefficient.q))
        else:
            terms.append((1, term))
    return terms


def _generators(expr: sp.Expr, found: dict) -> None:
    """The atoms ``_Reader.read`` will meet, in a deterministic order of first appearance."""
    if expr.is_Rational:
        return
    if isinstance(expr, (sp.Add, sp.Mul)):
        for arg in expr.args:
            _generators(arg, found)
    elif isinstance(expr, sp.Pow) and expr.exp.is_Integer:
        _generators(expr.base, found)
    elif isinstance(expr, sp.exp):
        for _, term in _exponent_terms(expr.args[0]):
            factor = sp.exp(term)
            if isinstance(factor, sp.exp):
                found.setdefault(factor, None)
            else:
                _generators(factor, found)
    else:
        found.setdefault(expr, None)
