"""The mistake table on seeded wrong answers: each is named; right answers are never 'diagnosed'."""
from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.check.mistakes import MISTAKES, find_mistake
from symprimer.parse.latex import parse_latex

x = sp.Symbol("x")
lam = sp.Symbol("lamda")


def name(expected, answer, source=None):
    found = find_mistake(expected, answer, source)
    return found.name if found else None


def test_every_mistake_has_one_sentence():
    for mistake in MISTAKES:
        assert mistake.sentence.endswith(".") and mistake.sentence.count(". ") == 0


OUTER = [sp.sin, sp.exp, sp.tanh, sp.cos]


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 5), st.integers(-4, 4), st.integers(0, len(OUTER) - 1))
def test_missing_chain_factor(a, c, which):
    outer = OUTER[which]
    inner = a * x**2 + c
    source = sp.Derivative(outer(inner), x)
    wrong = outer(sp.Symbol("u")).diff(sp.Symbol("u")).subs(sp.Symbol("u"), inner)
    assert name(source, wrong) == "missing_chain_factor"


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 4), st.sampled_from([sp.sin, sp.exp, sp.cos]))
def test_product_rule_with_one_term(power, function):
    u, v = x**power, function(x)
    source = sp.Derivative(u * v, x)
    assert name(source, sp.diff(u, x) * v) == "product_rule_one_term"
    assert name(source, u * sp.diff(v, x)) == "product_rule_one_term"


@pytest.mark.parametrize("u, v", [(sp.sin(x), x), (x, 1 + x**2), (sp.exp(x), x**2 + 1)])
def test_quotient_rule_sign(u, v):
    source = sp.Derivative(u / v, x)
    wrong = (u * sp.diff(v, x) - sp.diff(u, x) * v) / v**2
    assert name(source, wrong) == "quotient_rule_sign"


@pytest.mark.parametrize("seed", range(6))
def test_cofactor_sign_chart(seed):
    rng = random.Random(seed)
    while True:
        m = sp.Matrix(3, 3, [rng.randint(-5, 5) for _ in range(9)])
        row = rng.randrange(3)
        unsigned = sum(m[row, j] * m.minor(row, j) for j in range(3))
        if unsigned != m.det():
            break
    assert name(sp.Determinant(sp.ImmutableMatrix(m)), unsigned) == "cofactor_sign_chart"
    cofactors = m.cofactor_matrix()
    minors = sp.ImmutableMatrix(3, 3, lambda i, j: m.minor(i, j))
    if minors != cofactors:
        assert name(sp.ImmutableMatrix(cofactors), minors) == "cofactor_sign_chart"


@pytest.mark.parametrize("seed", range(5))
def test_adjugate_not_transposed(seed):
    rng = random.Random(100 + seed)
    while True:
        m = sp.Matrix(3, 3, [rng.randint(-4, 4) for _ in range(9)])
        if m.adjugate() != m.adjugate().T:
            break
    assert name(sp.ImmutableMatrix(m.adjugate()), sp.ImmutableMatrix(m.cofactor_matrix())) == "adjugate_not_transposed"


@pytest.mark.parametrize("expected, wrong", [("(AB)^T", "A^T B^T"), ("(AB)^{-1}", "A^{-1} B^{-1}"), ("(ABC)^T", "A^T B^T C^T")])
def test_product_order(expected, wrong):
    assert name(parse_latex(expected).value, parse_latex(wrong).value) == "product_order"


@pytest.mark.parametrize("seed", range(5))
def test_lambda_on_the_wrong_side(seed):
    rng = random.Random(200 + seed)
    m = sp.Matrix(3, 3, [rng.randint(-3, 3) for _ in range(9)])
    right = (lam * sp.eye(3) - m).det()
    wrong = (m - lam * sp.eye(3)).det()
    assert name(sp.expand(right), sp.expand(wrong)) == "lambda_side"


@pytest.mark.parametrize(
    "expected, wrong",
    [
        (r"\sigma'(x)", r"\sigma(x)(1-\sigma^2(x))"),
        (r"\sigma'(x)", r"\sigma^2(x)(1-\sigma(x))"),
        (r"\frac{d}{dx}\log(1+e^{x})", r"\sigma^2(x)"),
    ],
)
def test_sigma_squared(expected, wrong):
    assert name(parse_latex(expected).value, parse_latex(wrong).value) == "sigma_squared"


@pytest.mark.parametrize(
    "expected, wrong",
    [(r"\frac{d}{dx}\log_2 x", r"\frac{1}{x}"), (r"\frac{d}{dx}\ln x", r"\frac{1}{x \ln 10}"), (r"\log_{10} x", r"\ln x")],
)
def test_log_base(expected, wrong):
    assert name(parse_latex(expected).value, parse_latex(wrong).value) == "log_base"


@pytest.mark.parametrize(
    "expected, other",
    [
        (r"\frac{d}{dx}\sin(x^2)", r"x^3"),
        (r"\frac{d}{dx}(x^2 e^x)", r"\cos x"),
        (r"(AB)^T", r"A + B"),
    ],
)
def test_unrelated_wrong_answers_get_no_diagnosis(expected, other):
    assert name(parse_latex(expected).value, parse_latex(other).value) is None
