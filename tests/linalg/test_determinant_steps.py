"""determinant_steps: the reusable |A| = value step (other derivations build on it)."""
import inspect

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings, strategies as st

from symprimer.core.errors import InputError, TooLarge
from symprimer.linalg.determinant.laplace import determinant_steps
from symprimer.core.steps import Step

lam = sp.Symbol("lamda")
a, b, c, x, y, z, m, l, p = sp.symbols("a b c x y z m l p")
LETTERS = sp.ImmutableMatrix([[a, b, c], [x, y, z], [m, l, p]])


def assert_tree_holds(step: Step) -> None:
    for node in step.walk():
        assert node.verify_self(), f"{node.rule}: {node.before} {node.relation} {node.after}"


def test_signature_is_stable():
    params = list(inspect.signature(determinant_steps).parameters)
    assert params == ["matrix", "along", "name"]


@pytest.mark.parametrize(
    "rows, rule",
    [([[7]], "det_1x1"), ([[1, 2], [3, 4]], "det_2x2"), ([[2, 1, 0], [1, 3, 1], [0, 1, 2]], "laplace_expansion")],
)
def test_rule_value_and_before(rows, rule):
    matrix = sp.ImmutableMatrix(rows)
    step, value = determinant_steps(matrix)
    assert step.rule == rule
    assert step.before == sp.Determinant(matrix)
    assert step.after == value == matrix.det(method="berkowitz")
    assert_tree_holds(step)


def test_characteristic_matrix_stays_an_expanded_polynomial():
    a_matrix = sp.ImmutableMatrix([[2, 1, 0], [1, 3, 1], [0, 1, 2]])
    step, value = determinant_steps(sp.ImmutableMatrix(lam * sp.eye(3) - a_matrix), name="lambda I - A")
    assert value == sp.expand(a_matrix.charpoly(lam).as_expr())
    assert value.is_Add and all(not term.is_Mul or not any(f.is_Add for f in term.args) for term in value.args)
    assert "lambda I - A" in step.text
    assert_tree_holds(step)


def test_letter_matrix_along_each_line_agrees():
    expected = LETTERS.det()
    for along in ("row1", "row2", "row3", "col1", "col2", "col3"):
        step, value = determinant_steps(LETTERS, along=along)
        assert sp.expand(value - expected) == 0
        assert step.param("index") == int(along[-1])
        assert_tree_holds(step)


def test_zero_entries_are_skipped_as_zero_terms():
    matrix = sp.ImmutableMatrix([[1, 0, 2], [0, 3, 0], [4, 0, 5]])
    step, value = determinant_steps(matrix)
    assert step.param("axis") in ("row", "col") and step.param("index") == 2  # the line with most zeros
    rules = [s.rule for s in step.substeps]
    assert rules.count("zero_term") == 2 and rules.count("laplace_term") == 1
    assert value == matrix.det()


def test_minors_recurse_down_to_two_by_two():
    matrix = sp.ImmutableMatrix(4, 4, lambda i, j: (i + 1) * (j + 2) % 5 + i - j)
    step, _ = determinant_steps(matrix, along="row1")
    leaves = [s for s in step.walk() if s.rule.startswith("det_")]
    assert leaves and all(s.rule == "det_2x2" for s in leaves)
    assert_tree_holds(step)


def test_too_large_is_refused_quickly():
    symbols = sp.symbols("s0:144")
    with pytest.raises(TooLarge, match="12x12"):
        determinant_steps(sp.ImmutableMatrix(12, 12, symbols))
    with pytest.raises(TooLarge):
        determinant_steps(sp.ImmutableMatrix(6, 6, lambda i, j: i + j))


def test_bad_along_and_non_square():
    with pytest.raises(InputError, match="row4"):
        determinant_steps(LETTERS, along="row4")
    with pytest.raises(InputError, match="diagonal"):
        determinant_steps(LETTERS, along="diagonal")
    with pytest.raises(InputError, match="square"):
        determinant_steps(sp.ImmutableMatrix([[1, 2, 3]]))


entries = st.one_of(st.integers(-9, 9), st.fractions(min_value=-5, max_value=5, max_denominator=6))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.lists(st.lists(entries, min_size=n, max_size=n), min_size=n, max_size=n)))
def test_random_matrices_match_sympy_and_numpy(rows):
    matrix = sp.ImmutableMatrix([[sp.Rational(e.numerator, e.denominator) if hasattr(e, "numerator") else e for e in row] for row in rows])
    step, value = determinant_steps(matrix)
    assert value == matrix.det(method="bareiss")
    assert np.isclose(float(value), np.linalg.det(np.array(matrix.tolist(), dtype=float)), atol=1e-6)
    assert_tree_holds(step)
