"""A table of the syllabus's classic mistakes: when a wrong answer matches one, name it.

Each detector rebuilds the wrong answer a student would get by that mistake (from the correct
value and, where needed, the ``source`` the answer was worked from, e.g. the derivative or the
determinant asked for) and says whether the student's answer is exactly that.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

import sympy as sp

from symprimer.check.equivalence import compare
from symprimer.check.letters import has_matrix_symbols as _has_matrix_symbols
from symprimer.check.numeric import SoftTimeout, differ_at_a_simple_point, soft_timeout
from symprimer.exact.equality import materialise

DETECTOR_SECONDS = 2.0


@dataclass(frozen=True)
class Mistake:
    name: str
    sentence: str
    candidates: Callable[[Any, Any], Iterable[Any]]  # (correct value, source) -> wrong values
    repairs: Callable[[Any], Iterable[Any]] | None = None  # wrong answer -> answers with the slip undone


def diagnose(expected: Any, answer: Any, source: Any = None) -> str:
    """The sentence of the first mistake whose wrong value equals ``answer``, or ''."""
    mistake = find_mistake(expected, answer, source)
    return mistake.sentence if mistake else ""


def find_mistake(expected: Any, answer: Any, source: Any = None) -> Mistake | None:
    """The first mistake in the table that explains ``answer``, or None."""
    source = source if source is not None else expected
    correct = expected if _has_matrix_symbols(expected) else materialise(expected)
    answer = answer if _has_matrix_symbols(answer) else materialise(answer)
    try:
        with soft_timeout(DETECTOR_SECONDS):
            for mistake in MISTAKES:
                if _matches(mistake, correct, answer, source):
                    return mistake
    except (SoftTimeout, RecursionError):
        return None
    return None


def _matches(mistake: Mistake, correct: Any, answer: Any, source: Any) -> bool:
    try:
        for candidate in mistake.candidates(correct, source):
            if _same(candidate, answer) and not _same(candidate, correct):
                return True
        for repaired in mistake.repairs(answer) if mistake.repairs else ():
            if _same(repaired, correct):
                return True
    except (TypeError, ValueError, AttributeError, NotImplementedError, ArithmeticError, sp.PolynomialError):
        return False  # a detector that cannot build its wrong value does not match
    return False


def _same(a: Any, b: Any) -> bool:
    """Equal by the checker's comparison; two scalars that differ at a simple point are not
    (the comparison's own decisive test, run first because most candidates differ)."""
    try:
        if all(isinstance(v, sp.Expr) and not isinstance(v, sp.MatrixExpr) for v in (a, b)) and differ_at_a_simple_point(a, b):
            return False
        return compare(a, b, simplify_seconds=0.2).equal is True
    except Exception:  # a candidate that cannot be compared is simply not this mistake
        return False


def _derivative_parts(source: Any) -> tuple[sp.Expr, sp.Symbol] | None:
    derivatives = [source] if isinstance(source, sp.Derivative) else list(getattr(source, "atoms", lambda *_: ())(sp.Derivative))
    if len(derivatives) != 1 or len(derivatives[0].variables) != 1:
        return None
    return derivatives[0].expr, derivatives[0].variables[0]


def _missing_chain_factor(correct: Any, source: Any) -> Iterable[Any]:
    parts = _derivative_parts(source)
    if parts is None or isinstance(correct, sp.MatrixBase):
        return
    function, x = parts
    inners = set()
    for node in sp.preorder_traversal(function):
        if isinstance(node, sp.Function) or isinstance(node, sp.Pow):
            for arg in node.args[:1]:
                if arg.has(x) and arg != x:
                    inners.add(arg)
    for inner in inners:
        factor = sp.diff(inner, x)
        if factor != 1 and factor != 0:
            yield correct / factor


def _product_rule_one_term(correct: Any, source: Any) -> Iterable[Any]:
    parts = _derivative_parts(source)
    if parts is None:
        return
    function, x = parts
    factors = [f for f in sp.Mul.make_args(function) if f.has(x)]
    if len(factors) < 2:
        return
    constant = sp.Mul(*[f for f in sp.Mul.make_args(function) if not f.has(x)])
    for index, u in enumerate(factors):
        rest = sp.Mul(*(factors[:index] + factors[index + 1 :]))
        yield constant * sp.diff(u, x) * rest
    yield constant * sp.Mul(*[sp.diff(f, x) for f in factors])


def _quotient_rule_sign(correct: Any, source: Any) -> Iterable[Any]:
    parts = _derivative_parts(source)
    if parts is None:
        return
    function, x = parts
    numerator, denominator = sp.fraction(sp.together(function))
    if not denominator.has(x):
        return
    u, v = numerator, denominator
    yield (u * sp.diff(v, x) - sp.diff(u, x) * v) / v**2
    yield (sp.diff(u, x) * v + u * sp.diff(v, x)) / v**2


def _determinant_matrix(source: Any) -> sp.MatrixBase | None:
    if isinstance(source, sp.Determinant) and isinstance(source.arg, sp.MatrixBase):
        return source.arg
    found = [d for d in getattr(source, "atoms", lambda *_: ())(sp.Determinant) if isinstance(d.arg, sp.MatrixBase)]
    return found[0].arg if len(found) == 1 else None


def _cofactor_signs(correct: Any, source: Any) -> Iterable[Any]:
    matrix = _determinant_matrix(source)
    if matrix is not None and matrix.rows >= 2 and matrix.is_square:
        n = matrix.rows
        for i in range(n):
            yield sum(matrix[i, j] * matrix.minor(i, j) for j in range(n))
        for j in range(n):
            yield sum(matrix[i, j] * matrix.minor(i, j) for i in range(n))
    if isinstance(correct, sp.MatrixBase) and correct.is_square and correct.rows >= 2:
        signs = [correct[i, j] * (-1) ** (i + j) for i in range(correct.rows) for j in range(correct.cols)]
        yield sp.ImmutableMatrix(correct.rows, correct.cols, signs)


def _adjugate_not_transposed(correct: Any, source: Any) -> Iterable[Any]:
    if isinstance(correct, sp.MatrixBase) and correct.is_square and correct != correct.T:
        yield correct.T


def _product_order(correct: Any, source: Any) -> Iterable[Any]:
    if not isinstance(correct, sp.Basic) or not correct.atoms(sp.MatrixSymbol):
        return
    products = [m for m in sp.preorder_traversal(correct) if isinstance(m, sp.MatMul)]
    if products:
        yield correct.xreplace({m: sp.MatMul(*reversed(m.args)) for m in products})


def _lambda_side(correct: Any, source: Any) -> Iterable[Any]:
    if isinstance(correct, (sp.Expr, sp.MatrixBase)) and any(s.name in ("lamda", "lambda") for s in correct.free_symbols):
        yield -correct
    if isinstance(correct, sp.Equality):
        yield sp.Eq(-correct.lhs, correct.rhs)


def _sigma_squared(correct: Any, source: Any) -> Iterable[Any]:
    if not isinstance(correct, sp.Expr):
        return
    powers = [p for p in sp.preorder_traversal(correct) if isinstance(p, sp.Pow) and _is_logistic_base(p.base)]
    for power in powers:
        yield correct.xreplace({power: sp.Pow(power.base, 2 * power.exp)})
        if power.exp.is_Integer and power.exp % 2 == 0:
            yield correct.xreplace({power: sp.Pow(power.base, power.exp / 2)})


def _sigma_repairs(answer: Any) -> Iterable[Any]:
    return _sigma_squared(answer, None)


def _is_logistic_base(base: Any) -> bool:
    return isinstance(base, sp.Add) and 1 in base.args and any(isinstance(a, sp.exp) for a in base.args) and len(base.args) == 2


def _log_base(correct: Any, source: Any) -> Iterable[Any]:
    if not isinstance(correct, sp.Expr) or not correct.has(sp.log) and not isinstance(source, sp.Derivative):
        return
    for base in (2, 10):
        yield correct * sp.log(base)
        yield correct / sp.log(base)
        logs = correct.atoms(sp.log)
        if logs:
            yield correct.xreplace({lg: lg / sp.log(base) for lg in logs if lg.args[0] != base})


def _swapped_subtraction(correct: Any, source: Any) -> Iterable[Any]:
    """y - sigma(z) for sigma(z) - y: the whole difference negated."""
    if isinstance(correct, sp.Expr) and (isinstance(correct, sp.Add) or correct.could_extract_minus_sign()):
        yield -correct
    elif isinstance(correct, sp.Expr) and isinstance(correct, sp.Mul):
        factors = [f for f in correct.args if isinstance(f, sp.Add)]
        if factors:
            yield correct.xreplace({factors[0]: -factors[0]})


def _one_sign_flipped(correct: Any, source: Any) -> Iterable[Any]:
    """One term of a sum carries the wrong sign."""
    if isinstance(correct, sp.Expr):
        terms = sp.Add.make_args(sp.expand(correct))
        if 2 <= len(terms) <= 8:
            for term in terms:
                yield correct - 2 * term


MISTAKES: tuple[Mistake, ...] = (
    Mistake("missing_chain_factor", "A chain-rule factor is missing: the derivative of the inner function was not multiplied in.", _missing_chain_factor),
    Mistake("product_rule_one_term", "The product rule has only one term (or multiplies the derivatives): (uv)' = u'v + uv' needs both terms.", _product_rule_one_term),
    Mistake("quotient_rule_sign", "The quotient rule's numerator has the wrong sign or order: (u/v)' = (u'v - uv')/v^2.", _quotient_rule_sign),
    Mistake("cofactor_sign_chart", "A cofactor sign-chart error: each term needs the sign (-1)^(i+j) of its position.", _cofactor_signs),
    Mistake("adjugate_not_transposed", "The matrix was not transposed: adj A is the transpose of the cofactor matrix (C^T), not C itself.", _adjugate_not_transposed),
    Mistake("product_order", "The order of the product was not reversed: (AB)^T = B^T A^T and (AB)^{-1} = B^{-1} A^{-1}.", _product_order),
    Mistake("lambda_side", "lambda is on the wrong side: the characteristic polynomial is det(lambda I - A), and det(A - lambda I) differs by the sign (-1)^n.", _lambda_side),
    Mistake("sigma_squared", "sigma^2 was used where sigma belongs (or the other way round): sigma'(x) = sigma(x)(1 - sigma(x)).", _sigma_squared, _sigma_repairs),
    Mistake("log_base", "A log-base slip: \\log here is the natural logarithm, and log_b x = ln x / ln b brings a factor 1/ln b.", _log_base),
    Mistake("swapped_subtraction", "The subtraction is the wrong way round (as y - \\sigma(z) for \\sigma(z) - y): the answer is exactly the negative of the expected one.", _swapped_subtraction),
    Mistake("sign_error", "A sign error: the answer is right except that one term has the wrong sign.", _one_sign_flipped),
)
