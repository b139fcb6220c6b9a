"""Numeric testing: seeded random points at high precision, and a soft time limit for SymPy calls.

Points are non-integer rationals of both signs (so sin(pi x) is not 0 there and sqrt(x^2) meets a
negative x); points where either side is not a finite real number are outside the common domain
and skipped, and when too few remain the symbols are tried positive (logs and roots).
"""
from __future__ import annotations

import random
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

import sympy as sp

PRECISION = 50
TOLERANCE = sp.Float("1e-30", PRECISION)  # relative
FLOOR = sp.Float("1e-40", PRECISION)  # absolute: below this, rounding at PRECISION digits
POINTS = 8
ATTEMPTS = 40


class SoftTimeout(Exception):
    """A SymPy call took longer than its share of the budget."""


@contextmanager
def soft_timeout(seconds: float) -> Iterator[None]:
    """Interrupt pure-Python work after ``seconds`` of CPU time (so a busy machine does not change
    the outcome); the hard wall-clock limit is the budget's child process."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise SoftTimeout()

    outer_remaining, _ = signal.getitimer(signal.ITIMER_PROF)
    previous = signal.signal(signal.SIGPROF, expire)
    started = time.process_time()
    signal.setitimer(signal.ITIMER_PROF, min(seconds, outer_remaining) if outer_remaining else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        if outer_remaining:  # an enclosing soft_timeout keeps what is left of its own limit
            left = outer_remaining - (time.process_time() - started)
            signal.setitimer(signal.ITIMER_PROF, max(left, 0.001))


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
SIMPLE_ATTEMPTS = 12


def simple_points(symbols: list[sp.Symbol], domains: Domains = NO_DOMAINS) -> Iterator[dict]:
    """Small integers and simple fractions first (a counterexample a student can check by hand);
    these only ever show a difference: agreement is judged at the random points."""
    for attempt in range(SIMPLE_ATTEMPTS):
        yield {s: domains.simple(s, attempt + 2 * index) for index, s in enumerate(symbols)}


def sample_points(symbols: list[sp.Symbol], seed: str, positive: bool, domains: Domains = NO_DOMAINS) -> Iterator[dict]:
    rng = random.Random(seed + ("+" if positive else ""))
    for attempt in range(ATTEMPTS):
        point = {}
        reach = 60 if attempt % 4 == 3 else 5  # mostly near 0, every fourth point far out (kinks beyond 5)
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


_KINKED = (sp.Max, sp.Min, sp.Abs, sp.Heaviside, sp.sign, sp.Piecewise)


def kink_points(values: tuple, symbols: list[sp.Symbol], domains: Domains = NO_DOMAINS) -> list[dict]:
    """Points just either side of where a max/min/abs/cases argument changes sign, so a kink far
    from 0 (max(0, x - 30)) is not missed; only for kinks in one variable, of degree <= 2."""
    switches = []
    for value in values:
        if not isinstance(value, sp.Basic):
            continue
        for node in sp.preorder_traversal(value):
            if isinstance(node, (sp.Max, sp.Min)) and len(node.args) == 2:
                switches.append(node.args[0] - node.args[1])
            elif isinstance(node, (sp.Abs, sp.Heaviside, sp.sign)):
                switches.append(node.args[0])
            elif isinstance(node, sp.Piecewise):
                switches += [c.lhs - c.rhs for _, c in node.args if isinstance(c, sp.core.relational.Relational)]
    points = []
    for switch in switches[:6]:
        free = switch.free_symbols
        if len(free) != 1 or not switch.is_polynomial(*free) or sp.degree(switch, *free) > 2:
            continue
        (s,) = free
        for root in sp.Poly(switch, s).real_roots():
            centre = sp.Rational(sp.nsimplify(sp.N(root, 20), rational=True))
            for offset in (sp.Rational(1, 7), -sp.Rational(1, 7), sp.Rational(5, 3), -sp.Rational(5, 3)):
                point = {t: domains.simple(t, 0) if t.name in domains.labels | domains.probabilities else sp.Rational(3, 11) for t in symbols}
                if s.name in domains.labels | domains.probabilities:
                    continue
                point[s] = centre + offset
                points.append(point)
    return points


def compare_at_points(left: Any, right: Any, seed: str, domains: Domains = NO_DOMAINS) -> tuple[int, PointResult | None]:
    """(how many random points agreed, the first point where they differ or None)."""
    symbols = sorted(_free(left) | _free(right), key=lambda s: s.name)
    complex_values = any(isinstance(v, sp.Basic) and v.has(sp.I) for v in (left, right))
    agreed = 0
    for point in simple_points(symbols, domains):
        a, b = evaluate(left, point, complex_values), evaluate(right, point, complex_values)
        if a is not None and b is not None and PointResult(point, a, b).differs:
            return agreed, PointResult(point, a, b)
    if any(isinstance(v, sp.Basic) and v.has(*_KINKED) for v in (left, right)):
        for point in kink_points((left, right), symbols, domains):
            a, b = evaluate(left, point, complex_values), evaluate(right, point, complex_values)
            if a is not None and b is not None and PointResult(point, a, b).differs:
                return agreed, PointResult(point, a, b)
    for positive in (False, True):
        for point in sample_points(symbols, seed, positive, domains):
            a, b = evaluate(left, point, complex_values), evaluate(right, point, complex_values)
            if a is None or b is None:
                continue
            result = PointResult(point, a, b)
            if result.differs:
                return agreed, result
            agreed += 1
            if agreed >= POINTS:
                return agreed, None
        if agreed >= POINTS // 2:
            return agreed, None
    return agreed, None


def _free(value: Any) -> set:
    return set(value.free_symbols) if isinstance(value, sp.Basic) else set()


def short(value: Any) -> str:
    """A number as a person reads it: exact when short, else 15 significant digits."""
    if isinstance(value, sp.Basic) and not value.has(sp.Float) and len(str(value)) <= 20:
        if value.is_Integer or value.is_number is False or not value.is_real:
            return str(value)
        return f"{value} (= {sp.N(value, 15)})"
    if isinstance(value, sp.Expr) and value.is_number:
        return str(sp.N(value, 15))
    return str(value)


def short_pair(left: Any, right: Any) -> tuple[str, str]:
    """Both values with just enough digits that they visibly differ (15 at least, 50 at most)."""
    a, b = short(left), short(right)
    digits = 15
    while a == b and digits < PRECISION:
        digits += 5
        a, b = str(sp.N(left, digits)), str(sp.N(right, digits))
    return a, b
