"""Regression tests for the spectral soundness bugs of issue 15.

Oracles: SymPy's own charpoly, eigenvects and Matrix.inv, evaluated independently of the
derivation; every derivation is also fully verified step by step.
"""
import json

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_fully_verified
from linalg_strategies import literal
from symprimer.api import derive
from symprimer.cli import main

LAMBDA = sp.Symbol("lamda")


def _factorisation_step(derivation):
    return next(s for s in derivation.steps if s.rule == "eigenvalue_factorisation")


def test_factor_without_closed_form_keeps_the_leading_coefficient():
    derivation = derive("eigen", "[[0,0,1/2],[1,0,0],[0,1,0]]")
    assert_fully_verified(derivation)
    step = _factorisation_step(derivation)
    oracle = sp.Matrix([[0, 0, sp.Rational(1, 2)], [1, 0, 0], [0, 1, 0]]).charpoly(LAMBDA).as_expr()
    assert sp.expand(step.after - oracle) == 0


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-4, 4), min_size=3, max_size=3), st.integers(2, 5))
def test_companion_matrices_with_denominators_verify(coefficients, denominator):
    """The companion matrix of lambda^3 + c2 lambda^2 + c1 lambda + c0 (c0 over d): its
    characteristic polynomial is often an irreducible cubic with a non-monic integer form."""
    c0, c1, c2 = (sp.Rational(c, denominator) for c in coefficients)
    matrix = sp.Matrix([[0, 0, -c0], [1, 0, -c1], [0, 1, -c2]])
    derivation = derive("eigen", literal(matrix))
    assert_fully_verified(derivation)
    step = _factorisation_step(derivation)
    shown = step.after if step.after is not None else step.before
    if shown is not None:
        assert sp.expand(shown - matrix.charpoly(LAMBDA).as_expr()) == 0


@pytest.mark.parametrize("kind", ["svd", "diagonalise"])
@pytest.mark.parametrize("form", ["json", "text", "latex"])
def test_exit_1_comes_with_its_explanation_in_the_chosen_format(capsys, kind, form):
    code = main(["derive", kind, "[[-5,-2,-3],[-6,5,5],[-5,-4,-4]]", "--format", form])
    out = capsys.readouterr().out
    assert code == 1
    assert "no closed form" in out
    if form == "json":
        document = json.loads(out)
        assert document["answer_exists"] is False and document["verified"] is True


SURD_MATRIX = sp.Matrix(
    [[sp.sqrt(3), -sp.sqrt(2), 1 + sp.sqrt(3)], [-3, 2, 1 + sp.sqrt(3)], [2 * sp.sqrt(2), sp.sqrt(2), sp.sqrt(2)]]
)


def test_surd_inverse_by_gauss_jordan_is_worked_over_the_surd_domain():
    derivation = derive("inverse", literal(SURD_MATRIX), method="gauss-jordan")
    assert_fully_verified(derivation)
    difference = sp.Matrix(derivation.result) - SURD_MATRIX.inv()
    assert all(sp.radsimp(sp.expand(entry)) == 0 for entry in difference)


surds = st.builds(
    lambda a, b, d: a + b * sp.sqrt(d), st.integers(-3, 3), st.integers(-2, 2), st.sampled_from([2, 3, 5])
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(surds, min_size=9, max_size=9), st.sampled_from(["inverse", "det"]))
def test_random_surd_matrices_against_sympy(entries, kind):
    matrix = sp.Matrix(3, 3, entries)
    options = {"method": "gauss-jordan"} if kind == "inverse" else {}
    derivation = derive(kind, literal(matrix), **options)
    assert_fully_verified(derivation)
    det = sp.radsimp(sp.expand(matrix.det()))
    if kind == "det":
        assert sp.radsimp(sp.expand(derivation.result - det)) == 0
    elif det == 0:
        assert not derivation.answer_exists
    else:
        product = sp.Matrix(derivation.result) * matrix
        assert all(sp.radsimp(sp.expand(entry)) == 0 for entry in product - sp.eye(3))


def _assert_true_eigenvectors(matrix, derivation):
    """Every eigenvalue has as many vectors as its geometric multiplicity, and each vector is
    an eigenvector: A v - r v vanishes to 40 digits (numbers evaluated by SymPy, not by us)."""
    for item in derivation.detail("eigen"):
        value = item["value"]
        assert len(item["vectors"]) == item["geometric_multiplicity"] >= 1
        for vector in item["vectors"]:
            assert any(sp.N(entry, 30) != 0 for entry in vector)
            residual = (matrix * vector - value * vector).evalf(50)
            assert all(abs(entry) < sp.Float("1e-40") for entry in residual)


def test_crootof_eigenvalues_get_exact_eigenvectors():
    matrix = sp.Matrix([[0, 0, sp.Rational(1, 2)], [1, 0, 0], [0, 1, 0]])
    derivation = derive("eigen", literal(matrix))
    assert_fully_verified(derivation)
    assert all(value.has(sp.CRootOf) for value in derivation.result)
    _assert_true_eigenvectors(matrix, derivation)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-3, 3), min_size=9, max_size=9))
def test_every_eigenvalue_has_its_eigenvectors(entries):
    matrix = sp.Matrix(3, 3, entries)
    derivation = derive("eigen", literal(matrix))
    assert_fully_verified(derivation)
    _assert_true_eigenvectors(matrix, derivation)


def _eigenvalue_labels(derivation) -> dict:
    """k -> lambda_k as the eigen steps label and display it."""
    return {
        step.param("index"): step.param("eigenvalue")
        for step in derivation.walk()
        if step.rule == "characteristic_matrix" and step.param("index") is not None
    }


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([4, 6]).flatmap(lambda n: st.lists(st.integers(-4, 4), min_size=n, max_size=n)))
def test_singular_value_labels_name_the_eigenvalue_displayed(entries):
    """sigma_i = sqrt(lambda_k): lambda_k is the eigenvalue the eigen steps called lambda_k, the
    value under the root in the display, and the sigmas descend (oracle: SymPy's own N)."""
    rows = 2 if len(entries) == 4 else 3
    matrix = sp.Matrix(rows, len(entries) // rows, entries)
    derivation = derive("svd", literal(matrix))
    if not derivation.answer_exists:
        return
    labels = _eigenvalue_labels(derivation)
    sigmas = [s for s in derivation.walk() if s.rule == "singular_values" and s.param("index") is not None]
    assert [s.param("index") for s in sigmas] == list(range(1, len(sigmas) + 1))
    for step in sigmas:
        k = step.param("eigen_index")
        assert f"\\lambda_{{{k}}}" in step.text and f"\\sigma_{{{step.param('index')}}}" in step.text
        assert sp.simplify(step.before.args[0] - labels[k]) == 0
    values = [sp.N(step.after, 30) for step in sigmas]
    assert values == sorted(values, reverse=True)


@pytest.mark.parametrize("rows", [[[1, 1], [0, 1]], [[1, 1, 0], [0, 1, 0], [0, 0, 2]], [[2, 1, 0], [0, 2, 1], [0, 0, 2]]])
def test_defective_verdict_states_a_true_count(rows):
    derivation = derive("eigen", literal(sp.Matrix(rows)))
    assert_fully_verified(derivation)
    [verdict] = [s for s in derivation.steps if s.rule == "defective"]
    geometric = sum(item["geometric_multiplicity"] for item in derivation.detail("eigen"))
    assert f"add up to {geometric}, less than n = {len(rows)}" in verdict.text
    assert verdict.relation == "=" and (verdict.after is None or verdict.after == geometric)


@pytest.mark.parametrize("rows, triangular", [([[2, 0, 0], [1, 2, 0], [0, 0, 3]], True), ([[1, 2], [0, 3]], True), ([[1, 2], [3, 4]], False)])
def test_triangular_matrices_say_so_and_keep_the_expansion(rows, triangular):
    derivation = derive("eigen", literal(sp.Matrix(rows)))
    assert_fully_verified(derivation)
    [step] = [s for s in derivation.steps if s.rule == "characteristic_polynomial"]
    assert (step.param("shortcut") == "triangular") is triangular
    assert ("is triangular, so the eigenvalues are the diagonal entries" in step.text) is triangular
    assert step.substeps  # the full expansion stays available
    if triangular:
        diagonal = sorted(sp.Matrix(rows).diagonal())
        assert sorted(v for v in derivation.result) == diagonal
