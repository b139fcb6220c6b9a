"""derive transpose, matmul and laws."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from linalg_strategies import integers, literal, square_matrices
from symprimer.api import derive
from symprimer.core.errors import InputError
from symprimer.render.notation import to_latex


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[[0,2],[-2,0]]", {"square": True, "symmetric": False, "antisymmetric": True, "diagonal": False, "identity": False}),
        ("[[1,0],[0,1]]", {"square": True, "symmetric": True, "antisymmetric": False, "diagonal": True, "identity": True}),
        ("[[1,2],[2,5]]", {"square": True, "symmetric": True, "antisymmetric": False, "diagonal": False}),
        ("[[a,b],[b,c]]", {"symmetric": True, "antisymmetric": False}),
        ("[[1,2,3]]", {"square": False}),
    ],
)
def test_classification(text, expected, fully_verified):
    d = derive("transpose", text)
    fully_verified(d)
    classes = d.detail("classification")
    for name, value in expected.items():
        assert classes[name] is value, name


def test_complex_entries_bring_the_conjugate_transpose(fully_verified):
    d = derive("transpose", "[[1,I],[-I,2]]")
    fully_verified(d)
    classes = d.detail("classification")
    assert classes["Hermitian"] and not classes["skew-Hermitian"] and not classes["unitary"]
    assert "conjugate_transpose" in [s.rule for s in d.steps]
    unitary = derive("transpose", "[[1/sqrt(2), I/sqrt(2)],[I/sqrt(2), 1/sqrt(2)]]")
    fully_verified(unitary)
    assert unitary.detail("classification")["unitary"]
    skew = derive("transpose", "[[I, 1],[-1, 2*I]]")
    assert skew.detail("classification")["skew-Hermitian"]


@settings(max_examples=20, deadline=None)
@given(square_matrices(1, 4))
def test_split_is_symmetric_plus_antisymmetric(matrix):
    d = derive("transpose", literal(matrix))
    assert d.verified
    assert d.result == matrix.T
    s, k = d.detail("symmetric_part"), d.detail("antisymmetric_part")
    assert s == s.T and k == -k.T and s + k == matrix


def test_non_square_has_no_split_and_says_why(fully_verified):
    d = derive("transpose", "[[1,2,3],[4,5,6]]")
    fully_verified(d)
    assert d.result.shape == (3, 2)
    assert d.detail("symmetric_part") is None
    assert any("Only a square matrix" in note for note in d.notes)


def test_letter_product_entry_by_entry(fully_verified):
    d = derive("matmul", "[[a,b,c],[x,y,z]]", "[[d,m],[l,p],[1,2]]")
    fully_verified(d)
    a, b, c, x, y, z, d_, m, l, p = sp.symbols("a b c x y z d m l p")
    assert d.result.doit() == sp.Matrix([[a, b, c], [x, y, z]]) * sp.Matrix([[d_, m], [l, p], [1, 2]])
    assert to_latex(d.result[1, 0]) == "x d + y l + z"  # boxed in the order of the row times the column
    entries = d.steps[0].substeps
    assert len(entries) == 4 and all(s.rule == "row_times_column" for s in entries)
    assert entries[0].before.is_Add and len(entries[0].before.args) == 3  # the row-times-column sum shown


def test_shape_mismatch_names_both_shapes():
    with pytest.raises(InputError, match=r"A is 2x3 and B is 2x2.*columns in A \(3\) as rows in B \(2\)"):
        derive("matmul", "[[1,2,3],[4,5,6]]", "[[1,2],[3,4]]")


shapes = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4))


@settings(max_examples=20, deadline=None)
@given(shapes.flatmap(lambda s: st.tuples(
    st.lists(integers, min_size=s[0] * s[1], max_size=s[0] * s[1]).map(lambda e: sp.Matrix(s[0], s[1], e)),
    st.lists(integers, min_size=s[1] * s[2], max_size=s[1] * s[2]).map(lambda e: sp.Matrix(s[1], s[2], e)),
)))
def test_random_products_match_numpy(pair):
    left, right = pair
    d = derive("matmul", literal(left), literal(right))
    assert d.verified
    assert np.array_equal(np.array(d.result.tolist(), dtype=np.int64), np.array(left.tolist(), dtype=np.int64) @ np.array(right.tolist(), dtype=np.int64))


def test_laws_on_the_issue_example(fully_verified):
    d = derive("laws", "[[1,2],[3,4]]", "[[0,1],[1,1]]")
    fully_verified(d)
    checked = d.detail("checked")
    for law in ("(A^T)^T = A", "(AB)^T = B^T A^T", "(A + B)^T = A^T + B^T", "(AB)C = A(BC)", "A(B + C) = AB + AC",
                "AI = A", "IA = A", "(AB)^-1 = B^-1 A^-1", "(A^-1)^T = (A^T)^-1", "AB != BA"):
        assert law in checked
    counter = next(s for s in d.steps if s.rule == "counterexample")
    assert counter.relation == "!="
    first = d.steps[0]  # C = A is said before C is used, not in a note after it
    assert first.relation == ":=" and str(first.before) == "C" and first.after == d.given[0][1]
    assert not any("C = A" in note for note in d.notes)


def test_commuting_matrices_are_not_a_counterexample(fully_verified):
    d = derive("laws", "[[2,0],[0,3]]", "[[5,0],[0,7]]")
    fully_verified(d)
    assert "counterexample" not in [s.rule for s in d.walk()]
    assert "AB = BA" in d.detail("checked")


def test_laws_that_do_not_fit_are_named_and_skipped(fully_verified):
    d = derive("laws", "[[1,2,3],[4,5,6]]", "[[1,0],[0,1],[1,1]]")
    fully_verified(d)
    skipped = " ".join(d.detail("skipped"))
    assert "(A + B)^T = A^T + B^T" in skipped and "not square" in skipped and "AB vs BA" in skipped
    assert "(AB)^T = B^T A^T" in d.detail("checked")


def test_singular_factor_skips_the_inverse_laws(fully_verified):
    d = derive("laws", "[[1,2],[2,4]]", "[[1,1],[0,1]]", "[[0,1],[1,0]]")
    fully_verified(d)
    assert any("det A = 0" in entry for entry in d.detail("skipped"))
    assert "(AB)C = A(BC)" in d.detail("checked")
