"""The board route of eigen and SVD work: exact surds, exact row reduction, claims that fail when
tampered with, and the same worked solution as the SymPy route.

Oracles: SymPy arithmetic on the shown forms (sqrt, expand, N), Matrix.rref, Matrix.det, and the
same derivation with its spectrum worked by SymPy's polynomials (the ``GENERAL`` kind, so its
eigenspaces are reduced over exact expressions) and the SVD worked in expressions throughout.
"""
import random

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symprimer.linalg.spectral.eigen as eigen_module
import symprimer.linalg.spectral.svd as svd_module
from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.board import Grid, Number
from symprimer.linalg.spectral.boards import CharacteristicDet, LAMBDA, PolynomialBoard, Polynomial
from symprimer.board.surds import ZERO, Surd, square_root, to_sympy
from symprimer.linalg.rows.rref import rref_grid_steps
from symprimer.linalg.spectral.numbers import EXPRESSION
from symprimer.linalg.spectral.values import GENERAL
from symprimer.render.formats import render
from symprimer.core.steps import Step

RADICANDS = [1, 2, 3, 5, 6, -1, -2, -3, 10, 15]
QQ = sp.QQ


def random_surd(rng: random.Random) -> Surd:
    value = ZERO
    for _ in range(rng.randint(1, 3)):
        value = value + square_root(rng.choice(RADICANDS)) * QQ(rng.randint(-6, 6), rng.randint(1, 5))
    return value


def test_surd_arithmetic_agrees_with_sympy():
    rng = random.Random(2026)
    for _ in range(300):
        a, b = random_surd(rng), random_surd(rng)
        x, y = to_sympy(a), to_sympy(b)
        assert sp.expand(to_sympy(a + b) - (x + y)) == 0
        assert sp.expand(to_sympy(a * b) - x * y) == 0
        assert sp.expand(to_sympy(a.conjugate()) - sp.conjugate(x)) == 0
        if b:
            quotient = a / b
            assert quotient * b == a
            assert abs(sp.N(to_sympy(quotient) - x / y, 50)) < sp.Float("1e-40", 50)


@pytest.mark.parametrize("n", [2, 8, 12, 18, 50, 72, 1000, 4 * 99991, 2 * 3 * 5 * 7 * 11 * 13 * 9, -8, -1])
def test_square_roots_are_sympys(n):
    assert to_sympy(square_root(n)) == sp.sqrt(n)
    assert to_sympy(square_root(QQ(n, 45))) == sp.sqrt(sp.Rational(n, 45))


def test_surd_equality_is_exact():
    assert square_root(8) == square_root(2) * 2
    assert square_root(2) * square_root(3) == square_root(6)
    assert square_root(-1) * square_root(-1) == Surd.of(-1)
    assert square_root(2) != square_root(3) and square_root(2) + square_root(3) != square_root(5)
    assert (square_root(2) + 1) * (square_root(2) - 1) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 4).flatmap(lambda r: st.integers(1, 4).flatmap(
    lambda c: st.lists(st.fractions(-3, 3, max_denominator=3), min_size=r * c, max_size=r * c).map(lambda e: sp.Matrix(r, c, e)))))
def test_grid_rref_matches_sympy_and_every_move_checks(matrix):
    grid = Grid.from_sympy(sp.ImmutableMatrix(matrix)).over(QQ)
    reduction = rref_grid_steps(grid)
    oracle, pivots = matrix.rref()
    assert reduction.rref.shown == oracle and reduction.pivots == pivots
    assert reduction.step.verify()


def test_a_wrong_elementary_matrix_is_rejected():
    grid = Grid.from_sympy(sp.ImmutableMatrix([[2, 4], [1, 3]])).over(QQ)
    move = rref_grid_steps(grid).step.substeps[0]
    elementary, current = move.left.factors
    rows = [list(r) for r in elementary.rows]
    rows[0][0] = rows[0][0] + 1
    wrong = Step(move.rule, move.text, type(move.left)(QQ, (Grid(QQ, tuple(map(tuple, rows))), current)), move.right)
    assert move.holds and not wrong.holds


def test_characteristic_det_is_the_determinant():
    a = sp.ImmutableMatrix([[2, 1, 0, 3], [1, -2, 0, 0], [4, 0, 3, 1], [0, 5, 1, 3]])
    ring = QQ[LAMBDA]
    lam = ring.gens[0]
    numeric = Grid.from_sympy(a)
    char = Grid(ring, tuple(tuple((lam - ring.convert(e)) if i == j else -ring.convert(e) for j, e in enumerate(row)) for i, row in enumerate(numeric.rows)))
    expected = (sp.Symbol("lamda") * sp.eye(4) - a).det(method="bareiss")
    assert sp.expand(ring.to_sympy(CharacteristicDet(char, numeric).value) - expected) == 0


def _tampered(board):
    """The same board with one entry (or the value) off by one, or None for kinds not perturbed."""
    if isinstance(board, Grid):
        rows = [list(r) for r in board.rows]
        rows[0][0] = rows[0][0] + 1
        return Grid(board.domain, tuple(map(tuple, rows)))
    if isinstance(board, Number):
        return Number(board.domain, board.element + 1)
    if isinstance(board, PolynomialBoard):
        ring = QQ[LAMBDA]
        coefficients = [Surd.of(c).rational_part() for c in board.value]
        return Polynomial(ring, ring.ring.from_list(coefficients) + 1)
    return None


@pytest.mark.parametrize(
    "kind, text",
    [("eigen", "[[1,2],[3,4]]"), ("eigen", "[[2,1,0,0],[1,2,0,0],[0,0,3,1],[0,0,1,3]]"), ("eigen", "[[1,-2],[2,1]]"),
     ("eigen", "[[1,2,3],[4,5,6],[7,8,10]]"), ("svd", "[[3,2,2],[2,3,-2]]"), ("svd", "[[1,2],[2,4],[3,6]]"),
     ("diagonalise", "[[1,2],[3,4]]"), ("diagonalise", "[[2,1,1],[1,2,1],[1,1,2]]")],
)
def test_every_tampered_claim_is_rejected(kind, text):
    derivation = derive(kind, text)
    assert_fully_verified(derivation)
    tampered = 0
    for step in derivation.walk():
        if step.relation != "=" or step.right is None:
            continue
        wrong = _tampered(step.right)
        if wrong is None:
            continue
        assert not Step(step.rule, step.text, step.left, wrong, step.relation).holds, (step.rule, step.text)
        tampered += 1
    assert tampered >= 8


def _rendered(kind, text):
    derivation = derive(kind, text)
    assert_fully_verified(derivation)
    return [render(derivation, fmt) for fmt in ("latex", "text")], derivation


@pytest.mark.parametrize(
    "kind, text",
    [("eigen", "[[1,2],[3,4]]"), ("eigen", "[[0,-1],[1,0]]"), ("eigen", "[[1,1],[-1,0]]"), ("eigen", "[[1/2,1/3],[1/4,1/5]]"),
     ("eigen", "[[2,0,0],[1,2,0],[0,0,3]]"), ("eigen", "[[0,1,0,0,0],[0,0,1,0,0],[0,0,0,1,0],[0,0,0,0,1],[1,1,0,0,0]]"),
     ("eigen", "[[3]]"), ("eigen", "[[0,0],[0,0]]"), ("svd", "[[4,0],[3,-5]]"), ("svd", "[[1,1],[1,1],[0,0]]"),
     ("svd", "[[2,1,0,0],[1,2,0,0],[0,0,3,1],[0,0,1,3]]"), ("svd", "[[1,2,2]]"), ("diagonalise", "[[4,1],[2,3]]"),
     ("diagonalise", "[[1,2],[3,4]]"), ("diagonalise", "[[2,1,1],[1,2,1],[1,1,2]]"), ("diagonalise", "[[1,1],[-1,0]]")],
)
def test_board_route_writes_what_the_sympy_route_writes(kind, text, monkeypatch):
    board, derivation = _rendered(kind, text)
    monkeypatch.setattr(eigen_module, "SPECTRAL_KINDS", {sp.ZZ: GENERAL, sp.QQ: GENERAL})
    monkeypatch.setattr(svd_module, "entry_numbers", lambda matrix: EXPRESSION)
    plain, reference = _rendered(kind, text)
    assert board == plain
    assert derivation.result == reference.result
