"""|u| where u is real only on a domain (ln x, sqrt x, x^{2/3}, arcsin x): the chain rule
sign(u) u' is stated "where u is real" and checked there, so the derivation verifies (exit 0)
instead of being judged against the complex modulus of SymPy's principal branch (exit 4).

Oracles: central differences in mpmath at points inside the domain and away from the kinks,
and wrong claims (a wrong inner derivative, a wrong sign, a difference of x/10^30) refused."""
from __future__ import annotations

import json

import mpmath
import pytest
import sympy as sp

from symprimer.api import derive
from symprimer.cli import main
from symprimer.core.steps import Step
from tests.conftest import assert_fully_verified

x = sp.Symbol("x", real=True)

# text, the function for mpmath (real inside the domain), points inside the domain off the kinks
ON_A_DOMAIN = [
    ("Abs(x**(2/3) - 1)", lambda t: abs(mpmath.cbrt(t) ** 2 - 1), ("0.3", "0.9", "1.7", "4")),
    ("Abs(sqrt(x) - 1)", lambda t: abs(mpmath.sqrt(t) - 1), ("0.25", "0.8", "2", "9.5")),
    ("Abs(log(x))", lambda t: abs(mpmath.log(t)), ("0.2", "0.9", "1.3", "7")),
    ("Abs(log(x - 5))", lambda t: abs(mpmath.log(t - 5)), ("5.5", "5.9", "6.5", "11")),
    ("Abs(asin(x))", lambda t: abs(mpmath.asin(t)), ("-0.7", "-0.2", "0.4", "0.95")),
    ("Abs(sqrt(1 - x**2) - 1/2)", lambda t: abs(mpmath.sqrt(1 - t**2) - mpmath.mpf(1) / 2), ("-0.95", "-0.3", "0.5", "0.9")),
    ("Abs(x*log(x)) + Abs(x**(1/3))", lambda t: abs(t * mpmath.log(t)) + abs(mpmath.cbrt(t)), ("0.4", "1.5", "3")),
]


@pytest.mark.parametrize("text, function, points", ON_A_DOMAIN, ids=[case[0] for case in ON_A_DOMAIN])
def test_abs_on_a_domain_verifies_and_agrees_with_finite_differences(text, function, points):
    derivation = derive("diff", text, wrt="x")
    assert_fully_verified(derivation)
    with mpmath.workdps(60):
        h = mpmath.mpf("1e-25")
        for at in points:
            t = mpmath.mpf(at)
            numeric = (function(t + h) - function(t - h)) / (2 * h)
            exact = complex(sp.N(derivation.result.subs(x, sp.Rational(at)), 40))
            assert abs(exact.imag) < 1e-30, (text, at)
            assert abs(exact.real - float(numeric)) < 1e-12 * max(1.0, abs(exact.real)), (text, at)


def test_the_domain_is_stated_in_the_chain_rule_step():
    derivation = derive("diff", "Abs(x**(2/3) - 1)", wrt="x")
    chain = next(step for step in derivation.walk() if step.rule == "chain_rule")
    assert "is real; elsewhere it is not claimed" in chain.text


@pytest.mark.parametrize("kind", ["diff", "grad"])
def test_the_command_exits_0(kind, capsys):
    assert main(["derive", kind, "Abs(x**(2/3)-1)", "--wrt", "x", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["verified"] is True


LOG = sp.log(x)
POWER = x ** sp.Rational(2, 3) - 1


@pytest.mark.parametrize(
    "inner, claim",
    [
        (LOG, sp.sign(LOG) / x**2),  # wrong inner derivative
        (LOG, -sp.sign(LOG) / x),  # wrong sign
        (LOG, sp.sign(LOG) / x + x / 10**30),  # a tiny non-zero difference
        (POWER, sp.sign(POWER) * 2 / (3 * x ** sp.Rational(2, 3))),  # wrong power
    ],
)
def test_wrong_claims_on_a_domain_do_not_verify(inner, claim):
    assert not Step("chain_rule", "claim", sp.Derivative(sp.Abs(inner), x), claim).holds


@pytest.mark.parametrize("inner", [LOG, POWER, sp.asin(x)])
def test_the_right_claim_is_the_one_sympy_gives_for_a_real_argument(inner):
    # the oracle: SymPy's derivative of |f| for a real function f, with f = inner afterwards
    f = sp.Function("f", real=True)(x)
    oracle = sp.diff(sp.Abs(f), x).subs(f, inner).doit()
    assert Step("chain_rule", "claim", sp.Derivative(sp.Abs(inner), x), oracle).holds


SECOND_DERIVATIVES = [
    ("Abs(x**(2/3) - 1)", lambda t: abs(mpmath.cbrt(t) ** 2 - 1), ("0.3", "1.7")),
    ("Abs(x**(1/3))", lambda t: abs(t) ** (mpmath.mpf(1) / 3), ("-2.5", "-0.4", "0.6", "3")),
    ("x*sign(log(x))", lambda t: t * mpmath.sign(mpmath.log(t)), ("0.5", "2")),
]


@pytest.mark.parametrize("text, function, points", SECOND_DERIVATIVES, ids=[case[0] for case in SECOND_DERIVATIVES])
def test_hessians_through_abs_and_sign_on_a_domain(text, function, points):
    derivation = derive("hessian", text, wrt="x")
    assert_fully_verified(derivation)
    with mpmath.workdps(80):
        h = mpmath.mpf("1e-20")
        for at in points:
            t = mpmath.mpf(at)
            numeric = (function(t + h) - 2 * function(t) + function(t - h)) / h**2
            exact = complex(sp.N(derivation.result[0, 0].subs(x, sp.Rational(at)), 40))
            assert abs(exact.imag) < 1e-30 and abs(exact.real - float(numeric)) < 1e-9 * max(1.0, abs(exact.real)), (text, at)
