"""derive eigen against independent oracles (SymPy eigenvects, numpy.linalg.eig/eigh).

Every derivation built here is fully verified; every eigenvector is checked exactly against
A v = lambda v here too, independently of the steps.
"""
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.core.errors import InputError, TooLarge

ENTRY = st.integers(min_value=-4, max_value=4)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def literal(matrix: sp.Matrix) -> str:
    return str(matrix.tolist()).replace(" ", "")


def exactly_zero(value: sp.Expr) -> bool:
    """Exact zero test independent of symprimer: minimal polynomial for algebraic numbers."""
    value = sp.nsimplify(value) if value.is_Float else value
    if value == 0:
        return True
    if value.free_symbols:
        return sp.simplify(value) == 0
    x = sp.Symbol("x")
    return sp.minimal_polynomial(value, x) == x


def assert_eigen_matches_oracle(matrix: sp.Matrix, derivation) -> None:
    """Exact: every value is a root of det(x I - A) of the stated multiplicity (derivatives), every
    vector satisfies A v = lambda v; numeric: the multiset agrees with numpy.linalg.eigvals."""
    assert_fully_verified(derivation)
    x = sp.Symbol("x")
    charpoly = (x * sp.eye(matrix.rows) - matrix).det(method="berkowitz").expand()
    eigen = derivation.detail("eigen")
    assert sum(item["algebraic_multiplicity"] for item in eigen) == matrix.rows
    for item in eigen:
        value, m = item["value"], item["algebraic_multiplicity"]
        if value.has(sp.CRootOf):  # exact: value = g(r) with f(r) = 0; charpoly(g(y)) = 0 mod f(y)
            [root] = value.atoms(sp.CRootOf)
            y = sp.Dummy("y")
            f = root.poly.as_expr().subs(root.poly.gen, y)
            assert sp.rem(sp.expand(charpoly.subs(x, value.subs(root, y))), f, y) == 0
            continue
        for k in range(m):
            assert exactly_zero(sp.expand(sp.diff(charpoly, x, k).subs(x, value)))
        assert not exactly_zero(sp.expand(sp.diff(charpoly, x, m).subs(x, value)))
        shifted = matrix - value * sp.eye(matrix.rows)
        assert item["geometric_multiplicity"] == matrix.rows - shifted.rank(iszerofunc=exactly_zero)
        assert len(item["vectors"]) == item["geometric_multiplicity"]
        for vector in item["vectors"]:
            assert any(not exactly_zero(v) for v in vector)
            assert all(exactly_zero(sp.expand(v)) for v in (matrix * vector - value * vector))
        if len(item["vectors"]) > 1:
            assert sp.Matrix.hstack(*item["vectors"]).rank(iszerofunc=exactly_zero) == len(item["vectors"])
    assert len(derivation.result) == matrix.rows
    if not matrix.free_symbols:
        expected = np.linalg.eigvals(np.array(matrix.evalf().tolist(), dtype=complex))
        ours = np.array(_numeric(derivation.result))
        assert _same_multiset(expected, ours)


def _numeric(values) -> list[complex]:
    """Decimals of the eigenvalues; CRootOf families by nroots of their polynomial (fast)."""
    out, families = [], {}
    for v in values:
        if isinstance(v, sp.CRootOf):
            families.setdefault(v.poly, []).append(v)
        else:
            out.append(complex(sp.N(v)))
    for poly, members in families.items():
        roots = [complex(r) for r in poly.nroots()]
        repeat = len(members) // len(roots)
        assert repeat * len(roots) == len(members)
        out.extend(roots * repeat)
    return out


def _same_multiset(a, b, tol=1e-5):
    remaining = list(b)
    for z in a:
        best = min(range(len(remaining)), key=lambda i: abs(remaining[i] - z))
        if abs(remaining[best] - z) > tol * max(1, abs(z)):
            return False
        remaining.pop(best)
    return not remaining


@pytest.mark.parametrize("text", ["[[2,1],[1,2]]", "[[1,1],[0,1]]", "[[2,1,1],[1,2,1],[1,1,2]]", "[[0,-1],[1,0]]"])
def test_eigenspaces_equal_sympy_eigenvects(text):
    d = derive("eigen", text)
    matrix = sp.Matrix(d.given[0][1])
    oracle = {value: (m, basis) for value, m, basis in matrix.eigenvects()}
    assert {item["value"] for item in d.detail("eigen")} == set(oracle)
    for item in d.detail("eigen"):
        m, basis = oracle[item["value"]]
        assert item["algebraic_multiplicity"] == m and item["geometric_multiplicity"] == len(basis)
        together = sp.Matrix.hstack(*basis, *item["vectors"])
        assert together.rank() == len(basis)  # same span


@pytest.mark.parametrize(
    "text",
    [
        "[[2,1],[1,2]]",
        "[[1,1],[0,1]]",
        "[[0,-1],[1,0]]",
        "[[4,1],[2,3]]",
        "[[1,2],[3,4]]",
        "[[2,0,0],[1,2,0],[0,0,3]]",
        "[[2,1,1],[1,2,1],[1,1,2]]",
        "[[2,0,1],[0,3,0],[1,0,2]]",
        "[[1,2,3],[4,5,6],[7,8,10]]",  # irreducible cubic: CRootOf
        "[[2,I],[-I,2]]",
        "[[0,1,0,0],[0,0,1,0],[0,0,0,1],[-4,0,5,0]]",  # biquadratic: lambda^4 - 5 lambda^2 + 4
        "[[1/2,0],[0,1/3]]",
    ],
)
def test_examples_against_sympy(text):
    derivation = derive("eigen", text)
    matrix = sp.Matrix(derivation.given[0][1])
    assert_eigen_matches_oracle(matrix, derivation)


def test_deck_example_values_and_vectors():
    d = derive("eigen", "[[2,1],[1,2]]")
    assert_fully_verified(d)
    assert sorted(d.result) == [1, 3]
    vectors = {item["value"]: item["vectors"][0] for item in d.detail("eigen")}
    assert vectors[3] == sp.Matrix([1, 1])
    assert vectors[1] in (sp.Matrix([-1, 1]), sp.Matrix([1, -1]))
    assert d.detail("characteristic_polynomial") == sp.Symbol("lamda") ** 2 - 4 * sp.Symbol("lamda") + 3
    assert any(step.rule == "laplace_expansion" or step.rule.startswith("det_") for step in d.walk())


def test_defective_matrix_is_called_defective():
    d = derive("eigen", "[[1,1],[0,1]]")
    assert_fully_verified(d)
    assert d.detail("defective") is True and d.detail("diagonalisable") is False
    [item] = d.detail("eigen")
    assert (item["algebraic_multiplicity"], item["geometric_multiplicity"]) == (2, 1)
    verdict = [s for s in d.steps if s.rule == "defective"]
    assert verdict and "less than n = 2" in verdict[0].text and "defective" in str(d)
    assert verdict[0].relation == "="  # a true equation (or none), never "1 != 2" for 1 < 2


def test_complex_eigenvalues_in_a_plus_bi_form():
    d = derive("eigen", "[[1,-2],[2,1]]")
    assert_fully_verified(d)
    assert set(d.result) == {1 + 2 * sp.I, 1 - 2 * sp.I}
    for value in d.result:
        re, im = value.as_real_imag()
        assert value == re + im * sp.I


def test_symbolic_matrix_gives_a_plus_b_and_a_minus_b():
    d = derive("eigen", "[[a,b],[b,a]]")
    assert_fully_verified(d)
    a, b = sp.symbols("a b")
    assert set(d.result) == {a + b, a - b}
    assert any("b" in note and "non-zero" in note for note in d.notes)


def test_quintic_without_closed_form_is_honest_and_fast():
    d = derive("eigen", "[[0,1,0,0,0],[0,0,1,0,0],[0,0,0,1,0],[0,0,0,0,1],[1,1,0,0,0]]")
    assert_fully_verified(d)
    assert all(v.has(sp.CRootOf) for v in d.result)
    assert any("Abel-Ruffini" in note for note in d.notes)
    numeric = sorted(np.roots([1, 0, 0, 0, -1, -1]), key=lambda z: (z.real, z.imag))
    ours = sorted(_numeric(d.result), key=lambda z: (z.real, z.imag))
    assert np.allclose(numeric, ours)
    tests = [s for s in d.walk() if s.rule == "root_check" and s.relation == "!="]
    assert {s.before.point[0] for s in tests} == {1, -1}  # the rational-root candidates


def test_symbolic_cubic_is_refused():
    with pytest.raises(TooLarge):
        derive("eigen", "[[a,1,0],[0,b,1],[1,0,c]]")


def test_non_square_is_input_error():
    with pytest.raises(InputError, match="square"):
        derive("eigen", "[[1,2,3],[4,5,6]]")


@SETTINGS
@given(st.integers(2, 3).flatmap(lambda n: st.lists(ENTRY, min_size=n * n, max_size=n * n).map(lambda e: sp.Matrix(n, n, e))))
def test_random_integer_matrices(matrix):
    assert_eigen_matches_oracle(matrix, derive("eigen", literal(matrix)))


@SETTINGS
@given(st.lists(ENTRY, min_size=6, max_size=6))
def test_random_symmetric_matrices_have_real_eigenvalues(entries):
    a, b, c, d, e, f = entries
    matrix = sp.Matrix([[a, b, c], [b, d, e], [c, e, f]])
    derivation = derive("eigen", literal(matrix))
    assert_eigen_matches_oracle(matrix, derivation)
    expected = np.linalg.eigvalsh(np.array(matrix.tolist(), dtype=float))
    ours = sorted(float(sp.re(sp.N(v))) for v in derivation.result)
    assert np.allclose(expected, ours)


UNIMODULAR = [
    sp.Matrix([[1, 1, 0], [0, 1, 1], [0, 0, 1]]),
    sp.Matrix([[1, 0, 0], [2, 1, 0], [1, 1, 1]]),
    sp.Matrix([[2, 1, 0], [1, 1, 0], [0, 0, 1]]),
]


@SETTINGS
@given(st.sampled_from(UNIMODULAR), st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_p_d_p_inverse_with_integer_eigenvalues(p, values):
    matrix = p * sp.diag(*values) * p.inv()
    derivation = derive("eigen", literal(matrix))
    assert_eigen_matches_oracle(matrix, derivation)
    assert sorted(derivation.result) == sorted(values)
    assert derivation.detail("diagonalisable") is True


@SETTINGS
@given(st.sampled_from(UNIMODULAR), st.integers(-3, 3), st.integers(-3, 3))
def test_defective_jordan_blocks(p, repeated, other):
    jordan = sp.Matrix([[repeated, 1, 0], [0, repeated, 0], [0, 0, other]])
    matrix = p * jordan * p.inv()
    derivation = derive("eigen", literal(matrix))
    assert_eigen_matches_oracle(matrix, derivation)
    assert derivation.detail("defective") is True


def test_four_by_four_block_structure():
    matrix = sp.Matrix([[2, 1, 0, 0], [1, 2, 0, 0], [0, 0, 3, 1], [0, 0, 0, 3]])
    derivation = derive("eigen", literal(matrix))
    assert_eigen_matches_oracle(matrix, derivation)
    numeric = np.sort(np.linalg.eig(np.array(matrix.tolist(), dtype=float))[0].real)
    assert np.allclose(numeric, sorted(float(v) for v in derivation.result))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, min_size=4, max_size=4), st.lists(ENTRY, min_size=4, max_size=4))
def test_random_4x4_block_diagonal(top, bottom):
    matrix = sp.diag(sp.Matrix(2, 2, top), sp.Matrix(2, 2, bottom))
    assert_eigen_matches_oracle(matrix, derive("eigen", literal(matrix)))


@SETTINGS
@given(st.integers(1, 4).flatmap(lambda r: st.integers(1, 4).flatmap(
    lambda c: st.lists(st.integers(-3, 3), min_size=r * c, max_size=r * c).map(lambda e: sp.Matrix(r, c, e)))))
def test_rref_steps_match_sympy_rref(matrix):
    from symprimer.linalg.rows.rref import rref_steps

    reduction = rref_steps(sp.ImmutableMatrix(matrix))
    oracle, pivots = matrix.rref()
    assert reduction.rref == oracle and reduction.pivots == pivots
    assert reduction.step.verify()
    assert all(move.rule == "row_operation" for move in reduction.step.substeps)
