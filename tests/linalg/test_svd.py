"""derive svd against numpy.linalg.svd (singular values) and exact algebra (reconstruction, U*U = I)."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_fully_verified
from symprimer.api import derive

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
X = sp.Symbol("x")


def nested(value: sp.Expr) -> bool:
    return any(p.base.has(sp.Pow) for p in value.atoms(sp.Pow) if not p.exp.is_Integer)


def exactly_zero(value: sp.Expr) -> bool:
    """Exact for rationals and plain radicals (minimal polynomial); for nested radicals, whose
    minimal polynomials are slow, zero to 80 digits (a non-zero algebraic number of this size
    and height is far larger)."""
    value = sp.expand(value)
    if value == 0:
        return True
    if nested(value):
        return abs(sp.N(value, 80)) < sp.Float("1e-70", 80)
    return sp.minimal_polynomial(value, X) == X


def exactly_equal(a: sp.Matrix, b: sp.Matrix) -> bool:
    return a.shape == b.shape and all(exactly_zero(x - y) for x, y in zip(a, b))


def literal(matrix: sp.Matrix) -> str:
    return str(matrix.tolist()).replace(" ", "")


def assert_valid_svd(text: str, reduced: bool = False) -> tuple:
    d = derive("svd", text, reduced=True) if reduced else derive("svd", text)
    assert_fully_verified(d)
    m = sp.Matrix(d.given[0][1])
    u, s, v = (sp.Matrix(d.detail(key)) for key in ("U", "S", "V"))
    assert d.result.args == (d.detail("U"), d.detail("S"), sp.ImmutableMatrix(d.detail("V").H))
    k = min(m.shape)
    if reduced:
        assert (u.shape, s.shape, v.shape) == ((m.rows, k), (k, k), (m.cols, k))
    else:
        assert (u.shape, s.shape, v.shape) == ((m.rows, m.rows), m.shape, (m.cols, m.cols))
    assert exactly_equal(u * s * v.H, m)
    assert exactly_equal(u.H * u, sp.eye(u.cols))
    assert exactly_equal(v.H * v, sp.eye(v.cols))
    sigmas = [s[i, i] for i in range(min(s.shape))]
    assert all(s[i, j] == 0 for i in range(s.rows) for j in range(s.cols) if i != j)
    numeric = [float(sp.N(x)) for x in sigmas]
    assert all(a >= b - 1e-12 for a, b in zip(numeric, numeric[1:])), "descending"
    assert all(x >= 0 for x in numeric)
    expected = np.linalg.svd(np.array(m.evalf().tolist(), dtype=complex), compute_uv=False)
    assert np.allclose(numeric, expected[: len(numeric)])
    return d, u, s, v


def test_deck_example_2x3():
    d, u, s, v = assert_valid_svd("[[3,2,2],[2,3,-2]]")
    assert [s[0, 0], s[1, 1]] == [5, 3]
    assert d.detail("rank") == 2
    assert any(step.rule == "gram_matrix" for step in d.steps)
    assert any(step.rule == "left_singular_vector" for step in d.walk())


def test_rank_deficient_completes_u():
    d, u, s, v = assert_valid_svd("[[1,2],[2,4],[3,6]]")
    assert d.detail("rank") == 1 and s[1, 1] == 0 and s[0, 0] == sp.sqrt(70)
    assert any(step.rule == "complete_basis" for step in d.steps)


@pytest.mark.parametrize(
    "text",
    ["[[3,2,2],[2,3,-2]]", "[[1,2],[2,4],[3,6]]", "[[4,0],[3,-5]]", "[[1,0,1],[0,1,0]]", "[[2,0],[0,-3]]", "[[0,0],[0,0]]",
     "[[1,1],[1,1],[0,0]]", "[[1],[2],[2]]", "[[1,2,2]]"],
)
@pytest.mark.parametrize("reduced", [False, True])
def test_examples_full_and_thin(text, reduced):
    assert_valid_svd(text, reduced)


def test_complex_entries_use_the_conjugate_transpose():
    d, u, s, v = assert_valid_svd("[[1,I],[-I,1]]")
    assert [s[0, 0], s[1, 1]] == [2, 0]
    d, u, s, v = assert_valid_svd("[[I,0],[0,2]]")
    assert [s[0, 0], s[1, 1]] == [2, 1]


def test_irrational_singular_values_stay_exact():
    d, u, s, v = assert_valid_svd("[[1,1],[0,1]]")
    golden_ratio = (1 + sp.sqrt(5)) / 2
    assert exactly_zero(s[0, 0] - golden_ratio)


def test_matches_sympy_singular_values():
    m = sp.Matrix([[3, 2, 2], [2, 3, -2]])
    d = derive("svd", literal(m))
    assert sorted(d.detail("singular_values"), reverse=True) == sorted(m.singular_values(), reverse=True)[: min(m.shape)]


ORTHOGONAL = [sp.Matrix([[3, -4], [4, 3]]) / 5, sp.Matrix([[0, 1], [1, 0]]), sp.Matrix([[1, 0], [0, -1]])]


@SETTINGS
@given(st.sampled_from(ORTHOGONAL), st.sampled_from(ORTHOGONAL), st.lists(st.integers(0, 4), min_size=2, max_size=2))
def test_svd_friendly_random(q1, q2, values):
    m = q1 * sp.diag(*values) * q2.T
    d, u, s, v = assert_valid_svd(literal(m))
    assert [s[0, 0], s[1, 1]] == sorted(values, reverse=True)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-2, 2), min_size=4, max_size=4))
def test_random_integer_2x2(entries):
    assert_valid_svd(literal(sp.Matrix(2, 2, entries)))


def test_no_closed_form_is_refused_with_its_reason():
    for rows in ([[1, 2, 3], [4, 5, 6], [7, 8, 10]], [[-5, -2, -3], [-6, 5, 5], [-5, -4, -4]]):
        refused = derive("svd", literal(sp.Matrix(rows)))
        assert not refused.answer_exists and refused.detail("closed_form") is False
        assert_fully_verified(refused)
        gram = sp.Matrix(rows).T * sp.Matrix(rows)
        oracle = sorted(sp.N(r, 20) for r in gram.charpoly().all_roots())
        assert [sp.N(v, 20) for v in refused.result] == oracle
