"""derive det: Laplace by minors (any row/column, zeros skipped) and row elimination."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings

from linalg_strategies import literal, square_matrices
from symprimer.api import derive
from symprimer.core.errors import InputError, TooLarge


def test_three_by_three_default_line_and_value(fully_verified):
    d = derive("det", "[[2,1,0],[1,3,1],[0,1,2]]")
    fully_verified(d)
    assert d.result == 8
    top = d.steps[0]
    assert top.rule == "laplace_expansion" and top.param("index") == 1 and top.param("axis") == "row"
    assert [s.rule for s in top.substeps].count("zero_term") == 1


def test_along_a_column_of_the_letter_matrix(fully_verified):
    d = derive("det", "[[a,b,c],[x,y,z],[m,l,p]]", along="col2")
    fully_verified(d)
    letters = sp.Matrix(3, 3, sp.symbols("a b c x y z m l p"))
    assert sp.expand(d.result - letters.det()) == 0
    assert d.steps[0].param("axis") == "col" and d.steps[0].param("index") == 2


def test_zero_terms_are_shown_skipped():
    d = derive("det", "[[1,0,2,0],[0,3,0,1],[4,0,5,0],[0,1,0,2]]", along="row1")
    skipped = [s for s in d.steps[0].substeps if s.rule == "zero_term"]
    assert len(skipped) == 2 and all(s.after == 0 and "skipped" in s.text for s in skipped)
    assert d.result == sp.Matrix([[1, 0, 2, 0], [0, 3, 0, 1], [4, 0, 5, 0], [0, 1, 0, 2]]).det()


def test_decimal_notes_and_source_are_kept():
    d = derive("det", "[[0.5,1],[2,3]]")
    assert d.result == sp.Rational(-1, 2)
    assert any("0.5" in note and "1/2" in note for note in d.notes)
    assert d.source == ("[[0.5,1],[2,3]]",)


@pytest.mark.parametrize(
    "rows",
    [[[0, 2, 4], [1, 3, 1], [2, 1, 2]], [[1, 2], [2, 4]], [[0, 0, 1], [0, 1, 0], [1, 0, 0]], [[6, 4, 2], [1, 1, 1], [2, 3, 9]]],
)
def test_elimination_tracks_swaps_and_scalings(rows, fully_verified):
    d = derive("det", literal(sp.Matrix(rows)), method="elimination")
    fully_verified(d)
    assert d.result == sp.Matrix(rows).det()
    assert d.detail("method") == "elimination"


def test_elimination_records_a_swap_and_a_scaling():
    d = derive("det", "[[0,2,4],[1,3,1],[2,1,2]]", method="elimination")
    rules = [s.rule for s in d.steps]
    assert "row_swap" in rules and "row_scale" in rules and rules[-2] == "triangular_det"


def test_past_hand_size_numeric_falls_back_to_elimination_with_a_note(fully_verified):
    matrix = sp.Matrix(6, 6, lambda i, j: (i * 7 + j * 3) % 5 + (i == j) * 4)
    d = derive("det", literal(matrix))
    fully_verified(d)
    assert d.result == matrix.det()
    assert d.detail("method") == "elimination"
    assert any("elimination" in note for note in d.notes)


def test_refusals():
    with pytest.raises(TooLarge, match="up to 4x4"):
        derive("det", literal(sp.Matrix(5, 5, sp.symbols("s0:25"))))
    with pytest.raises(TooLarge, match="elimination"):
        derive("det", literal(sp.Matrix(6, 6, lambda i, j: i + j)), method="laplace")
    with pytest.raises(InputError, match="laplace"):
        derive("det", "[[a,b],[c,d]]", method="elimination")
    with pytest.raises(InputError, match="does not apply"):
        derive("det", "[[1,2],[3,4]]", method="elimination", along="row1")
    with pytest.raises(InputError, match="square"):
        derive("det", "[[1,2,3],[4,5,6]]")


@settings(max_examples=20, deadline=None)
@given(square_matrices(1, 5))
def test_random_laplace_matches_sympy_and_numpy(matrix):
    d = derive("det", literal(matrix))
    assert d.verified
    assert d.result == matrix.det(method="berkowitz")
    assert np.isclose(float(d.result), np.linalg.det(np.array(matrix.tolist(), dtype=float)), atol=1e-6)


@settings(max_examples=20, deadline=None)
@given(square_matrices(1, 5))
def test_random_elimination_matches_sympy(matrix):
    d = derive("det", literal(matrix), method="elimination")
    assert d.verified
    assert d.result == matrix.det(method="bareiss")
