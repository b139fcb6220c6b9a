"""Are two values the same mathematics?  Layers: structure, exact algebra, numbers, simplify.

A value is a scalar expression, an explicit matrix, a matrix expression in capital letters, a
list (compared as a multiset, e.g. eigenvalues) or an equation (compared as an equation, never
with a bare value: see ``symprimer.check.equations``).  Undefined values (division by zero)
equal nothing.
A difference found at a point is decisive (``not_equivalent`` with the point and both values);
agreement at many random points to 50 digits without an algebraic proof is reported as
``equivalent`` by the numeric method, the way a careful marker would check it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

import sympy as sp

from symprimer.check.equations import compare_equation_with_value, compare_equations
from symprimer.check.letters import MATRIX_TEST_SIZE, MATRIX_TRIALS, has_matrix_symbols, instantiate, random_bindings, shown_bindings
from symprimer.parse.meaning import MATRIX_SIZE
from symprimer.check.numeric import (
    NO_DOMAINS,
    Domains,
    PointResult,
    SoftTimeout,
    compare_at_points,
    evaluate,
    first_simple_difference,
    short_pair,
    soft_timeout,
)
from symprimer.check.verdict import Comparison, Counterexample
from symprimer.exact.equality import materialise, nonzero_remainder
from symprimer.render.notation import to_latex

SIMPLIFY_SECONDS = 1.0
PROBES = 2  # simple points tried before any algebra: two values that differ there are different
UNDEFINED = (sp.zoo, sp.nan)


@dataclass(frozen=True)
class How:
    """How hard to try (seconds for each simplification) and, when the teacher allows rounded
    answers, the relative tolerance for numbers (None: exact)."""

    seconds: float = SIMPLIFY_SECONDS
    tolerance: sp.Rational | None = None
    domains: Domains = NO_DOMAINS


def compare(
    expected: Any, answer: Any, simplify_seconds: float = SIMPLIFY_SECONDS, tolerance: Any = None, domains: Domains = NO_DOMAINS
) -> Comparison:
    """Compare two parsed values of any kind."""
    how = How(simplify_seconds, tolerance, domains)
    expected, answer = _kept(_PLAIN_KEPT, expected), _kept(_PLAIN_KEPT, answer)
    if _undefined(expected) or _undefined(answer):
        return Comparison(False, "structure", "an undefined value (a division by zero, or 0/0) equals nothing")
    if isinstance(expected, sp.Equality) and isinstance(answer, sp.Equality):
        return compare_equations(expected, answer, how.seconds)
    if isinstance(expected, sp.Equality) != isinstance(answer, sp.Equality):
        return compare_equation_with_value(expected, answer, how.seconds)
    if has_matrix_symbols(expected) or has_matrix_symbols(answer):
        return _compare_matrix_expressions(expected, answer, how)
    left, right = _kept(_MATERIALISED_KEPT, expected), _kept(_MATERIALISED_KEPT, answer)
    if _undefined(left) or _undefined(right):
        return Comparison(False, "structure", "an undefined value (a division by zero, or 0/0) equals nothing")
    handler = _DISPATCH.get((_kind(left), _kind(right)))
    if handler is None:
        return Comparison(False, "structure", f"the answer is {_KIND_NAMES[_kind(right)]} but {_KIND_NAMES[_kind(left)]} was expected")
    return handler(left, right, how)


KEPT = 512  # values kept per worker, for each of the two preparations below


def _kept(prepare: Any, value: Any) -> Any:
    """``prepare(value)`` (symbols by name, or unevaluated operations worked out), kept for values
    compared again (the key's answer above all): both are pure functions of the value."""
    try:
        return prepare(value)
    except TypeError:  # an unhashable value is worked out afresh
        return prepare.__wrapped__(value)


def _undefined(value: Any) -> bool:
    if isinstance(value, tuple):
        return any(_undefined(v) for v in value)
    return isinstance(value, sp.Basic) and value.has(*UNDEFINED)


def _plain_symbols(value: Any) -> Any:
    """Symbols by name only: an x with assumptions (from a derivation) is the student's x."""
    if isinstance(value, tuple):
        return tuple(_plain_symbols(v) for v in value)
    if not isinstance(value, sp.Basic):
        return value
    renamed = {s: sp.Symbol(s.name) for s in value.free_symbols if type(s) is sp.Symbol and s.assumptions0 and s != MATRIX_SIZE}
    return value.xreplace(renamed) if renamed else value


_PLAIN_KEPT = lru_cache(maxsize=KEPT)(_plain_symbols)
_MATERIALISED_KEPT = lru_cache(maxsize=KEPT)(materialise)


def _kind(value: Any) -> str:
    if isinstance(value, tuple):
        return "list"
    if isinstance(value, sp.MatrixBase):
        return "matrix"
    if isinstance(value, sp.Equality):
        return "equation"
    if isinstance(value, (sp.core.relational.Relational, sp.logic.boolalg.Boolean)) and not isinstance(value, sp.Expr):
        return "relation"
    return "scalar"


_KIND_NAMES = {"list": "a list", "matrix": "a matrix", "equation": "an equation", "relation": "a condition", "scalar": "a single expression"}


def compare_scalars(expected: Any, answer: Any, how: How = How()) -> Comparison:
    expected, answer = sp.sympify(expected), sp.sympify(answer)  # safe: parsed values, never text
    simplify_seconds = how.seconds
    if expected == answer:
        return Comparison(True, "symbolic", "the two are the same expression")
    difference = expected - answer
    if not difference.free_symbols and (expected.free_symbols or answer.free_symbols) and difference.is_zero is False:
        outcome = Comparison(False, "symbolic", f"the two differ by the constant {to_latex(difference)}")
        return _with_point(expected, answer, outcome, how.domains)
    if not difference.free_symbols:
        outcome = _compare_constants(expected, answer, difference)
        if outcome.equal is False and how.tolerance is not None:
            outcome = _within_tolerance(expected, answer, how.tolerance) or outcome
        if outcome.equal is False and (expected.free_symbols or answer.free_symbols):
            return _with_point(expected, answer, outcome, how.domains)
        return outcome
    probed = first_simple_difference(expected, answer, how.domains, PROBES)
    if probed is not None:  # most wrong answers: the very point the numeric test would show first
        return _differ_at(expected, answer, probed)
    for exact in (sp.expand, _together):
        try:
            with soft_timeout(simplify_seconds):
                if exact(difference) == 0:
                    return Comparison(True, "symbolic", "the difference reduces to 0 by exact algebra")
        except (SoftTimeout, TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError):
            pass
    agreed, differing = compare_at_points(expected, answer, sp.srepr(difference), how.domains)
    if differing is not None:
        return _differ_at(expected, answer, differing)
    try:
        with soft_timeout(simplify_seconds):
            if _together(difference.rewrite(sp.exp)) == 0:
                return Comparison(True, "symbolic", "the difference reduces to 0 once written with exponentials")
            if sp.simplify(difference) == 0:
                return Comparison(True, "symbolic", "the difference simplifies to 0")
    except (SoftTimeout, TypeError, ValueError, NotImplementedError, sp.PolynomialError, RecursionError):
        pass
    declared = how.domains.labels | how.domains.probabilities
    remainder = nonzero_remainder(difference)
    if remainder is not None and not any(s.name in declared for s in remainder.free_symbols):
        return Comparison(False, "symbolic", f"the two differ by {to_latex(remainder)}, which is not zero although too small for the numeric test to see")
    if agreed == 0:
        return Comparison(None, "numeric", "no point could be found where both sides have a real value")
    where = f" with {how.domains.sentence()}" if how.domains.sentence() else ""
    return Comparison(True, "numeric", f"the two agree to {50} digits at {agreed} random points{where} (no algebraic proof found)")


def _differ_at(expected: sp.Expr, answer: sp.Expr, differing: PointResult) -> Comparison:
    point = tuple((s.name, str(v)) for s, v in differing.point.items())
    shown = _exact_if_rational(expected, differing.point, differing.left), _exact_if_rational(answer, differing.point, differing.right)
    return Comparison(False, "numeric", "the two differ at a point", Counterexample(point, *short_pair(*shown)))


def _exact_if_rational(expr: sp.Expr, point: dict, numeric: sp.Expr) -> sp.Expr:
    """The exact value at the point when it is a rational number, else the numeric one."""
    try:
        exact = expr.xreplace(point)
    except (TypeError, ValueError, ZeroDivisionError):
        return numeric
    return exact if isinstance(exact, sp.Rational) else numeric


def _with_point(expected: sp.Expr, answer: sp.Expr, outcome: Comparison, domains: Domains = NO_DOMAINS) -> Comparison:
    """A constant difference between two expressions: show it at one point."""
    _, differing = compare_at_points(expected, answer, sp.srepr(expected), domains)
    if differing is None:
        return outcome
    point = tuple((s.name, str(v)) for s, v in differing.point.items())
    example = Counterexample(point, *short_pair(differing.left, differing.right))
    return Comparison(False, outcome.method, "the two differ by a constant", example)


def _together(expr: sp.Expr) -> sp.Expr:
    if expr.has(sp.Piecewise, sp.Max, sp.Min, sp.Abs, sp.Heaviside):
        return sp.piecewise_fold(sp.expand(expr))
    return sp.cancel(sp.together(sp.expand(expr)))


def _compare_constants(expected: sp.Expr, answer: sp.Expr, difference: sp.Expr) -> Comparison:
    if difference.is_Rational:
        same = difference == 0
        example = None if same else Counterexample((), *short_pair(expected, answer))
        return Comparison(same, "exact", "the two numbers are equal" if same else "the two numbers differ", example)
    infinities = (sp.oo, -sp.oo)
    if expected in infinities and answer in infinities:
        return Comparison(expected == answer, "exact", "compared as infinities")
    a, b = evaluate(expected, {}, True), evaluate(answer, {}, True)
    if a is None or b is None:
        return Comparison(None, "numeric", "one of the two numbers is not finite")
    if PointResult({}, a, b).differs:
        return Comparison(False, "numeric", "the two numbers differ", Counterexample((), *short_pair(expected, answer)))
    if difference.is_zero is False:
        reason = "the two numbers differ (by less than 50 digits can show)"
        return Comparison(False, "symbolic", reason, Counterexample((), *short_pair(expected, answer)))
    proved = difference.equals(0)
    if proved is True:
        return Comparison(True, "symbolic", "the two numbers are equal")
    if proved is False:
        return Comparison(False, "symbolic", "the two numbers differ (SymPy proves their difference non-zero)")
    return Comparison(True, "numeric", "the two numbers agree to 50 digits")


def _within_tolerance(expected: sp.Expr, answer: sp.Expr, tolerance: sp.Rational) -> Comparison | None:
    """Two numbers within the allowed relative error: equivalent, and the verdict says so."""
    a, b = evaluate(expected, {}, True), evaluate(answer, {}, True)
    if a is None or b is None:
        return None
    if abs(a - b) <= tolerance * max(abs(a), abs(b)):
        return Comparison(True, "tolerance", f"the two numbers agree within the relative tolerance {float(tolerance):g} allowed for rounded answers (they are not exactly equal)")
    return None


def _compare_matrices(expected: sp.MatrixBase, answer: sp.MatrixBase, how: How) -> Comparison:
    if expected.shape != answer.shape:
        return Comparison(False, "structure", f"the answer is a {answer.rows}x{answer.cols} matrix but a {expected.rows}x{expected.cols} one was expected")
    methods = set()
    for index, (a, b) in enumerate(zip(expected, answer)):
        outcome = compare_scalars(a, b, how)
        if outcome.equal is not True:
            i, j = divmod(index, expected.cols)
            where = f"entry ({i + 1}, {j + 1})"
            example = outcome.counterexample
            if example is not None:
                example = Counterexample(example.point, example.expected, example.answer, where)
            reason = f"{where} {'differs' if outcome.equal is False else 'could not be decided'}"
            return Comparison(outcome.equal, outcome.method, reason, example)
        methods.add(outcome.method)
    method = next((m for m in ("numeric", "tolerance") if m in methods), "symbolic")
    return Comparison(True, method, "every entry agrees")


def _compare_lists(expected: tuple, answer: tuple, how: How) -> Comparison:
    if len(expected) != len(answer):
        return Comparison(False, "structure", f"the answer lists {len(answer)} values but {len(expected)} were expected (multiplicities count)")
    remaining = list(answer)
    for item in expected:
        match = next((k for k, other in enumerate(remaining) if compare(item, other, how.seconds, how.tolerance, how.domains).equal), None)
        if match is None:
            return Comparison(False, "multiset", f"the expected value {to_latex(item)} is missing from the answer's list")
        remaining.pop(match)
    return Comparison(True, "multiset", "the two lists hold the same values with the same multiplicities")


def _compare_relations(expected: Any, answer: Any, how: How) -> Comparison:
    """Inequalities and other conditions: equal only when provably the same condition."""
    try:
        with soft_timeout(how.seconds):
            same = expected == answer or sp.simplify(sp.Equivalent(expected, answer)) == sp.true
            unknowns = expected.free_symbols | answer.free_symbols
            if not same and len(unknowns) == 1:
                sets = expected.as_set(), answer.as_set()
                same = sets[0] == sets[1]
                if not same:
                    shown = " against ".join(to_latex(s) for s in sets)
                    return Comparison(False, "solution set", f"compared as conditions by the values that satisfy them: {shown}")
    except (SoftTimeout, TypeError, ValueError, NotImplementedError, AttributeError):
        same = False
    if same:
        return Comparison(True, "symbolic", "compared as conditions: the two are the same condition")
    return Comparison(None, "symbolic", "compared as conditions: the two could not be shown to be the same condition")


def _singleton(expected: Any, answer: Any, how: How) -> Comparison:
    left = expected[0] if isinstance(expected, tuple) and len(expected) == 1 else expected
    right = answer[0] if isinstance(answer, tuple) and len(answer) == 1 else answer
    if isinstance(left, tuple) or isinstance(right, tuple):
        return Comparison(False, "structure", "one side is a list of several values and the other a single value")
    return compare(left, right, how.seconds, how.tolerance, how.domains)


_DISPATCH: dict[tuple[str, str], Callable[[Any, Any, How], Comparison]] = {
    ("scalar", "scalar"): compare_scalars,
    ("matrix", "matrix"): _compare_matrices,
    ("list", "list"): _compare_lists,
    ("relation", "relation"): _compare_relations,
    ("list", "scalar"): _singleton,
    ("scalar", "list"): _singleton,
    ("list", "matrix"): _singleton,
    ("matrix", "list"): _singleton,
}


def _compare_matrix_expressions(expected: Any, answer: Any, how: "How") -> Comparison:
    """Capital letters are square matrices: test the identity on random integer matrices."""
    for bindings in random_bindings(expected, answer):
        left, right = instantiate(expected, bindings), instantiate(answer, bindings)
        outcome = compare(left, right, how.seconds, how.tolerance, how.domains)
        if outcome.equal is not True:
            example = outcome.counterexample
            point = shown_bindings(bindings)
            if example is not None:
                example = Counterexample(point + example.point, example.expected, example.answer, example.where)
            elif outcome.equal is False:
                example = Counterexample(point, to_latex(left), to_latex(right))
            reason = "the two differ when the letters are replaced by random matrices" if outcome.equal is False else outcome.reason
            return Comparison(outcome.equal, "numeric", reason, example)
    return Comparison(True, "numeric", f"the two agree on {MATRIX_TRIALS} random invertible {MATRIX_TEST_SIZE}x{MATRIX_TEST_SIZE} matrices for each letter")
