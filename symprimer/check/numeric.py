"""The checker's numeric test, built on the shared spot-check (``symprimer.exact.spotcheck``, which
step verification uses too), and a soft time limit for SymPy calls.

A counterexample is searched first at small integers and simple fractions (a point a student
can check by hand), then just either side of kinks, then at the spot-check's seeded points;
only those random points count towards agreement.  Points where either side is not a finite
real number are outside the common domain and skipped, and when too few remain the symbols
are tried positive (logs and roots).
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from itertools import islice
from typing import Any, Iterator

import sympy as sp

from symprimer.exact.spotcheck import (  # noqa: F401 - the checker's names for the shared spot-check
    NO_DOMAINS,
    PRECISION,
    TOLERANCE,
    Domains,
    PointResult,
    evaluate,
    sample_points,
)

POINTS = 8


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


SIMPLE_ATTEMPTS = 12


def simple_points(symbols: list[sp.Symbol], domains: Domains = NO_DOMAINS) -> Iterator[dict]:
    """Small integers and simple fractions first (a counterexample a student can check by hand);
    these only ever show a difference: agreement is judged at the random points."""
    for attempt in range(SIMPLE_ATTEMPTS):
        yield {s: domains.simple(s, attempt + 2 * index) for index, s in enumerate(symbols)}


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
    simple = simple_difference(left, right, symbols, complex_values, domains)
    if simple is not None:
        return agreed, simple
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


def simple_difference(
    left: Any, right: Any, symbols: list, complex_values: bool, domains: Domains = NO_DOMAINS, attempts: int = SIMPLE_ATTEMPTS
) -> PointResult | None:
    """The first small-integer or simple-fraction point (of the first ``attempts``) where the two
    values differ, or None."""
    for point in islice(simple_points(symbols, domains), attempts):
        a, b = value_at(left, point, complex_values), value_at(right, point, complex_values)
        if a is not None and b is not None and PointResult(point, a, b).differs:
            return PointResult(point, a, b)
    return None


def first_simple_difference(left: Any, right: Any, domains: Domains = NO_DOMAINS, attempts: int = SIMPLE_ATTEMPTS) -> PointResult | None:
    """The point ``compare_at_points`` would show first, if it is among the first ``attempts``
    simple points: a decisive difference found before any algebra is tried."""
    symbols = sorted(_free(left) | _free(right), key=lambda s: s.name)
    complex_values = any(isinstance(v, sp.Basic) and v.has(sp.I) for v in (left, right))
    return simple_difference(left, right, symbols, complex_values, domains, attempts)


def differ_at_a_simple_point(left: Any, right: Any) -> bool:
    """A cheap, decisive test that two scalar expressions are different (False: not shown)."""
    return first_simple_difference(left, right) is not None


VALUES_KEPT = 4096


def value_at(expr: Any, point: dict, complex_values: bool) -> sp.Expr | None:
    """``evaluate`` at a simple point, kept: the key's answer, and an answer set against each
    candidate mistake, meet the same simple points again and again."""
    try:
        return _value_kept(expr, tuple(point.items()), complex_values)
    except TypeError:  # an unhashable value is evaluated afresh
        return evaluate(expr, point, complex_values)


@lru_cache(maxsize=VALUES_KEPT)
def _value_kept(expr: Any, point: tuple, complex_values: bool) -> sp.Expr | None:
    return evaluate(expr, dict(point), complex_values)


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
