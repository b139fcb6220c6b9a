"""Numeric testing: seeded random points at high precision, and a soft time limit for SymPy calls.

Points are non-integer rationals of both signs (so sin(pi x) is not 0 there and sqrt(x^2) meets a
negative x); points where either side is not a finite real number are outside the common domain
and skipped, and when too few remain the symbols are tried positive (logs and roots).
"""
from __future__ import annotations

import random
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

import sympy as sp

PRECISION = 50
TOLERANCE = sp.Float("1e-32", PRECISION)
POINTS = 8
ATTEMPTS = 40


class SoftTimeout(Exception):
    """A SymPy call took longer than its share of the budget."""


@contextmanager
def soft_timeout(seconds: float) -> Iterator[None]:
    """Interrupt pure-Python work after ``seconds`` (the hard limit is the budget's child process)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise SoftTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class PointResult:
    point: dict
    left: sp.Expr
    right: sp.Expr

    @property
    def differs(self) -> bool:
        scale = max(sp.Float(1), abs(self.left), abs(self.right))
        return abs(self.left - self.right) > TOLERANCE * scale


def evaluate(expr: Any, point: dict) -> sp.Expr | None:
    """The value of ``expr`` at ``point`` to PRECISION digits, or None outside its real domain."""
    try:
        value = sp.N(expr.xreplace(point), PRECISION) if isinstance(expr, sp.Basic) else sp.N(expr, PRECISION)
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError, AttributeError):
        return None
    if not isinstance(value, sp.Expr) or not value.is_number:
        return None
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    real, imaginary = value.as_real_imag()
    if abs(imaginary) > TOLERANCE * max(1, abs(real)):
        return None
    if not real.is_Number:
        return None
    return real


def sample_points(symbols: list[sp.Symbol], seed: str, positive: bool) -> Iterator[dict]:
    rng = random.Random(seed + ("+" if positive else ""))
    for _ in range(ATTEMPTS):
        point = {}
        for s in symbols:
            magnitude = sp.Rational(rng.randint(7, 400), rng.choice((7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73)))
            negative = not positive and not s.is_positive and not s.is_nonnegative and rng.random() < 0.5
            point[s] = -magnitude if negative else magnitude
        yield point


def compare_at_points(left: Any, right: Any, seed: str) -> tuple[int, PointResult | None]:
    """(how many points agreed, the first point where they differ or None)."""
    symbols = sorted(_free(left) | _free(right), key=lambda s: s.name)
    agreed = 0
    for positive in (False, True):
        for point in sample_points(symbols, seed, positive):
            a, b = evaluate(left, point), evaluate(right, point)
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
    if isinstance(value, sp.Rational) and len(str(value)) <= 20:
        return str(value)
    if isinstance(value, sp.Expr) and value.is_number:
        return str(sp.N(value, 15))
    return str(value)
