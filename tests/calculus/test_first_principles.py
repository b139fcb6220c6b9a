"""First principles shows the algebra: f(x + h) multiplied out, f(x) cancelled, h divided out."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from calculus_oracles import same_as_sympy
from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.render.notation import to_latex

x = sp.Symbol("x", real=True)
h = sp.Symbol("h", real=True)
COEFFICIENTS = st.integers(min_value=-9, max_value=9)


def _steps_by_rule(derivation, rule):
    return [step for step in derivation.steps if step.rule == rule]


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=1, max_value=5), COEFFICIENTS, COEFFICIENTS, st.integers(min_value=0, max_value=3))
def test_a_polynomial_is_expanded_cancelled_and_divided(a, b, c, cubic):
    text = f"{cubic}*x**3 + {a}*x**2 + ({b})*x + ({c})"
    derivation = derive("diff", text, wrt="x", method="limit")
    assert_fully_verified(derivation)
    f = cubic * x**3 + a * x**2 + b * x + c
    assert same_as_sympy(derivation.result, f, x)
    expand, cancel, divide = derivation.steps[1:4]
    assert expand.rule == "expand" and f"f(x + h) = {to_latex(sp.expand(f.subs(x, x + h)))}" in expand.text
    # after the cancelling every term of the numerator has a factor h, and none of f(x) is left
    numerator, denominator = sp.fraction(cancel.after)
    assert denominator == h
    assert all(term.has(h) for term in sp.Add.make_args(sp.expand(numerator)))
    assert sp.expand(numerator) == sp.expand(f.subs(x, x + h) - f)
    # dividing by h leaves a polynomial in h whose value at h = 0 is the derivative
    assert divide.after.is_polynomial(h) and sp.expand(divide.after.subs(h, 0) - sp.diff(f, x)) == 0
    limit = derivation.steps[-1]
    assert limit.rule == "limit" and limit.after == derivation.result


def test_the_issue_example_shows_f_of_x_plus_h_before_the_limit():
    derivation = derive("diff", "5*x**2 - 6*x", wrt="x", method="limit")
    assert_fully_verified(derivation)
    rules = [step.rule for step in derivation.steps]
    assert rules == ["difference_quotient", "expand", "simplify", "simplify", "limit"]
    assert derivation.steps[3].after == 5 * h + 10 * x - 6


@pytest.mark.parametrize(
    "text, f", [("1/x", 1 / x), ("3/x", 3 / x), ("1/(x + 1)", 1 / (x + 1)), ("1/x**2", x**-2), ("x/(x + 2)", x / (x + 2))]
)
def test_a_rational_function_goes_over_one_denominator_before_h_cancels(text, f):
    derivation = derive("diff", text, wrt="x", method="limit")
    assert_fully_verified(derivation)
    common, cancelled = derivation.steps[1:3]
    assert "one denominator" in common.text and "Cancel the factor $h$" in cancelled.text
    assert 1 / h in set(sp.preorder_traversal(common.after))  # h still shown below the line
    # once h is cancelled, setting h = 0 divides by nothing that vanishes and gives f'
    assert sp.denom(sp.together(cancelled.after)).subs(h, 0) != 0
    assert sp.simplify(cancelled.after.subs(h, 0) - sp.diff(f, x)) == 0
    assert same_as_sympy(derivation.result, f, x)


def test_step_prose_carries_its_mathematics_as_inline_latex():
    derivation = derive("diff", "x**2 + 1", wrt="x", method="limit")
    for step in derivation.steps:
        assert "h tends" not in step.text and "f(x+h)" not in step.text
        assert step.text.count("$") % 2 == 0
