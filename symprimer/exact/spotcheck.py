"""The one numeric spot-check: seeded points, values to 50 digits, and when two values differ.

Two users build on it: ``equality.numerically_zero`` (a step's backstop after the exact layers)
and ``check.numeric.compare_at_points`` (the checker's counterexample search and numeric
verdict).  Points are non-integer rationals of both signs (so sin(pi x) is not 0 there and
sqrt(x^2) meets a negative x); a point where a value is not a finite number is outside the
common domain and skipped.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Iterator

import sympy as sp

PRECISION = 50
TOLERANCE = sp.Float("1e-30", PRECISION)  # relative
FLOOR = sp.Float("1e-40", PRECISION)  # absolute: below this, rounding at PRECISION digits
ATTEMPTS = 40


@dataclass(frozen=True)
class PointResult:
    point: dict
    left: sp.Expr
    right: sp.Expr

    @property
    def differs(self) -> bool:
        gap = abs(self.left - self.right)
        return gap > FLOOR and gap > TOLERANCE * max(abs(self.left), abs(self.right))


def evaluate(expr: Any, point: dict, complex_values: bool = False) -> sp.Expr | None:
    """The value of ``expr`` at ``point`` to PRECISION digits, or None outside its domain
    (the reals, unless ``complex_values``: then any finite complex number counts)."""
    try:
        value = sp.N(expr.xreplace(point), PRECISION) if isinstance(expr, sp.Basic) else sp.N(expr, PRECISION)
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError, AttributeError):
        return None
    if not isinstance(value, sp.Expr) or not value.is_number:
        return None
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    real, imaginary = value.as_real_imag()
    if not (real.is_Number and imaginary.is_Number):
        return None
    if abs(imaginary) > TOLERANCE * max(1, abs(real)):
        return real + sp.I * imaginary if complex_values else None
    return real


@dataclass(frozen=True)
class Domains:
    """Variables declared as 0/1 labels or as probabilities: points are drawn only there, so a
    counterexample makes sense to the student and agreement means 'agrees on the domain'."""

    labels: frozenset[str] = frozenset()
    probabilities: frozenset[str] = frozenset()

    def value(self, symbol: sp.Symbol, rng: random.Random) -> sp.Rational | None:
        if symbol.name in self.labels:
            return sp.Integer(rng.randint(0, 1))
        if symbol.name in self.probabilities:
            denominator = rng.choice((4, 5, 7, 8, 10, 11, 13))
            return sp.Rational(rng.randint(1, denominator - 1), denominator)
        return None

    def simple(self, symbol: sp.Symbol, index: int) -> sp.Rational:
        if symbol.name in self.labels:
            return sp.Integer(index % 2)
        if symbol.name in self.probabilities:
            return SIMPLE_PROBABILITIES[index % len(SIMPLE_PROBABILITIES)]
        values = SIMPLE_POSITIVE if symbol.is_positive or symbol.is_nonnegative else SIMPLE_VALUES
        return values[index % len(values)]

    def sentence(self) -> str:
        parts = [f"{name} in (0, 1)" for name in sorted(self.probabilities)]
        parts += [f"{name} in {{0, 1}}" for name in sorted(self.labels)]
        return ", ".join(parts)


NO_DOMAINS = Domains()
SIMPLE_VALUES = tuple(sp.Rational(v) for v in ("1", "2", "-1", "3", "-2", "1/2", "-1/2", "3/2", "1/3", "-3", "2/3", "5"))
SIMPLE_POSITIVE = tuple(v for v in SIMPLE_VALUES if v > 0)
SIMPLE_PROBABILITIES = tuple(sp.Rational(v) for v in ("1/2", "1/4", "3/4", "1/3", "2/3", "1/5"))


def sample_points(
    symbols: list[sp.Symbol], seed: str, positive: bool, domains: Domains = NO_DOMAINS, far: bool = True
) -> Iterator[dict]:
    """Seeded non-integer rationals, mostly within 5 of 0; with ``far`` every fourth point reaches
    out to 60 (kinks beyond 5).  Declared domains and positive symbols are respected."""
    rng = random.Random(seed + ("+" if positive else ""))
    for attempt in range(ATTEMPTS):
        point = {}
        reach = 60 if far and attempt % 4 == 3 else 5
        for s in symbols:
            declared = domains.value(s, rng)
            if declared is not None:
                point[s] = declared
                continue
            denominator = rng.choice((7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47))
            magnitude = sp.Rational(rng.randint(1, reach * denominator - 1), denominator)
            if magnitude.is_Integer:
                magnitude += sp.Rational(1, denominator)
            negative = not positive and not s.is_positive and not s.is_nonnegative and rng.random() < 0.5
            point[s] = -magnitude if negative else magnitude
        yield point
