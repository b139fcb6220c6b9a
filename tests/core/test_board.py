"""Board forms: exact values agree with SymPy's own evaluation, shown forms read as written,
and a wrong claim between boards is rejected (each check can fail)."""
from __future__ import annotations

import pickle

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.board import (
    Det,
    Difference,
    Grid,
    Inverse,
    MatrixProduct,
    Negated,
    Number,
    Product,
    Scaled,
    SignPower,
    Total,
    Transposed,
    WrittenGrid,
    field_of,
    identity,
    product_equals,
    times,
)
from symprimer.linalg.rows.operations import Replace, Scale, ReplacedRow, WrittenRows
from symprimer.core.steps import Step

small = st.integers(-9, 9)


def integer_matrices(n: int):
    return st.lists(st.lists(small, min_size=n, max_size=n), min_size=n, max_size=n).map(sp.ImmutableMatrix)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5).flatmap(integer_matrices))
def test_det_values_match_sympy_and_show_the_determinant(matrix):
    grid = Grid.from_sympy(matrix)
    board = Det(grid)
    assert grid.domain.to_sympy(board.value) == matrix.det(method="berkowitz")
    assert board.shown == sp.Determinant(matrix)


def test_letter_matrices_live_in_a_polynomial_ring_and_read_back():
    a, b, c, d = sp.symbols("a b c d")
    matrix = sp.ImmutableMatrix([[a, b], [c, 2]])
    grid = Grid.from_sympy(matrix)
    assert grid.domain.is_PolynomialRing and grid.free_symbols == {a, b, c}
    assert grid.shown == matrix
    assert sp.expand(grid.domain.to_sympy(Det(grid).value) - matrix.det()) == 0


def test_entries_outside_the_rationals_still_convert():
    matrix = sp.ImmutableMatrix([[sp.I, 1], [2, sp.sqrt(2)]])
    grid = Grid.from_sympy(matrix)
    assert grid.shown == matrix
    assert sp.simplify(grid.domain.to_sympy(Det(grid).value) - matrix.det()) == 0


def test_written_forms_show_unevaluated_and_value_exactly():
    K = sp.ZZ
    written = Total(K, (Product(K, (SignPower(K, 1, 2), Number(K, 3), Number(K, 4))), Difference(K, Number(K, 5), Number(K, 7))))
    assert written.value == -3 * 4 + (5 - 7)
    assert sp.srepr(written.shown).count("Mul") >= 2  # products kept as written
    assert Negated(K, Difference(K, Number(K, 2), Number(K, 3))).value == 1


def test_a_wrong_determinant_step_is_rejected():
    grid = Grid.from_sympy(sp.ImmutableMatrix([[2, 1, 0], [1, 3, 1], [0, 1, 2]]))
    assert Step("evaluate", "right", Det(grid), Number(sp.ZZ, 8)).verify()
    assert not Step("evaluate", "wrong", Det(grid), Number(sp.ZZ, 9)).verify()


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 4).flatmap(integer_matrices))
def test_inverse_claims_hold_for_the_inverse_and_fail_for_anything_else(matrix):
    if matrix.det() == 0:
        return
    grid = Grid.from_sympy(matrix)
    field = field_of(grid.domain)
    inverse = Grid.from_sympy(matrix.inv(), field)
    assert Inverse(grid).equals(inverse)
    wrong_rows = [list(row) for row in inverse.rows]
    wrong_rows[0][0] = wrong_rows[0][0] + field.one
    assert not Inverse(grid).equals(Grid(field, tuple(tuple(row) for row in wrong_rows)))
    check = MatrixProduct(field, (grid.over(field), inverse))
    assert check.equals(identity(field, grid.size))
    assert not check.equals(Grid(field, tuple(tuple(row) for row in wrong_rows)))


def test_symbolic_inverse_is_checked_without_cancelling_and_rejects_a_wrong_entry():
    a, b, c, d = sp.symbols("a b c d")
    grid = Grid.from_sympy(sp.ImmutableMatrix([[a, b], [c, d]]))
    ring, field = grid.domain, field_of(grid.domain)
    det = Det(grid).value
    (ea, eb), (ec, ed) = grid.rows
    lift = field.convert_from
    adjugate = Grid(field, ((lift(ed, ring), lift(-eb, ring)), (lift(-ec, ring), lift(ea, ring))))
    scaled = Scaled(field, Number(field, field.one / field.convert_from(det, ring)), adjugate)
    assert Inverse(grid).equals(scaled)
    inverse = Grid(field, scaled.value)
    assert MatrixProduct(field, (grid.over(field), inverse)).equals(identity(field, 2))
    wrong = Grid(field, ((inverse.rows[0][1], inverse.rows[0][0]), inverse.rows[1]))
    assert not Inverse(grid).equals(wrong)
    assert not MatrixProduct(field, (grid.over(field), wrong)).equals(identity(field, 2))
    assert field.to_sympy(inverse.rows[0][0]) == d / (a * d - b * c)


def test_unreduced_fractions_compare_by_value():
    x = sp.Symbol("x")
    grid = Grid.from_sympy(sp.ImmutableMatrix([[x]]))
    field = field_of(grid.domain)
    half = field.one / field.convert_from(2 * grid.rows[0][0], grid.domain)
    twice = times(field, field.convert_from(2 * grid.rows[0][0], grid.domain), half)
    assert Number(field, twice).equals(Number(field, field.one))
    assert not Number(field, twice).equals(Number(field, -field.one))


def test_product_equals_rejects_shape_mismatches():
    rows = ((sp.QQ(1), sp.QQ(0)), (sp.QQ(0), sp.QQ(1)))
    assert product_equals(sp.QQ, rows, rows, rows)
    assert not product_equals(sp.QQ, rows, rows, rows[:1])


def test_transposed_and_scaled_value_as_their_sympy_forms():
    matrix = sp.ImmutableMatrix([[1, 2, 3], [4, 5, 6]])
    grid = Grid.from_sympy(matrix)
    assert Grid(grid.domain, Transposed(grid).value).shown == matrix.T
    assert Transposed(grid).shown == sp.Transpose(matrix)
    field = field_of(grid.domain)
    half = Scaled(field, Number(field, sp.QQ(1, 2)), grid.over(field))
    assert Grid(field, half.value).shown == matrix / 2


def test_a_row_written_with_the_wrong_sign_does_not_verify():
    grid = Grid.from_sympy(sp.ImmutableMatrix([[1, 2], [3, 4]])).over(sp.QQ)
    operation = Replace(1, 0, sp.QQ(3))
    after = Grid(sp.QQ, (grid.rows[0], operation.applied_row(grid.rows)))
    right = WrittenRows(grid, ((1, operation.written_row(grid)),))
    flipped_form = ReplacedRow(sp.QQ, grid.rows[1], grid.rows[0], sp.QQ(3), adds=True)
    wrong = WrittenRows(grid, ((1, flipped_form),))
    assert Step("row_replace", "right", right, after).verify()
    assert not Step("row_replace", "flipped", wrong, after).verify()
    assert right.shown[1, 0] == sp.Add(3, sp.Mul(-1, sp.Mul(3, 1, evaluate=False), evaluate=False), evaluate=False)
    scaled = Scale(0, sp.QQ(1, 2))
    assert Step("row_scale", "halve", scaled.written(grid), scaled.apply(grid)).verify()
    assert not Step("row_scale", "not halved", scaled.written(grid), grid).verify()


def test_boards_cross_a_pickle_as_their_sympy_forms():
    grid = Grid.from_sympy(sp.ImmutableMatrix([[sp.Symbol("a"), 1], [2, 3]]))
    step = Step("det_2x2", "two by two", Det(grid), Number(grid.domain, Det(grid).value))
    assert step.verify()
    again = pickle.loads(pickle.dumps(step))
    assert again.before == sp.Determinant(grid.shown) and again.after == 3 * sp.Symbol("a") - 2
    assert again.verify()


@pytest.mark.parametrize("relation, holds", [("=", False), ("!=", True)])
def test_counter_examples_between_boards(relation, holds):
    K = sp.ZZ
    assert Step("counterexample", "differ", Number(K, 1), Number(K, 2), relation=relation).verify() is holds


def test_a_step_replaced_keeps_its_board_sides_and_still_verifies():
    grid = Grid.from_sympy(sp.ImmutableMatrix([[2, 1], [5, 3]]))
    step = Step("det_2x2", "two by two", Det(grid), Number(grid.domain, 0))
    assert not step.verify()
    fixed = step.replaced(after=Number(grid.domain, 1))
    assert fixed.left is step.left and fixed.rule == step.rule and fixed.verify()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(small.map(lambda k: ("number", k)), st.tuples(st.just("sign"), st.integers(1, 4), st.integers(1, 4))), min_size=1, max_size=5))
def test_a_product_with_sign_powers_values_as_sympy_multiplies_it(factors):
    """Sign powers negate instead of multiplying: the value is SymPy's evaluated product."""
    K = sp.ZZ
    board = Product(K, tuple(Number(K, f[1]) if f[0] == "number" else SignPower(K, f[1], f[2]) for f in factors))
    assert K.to_sympy(board.value) == board.shown.doit()


def test_a_written_grid_transposes_entry_by_entry():
    K = sp.ZZ
    written = WrittenGrid(K, ((Difference(K, Number(K, 5), Number(K, 2)), Number(K, 4)), (Number(K, -1), Negated(K, Number(K, 3)))))
    assert written.size == 2 and written.entry(0, 1) == Number(K, 4)
    assert Transposed(written).value == written.transposed().value == ((3, -1), (4, -3))
    assert Transposed(written).shown.doit() == sp.ImmutableMatrix(written.shown.doit()).T
    assert not Transposed(written).equals(written)


def test_a_ring_matrix_is_scaled_in_its_field():
    a = sp.Symbol("a")
    grid = Grid.from_sympy(sp.ImmutableMatrix([[a, 1], [2, a]]))
    field = field_of(grid.domain)
    third = Scaled(field, Number(field, field.one / field.convert_from(grid.domain(3), grid.domain)), grid)
    assert sp.simplify(Grid(field, third.value).shown - grid.shown / 3) == sp.zeros(2, 2)


def test_surd_matrices_are_recognised_before_sympy_searches_a_domain():
    r2 = sp.sqrt(2)
    matrix = sp.ImmutableMatrix([[r2, 1], [1 + sp.sqrt(3), sp.Rational(1, 2)]])
    grid = Grid.from_sympy(matrix)
    assert repr(grid.domain) == "QQ<surds>"
    assert grid.domain.to_sympy(Det(grid).value) == sp.expand(matrix.det())
    assert Grid.from_sympy(sp.ImmutableMatrix([[sp.pi, 1], [0, 1]])).domain == sp.EX  # no surd: SymPy decides


@pytest.mark.parametrize("zeros", [(), ((1, 3),), ((0, 3), (2, 3), (3, 3))])
def test_a_four_by_four_of_letters_is_valued_as_sympy_expands_it(zeros):
    """A 4x4 is valued along its last column (zero entries skipped), not by Bareiss."""
    matrix = sp.Matrix(4, 4, sp.symbols("a0:16"))
    for i, j in zeros:
        matrix[i, j] = 0
    grid = Grid.from_sympy(sp.ImmutableMatrix(matrix))
    assert sp.expand(grid.domain.to_sympy(Det(grid).value) - matrix.det(method="berkowitz")) == 0
