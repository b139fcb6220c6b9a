"""derive cofactors and derive inverse (adjoint method and Gauss-Jordan) against oracles."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from linalg_strategies import literal, square_matrices
from symprimer.api import derive
from symprimer.core.errors import InputError
from symprimer.render.notation import to_latex

a, b, c, x, y, z, m, l, p = sp.symbols("a b c x y z m l p")
LETTERS = "[[a,b,c],[x,y,z],[m,l,p]]"


def test_deck_letter_matrix_cofactors(fully_verified):
    d = derive("cofactors", LETTERS)
    fully_verified(d)
    cofactors = d.result
    assert sp.expand(cofactors[0, 0] - (y * p - z * l)) == 0
    assert sp.expand(cofactors[0, 1] - (-(x * p - z * m))) == 0
    oracle = sp.Matrix(3, 3, [a, b, c, x, y, z, m, l, p]).adjugate().T
    assert sp.expand(cofactors - oracle) == sp.zeros(3, 3)
    c12 = next(s for s in d.steps if s.rule == "cofactor" and s.param("i") == 1 and s.param("j") == 2)
    assert c12.after.could_extract_minus_sign()  # shown as -(xp - zm), the sign chart's minus
    assert sp.expand(d.detail("cofactors")["C_12"] - cofactors[0, 1]) == 0
    assert sp.expand(d.detail("minors")["M_12"] + cofactors[0, 1]) == 0
    # the boxed matrix in the order of the C_ij lines: y p - z l, and z m - x p for -(x p - z m)
    assert to_latex(cofactors[0, 0]) == "y p - z l" and to_latex(cofactors[0, 1]) == "z m - x p"


def test_letter_adjugate_is_shown_in_written_order(fully_verified):
    """adj A = C^T with the cofactors as their C_ij lines read; SymPy's adjugate is the oracle."""
    d = derive("inverse", LETTERS)
    fully_verified(d)
    (adjugate,) = [step for step in d.walk() if step.rule == "adjugate"]
    oracle = sp.Matrix(3, 3, [a, b, c, x, y, z, m, l, p]).adjugate()
    assert sp.expand(adjugate.after.doit() - oracle) == sp.zeros(3, 3)
    assert to_latex(adjugate.after[0, 0]) == "y p - z l" and to_latex(adjugate.after[1, 0]) == "z m - x p"


def test_letter_inverse_is_written_over_det_as_the_det_step_printed_it(fully_verified):
    """1/det A and every entry of A^-1 over det A as the determinant step printed it (no sign
    pulled out of it, no reordering), the adjugate's written entries on top; SymPy's inverse
    is the oracle."""
    d = derive("inverse", LETTERS)
    fully_verified(d)
    matrix = sp.Matrix(3, 3, [a, b, c, x, y, z, m, l, p])
    det_latex = to_latex(d.steps[0].after)
    (scaled,) = [step for step in d.walk() if step.rule == "inverse_adjoint"]
    (adjugate,) = [step for step in d.walk() if step.rule == "adjugate"]
    assert to_latex(scaled.after).startswith(rf"\frac{{1}}{{{det_latex}}} ")
    assert to_latex(scaled.after).endswith(to_latex(adjugate.after))
    assert to_latex(d.result[0, 0]) == rf"\frac{{y p - z l}}{{{det_latex}}}"
    assert to_latex(d.result[1, 0]) == rf"\frac{{z m - x p}}{{{det_latex}}}"
    assert (d.result.doit() - matrix.inv()).applyfunc(sp.cancel) == sp.zeros(3, 3)


@pytest.mark.parametrize(
    "text, entry",
    [
        ("[[a,b],[a,c]]", r"- \frac{b}{a c - a b}"),  # det A = a c - a b, as its step printed it
        ("[[1-x,2],[3,x]]", r"\frac{x - 1}{x^{2} - x + 6}"),  # det A's leading minus taken into a sum on top
        ("[[-a,-b],[c,-d]]", r"\frac{b}{a d + b c}"),
    ],
)
def test_letter_inverse_entries_read_as_written(text, entry, fully_verified):
    from symprimer.parse.matrix import parse_matrix

    d = derive("inverse", text)
    fully_verified(d)
    matrix = sp.Matrix(parse_matrix(text).value)
    assert entry in [to_latex(e) for e in d.result]
    assert (d.result.doit() - matrix.inv()).applyfunc(sp.cancel) == sp.zeros(*matrix.shape)


letter_entries = st.one_of(st.integers(-3, 3).map(sp.Integer), st.sampled_from(sp.symbols("a b c")))


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 3).flatmap(lambda n: st.lists(letter_entries, min_size=n * n, max_size=n * n).map(
    lambda entries: sp.ImmutableMatrix(n, n, entries))))
def test_random_letter_inverses_match_sympy(matrix):
    """Letters and small integers mixed: every node verified, and the written result has SymPy's
    inverse for its value (or there is none: det A is the zero polynomial)."""
    d = derive("inverse", literal(matrix))
    assert d.verified
    assert d.answer_exists == (sp.expand(matrix.det()) != 0)
    if d.answer_exists:
        assert (sp.Matrix(d.result).doit() - matrix.inv()).applyfunc(sp.cancel) == sp.zeros(*matrix.shape)


def test_cofactors_refuse_one_by_one():
    with pytest.raises(InputError, match="2x2"):
        derive("cofactors", "[[5]]")


@settings(max_examples=15, deadline=None)
@given(square_matrices(2, 4))
def test_random_cofactors_match_adjugate(matrix):
    d = derive("cofactors", literal(matrix))
    assert d.verified
    assert d.result == matrix.adjugate().T


def test_two_by_two_symbolic_inverse(fully_verified):
    d = derive("inverse", "[[a,b],[c,d]]")
    fully_verified(d)
    d_ = sp.Symbol("d")
    expected = sp.Matrix([[d_, -b], [-c, a]]) / (a * d_ - b * c)
    assert (d.result - expected).applyfunc(sp.cancel) == sp.zeros(2, 2)
    rules = [s.rule for s in d.steps]
    assert rules == ["det_2x2", "adjugate_2x2", "inverse_adjoint", "evaluate", "identity_check"]
    shortcut = d.steps[1]  # swap and negate, with the cofactors and their transpose as its working
    assert [s.rule for s in shortcut.working] == ["cofactor_matrix", "adjugate"]
    assert any("is not $0$" in note for note in d.notes)


def test_numeric_inverse_json_parts():
    d = derive("inverse", "[[1,2],[3,4]]")
    assert d.result == sp.Matrix([[-2, 1], [sp.Rational(3, 2), sp.Rational(-1, 2)]])
    assert d.answer_exists and d.detail("method") == "adjoint"


@pytest.mark.parametrize("method", ["adjoint", "gauss-jordan"])
def test_singular_matrix_has_no_inverse(method, fully_verified):
    d = derive("inverse", "[[1,2,3],[4,5,6],[7,8,9]]", method=method)
    fully_verified(d)
    assert not d.answer_exists
    assert d.steps[-1].rule == "singular" and d.steps[-1].text == r"$\det A = 0$, so $A$ has no inverse."


def test_gauss_jordan_with_a_swap(fully_verified):
    d = derive("inverse", "[[0,1,2],[1,0,3],[4,-3,8]]", method="gauss-jordan")
    fully_verified(d)
    assert d.result == sp.Matrix([[0, 1, 2], [1, 0, 3], [4, -3, 8]]).inv()
    assert "row_swap" in [s.rule for s in d.steps]


def test_inverse_refusals():
    with pytest.raises(InputError, match="adjoint"):
        derive("inverse", "[[a,1],[0,1]]", method="gauss-jordan")
    with pytest.raises(InputError, match="adjoint or gauss-jordan"):
        derive("inverse", "[[1,0],[0,1]]", method="cramer")


def _float(matrix):
    return np.array(matrix.tolist(), dtype=float)


@settings(max_examples=15, deadline=None)
@given(square_matrices(1, 4))
def test_random_adjoint_inverse_matches_oracles(matrix):
    d = derive("inverse", literal(matrix))
    assert d.verified
    if matrix.det() == 0:
        assert not d.answer_exists
    else:
        assert d.result == matrix.inv()
        assert np.allclose(_float(d.result), np.linalg.inv(_float(matrix)))


@settings(max_examples=15, deadline=None)
@given(square_matrices(1, 5))
def test_random_gauss_jordan_matches_sympy(matrix):
    d = derive("inverse", literal(matrix), method="gauss-jordan")
    assert d.verified
    assert d.answer_exists == (matrix.det() != 0)
    if d.answer_exists:
        assert d.result == matrix.inv()


def test_numeric_four_by_four_defaults_to_gauss_jordan_and_keeps_the_adjoint_on_request(fully_verified):
    matrix = sp.Matrix([[2, 1, 0, 3], [1, 3, 1, -2], [4, 1, 2, 7], [1, 0, 3, 3]])
    default = derive("inverse", literal(matrix))
    adjoint = derive("inverse", literal(matrix), method="adjoint")
    fully_verified(default)
    fully_verified(adjoint)
    assert default.detail("method") == "gauss-jordan" and adjoint.detail("method") == "adjoint"
    assert default.result == adjoint.result == matrix.inv()
    assert sum(1 for step in adjoint.walk() if step.rule == "cofactor") == 16


def test_numeric_five_by_five_defaults_to_gauss_jordan(fully_verified):
    matrix = sp.Matrix(5, 5, lambda i, j: 2 if i == j else (1 if abs(i - j) == 1 else 0))
    d = derive("inverse", literal(matrix))
    fully_verified(d)
    assert d.detail("method") == "gauss-jordan" and d.result == matrix.inv()
    assert any("Gauss-Jordan" in note for note in d.notes)


def test_past_hand_size_cofactors_and_adjoint_are_refused_with_the_way_out():
    from symprimer.core.errors import TooLarge

    six = literal(sp.Matrix(6, 6, lambda i, j: (i + 2 * j) % 7 + (i == j)))
    with pytest.raises(TooLarge, match="36 cofactors"):
        derive("cofactors", six)
    with pytest.raises(TooLarge, match="gauss-jordan"):
        derive("inverse", six, method="adjoint")
    with pytest.raises(TooLarge, match="up to 4x4"):
        derive("cofactors", literal(sp.Matrix(5, 5, sp.symbols("s0:25"))))


@pytest.mark.parametrize(
    "text",
    [
        "[[1, I], [2, 3]]",  # Gaussian rationals
        "[[1+I, 2, 0], [0, 1, I], [1, 0, 2]]",
        "[[sqrt(2), 1], [1, sqrt(2)]]",  # no canonical domain: SymPy decides the claims
        "[[sqrt(3), 1, 2], [0, 1, sqrt(3)], [1, 1, 1]]",
        "[[exp(a), 1], [1, exp(a)]]",
        "[[1/2, a], [b, 3]]",
        "[[0.5, 0.25], [1, 2]]",
    ],
)
def test_entries_beyond_the_integers_work_on_every_method(text, fully_verified):
    from symprimer.parse.matrix import parse_matrix

    matrix = sp.Matrix(parse_matrix(text).value)
    numeric = not matrix.free_symbols
    for method in (None, "elimination") if numeric else (None,):
        d = derive("det", text, method=method)
        fully_verified(d)
        assert sp.simplify(d.result - matrix.det()) == 0
    for method in (None, "gauss-jordan") if numeric else (None,):
        d = derive("inverse", text, method=method)
        fully_verified(d)
        assert sp.simplify(d.result - matrix.inv()) == sp.zeros(*matrix.shape)


@pytest.mark.parametrize(
    "text",
    ["[[sin(a), 1 - cos(a)**2], [1, sin(a)]]", "[[sqrt(2), 2], [1, sqrt(2)]]", "[[exp(a), exp(2*a)], [1, exp(a)]]"],
)
def test_a_determinant_that_vanishes_only_as_a_function_still_means_no_inverse(text):
    d = derive("inverse", text)
    assert d.verified and not d.answer_exists  # sin^2 + cos^2 - 1 is not a zero polynomial, but it is 0


def test_related_atoms_are_not_treated_as_independent_letters():
    from symprimer.board import Grid

    a = sp.Symbol("a")
    assert Grid.from_sympy(sp.ImmutableMatrix([[sp.sin(a), sp.cos(a)], [1, 2]])).domain == sp.EX
    assert Grid.from_sympy(sp.ImmutableMatrix([[a, 1], [2, sp.Symbol("b")]])).domain.is_PolynomialRing


@pytest.mark.parametrize("literal_matrix", ["[[2,1],[1,1]]", "[[1,2,0],[0,1,0],[0,0,1]]", "[[3,5],[1,2]]"])
def test_unit_determinant_inverse_is_the_adjugate_without_a_factor_of_one(literal_matrix, fully_verified):
    """det A = 1: A^-1 = adj A is said once; no "1 (matrix)" and no division step (SymPy's inv is the oracle)."""
    d = derive("inverse", literal_matrix, method="adjoint")
    fully_verified(d)
    matrix = sp.Matrix(sp.sympify(literal_matrix))
    assert matrix.det() == 1
    assert sp.Matrix(d.result) == matrix.inv()
    rules = [step.rule for step in d.steps]
    assert "evaluate" not in rules
    (final,) = [step for step in d.steps if step.rule == "inverse_adjoint"]
    assert final.param("unit_det") is True
    assert not isinstance(final.after, sp.MatMul) and sp.Matrix(final.after) == matrix.inv()
