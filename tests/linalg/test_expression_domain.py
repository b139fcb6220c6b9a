"""The exact expression domain (``symprimer.board.expressions``): field arithmetic that agrees
with SymPy's, a zero test that proves (symbols, radicals, nested radicals), and the tower
QQ -> SURDS -> EXPRESSIONS with square roots that land in the right domain.

Oracles: SymPy's own arithmetic and ``simplify``/``minimal_polynomial`` on the SymPy forms,
and 50-digit evaluation at random points.
"""
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.board import Grid
from symprimer.board.expressions import (
    EXPRESSIONS,
    Expression,
    is_zero,
    join,
    lift,
    rationalised,
    square_root,
)
from symprimer.board.surds import QQ, SURDS, Surd

a, b = sp.symbols("a b")
ATOMS = [sp.Integer(1), sp.Integer(-2), sp.Rational(1, 3), sp.sqrt(2), sp.sqrt(3), sp.I, a, b, a + 1]


def expressions():
    atom = st.sampled_from(ATOMS)
    return st.builds(lambda x, y, z, k: rationalised(x * y + z * k), atom, atom, atom, st.integers(-3, 3))


def close(x: sp.Expr, y: sp.Expr) -> bool:
    point = {a: sp.Rational(7, 5), b: sp.Rational(-3, 11)}
    return abs(sp.N((x - y).subs(point), 50)) < 1e-40


@settings(max_examples=60, deadline=None)
@given(expressions(), expressions())
def test_arithmetic_agrees_with_sympy(x, y):
    ex, ey = Expression.of(x), Expression.of(y)
    assert close((ex + ey).expr, x + y)
    assert close((ex - ey).expr, x - y)
    assert close((ex * ey).expr, x * y)
    assert close((-ex).expr, -x)
    assert close(ex.conjugate().expr, sp.conjugate(x))
    if sp.simplify(y) != 0:
        assert close((ex / ey).expr, x / y)
        assert (ex / ey) * ey == ex


@settings(max_examples=60, deadline=None)
@given(expressions(), expressions())
def test_equality_is_the_exact_zero_test(x, y):
    ex, ey = Expression.of(x), Expression.of(y)
    oracle = sp.simplify(x - y) == 0
    assert (ex == ey) == oracle
    assert bool(ex - ey) == (not oracle)


def test_zeros_that_do_not_look_zero_are_zero():
    hidden = [
        sp.sqrt(2) * sp.sqrt(8) - 4,
        1 / (1 + sp.sqrt(2)) - sp.sqrt(2) + 1,
        sp.sqrt(3 + 2 * sp.sqrt(2)) - 1 - sp.sqrt(2),
        (a**2 - b**2) / (a - b) - a - b,
        sp.sin(a) ** 2 + sp.cos(a) ** 2 - 1,
    ]
    for value in hidden:
        assert is_zero(value), value
        assert not Expression.of(value)
        assert Expression.of(value) == EXPRESSIONS.zero


def test_tiny_numbers_are_not_zero():
    tiny = sp.sqrt(2) - sp.Rational(665857, 470832)  # about 1.6e-12: decimals alone would need care
    assert not is_zero(tiny)
    assert Expression.of(tiny)
    assert sp.minimal_polynomial(tiny, sp.Symbol("x")) != sp.Symbol("x")


def test_domain_converts_and_shows():
    assert EXPRESSIONS.convert(3) == Expression.of(sp.Integer(3))
    assert EXPRESSIONS.to_sympy(EXPRESSIONS.convert_from(QQ(1, 2), QQ)) == sp.Rational(1, 2)
    root_two = SURDS.convert_from(QQ(3), QQ) * square_root(QQ, QQ(2))[0]
    assert EXPRESSIONS.to_sympy(lift(root_two, SURDS, EXPRESSIONS)) == 3 * sp.sqrt(2)
    ring = sp.ZZ[a]
    assert EXPRESSIONS.convert_from(ring.convert(a) + 1, ring).expr == a + 1
    assert EXPRESSIONS == EXPRESSIONS and hash(EXPRESSIONS) == hash(type(EXPRESSIONS)())
    assert repr(EXPRESSIONS) == "EX<exact>"
    assert EXPRESSIONS.one * EXPRESSIONS.one == EXPRESSIONS.one and not EXPRESSIONS.zero


def test_square_roots_climb_the_tower():
    root, domain = square_root(QQ, QQ(8))
    assert domain == SURDS and SURDS.to_sympy(root) == 2 * sp.sqrt(2)
    root, domain = square_root(SURDS, Surd.of(QQ(9, 4)))
    assert domain == SURDS and SURDS.to_sympy(root) == sp.Rational(3, 2)
    three_plus = Surd.of(QQ(3)) + square_root(QQ, QQ(2))[0] * QQ(2)
    root, domain = square_root(SURDS, three_plus)  # sqrt(3 + 2 sqrt 2) = 1 + sqrt 2 denests
    assert domain == SURDS and sp.simplify(SURDS.to_sympy(root) - 1 - sp.sqrt(2)) == 0
    root, domain = square_root(SURDS, Surd.of(QQ(1)) + square_root(QQ, QQ(2))[0])
    assert domain == EXPRESSIONS and sp.simplify(root.expr - sp.sqrt(1 + sp.sqrt(2))) == 0
    root, domain = square_root(EXPRESSIONS, Expression.of(a**2))
    assert domain == EXPRESSIONS and sp.simplify(root.expr**2 - a**2) == 0


def test_join_picks_the_narrowest_domain_holding_both():
    assert join(QQ, QQ) == QQ
    assert join(sp.ZZ, SURDS) == SURDS
    assert join(QQ, SURDS, EXPRESSIONS) == EXPRESSIONS


def test_a_grid_over_expressions_shows_its_entries():
    entries = [[a + 1, sp.sqrt(2)], [sp.Rational(1, 2), b]]
    grid = Grid(EXPRESSIONS, tuple(tuple(EXPRESSIONS.from_sympy(e) for e in row) for row in entries))
    assert grid.shown == sp.ImmutableMatrix(entries)


def test_division_by_an_exact_zero_is_refused():
    with pytest.raises(ZeroDivisionError):
        EXPRESSIONS.one / Expression.of(sp.sqrt(2) * sp.sqrt(2) - 2)


GAUSSIAN = st.builds(lambda re, im: sp.Integer(re) + sp.I * im, st.integers(-9, 9), st.integers(-9, 9))


@settings(max_examples=25, deadline=None)
@given(GAUSSIAN, GAUSSIAN, GAUSSIAN, GAUSSIAN, GAUSSIAN.filter(lambda z: z.is_real is False))
def test_a_quotient_over_the_root_of_a_gaussian_rational_keeps_its_value(p, q, r, s, z):
    """(p + q sqrt z)/(r + s sqrt z) for non-real z: radsimp can move sqrt z to another branch
    (sqrt(-z) appears, the value changes); the normal form keeps it. Oracle: 40-digit values."""
    root = sp.sqrt(z)
    if sp.N(r + s * root, 40) == 0:
        return
    value = (p + q * root) / (r + s * root)
    normal = rationalised(value)
    assert abs(sp.N(normal - value, 40)) < sp.Float("1e-30")


def test_the_inverse_of_a_gaussian_eigenvector_matrix_is_right(fully_verified):
    """diagonalise used to give a wrong P^-1 here (exit 4): sqrt(7 - 32i) became sqrt(-7 + 32i)."""
    from symprimer.api import derive

    matrix = sp.Matrix([[3 + 2 * sp.I, -2 - 2 * sp.I], [3 + 2 * sp.I, -1 + sp.I]])
    d = derive("diagonalise", "[[3+2*I,-2-2*I],[3+2*I,-1+I]]")
    fully_verified(d)
    assert matrix.is_diagonalizable()
    (check,) = [step for step in d.walk() if step.rule == "inverse_check"]
    p, p_inverse = (sp.Matrix(m) for m in check.before.args)
    assert sp.N(p * p_inverse - sp.eye(2), 30).norm() < 1e-25
