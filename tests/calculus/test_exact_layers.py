"""The exact equality layers: each proves true identities without the numeric spot-check, and
each still rejects a wrong claim of its own kind (so a wrong step cannot slip through)."""
from __future__ import annotations

import pytest
import sympy as sp

from symprimer.exact.common_denominator import zero_over_common_denominator
from symprimer.exact.continuity import limit_at
from symprimer.exact.equality import claim_holds, exactly_zero
from symprimer.core.functions import sigmoid, softmax_component
from symprimer.exact.regions import zero_on_every_region

x, f, y = sp.symbols("x f y", real=True)
p = sp.Symbol("p", positive=True)
h_left, h_right = sp.Symbol("h", negative=True), sp.Symbol("h", positive=True)
t = sp.Symbol("t", real=True)
alpha = sp.Symbol("alpha", positive=True)
Z = sp.symbols("z_1:4", real=True)
S = sp.Add(*(sp.exp(z) for z in Z))


def _spot_value(expr: sp.Expr, at: dict) -> complex:
    return complex(sp.N(expr.subs(at), 30))


# -- one common denominator in a polynomial ring ------------------------------------------------
RATIONAL_IDENTITIES = [
    (sp.exp(-x) / (1 + sp.exp(-x)) ** 2, (sigmoid(x) * (1 - sigmoid(x))).doit()),
    (sp.exp(x) / (sp.exp(x) + 1), 1 / (1 + sp.exp(-x))),
    ((1 - y) / (1 - p) - y / p, (p - y) / (p * (1 - p))),
    (-(y - 1) / (p - 1) ** 2, (1 - y) / (1 - p) ** 2),
    (sp.exp(Z[0]) / S - sp.exp(2 * Z[0]) / S**2, (softmax_component(1, *Z) * (1 - softmax_component(1, *Z))).doit()),
    (sp.exp(f - y) * sp.exp(y), sp.exp(f)),
    (sp.sqrt(2) * x / (sp.sqrt(2) * x + sp.pi), 1 - sp.pi / (sp.sqrt(2) * x + sp.pi)),
]


@pytest.mark.parametrize("left, right", RATIONAL_IDENTITIES)
def test_common_denominator_proves_rational_identities(left, right):
    assert sp.simplify(left - right) == 0  # the oracle agrees these are identities
    assert zero_over_common_denominator(left - right)
    assert exactly_zero(left - right)


WRONG_RATIONAL = [
    (sp.exp(x) / (sp.exp(x) + 1), 1 / (1 + sp.exp(x))),  # sigma(x) against sigma(-x)
    ((1 - y) / (1 - p) - y / p, (y - p) / (p * (1 - p))),  # the sign slip
    (sp.exp(Z[0]) / S - sp.exp(2 * Z[0]) / S**2, sp.exp(Z[0]) / S),  # the s_i^2 term dropped
    (sp.exp(2 * x), 2 * sp.exp(x)),
]


@pytest.mark.parametrize("left, right", WRONG_RATIONAL)
def test_common_denominator_rejects_wrong_claims(left, right):
    assert abs(_spot_value(left - right, {x: sp.Rational(3, 7), y: sp.Rational(1, 3), p: sp.Rational(2, 5),
                                          Z[0]: 1, Z[1]: 2, Z[2]: -1})) > 1e-6  # the oracle: they differ
    assert not zero_over_common_denominator(left - right)
    assert not claim_holds(left, right)


def test_common_denominator_declines_large_powers_and_other_layers_take_over():
    identity = (x + y + 1) ** 14 - sp.expand((x + y + 1) ** 14)
    assert not zero_over_common_denominator(identity)  # past MAX_POWER: declined, not refuted
    assert exactly_zero(identity)


# -- tan and tanh as quotients, hyperbolic identities through exp --------------------------------
@pytest.mark.parametrize(
    "left, right",
    [
        (sp.sinh(f - y) / sp.cosh(f - y), sp.tanh(f - y)),
        (1 - sp.sinh(x) ** 2 / sp.cosh(x) ** 2, 1 - sp.tanh(x) ** 2),
        (sp.cosh(x) ** 2 - sp.sinh(x) ** 2, sp.Integer(1)),
        (sp.sin(x) / sp.cos(x) ** 3, sp.tan(x) * sp.sec(x) ** 2),
    ],
)
def test_circular_identities_are_proved_exactly(left, right):
    assert sp.simplify(left - right) == 0
    assert exactly_zero(left - right)


@pytest.mark.parametrize(
    "left, right",
    [(sp.sinh(x) / sp.cosh(x), 1 / sp.tanh(x)), (sp.cosh(x) ** 2 + sp.sinh(x) ** 2, sp.Integer(1))],
)
def test_wrong_circular_identities_are_rejected(left, right):
    assert not exactly_zero(left - right)
    assert not claim_holds(left, right)


# -- kinked functions, region by region ---------------------------------------------------------
KINKED_IDENTITIES = [
    (x * sp.sign(x), sp.Abs(x)),
    (sp.Heaviside(x), sp.Piecewise((1, x > 0), (0, True))),  # equal off the kink x = 0
    (-y * sp.Heaviside(1 - f * y), sp.Piecewise((-y, f * y < 1), (0, True))),  # hinge: PyTorch's value at the kink
    (-2 * y * sp.Heaviside(1 - f * y) * sp.Max(0, 1 - f * y), -2 * y * sp.Max(0, 1 - f * y)),
    (sp.Max(x, y) + sp.Min(x, y), x + y),
    (sp.Max(0, x, y) - sp.Piecewise((0, (x < 0) & (y < 0)), (x, x > y), (y, True)), sp.Integer(0)),
    ((1 + sp.Abs(x) - x * sp.sign(x)) / (1 + sp.Abs(x)) ** 2, 1 / (1 + sp.Abs(x)) ** 2),
    (2 * sp.DiracDelta(x), sp.Integer(0)),
]


@pytest.mark.parametrize("left, right", KINKED_IDENTITIES)
def test_kinked_identities_hold_on_every_region(left, right):
    points = [{x: sp.Rational(a, 7), y: sp.Rational(b, 5), f: sp.Rational(c, 3)}
              for a, b, c in ((3, -2, 1), (-4, 1, -2), (5, 4, 2), (-1, -3, 5))]
    assert all(abs(_spot_value(left - right, at)) < 1e-20 for at in points)  # the oracle, off the kinks
    assert zero_on_every_region(left - right, exactly_zero)
    assert claim_holds(left, right)


WRONG_KINKED = [
    (x * sp.sign(x), -sp.Abs(x)),
    (sp.Heaviside(x), sp.Piecewise((1, x < 0), (0, True))),  # the wrong side of the kink
    (-y * sp.Heaviside(1 - f * y), sp.Piecewise((y, f * y < 1), (0, True))),
    (sp.Max(0, x), sp.Min(0, x)),
    (sp.Max(0, x) ** 2, x**2),  # right for x > 0 only
]


@pytest.mark.parametrize("left, right", WRONG_KINKED)
def test_wrong_kinked_claims_are_rejected(left, right):
    assert not zero_on_every_region(left - right, exactly_zero)
    assert not exactly_zero(left - right)
    assert not claim_holds(left, right)


def test_regions_decline_switches_they_cannot_trust():
    """sin^2 + cos^2 - 1 is 0 everywhere, so 'off its zero set' would be nowhere: not a polynomial,
    declined; and |w| = +-w holds for real w only."""
    switch = sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1
    assert not zero_on_every_region(sp.Heaviside(switch) - 1, exactly_zero)
    w = sp.Symbol("w")
    assert not zero_on_every_region(w * sp.sign(w) - sp.Abs(w), exactly_zero)


# -- limits by continuity and one l'Hopital step ------------------------------------------------
LIMITS = [
    (alpha * (sp.exp(h_left) - 1) / h_left, h_left, "-"),
    (alpha * (sp.exp(h_left) - 1), h_left, "-"),
    (sp.sin(h_right) / h_right, h_right, "+"),
    ((sp.sqrt(1 + h_right) - 1) / h_right, h_right, "+"),
    (sp.log(1 + h_left) / h_left, h_left, "-"),
    ((2**h_right - 1) / h_right, h_right, "+"),
    (h_left / (1 - h_left), h_left, "-"),
    (sp.Max(0, h_right + x**2) * sp.exp(h_right), h_right, "+"),
]


@pytest.mark.parametrize("expr, h, side", LIMITS)
def test_continuity_limits_agree_with_sympy(expr, h, side):
    assert limit_at(expr, h, sp.Integer(0)) == sp.limit(expr, h, 0, dir=side)


@pytest.mark.parametrize(
    "expr",
    [sp.sign(t), sp.Heaviside(t - t**2), 1 / t, t * sp.sin(1 / t), sp.floor(t), sp.log(t), sp.sqrt(t),
     (sp.cos(t) - 1) / t**2, sp.atan(t + 2 * sp.I), sp.Piecewise((1, t > 0), (0, True)), (1 + t) ** (1 / t)],
)
def test_continuity_declines_what_it_cannot_decide(expr):
    """Discontinuous at 0, singular there, or past one l'Hopital step: left to sympy.limit."""
    assert limit_at(expr, t, sp.Integer(0)) is None


def test_wrong_limit_claims_are_rejected():
    quotient = alpha * (sp.exp(h_left) - 1) / h_left
    assert claim_holds(sp.Limit(quotient, h_left, 0, dir="-"), alpha)
    assert not claim_holds(sp.Limit(quotient, h_left, 0, dir="-"), 2 * alpha)
    assert not claim_holds(sp.Limit(sp.sin(h_right) / h_right, h_right, 0, dir="+"), sp.Integer(0))
