"""Kinked identities decided region by region, exactly, instead of at random points.

Heaviside, Abs, sign, Max, Min, DiracDelta and Piecewise change form only where some switch
expression u (an argument, a difference of Max/Min arguments, a side of a Piecewise condition)
changes sign.  On each open region where every switch has a fixed sign they are plain
expressions (Abs(u) is u or -u, Heaviside(u) is 1 or 0, ...), so an identity proved exactly on
every region holds everywhere off the kinks {u = 0}.  Switches must be non-zero polynomials,
whose zero sets have measure zero: this is the 'almost everywhere' sense the seeded spot-check
tests (its random points never land on a kink) and the sense in which a kink convention such as
ReLU'(0) = 0 agrees with SymPy's Heaviside(0) = 1/2.
"""
from __future__ import annotations

import itertools
from types import MappingProxyType
from typing import Callable, Iterator

import sympy as sp
from sympy.core.relational import Relational

KINKED = (sp.Heaviside, sp.Abs, sp.sign, sp.Max, sp.Min, sp.DiracDelta, sp.Piecewise)
MAX_SWITCHES = 4  # 2^4 regions at most; beyond that the spot-check is the cheaper judge

Switch = tuple[sp.Expr, int]  # (canonical polynomial u, the sign the original carries relative to u)
Region = dict  # canonical u -> +1 or -1
EMPTY = object()  # marks a region whose sign pattern is contradictory (nothing to prove there)


def zero_on_every_region(expr: sp.Expr, exactly_zero: Callable[[sp.Expr], bool]) -> bool:
    """True when ``expr`` is proved zero by ``exactly_zero`` on every sign region of its switches
    (False: not proved; the caller falls back to its other layers)."""
    switches = _switches(expr)
    if not switches or len(switches) > MAX_SWITCHES:
        return False
    for signs in itertools.product((1, -1), repeat=len(switches)):
        try:
            smooth = _on_region(expr, dict(zip(switches, signs)))
        except (KeyError, TypeError):  # a switch this layer did not foresee: leave it to the others
            return False
        if smooth is EMPTY:
            continue
        if smooth is None or not exactly_zero(smooth):
            return False
    return True


def _switch(difference: sp.Expr) -> Switch | None:
    """The canonical switch polynomial of ``difference`` (None: not a non-zero polynomial in real
    symbols; |u| = +-u only holds for real u)."""
    u = sp.expand(difference)
    if u == 0 or not u.free_symbols or not u.is_polynomial():
        return None
    if not all(symbol.is_real for symbol in u.free_symbols):
        return None
    content, primitive = u.as_content_primitive()
    sign = 1 if content > 0 else -1
    if primitive.could_extract_minus_sign():
        return -primitive, -sign
    return primitive, sign


def _differences(node: sp.Basic) -> Iterator[sp.Expr]:
    """The expressions whose signs decide which form a kinked node takes."""
    if isinstance(node, sp.Piecewise):
        for _, condition in node.args:
            for relation in condition.atoms(Relational):
                yield relation.lhs - relation.rhs
    elif isinstance(node, (sp.Max, sp.Min)):
        for first, second in itertools.combinations(node.args, 2):
            yield first - second
    else:
        yield node.args[0]


def _decisive_parts(node: sp.Basic) -> tuple[sp.Basic, ...]:
    if isinstance(node, sp.Piecewise):
        return tuple(condition for _, condition in node.args)
    if isinstance(node, (sp.Max, sp.Min)):
        return node.args
    return node.args[:1]


def _switches(expr: sp.Expr) -> tuple[sp.Expr, ...] | None:
    """The distinct switch polynomials of ``expr`` (None: some switch is not a usable polynomial,
    or a kink decides another kink, which this layer leaves to the others)."""
    found: dict[sp.Expr, None] = {}
    for node in expr.atoms(*KINKED):
        if any(part.has(*KINKED) for part in _decisive_parts(node)):
            return None
        for difference in _differences(node):
            switch = _switch(difference)
            if switch is None:
                return None
            found[switch[0]] = None
    return tuple(found)


def _sign_on(difference: sp.Expr, region: Region) -> int:
    u, sign = _switch(difference)
    return sign * region[u]


def _relation_holds(relation: Relational, region: Region) -> bool:
    positive = _sign_on(relation.lhs - relation.rhs, region) > 0
    return RELATION_TRUTH[type(relation)](positive)


RELATION_TRUTH = MappingProxyType(
    {
        sp.StrictGreaterThan: lambda positive: positive,
        sp.GreaterThan: lambda positive: positive,
        sp.StrictLessThan: lambda positive: not positive,
        sp.LessThan: lambda positive: not positive,
        sp.Eq: lambda positive: False,  # holds only on the kink itself
        sp.Ne: lambda positive: True,
    }
)


def _piecewise_on(node: sp.Piecewise, region: Region) -> sp.Expr | None:
    for value, condition in node.args:
        truth = condition.xreplace({r: sp.true if _relation_holds(r, region) else sp.false
                                    for r in condition.atoms(Relational)})
        if truth is sp.true:
            return value
        if truth is not sp.false:
            return None
    return None  # no branch applies: undefined there


def _extreme_on(node: sp.Basic, region: Region) -> sp.Expr:
    """The Max (or Min) argument that beats every other one on the region (EMPTY: the signs
    of the pairwise differences contradict each other, a > b > c > a)."""
    larger = isinstance(node, sp.Max)
    for candidate in node.args:
        if all((_sign_on(candidate - other, region) > 0) == larger for other in node.args if other is not candidate):
            return candidate
    return EMPTY


ON_REGION = MappingProxyType(
    {
        sp.Heaviside: lambda node, region: sp.Integer(1 if _sign_on(node.args[0], region) > 0 else 0),
        sp.DiracDelta: lambda node, region: sp.Integer(0),
        sp.Abs: lambda node, region: node.args[0] * _sign_on(node.args[0], region),
        sp.sign: lambda node, region: sp.Integer(_sign_on(node.args[0], region)),
        sp.Max: _extreme_on,
        sp.Min: _extreme_on,
        sp.Piecewise: _piecewise_on,
    }
)


def _on_region(expr: sp.Expr, region: Region) -> sp.Expr | None:
    """``expr`` with every kinked node replaced by its smooth form on the region.  DiracDelta
    goes first: it is 0 off its kink, so a term delta(u) g(sign u) is 0 there even where g of the
    constant sign is singular (d/dx arcsin(sgn x): 2 delta(x) / sqrt(1 - sgn^2 x))."""
    deltas = expr.atoms(sp.DiracDelta)
    if deltas:
        expr = expr.xreplace({delta: sp.Integer(0) for delta in deltas})
    for _ in range(8):  # a branch may hold further kinked nodes: one level per pass
        nodes = expr.atoms(*KINKED)
        if not nodes:
            return expr
        replaced = {node: ON_REGION[type(node)](node, region) for node in nodes}
        if any(value is EMPTY for value in replaced.values()):
            return EMPTY
        if any(value is None for value in replaced.values()):
            return None
        expr = expr.xreplace(replaced)
    return None


def zero_on_every_kink(expr: sp.Expr, exactly_zero: Callable[[sp.Expr], bool]) -> bool:
    """The kinks themselves: on each flat kink {u = 0} (u linear in some symbol s) the value of
    ``expr`` with s solved for is proved zero too, so a claimed value at a kink (ReLU'(0) = 1 in
    place of the convention's 0) is checked there, not only off it.  A kink that is not flat in
    any symbol is left to the region proof (a curve has measure zero as well).  Where the claim
    has no value at a kink (a factor singular there, as sqrt(x) and ln x are at the kink of
    ReLU(x)) it claims nothing at that point, as the spot-check skips points outside the domain."""
    for switch in _switches(expr) or ():
        symbol = next((s for s in sorted(switch.free_symbols, key=lambda s: s.name) if sp.degree(switch, s) == 1), None)
        if symbol is None:
            continue
        root = sp.solve(switch, symbol)
        if len(root) != 1:
            continue
        on_kink = expr.subs(symbol, root[0])
        if on_kink.has(sp.nan, sp.zoo):  # no value there (ReLU(x) sqrt(x): 0/0): nothing is claimed
            continue
        if sp.expand(on_kink) != 0 and not exactly_zero(on_kink):
            return False
    return True
