"""Deciding whether two sides of a step are equal: exact algebra first, numbers as backstop.

Used by ``Step.verify``.  Unevaluated forms (``Determinant``, ``Derivative``, ``MatMul``...)
are evaluated with ``doit`` before comparing, so a step may show ``|A|`` on the left; a
``Limit`` that continuity decides is evaluated without series (``symprimer.exact.continuity``).
The difference of the two sides then goes through exact layers, cheapest first, each of which
can only prove it zero: one common denominator in a polynomial ring
(``symprimer.exact.common_denominator``), tan/tanh as sine quotients, kinked functions region by
region (``symprimer.exact.regions``), expansion, exponential forms, ``cancel``.  Only when none
decides does the seeded high-precision spot-check run.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, Callable

import sympy as sp

from symprimer.exact.common_denominator import zero_over_common_denominator
from symprimer.exact.continuity import limit_at
from symprimer.exact.regions import KINKED, zero_on_every_kink, zero_on_every_region
from symprimer.exact.spotcheck import PRECISION, evaluate, sample_points

SPOT_POINTS = 4
SPOT_TOLERANCE = sp.Float("1e-25", PRECISION)


def materialise(value: Any) -> Any:
    """Evaluate unevaluated operations so both sides can be compared."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return tuple(materialise(v) for v in value)
    if isinstance(value, (int, float)):
        return sp.nsimplify(value)
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.applyfunc(_doit))
    if isinstance(value, sp.MatrixExpr):
        return sp.ImmutableMatrix(value.doit().as_explicit())
    if isinstance(value, sp.Basic):
        return _doit(value)
    return value


def _doit(expr: Any) -> Any:
    if isinstance(expr, sp.Limit):
        by_continuity = limit_at(*expr.args[:3])
        if by_continuity is not None:
            return by_continuity
    if isinstance(expr, sp.Basic):
        expr = _determinants_evaluated(expr)
        expr = _kinked_derivatives_evaluated(expr)
        expr = _real_argument_derivatives_evaluated(expr)
        done = expr.doit()
        if isinstance(done, sp.MatrixExpr):
            return sp.ImmutableMatrix(done.as_explicit())
        return done
    return expr


def _kinked_derivatives_evaluated(expr: sp.Basic) -> sp.Basic:
    """d/dx of max and min with the course's values at their kinks (PyTorch's): each max(a, b)
    is written as a cases function whose tie branch is the constant number argument (ReLU'(0)
    = 0) or else the mean (a + b)/2 (torch.maximum splits evenly), and SymPy differentiates it
    branch by branch.  So a claimed value at a kink is checked against the convention."""
    if not expr.has(sp.Derivative) or not expr.has(sp.Max, sp.Min):
        return expr
    return expr.replace(
        lambda node: isinstance(node, sp.Derivative) and node.expr.has(sp.Max, sp.Min),
        lambda node: sp.diff(node.expr.replace(_is_two_way_extreme, _as_cases), *node.variables),
    )


REAL_ARGUMENT_ONLY = (sp.Abs, sp.sign)  # SymPy differentiates these otherwise for a complex argument


def _real_argument_derivatives_evaluated(expr: sp.Basic) -> sp.Basic:
    """d/dx |u| and d/dx sign(u) for an inner u that is real only on a domain (ln x, sqrt x,
    arcsin x, x^{2/3}): SymPy's own rules for a real argument (sign(u) du/dx; 0 off the jump),
    with du/dx SymPy's.  So the claim is checked where u is real, as the course states it, not
    against the derivative of the complex modulus that SymPy's principal branch gives outside."""
    if not expr.has(sp.Derivative) or not expr.has(*REAL_ARGUMENT_ONLY):
        return expr
    return expr.replace(
        lambda node: isinstance(node, sp.Derivative) and any(map(_needs_a_real_reading, node.expr.atoms(*REAL_ARGUMENT_ONLY))),
        _derivative_with_real_inners,
    )


def _needs_a_real_reading(node: sp.Basic) -> bool:
    return _of_a_maybe_complex(node) or _is_abs_of_a_real_power(node)


def _of_a_maybe_complex(node: sp.Basic) -> bool:
    return node.args[0].is_extended_real is None and not _is_abs_of_a_real_power(node)


def _is_abs_of_a_real_power(node: sp.Basic) -> bool:
    """|b^e| with b real and e a fraction: equal to |b|^e everywhere, so real everywhere."""
    if not isinstance(node, sp.Abs) or not isinstance(node.args[0], sp.Pow):
        return False
    base, exponent = node.args[0].args
    return bool(base.is_extended_real) and exponent.is_Rational and not exponent.is_Integer


def _derivative_with_real_inners(node: sp.Derivative) -> sp.Expr:
    """Each such |u| (or sign(u)) differentiated as |f| of a real function f standing for u,
    then f is u again (|b^e| is first written |b|^e, which holds everywhere)."""
    expr = node.expr.replace(_is_abs_of_a_real_power, lambda a: sp.Abs(a.args[0].base) ** a.args[0].exp)
    kinked = [a for a in expr.atoms(*REAL_ARGUMENT_ONLY) if _of_a_maybe_complex(a)]
    inners = sorted({a.args[0] for a in kinked}, key=sp.default_sort_key)
    stand_ins = {
        u: sp.Function(f"_real_inner_{index}", real=True)(*sorted(u.free_symbols, key=sp.default_sort_key))
        for index, u in enumerate(inners)
    }
    real = expr.xreplace({a: a.func(stand_ins[a.args[0]]) for a in kinked})
    derivative = sp.diff(real, *node.variables)
    return derivative.subs({f: u for u, f in stand_ins.items()}).doit()


def _is_two_way_extreme(node: sp.Basic) -> bool:
    return isinstance(node, (sp.Max, sp.Min)) and len(node.args) == 2


def _as_cases(node: sp.Basic) -> sp.Piecewise:
    first, second = node.args
    tie = first if not first.free_symbols else second if not second.free_symbols else (first + second) / 2
    first_wins = first > second if isinstance(node, sp.Max) else first < second
    second_wins = first < second if isinstance(node, sp.Max) else first > second
    return sp.Piecewise((first, first_wins), (second, second_wins), (tie, True))


def _determinants_evaluated(expr: Any) -> Any:
    """|M| of explicit matrices worked out division-free (Bareiss is slow on symbolic entries),
    looking only through sums, products and powers (``doit`` handles everything else)."""
    if isinstance(expr, sp.Determinant) and isinstance(expr.arg, sp.MatrixBase):
        return expr.arg.det(method="berkowitz")
    if isinstance(expr, (sp.Add, sp.Mul, sp.Pow)):
        return expr.func(*[_determinants_evaluated(arg) for arg in expr.args])
    return expr


def claim_holds(before: Any, after: Any, relation: str = "=") -> bool:
    """Whether ``before relation after`` holds."""
    if relation == ":=":
        return isinstance(before, sp.Symbol) and (
            not isinstance(after, sp.Basic) or before not in after.free_symbols
        )
    if before is None and after is None:
        return relation == "="
    same = values_equal(before, after)
    return same if relation == "=" else not same


def values_equal(a: Any, b: Any) -> bool:
    """Exact comparison of two values (scalars, matrices, tuples, sets, booleans)."""
    shortcut = _inverse_by_product(a, b)
    if shortcut is not None:
        return shortcut
    at_kinks = _derivative_of_max_or_min(a) or _derivative_of_max_or_min(b)
    a, b = materialise(a), materialise(b)
    if isinstance(a, tuple) or isinstance(b, tuple):
        return (
            isinstance(a, tuple)
            and isinstance(b, tuple)
            and len(a) == len(b)
            and all(values_equal(x, y) for x, y in zip(a, b))
        )
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        if not (isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase)):
            return False
        if a.shape != b.shape:
            return False
        return all(scalars_equal(x, y, at_kinks) for x, y in zip(a, b))
    if isinstance(a, (bool, sp.logic.boolalg.BooleanAtom)) or isinstance(
        b, (bool, sp.logic.boolalg.BooleanAtom)
    ):
        return bool(a) == bool(b)
    if isinstance(a, sp.Set) or isinstance(b, sp.Set):
        return a == b
    if isinstance(a, sp.Equality) and isinstance(b, sp.Equality):
        return scalars_equal(a.lhs - a.rhs, b.lhs - b.rhs) or scalars_equal(
            a.lhs - a.rhs, b.rhs - b.lhs
        )
    return scalars_equal(a, b, at_kinks)


def _derivative_of_max_or_min(value: Any) -> bool:
    """A side that differentiates max or min: its value at the kinks is the course's convention,
    so the claim is checked on the kinks as well as between them."""
    return isinstance(value, sp.Basic) and any(
        isinstance(node, sp.Derivative) and node.expr.has(sp.Max, sp.Min) for node in sp.preorder_traversal(value)
    )


def _inverse_by_product(a: Any, b: Any) -> bool | None:
    """``M^-1`` against a matrix Y, decided exactly as ``M Y = I`` (None: not such a claim).

    Inverting a symbolic M is far slower than multiplying, and for a square M the two
    statements are equivalent (a singular M has no Y with M Y = I).
    """
    for inverse, other in ((a, b), (b, a)):
        if not isinstance(inverse, sp.Inverse):
            continue
        matrix, value = materialise(inverse.arg), materialise(other)
        if not (isinstance(matrix, sp.MatrixBase) and isinstance(value, sp.MatrixBase)):
            return None
        if not matrix.is_square or value.shape != matrix.shape:
            return False
        return values_equal(sp.ImmutableMatrix(matrix * value), sp.ImmutableMatrix(sp.eye(matrix.rows)))
    return None


def _as_sympy(value: Any) -> sp.Basic:
    """Python numbers and booleans as SymPy objects; SymPy objects as they are."""
    return value if isinstance(value, sp.Basic) else sp.sympify(value)  # safe: values built by symprimer, never user text


def scalars_equal(a: Any, b: Any, at_kinks: bool = False) -> bool:
    """Exact layers first, cheapest first; the seeded numeric spot-check only when none decides
    and no exact argument shows a difference.  ``at_kinks``: equal on the kinks too, not only
    between them (almost everywhere is the sense otherwise: Heaviside(0) = 1/2 does not count)."""
    a, b = _as_sympy(a), _as_sympy(b)
    if a == b:
        return True
    diff = a - b
    if diff == 0:
        return True
    if not diff.free_symbols:
        if diff.is_number and diff.is_Rational:
            return False
        if diff.is_zero is not None:
            return bool(diff.is_zero)
    if exactly_zero(diff):
        return not (at_kinks and _wrong_at_a_kink(diff))
    if (at_kinks and _wrong_at_a_kink(diff)) or exactly_nonzero(diff):
        return False
    return numerically_zero(diff)


def _wrong_at_a_kink(expr: sp.Expr) -> bool:
    """Zero on every region between the kinks but not on a kink itself: a claimed value at the
    kink is wrong (the random points of the numeric test never land there)."""
    if not expr.has(*KINKED):
        return False
    return _guarded(lambda e: zero_on_every_region(e, _smooth_zero) and not zero_on_every_kink(e, exactly_zero), expr)


def exactly_nonzero(expr: sp.Expr) -> bool:
    """True when ``expr`` is provably not identically zero, so no numeric test may call it zero
    however small it is at the sampled points (exp(x) + x/10^30 - exp(x) leaves x/10^30)."""
    return nonzero_remainder(expr) is not None


def nonzero_remainder(expr: sp.Expr) -> sp.Expr | None:
    """The non-zero part that remains of ``expr`` once the rest is proved zero, or None.

    The expanded expression is split into its rational polynomial terms P (rational numbers
    times powers of the symbols) and the rest R.  When R is 0, or an exact layer proves it
    zero, expr = P, and P is a non-zero polynomial with rational coefficients: not zero.
    """
    try:
        expanded = sp.expand(expr)
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        return None
    if expanded == 0 or not isinstance(expanded, sp.Expr):
        return None
    polynomial, rest = [], []
    for term in sp.Add.make_args(expanded):
        (polynomial if _rational_monomial(term) else rest).append(term)
    if not polynomial:
        return None
    remainder = sp.Add(*polynomial)
    if remainder == 0:
        return None
    if rest and not exactly_zero(sp.Add(*rest)):
        return None
    return remainder


def _rational_monomial(term: sp.Expr) -> bool:
    """A rational number times non-negative integer powers of symbols."""
    coefficient, rest = term.as_coeff_Mul()
    if not coefficient.is_Rational:
        return False
    for factor in sp.Mul.make_args(rest):
        base, exponent = factor.as_base_exp()
        if not (isinstance(base, sp.Symbol) and exponent.is_Integer and exponent > 0) and factor != 1:
            return False
    return True


def exactly_zero(expr: sp.Expr) -> bool:
    """True when an exact layer proves ``expr`` identically zero (False: not proved either way)."""
    return any(_guarded(layer, expr) for layer in EXACT_LAYERS)


def _expands_to_zero(expr: sp.Expr) -> bool:
    return sp.expand(expr) == 0


def _zero_numerator(expr: sp.Expr) -> bool:
    """The expanded numerator of the expanded expression is 0.

    Faster than ``together``/``cancel`` on sums of large rational functions (symbolic inverses).
    """
    return _numerator(expr) == 0


def _numerator(expr: sp.Expr) -> sp.Expr:
    return sp.expand(sp.expand(expr).as_numer_denom()[0])


def _zero_in_sines(expr: sp.Expr) -> bool:
    """tan, tanh, sec, ... written as quotients of sines and cosines, then the common-denominator
    test: sinh/cosh = tanh and the like become polynomial identities."""
    if not expr.has(*QUOTIENTS):
        return False
    return zero_over_common_denominator(expr.replace(_is_quotient_function, _as_quotient))


def _zero_in_exponentials(expr: sp.Expr) -> bool:
    """Trigonometric and hyperbolic functions written with exp, then the numerator test:
    cosh^2 - sinh^2 = 1 and the like become polynomial identities in exponentials."""
    if not expr.has(*CIRCULAR):
        return False
    return zero_over_common_denominator(expr.rewrite(sp.exp))


def _zero_on_regions(expr: sp.Expr) -> bool:
    """Kinked functions: exactly zero on every region between the kinks (symprimer.exact.regions)."""
    if not expr.has(*KINKED):
        return False
    return zero_on_every_region(expr, _smooth_zero)


def _smooth_zero(expr: sp.Expr) -> bool:
    """The exact layers for an expression whose kinks are resolved."""
    return any(_guarded(layer, expr) for layer in SMOOTH_LAYERS)


def _guarded(layer: Callable[[sp.Expr], bool], expr: sp.Expr) -> bool:
    try:
        return layer(expr)
    except (TypeError, ValueError, NotImplementedError, sp.PolynomialError):
        return False


def _cancels(expr: sp.Expr) -> bool:
    if expr.has(*KINKED):
        return sp.piecewise_fold(sp.expand(expr)) == 0
    return sp.cancel(sp.together(sp.expand(expr))) == 0


QUOTIENTS = MappingProxyType(
    {
        sp.tan: lambda u: sp.sin(u) / sp.cos(u),
        sp.cot: lambda u: sp.cos(u) / sp.sin(u),
        sp.sec: lambda u: 1 / sp.cos(u),
        sp.csc: lambda u: 1 / sp.sin(u),
        sp.tanh: lambda u: sp.sinh(u) / sp.cosh(u),
        sp.coth: lambda u: sp.cosh(u) / sp.sinh(u),
        sp.sech: lambda u: 1 / sp.cosh(u),
        sp.csch: lambda u: 1 / sp.sinh(u),
    }
)
CIRCULAR = (sp.sin, sp.cos, sp.sinh, sp.cosh, *QUOTIENTS)


def _is_quotient_function(node: sp.Basic) -> bool:
    return type(node) in QUOTIENTS


def _as_quotient(node: sp.Basic) -> sp.Expr:
    return QUOTIENTS[type(node)](node.args[0])


# cheapest and most often decisive first; each layer only ever proves, so order is speed alone
SMOOTH_LAYERS = (zero_over_common_denominator, _zero_in_sines, _expands_to_zero, _zero_numerator, _zero_in_exponentials)
EXACT_LAYERS = (
    zero_over_common_denominator,
    _zero_in_sines,
    _zero_on_regions,
    _expands_to_zero,
    _zero_numerator,
    _zero_in_exponentials,
    _cancels,
)


def numerically_zero(expr: sp.Expr, points: int = SPOT_POINTS) -> bool:
    """Backstop: the expression vanishes at several seeded points of the shared spot-check
    (``symprimer.exact.spotcheck``; points near 0 only, where 50 digits leave no rounding doubt).

    The points are drawn deterministically from the expression's text, so verification is
    reproducible run to run.
    """
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    tested = 0
    for point in sample_points(symbols, sp.srepr(expr), positive=False, far=False):
        value = evaluate(expr, point, complex_values=True)
        if value is None:
            continue
        tested += 1
        if abs(value) > SPOT_TOLERANCE:
            return False
        if tested >= points:
            return True
    return tested > 0
