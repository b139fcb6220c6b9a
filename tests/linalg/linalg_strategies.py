"""Hypothesis strategies for small random matrices (integers and rationals)."""
from fractions import Fraction

import sympy as sp
from hypothesis import strategies as st

integers = st.integers(-9, 9)
rationals = st.fractions(min_value=-5, max_value=5, max_denominator=6)


def _exact(value):
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    return sp.Integer(value)


def square_matrices(low: int = 1, high: int = 4, entries=st.one_of(integers, rationals)):
    """Square ImmutableMatrix of size low..high with the given entries."""
    return st.integers(low, high).flatmap(
        lambda n: st.lists(st.lists(entries, min_size=n, max_size=n), min_size=n, max_size=n)
    ).map(lambda rows: sp.ImmutableMatrix([[_exact(e) for e in row] for row in rows]))


def literal(matrix: sp.MatrixBase) -> str:
    """The matrix written the way a user types it, e.g. [[1,1/2],[3,4]]."""
    return "[" + ",".join("[" + ",".join(str(e) for e in matrix.row(i)) + "]" for i in range(matrix.rows)) + "]"
