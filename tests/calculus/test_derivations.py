"""derive diff / grad / jacobian / hessian: results against sympy, every node verified."""
from __future__ import annotations

import pytest
import sympy as sp

from calculus_oracles import central_difference_agrees, same_as_sympy
from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.calculus.gradient import gradient_expressions
from symprimer.calculus.inputs import read_function
from symprimer.core.errors import InputError
from symprimer.render.latex import render_latex

x = sp.Symbol("x", real=True)


@pytest.mark.parametrize("text", ["x**2*exp(x)", "log(1+exp(x))", "sin(x)/x", "tanh(2*x)", "x**3 - x"])
def test_derive_diff_by_rules(text):
    derivation = derive("diff", text, wrt="x")
    assert_fully_verified(derivation)
    expr = read_function(text).expr
    assert same_as_sympy(derivation.result, expr, x)
    assert central_difference_agrees(expr, derivation.result, x)


@pytest.mark.parametrize(
    "text, expected_latex",
    [
        ("1/(1+exp(-x))", r"\sigma\left(x\right) \left(1 - \sigma\left(x\right)\right)"),
        ("log(1+exp(-x))", r"- \sigma\left(- x\right)"),  # e^u/(1 + e^u) = sigma(u), u = -x as written
        ("log(1+exp(x))", r"\sigma\left(x\right)"),
    ],
)
def test_hand_forms_on_rendered_latex(text, expected_latex):
    derivation = derive("diff", text, wrt="x")
    assert_fully_verified(derivation)
    assert any(step.rule == "hand_form" for step in derivation.steps)
    assert r"\boxed{" + expected_latex + "}" in render_latex(derivation)


@pytest.mark.parametrize("text", ["x**2", "3*x**3 - 2*x + 1", "exp(x)", "sin(x)", "cos(x)", "1/x", "1/(x+1)", "x*exp(x)", "exp(2*x)"])
def test_first_principles(text):
    derivation = derive("diff", text, wrt="x", method="limit")
    assert_fully_verified(derivation)
    assert derivation.steps[0].rule == "difference_quotient"
    assert same_as_sympy(derivation.result, read_function(text).expr, x)


def test_tanh_comes_out_in_hand_form():
    derivation = derive("diff", "tanh(x)", wrt="x")
    assert_fully_verified(derivation)
    assert r"\boxed{1 - \tanh^{2}{\left(x \right)}}" in render_latex(derivation)


def test_first_principles_refuses_what_it_cannot_do():
    with pytest.raises(InputError, match="--method limit"):
        derive("diff", "sqrt(x)", method="limit")


@pytest.mark.parametrize(
    "text, point, continuous, differentiable, left, right",
    [
        ("Abs(x)", "0", True, False, -1, 1),
        ("relu(x)", "0", True, False, 0, 1),
        ("x**2", "1", True, True, 2, 2),
        ("sign(x)", "0", False, False, None, None),
    ],
)
def test_differentiability_at_a_point(text, point, continuous, differentiable, left, right):
    derivation = derive("diff", text, wrt="x", at=point)
    assert_fully_verified(derivation)
    assert derivation.detail("continuous") is continuous
    assert derivation.detail("differentiable") is differentiable
    if continuous:
        assert (derivation.detail("left_derivative"), derivation.detail("right_derivative")) == (left, right)
    if continuous and not differentiable:
        assert "continuous but not differentiable" in derivation.detail("verdict")


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("1/x", "not defined at $x = 0$"),
        ("log(x)", "not defined at $x = 0$"),
        ("sqrt(x)", "not real-valued to the left"),
        ("Abs(x)", "continuous but not differentiable"),
        ("sign(x)", "not continuous"),
        ("softsign(x)", "differentiable at $x = 0$, with derivative $1$"),
    ],
)
def test_verdict_at_zero_says_why(text, phrase):
    derivation = derive("diff", text, at="0")
    assert_fully_verified(derivation)
    assert phrase in derivation.detail("verdict")
    assert derivation.detail("differentiable") is (phrase.startswith("differentiable"))


def test_kink_convention_at_zero_is_pytorchs():
    derivation = derive("diff", "relu(x)", at="0")
    convention = [s for s in derivation.walk() if s.rule == "kink_convention"]
    assert convention and convention[0].after == 0


def test_gradient_of_squared_error():
    derivation = derive("grad", "(w1*x1 + w2*x2 + b - y)**2", wrt="w1,w2,b")
    assert_fully_verified(derivation)
    f = read_function("(w1*x1 + w2*x2 + b - y)**2").expr
    names = {s.name: s for s in f.free_symbols}
    oracle = [sp.diff(f, names[n]) for n in ("w1", "w2", "b")]
    assert all(sp.expand(a - b) == 0 for a, b in zip(derivation.result, oracle))
    assert "held constant" in derivation.steps[0].text


def test_hessian_and_its_symmetry():
    derivation = derive("hessian", "x**2*y + y**3", wrt="x,y")
    assert_fully_verified(derivation)
    f = read_function("x**2*y + y**3").expr
    variables = sorted(f.free_symbols, key=lambda s: s.name)
    assert sp.simplify(derivation.result - sp.hessian(f, variables)) == sp.zeros(2, 2)
    assert derivation.steps[-1].rule == "symmetry_of_second_derivatives"


def test_jacobian_matches_sympy():
    derivation = derive("jacobian", "[x*y, exp(x) + y**2, sin(x*y)]", wrt="x,y")
    assert_fully_verified(derivation)
    vector = read_function("x*y").expr  # symbols only
    X, Y = sorted(derivation.given[0][1].free_symbols, key=lambda s: s.name)
    oracle = sp.Matrix([X * Y, sp.exp(X) + Y**2, sp.sin(X * Y)]).jacobian([X, Y])
    assert sp.simplify(derivation.result - oracle) == sp.zeros(3, 2)
    assert vector.free_symbols


def test_gradient_expressions_library_entry_keeps_the_callers_symbols():
    w1, w2, x1, x2, y = sp.symbols("w1 w2 x1 x2 y")
    loss = sp.log(1 + sp.exp(-y * (w1 * x1 + w2 * x2)))
    partials = gradient_expressions(loss, (w1, w2))
    assert all(sp.simplify(p - sp.diff(loss, w)) == 0 for p, w in zip(partials, (w1, w2)))
    assert set().union(*(p.free_symbols for p in partials)) <= {w1, w2, x1, x2, y}


@pytest.mark.parametrize(
    "args, options, message",
    [
        (("foo(x)",), {}, "unknown function 'foo'"),
        (("x**2",), {"wrt": "z"}, "does not occur"),
        (("a*b",), {}, "say which one with --wrt"),
        (("x**2",), {"method": "magic"}, "no method"),
        (("x**2",), {"at": "y"}, "real number"),
    ],
)
def test_bad_input_is_one_sentence(args, options, message):
    with pytest.raises(InputError, match=message):
        derive("diff", *args, **options)
