"""Equivalence layers on random expressions and matrices, with SymPy's own algebra as the oracle."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from symprimer.check.equivalence import compare

x, y = sp.symbols("x y")
coefficients = st.integers(-5, 5)


@st.composite
def polynomials(draw):
    terms = draw(st.lists(st.tuples(coefficients, st.integers(0, 3), st.integers(0, 2)), min_size=1, max_size=4))
    return sp.Add(*[c * x**i * y**j for c, i, j in terms])


@settings(max_examples=30, deadline=None)
@given(polynomials(), polynomials())
def test_expanded_and_factored_forms_agree(p, q):
    assert compare(sp.expand(p * q), sp.Mul(p, q, evaluate=False)).equal is True


@settings(max_examples=30, deadline=None)
@given(polynomials(), polynomials(), st.integers(1, 9), st.integers(1, 12))
def test_a_small_change_is_caught(p, q, numerator, power):
    assume(q != 0)
    change = sp.Rational(numerator, 10**power)
    outcome = compare(p / q, p / q + change * x)
    assert outcome.equal is False
    assert outcome.counterexample is not None


@settings(max_examples=20, deadline=None)
@given(st.lists(coefficients, min_size=4, max_size=4), st.integers(0, 3), st.integers(1, 3))
def test_matrices_elementwise(entries, position, delta):
    m = sp.ImmutableMatrix(2, 2, entries)
    changed = list(entries)
    changed[position] += delta
    assert compare(m, sp.ImmutableMatrix(2, 2, entries)).equal is True
    outcome = compare(m, sp.ImmutableMatrix(2, 2, changed))
    assert outcome.equal is False
    row, col = divmod(position, 2)
    assert outcome.counterexample.where == f"entry ({row + 1}, {col + 1})"


@pytest.mark.parametrize(
    "left, right",
    [
        (sp.sin(x) ** 2 + sp.cos(x) ** 2, sp.Integer(1)),
        (sp.tanh(x), (sp.exp(2 * x) - 1) / (sp.exp(2 * x) + 1)),
        (sp.log(sp.exp(x) + 1), x + sp.log(1 + sp.exp(-x))),
        (sp.Abs(x) ** 2, x**2),
    ],
)
def test_identities_agree_with_sympy(left, right):
    function = sp.lambdify(x, left - right, "mpmath")  # an independent numeric oracle (test-built expressions)
    assert all(abs(function(value)) < 1e-12 for value in (-2.5, -0.3, 0.7, 1.9, 4.2))
    assert compare(left, right).equal is True


def test_multisets_count_multiplicity():
    assert compare((sp.Integer(1), sp.Integer(1), sp.Integer(2)), (sp.Integer(2), sp.Integer(1), sp.Integer(1))).equal is True
    assert compare((sp.Integer(1), sp.Integer(1), sp.Integer(2)), (sp.Integer(1), sp.Integer(2), sp.Integer(2))).equal is False


def test_equations_by_solution_set():
    lam = sp.Symbol("lamda")
    assert compare(sp.Eq(lam**2 - 4 * lam + 3, 0), sp.Eq(2 * (lam - 1) * (lam - 3), 0)).equal is True
    assert compare(sp.Eq(lam**2, 1), sp.Eq(lam, 1)).equal is False


def test_undefined_functions_are_undecided():
    f, g = sp.Function("f"), sp.Function("g")
    assert compare(f(x), g(x)).equal is None
