"""Ordinary inputs never end in exit 4 or a traceback: every derivation of a random small
expression from the whitelist grammar verifies (exit 0) or is refused in one sentence (2 or 3).

Also the cases such a search found, each against an independent oracle: arcosh below -1
(where SymPy's arcosh is complex, 1/sqrt(u^2 - 1) has the wrong sign), and a kink of ReLU that
falls on a point where another factor has no value (sqrt(x), ln x at 0)."""
from __future__ import annotations

import contextlib
import io
import json

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.api import derive
from symprimer.cli import main
from tests.conftest import assert_fully_verified

UNARY = ("sin", "exp", "log", "sqrt", "Abs", "sign", "relu", "sigmoid", "tanh", "asin", "acos", "acosh",
         "atanh", "cosh", "tan", "atan")
LEAVES = ("x", "x", "y", "0", "2", "1/2", "2/3", "-1", "pi")
EXPONENTS = ("2", "3", "1/2", "1/3", "2/3", "-1", "-2", "x")


def _expressions(depth: int) -> st.SearchStrategy[str]:
    leaf = st.sampled_from(LEAVES)
    if depth == 0:
        return leaf
    below = _expressions(depth - 1)
    return st.one_of(
        leaf,
        st.builds(lambda f, a: f"{f}({a})", st.sampled_from(UNARY), below),
        st.builds(lambda f, a, b: f"{f}({a}, {b})", st.sampled_from(("Max", "Min")), below, below),
        st.builds(lambda a, e: f"({a})**({e})", below, st.sampled_from(EXPONENTS)),
        st.builds(lambda a, o, b: f"({a}) {o} ({b})", below, st.sampled_from("+-*/"), below),
    )


def _exit_of(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["derive", *args, "--format", "json", "--timeout", "30"])
    return code, out.getvalue(), err.getvalue()


def _verified_or_refused(code: int, out: str, err: str) -> None:
    assert code in (0, 2, 3), (code, err or out[-400:])
    assert "Traceback" not in err
    if code == 0:
        assert json.loads(out)["verified"] is True
    else:
        assert err.count("\n") == 1, err  # one sentence


@settings(max_examples=30, deadline=None, derandomize=True)  # the same sample every run
@given(_expressions(3).filter(lambda text: "x" in text.replace("exp", "")))
def test_diff_of_a_random_expression_verifies_or_is_refused(text):
    _verified_or_refused(*_exit_of(["diff", text, "--wrt", "x"]))


@settings(max_examples=20, deadline=None, derandomize=True)
@given(_expressions(2), _expressions(2))
def test_grad_of_a_random_expression_verifies_or_is_refused(left, right):
    _verified_or_refused(*_exit_of(["grad", f"({left})*x + ({right})*y", "--wrt", "x,y"]))


@pytest.mark.parametrize("kind, wrt, text", [
    ("diff", "x", "acosh(x)"),
    ("diff", "x", "Min(-1, x)*acosh(x)"),
    ("grad", "y", "Min(-1, y)/acosh(y)*(2 - x)"),
])
def test_arcosh_agrees_with_sympy_on_both_sides_of_its_branch_cut(kind, wrt, text):
    derivation = derive(kind, text, wrt=wrt)
    assert_fully_verified(derivation)
    result = derivation.result if kind == "diff" else derivation.result[0]
    function = dict(derivation.given)["f"]
    named = {s.name: s for s in function.free_symbols | result.free_symbols}
    oracle = sp.diff(function, named[wrt])  # SymPy's own derivative, principal branch
    for at in (sp.Rational(-7, 2), sp.Rational(-3, 2), sp.Rational(3, 2), sp.Rational(7, 2)):
        point = {named[wrt]: at, **({named["x"]: sp.Rational(1, 3)} if wrt == "y" else {})}
        assert abs(complex(sp.N((result - oracle).subs(point), 30))) < 1e-25, at


@pytest.mark.parametrize("text, function", [
    ("relu(x)*sqrt(x)", lambda t: max(t, 0) * mpmath.sqrt(t)),
    ("relu(x)*log(x)", lambda t: max(t, 0) * mpmath.log(t)),
])
def test_a_relu_kink_where_another_factor_has_no_value_verifies(text, function):
    derivation = derive("diff", text, wrt="x")
    assert_fully_verified(derivation)
    with mpmath.workdps(60):
        h = mpmath.mpf("1e-25")
        for at in ("0.25", "1.5", "4"):
            t = mpmath.mpf(at)
            numeric = (function(t + h) - function(t - h)) / (2 * h)
            (variable,) = derivation.result.free_symbols
            exact = complex(sp.N(derivation.result.subs(variable, sp.Rational(at)), 40))
            assert abs(exact - complex(numeric)) < 1e-12 * max(1.0, abs(exact)), at


def test_a_power_of_zero_is_refused_in_one_sentence():
    code, out, err = _exit_of(["diff", "((0)**(2))**(x)", "--wrt", "x"])  # found by the random search
    assert code == 2 and err.count("\n") == 1 and "base 0" in err and not out


@pytest.mark.parametrize("kind, wrt, text", [
    ("grad", "x,y", "x**2 + asin(sign(x))*y"),  # found by the random search above
    ("diff", "x", "acosh(sign(x))"),
    ("diff", "x", "asin(sign(x))"),
])
def test_a_function_of_a_sign_is_flat_off_its_jump(kind, wrt, text):
    """arcsin(sgn x) is constant on each side of 0, though arcsin' is infinite at sgn x = +-1."""
    derivation = derive(kind, text, wrt=wrt)
    assert_fully_verified(derivation)
    result = derivation.result if kind == "diff" else derivation.result[0]
    function = dict(derivation.given)["f"]
    named = {s.name: s for s in function.free_symbols | result.free_symbols}
    others = {symbol: 1 for name, symbol in named.items() if name != "x"}
    f = sp.lambdify(named["x"], function.subs(others), "mpmath")  # the test's own expression
    with mpmath.workdps(40):
        h = mpmath.mpf("1e-15")
        for at in (sp.Rational(-3, 2), sp.Rational(-1, 4), sp.Rational(1, 3), sp.Rational(5, 2)):
            t = mpmath.mpf(at.p) / at.q
            numeric = complex((f(t + h) - f(t - h)) / (2 * h))
            exact = complex(sp.N(result.subs({named["x"]: at, **others}), 30))
            assert abs(exact - numeric) < 1e-10, (text, at)
