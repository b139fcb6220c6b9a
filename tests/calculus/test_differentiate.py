"""The rule engine: every derivative equals sympy.diff and central differences; every step verifies."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from calculus_oracles import central_difference_agrees, same_as_sympy
from conftest import assert_fully_verified
from symprimer.calculus.differentiate import differentiate_steps, used_fallback
from symprimer.calculus.inputs import read_function
from symprimer.core.functions import sigmoid
from symprimer.core.steps import Derivation

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)

CASES = [
    ("x**2*exp(x)", "product_rule"),
    ("log(1+exp(x))", "chain_rule"),
    ("3*x**4 - 2*x + 7", "sum_rule"),
    ("x*sin(x)*exp(x)", "product_rule"),
    ("(x**2 + 1)/(x - 3)", "quotient_rule"),
    ("sqrt(x**2 + 1)", "chain_rule"),
    ("2**x", "exponential_rule"),
    ("x**x", "rewrite_exp"),
    ("tan(x) + sec(x) + cot(x) + csc(x)", "trig_rule"),
    ("asin(x/3) + acos(x/4) + atan(x)", "trig_rule"),
    ("sinh(x) + cosh(x) + tanh(x) + sech(x)", "hyperbolic_rule"),
    ("asinh(x) + atanh(x/5)", "hyperbolic_rule"),
    ("erf(2*x)", "erf_rule"),
    ("Abs(x**3 - 1)", "abs_rule"),
    ("Max(0, x)", "max_min_rule"),
    ("Min(x, x**2)", "max_min_rule"),
    ("sigmoid(3*x)", "sigmoid_rule"),
    ("exp(-x**2/2)", "exp_rule"),
    ("log(x**2 + 1)*cos(x)**2", "log_rule"),
]


def _tree(expr):
    step, derivative = differentiate_steps(expr, x)
    return step, derivative


@pytest.mark.parametrize("text, rule", CASES)
def test_rules_match_sympy_and_finite_differences(text, rule):
    expr = read_function(text).expr
    step, derivative = _tree(expr)
    assert_fully_verified(Derivation("diff", "test", (), (step,), derivative))
    assert rule in {node.rule for node in step.walk()}
    assert not used_fallback(step)
    assert same_as_sympy(derivative, expr, x)
    kinks = (0, 1, -1) if expr.has(sp.Abs, sp.Max, sp.Min) else (3,)
    assert central_difference_agrees(expr, derivative, x, avoid=kinks)


def test_chain_rule_introduces_a_named_inner_function():
    step, _ = _tree(sp.log(1 + sp.exp(x)))
    let = next(node for node in step.walk() if node.rule == "let")
    assert let.relation == ":=" and let.after == 1 + sp.exp(x) and let.before.name == "u"


def test_product_rule_handles_three_factors():
    step, derivative = _tree(x * sp.sin(x) * sp.exp(x))
    assert step.rule == "product_rule" and len(step.substeps) == 3
    assert "3 factors" in step.text


def test_fallback_is_labelled_and_only_used_when_no_rule_applies():
    expr = sp.gamma(x)
    step, derivative = _tree(expr)
    assert used_fallback(step) and "by SymPy" in step.text
    assert same_as_sympy(derivative, expr, x)


def test_partial_derivative_holds_other_symbols_constant():
    step, derivative = differentiate_steps(x**2 * y + sp.sin(x * y), y)
    assert same_as_sympy(derivative, x**2 * y + sp.sin(x * y), y)
    assert step.verify()


_UNARY = [sp.exp, sp.sin, sp.cos, sp.tanh, sp.sinh, sp.cosh, sp.sech, sp.atan, sp.erf, sigmoid,
          lambda u: sp.log(1 + u**2), lambda u: sp.sqrt(1 + u**2), sp.Abs, lambda u: sp.Max(0, u),
          lambda u: sp.Min(u, 1 - u), lambda u: sp.Piecewise((u, u > 0), (u / 100, True)), lambda u: 2**u]
_BINARY = [lambda a, b: a + b, lambda a, b: a * b, lambda a, b: a / (1 + b**2), lambda a, b: a - 3 * b,
           lambda a, b: a ** 3 + b]
_LEAVES = st.sampled_from([x, 2 * x, x + 1, sp.Integer(3), x**2])


def _compositions():
    return st.recursive(
        _LEAVES,
        lambda children: st.one_of(
            st.tuples(st.sampled_from(_UNARY), children).map(lambda t: t[0](t[1])),
            st.tuples(st.sampled_from(_BINARY), children, children).map(lambda t: t[0](t[1], t[2])),
        ),
        max_leaves=5,
    )


@settings(max_examples=30, deadline=None, derandomize=True)
@given(_compositions())
def test_random_compositions_never_need_the_fallback(expr):
    step, derivative = _tree(expr)
    assert not used_fallback(step)
    assert step.verify()
    assert central_difference_agrees(expr, derivative, x, points=2, avoid=(0, -1, 1, -0.5, -2), tolerance=1e-5)
