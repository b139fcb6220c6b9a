"""Issue 15's derivation bugs at their source: |u| where u may be complex, max/min ties split
evenly (as torch.maximum does), one-sided derivatives at a kink of max, values at kinks checked,
and tiny non-zero differences never passed numerically.  Oracles: central differences with
mpmath (complex powers, principal branch, as SymPy reads x**(1/3)) and one-sided differences."""
from __future__ import annotations

import json

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.api import derive
from symprimer.cli import main
from symprimer.core.steps import Step
from tests.conftest import assert_fully_verified

x, y = sp.symbols("x y", real=True)


def _central(f, x0: mpmath.mpf) -> mpmath.mpc:
    h = mpmath.mpf("1e-25")
    return (f(x0 + h) - f(x0 - h)) / (2 * h)


@pytest.mark.parametrize(
    "text, outer",
    [
        ("Abs(x**(1/3))", lambda t: abs(mpmath.power(mpmath.mpc(t), mpmath.mpf(1) / 3))),
        ("Abs(sqrt(x))", lambda t: abs(mpmath.sqrt(mpmath.mpc(t)))),
        ("Abs(x**(2/3))", lambda t: abs(mpmath.power(mpmath.mpc(t), mpmath.mpf(2) / 3))),
    ],
)
@pytest.mark.parametrize("at", ["-1", "-2.5", "0.5", "3"])
def test_abs_of_a_possibly_complex_power_is_right_wherever_it_is_real(text, outer, at):
    derivation = derive("diff", text, wrt="x")
    assert_fully_verified(derivation)
    with mpmath.workdps(60):
        x0 = mpmath.mpf(at)
        exact = complex(sp.N(derivation.result.subs(sp.Symbol("x", real=True), sp.Rational(at)), 30))
        numeric = _central(outer, x0)
        assert abs(exact.imag) < 1e-20, "the derivative of a real function must be real"
        assert abs(exact.real - float(mpmath.re(numeric))) < 1e-9


def test_an_abs_whose_argument_is_complex_for_negative_x_is_checked_where_it_is_real(capsys):
    """|x^{2/3} - 1|: sign(u) u' holds where u is real (x >= 0), which is all the step claims and
    what it is checked on (tests/calculus/test_abs_on_a_domain.py), so it exits 0."""
    assert main(["derive", "diff", "Abs(x**(2/3) - 1)", "--wrt", "x"]) == 0
    out = capsys.readouterr().out
    assert "NOT VERIFIED" not in out and "is real; elsewhere it is not claimed" in out


def test_abs_of_a_cube_root_at_minus_one_is_minus_a_third():
    derivation = derive("diff", "Abs(x**(1/3))", wrt="x")
    (var,) = derivation.result.free_symbols
    assert derivation.result.subs(var, -1) == sp.Rational(-1, 3)


def _at(value: sp.Expr, point: dict) -> sp.Expr:
    return value.subs({sp.Symbol(name, real=True): v for name, v in point.items()})


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=-5, max_value=5))
def test_max_and_min_split_the_gradient_evenly_at_ties(t):
    """torch.maximum / torch.minimum: a tie sends half the gradient to each argument."""
    for kind in ("grad", "jacobian"):
        for function in ("Max(x, y)", "Min(x, y)"):
            derivation = derive(kind, function, wrt="x,y")
            assert_fully_verified(derivation)
            values = [_at(entry, {"x": t, "y": t}) for entry in derivation.result]
            assert values == [sp.Rational(1, 2)] * 2


def test_max_away_from_ties_follows_the_larger_argument():
    derivation = derive("grad", "Max(x, y)", wrt="x,y")
    assert [_at(e, {"x": 2, "y": 1}) for e in derivation.result] == [1, 0]
    assert [_at(e, {"x": 1, "y": 2}) for e in derivation.result] == [0, 1]


def test_relu_written_as_max_keeps_relu_prime_of_zero_as_zero():
    derivation = derive("diff", "Max(0, x)", wrt="x")
    assert_fully_verified(derivation)
    assert _at(derivation.result, {"x": 0}) == 0


def test_diff_of_max_at_its_kink_gives_both_one_sided_derivatives(capsys):
    assert main(["derive", "diff", "Max(x, x**2)", "--wrt", "x", "--at", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verified"] is True
    derivation = derive("diff", "Max(x, x**2)", wrt="x", at="1")
    details = dict(derivation.details)
    assert details["continuous"] is True and details["differentiable"] is False
    f = lambda t: max(t, t * t)  # noqa: E731 - the oracle: one-sided difference quotients
    h = mpmath.mpf("1e-30")
    with mpmath.workdps(60):
        left, right = (f(1 - h) - f(1)) / (-h), (f(1 + h) - f(1)) / h
    assert abs(details["left_derivative"] - float(left)) < 1e-12 and details["left_derivative"] == 1
    assert abs(details["right_derivative"] - float(right)) < 1e-12 and details["right_derivative"] == 2


def test_a_wrong_value_at_the_kink_of_the_max_rule_does_not_check_out():
    relu = sp.Max(0, x)
    right = Step("max_min_rule", "t", sp.Derivative(relu, x), sp.Piecewise((1, x > 0), (0, True)))
    wrong = Step("max_min_rule", "t", sp.Derivative(relu, x), sp.Piecewise((1, x >= 0), (0, True)))
    assert right.holds and not wrong.holds
    tie = sp.Piecewise((1, x > y), (0, x < y), (sp.Rational(1, 2), True))
    assert Step("max_min_rule", "t", sp.Derivative(sp.Max(x, y), x), tie).holds
    assert not Step("max_min_rule", "t", sp.Derivative(sp.Max(x, y), x), sp.Piecewise((1, x > y), (0, True))).holds


@pytest.mark.parametrize(
    "before, after",
    [
        (sp.exp(x), sp.exp(x) + x / 10**30),
        (sp.exp(x), sp.exp(x) + sp.Rational(1, 10**35)),
        (sp.tan(x), sp.sin(x) / sp.cos(x) + x**2 / 10**40),
    ],
)
def test_a_tiny_non_zero_difference_never_passes_the_numeric_test(before, after):
    assert not Step("simplify", "t", before, after).holds


def test_true_identities_still_hold():
    assert Step("simplify", "t", sp.sin(x) ** 2 + sp.cos(x) ** 2, sp.Integer(1)).holds
    assert Step("simplify", "t", sp.exp(2 * x), sp.exp(x) ** 2).holds
