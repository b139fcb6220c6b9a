"""One eigen derivation over every number domain, confirmed by SymPy's own ``eigenvects``.

Random small matrices with rational, Gaussian-rational, surd and letter entries: the derivation
verifies at every node, its eigenvalues are SymPy's with the same algebraic multiplicities, and
each eigenspace has SymPy's dimension and spans SymPy's eigenvectors.  Each eigenvalue carries
its exact value and domain, each eigenspace its exact vectors.
"""
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symprimer.board.expressions import EXPRESSIONS, is_zero
from symprimer.board.surds import QQ, SURDS
from symprimer.linalg.spectral.eigen import eigen_analysis
from symprimer.linalg.rows.rref import rref_steps

a, b = sp.symbols("a b")
SETTINGS = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RATIONALS = st.builds(sp.Rational, st.integers(-4, 4), st.integers(1, 3))
GAUSSIAN = st.builds(lambda x, y: x + y * sp.I, st.integers(-3, 3), st.integers(-2, 2))
SURD_ENTRIES = st.sampled_from([sp.Integer(0), sp.Integer(1), sp.Integer(-2), sp.sqrt(2), -sp.sqrt(2), sp.sqrt(3), 1 + sp.sqrt(2)])
LETTERS = st.sampled_from([sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Integer(2), a, b, -a])


def matrices(entries, n):
    return st.lists(entries, min_size=n * n, max_size=n * n).map(lambda flat: sp.ImmutableMatrix(n, n, flat))


def assert_confirmed_by_eigenvects(matrix: sp.ImmutableMatrix) -> None:
    analysis = eigen_analysis(matrix)
    for step in analysis.steps:
        for node in step.walk():
            assert node.verify_self(), (node.rule, node.text)
    oracle = sp.Matrix(matrix).eigenvects(simplify=True)
    values = analysis.spectrum.eigenvalues
    assert sum(e.algebraic_multiplicity for e in values) == matrix.rows
    assert len(values) == len(oracle)
    for space in analysis.spaces:
        value = space.eigenvalue
        match = [entry for entry in oracle if sp.simplify(entry[0] - value.value) == 0]
        assert len(match) == 1, (value.value, [entry[0] for entry in oracle])
        _, multiplicity, basis = match[0]
        assert value.algebraic_multiplicity == multiplicity
        assert value.exact is not None and value.domain is not None
        assert space.domain is not None and len(space.vectors) == len(space.basis)
        assert space.geometric_multiplicity == len(basis)
        together = sp.Matrix.hstack(*basis, *space.basis).applyfunc(sp.simplify)
        assert together.rank(simplify=True) == len(basis)


@SETTINGS
@given(st.one_of(matrices(RATIONALS, 2), matrices(RATIONALS, 3)))
def test_rational_matrices(matrix):
    assert_confirmed_by_eigenvects(matrix)


@SETTINGS
@given(matrices(GAUSSIAN, 2))
def test_gaussian_rational_matrices(matrix):
    assert_confirmed_by_eigenvects(matrix)


@SETTINGS
@given(matrices(SURD_ENTRIES, 2))
def test_surd_matrices(matrix):
    assert_confirmed_by_eigenvects(matrix)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrices(LETTERS, 2))
def test_letter_matrices(matrix):
    assert_confirmed_by_eigenvects(matrix)


def test_domains_are_chosen_from_the_entries():
    rational = eigen_analysis(sp.ImmutableMatrix([[1, 2], [3, 4]]))  # roots 5/2 -+ sqrt(33)/2
    assert {space.domain for space in rational.spaces} == {SURDS}
    integer = eigen_analysis(sp.ImmutableMatrix([[2, 1], [1, 2]]))
    assert {space.domain for space in integer.spaces} == {QQ}
    nested = eigen_analysis(sp.ImmutableMatrix([[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [2, 0, 0, 0]]))
    assert {space.domain for space in nested.spaces} == {EXPRESSIONS}  # fourth roots of 2
    letters = eigen_analysis(sp.ImmutableMatrix([[a, b], [b, a]]))
    assert {space.domain for space in letters.spaces} == {EXPRESSIONS}
    assert all(e.exact is not None for e in letters.spectrum.eigenvalues)


@SETTINGS
@given(st.one_of(matrices(SURD_ENTRIES, 3), matrices(LETTERS, 3), matrices(GAUSSIAN, 3)))
def test_one_rref_agrees_with_sympy_and_every_move_checks(matrix):
    reduction = rref_steps(matrix)
    assert_fully_verified_step(reduction.step)
    expected, pivots = sp.Matrix(matrix).rref(iszerofunc=is_zero, simplify=True)
    assert reduction.pivots == pivots
    assert all(is_zero(x - y) for x, y in zip(reduction.rref, expected))


def assert_fully_verified_step(step) -> None:
    for node in step.walk():
        assert node.verify_self(), (node.rule, node.text)


def test_a_symbolic_pivot_is_assumed_non_zero_and_reported():
    matrix = sp.ImmutableMatrix([[a, 1], [1, a]])
    reduction = rref_steps(matrix)
    assert_fully_verified_step(reduction.step)
    assert reduction.assumptions == (-matrix.det(),)  # after the swap the pivot 1 is used first, then 1 - a^2
    assert reduction.rref == sp.Matrix(matrix).rref()[0].applyfunc(sp.simplify)
