"""derive diagonalise: A = P D P^-1 checked against SymPy's diagonalize and exact products."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.core.errors import InputError

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def literal(matrix: sp.Matrix) -> str:
    return str(matrix.tolist()).replace(" ", "")


def zero_matrix(m: sp.Matrix) -> bool:
    return all(sp.simplify(sp.radsimp(x)) == 0 for x in m)


@pytest.mark.parametrize("text", ["[[4,1],[2,3]]", "[[1,2],[3,4]]", "[[0,-1],[1,0]]", "[[2,0,0],[1,3,0],[0,1,4]]", "[[a,b],[b,a]]"])
def test_general_route(text):
    d = derive("diagonalise", text)
    assert_fully_verified(d)
    a = sp.Matrix(d.given[0][1])
    p, diag, p_inv = (sp.Matrix(d.detail(key)) for key in ("P", "D", "P_inverse"))
    assert d.result.args == (d.detail("P"), d.detail("D"), d.detail("P_inverse"))
    assert diag.is_diagonal()
    assert zero_matrix(p * p_inv - sp.eye(a.rows))
    assert zero_matrix(p * diag * p_inv - a)
    if not a.free_symbols:
        oracle = np.linalg.eigvals(np.array(a.evalf().tolist(), dtype=complex))
        ours = [complex(sp.N(x)) for x in diag.diagonal()]
        key = lambda z: (round(z.real, 9), round(z.imag, 9))
        assert np.allclose(sorted(oracle, key=key), sorted(ours, key=key))


def test_deck_example_4_1_2_3():
    d = derive("diagonalise", "[[4,1],[2,3]]")
    assert_fully_verified(d)
    p, diag, p_inv = (d.detail(key) for key in ("P", "D", "P_inverse"))
    assert sorted(diag.diagonal()) == [2, 5]
    assert p * diag * p_inv == sp.Matrix([[4, 1], [2, 3]])
    assert any(s.rule == "diagonalisation_check" for s in d.steps)


def test_symmetric_gets_orthonormal_q():
    d = derive("diagonalise", "[[2,1,1],[1,2,1],[1,1,2]]")
    assert_fully_verified(d)
    q, diag = (sp.Matrix(d.detail(key)) for key in ("Q", "D"))
    assert zero_matrix(q.T * q - sp.eye(3))
    assert zero_matrix(q * diag * q.T - sp.Matrix([[2, 1, 1], [1, 2, 1], [1, 1, 2]]))
    assert any(s.rule == "gram_schmidt" for s in d.walk())  # eigenvalue 1 is repeated
    assert np.allclose(sorted(float(x) for x in diag.diagonal()), np.linalg.eigvalsh(np.array([[2, 1, 1], [1, 2, 1], [1, 1, 2]], float)))


def test_hermitian_gets_unitary_q():
    d = derive("diagonalise", "[[2,I],[-I,2]]")
    assert_fully_verified(d)
    q, diag = (sp.Matrix(d.detail(key)) for key in ("Q", "D"))
    assert zero_matrix(q.H * q - sp.eye(2))
    assert zero_matrix(q * diag * q.H - sp.Matrix([[2, sp.I], [-sp.I, 2]]))


def test_defective_is_not_diagonalised():
    d = derive("diagonalise", "[[1,1],[0,1]]")
    assert_fully_verified(d)
    assert not d.answer_exists and d.detail("diagonalisable") is False
    assert not any(s.rule == "diagonalisation_check" for s in d.walk())


def test_no_closed_form_and_non_square():
    refused = derive("diagonalise", "[[1,2,3],[4,5,6],[7,8,10]]")
    assert not refused.answer_exists and refused.detail("closed_form") is False
    assert_fully_verified(refused)
    assert "no closed form" in refused.result_label
    assert len(refused.result) == 3 and all(value.has(sp.CRootOf) for value in refused.result)
    with pytest.raises(InputError):
        derive("diagonalize", "[[1,2]]")


UNIMODULAR = [sp.Matrix([[1, 1, 0], [0, 1, 1], [0, 0, 1]]), sp.Matrix([[2, 1, 0], [1, 1, 0], [0, 0, 1]]), sp.Matrix([[1, 0, 0], [-1, 1, 0], [2, 1, 1]])]


@SETTINGS
@given(st.sampled_from(UNIMODULAR), st.lists(st.integers(-3, 3), min_size=3, max_size=3))
def test_p_d_p_inverse_round_trip(p, values):
    a = p * sp.diag(*values) * p.inv()
    d = derive("diagonalise", literal(a))
    assert_fully_verified(d)
    pp, dd, pinv = (sp.Matrix(d.detail(key)) for key in ("P", "D", "P_inverse"))
    assert pp * dd * pinv == a
    assert sorted(dd.diagonal()) == sorted(values)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(-3, 3), min_size=6, max_size=6))
def test_random_symmetric_orthogonal_q(entries):
    a, b, c, d_, e, f = entries
    m = sp.Matrix([[a, b, c], [b, d_, e], [c, e, f]])
    d = derive("diagonalise", literal(m))
    if d.detail("closed_form") is False:  # irreducible cubic: no closed form, refused honestly
        assert not d.answer_exists
        factors = sp.factor_list(m.charpoly().as_expr())[1]
        assert any(sp.degree(f) >= 3 for f, _ in factors)
        return
    assert_fully_verified(d)
    q, diag = (sp.Matrix(d.detail(key)) for key in ("Q", "D"))
    assert zero_matrix(q.T * q - sp.eye(3))
