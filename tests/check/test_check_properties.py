"""Non-unique linear-algebra answers checked by their defining property, against SymPy's oracles."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from symprimer.check.properties import check_eigenvector, check_inverse, check_svd
from symprimer.core.errors import InputError

entries = st.integers(-6, 6)


def square(n):
    return st.lists(entries, min_size=n * n, max_size=n * n).map(lambda xs: sp.Matrix(n, n, xs))


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([2, 3]).flatmap(square))
def test_inverse_by_definition(m):
    assume(m.det() != 0)
    assert check_inverse(m, m.inv()).verdict == "equivalent"
    assert check_inverse(m, m.inv().T).verdict == ("equivalent" if m.inv() == m.inv().T else "not_equivalent")
    assert check_inverse(m, 2 * m.inv()).verdict == "not_equivalent"


@settings(max_examples=25, deadline=None)
@given(square(2), st.integers(1, 5), st.sampled_from([-1, 1]))
def test_eigenvector_at_any_scale(m, scale, sign):
    for value, _, vectors in m.eigenvects():
        for vector in vectors:
            scaled = vector * scale * sign
            assert check_eigenvector(m, scaled).verdict == "equivalent"
            assert check_eigenvector(m, scaled, value).verdict == "equivalent"
            assert check_eigenvector(m, scaled, value + 1).verdict == "not_equivalent"
    assert check_eigenvector(m, sp.zeros(2, 1)).verdict == "not_equivalent"


def test_non_eigenvector():
    m = sp.Matrix([[2, 1], [1, 2]])
    assert check_eigenvector(m, sp.Matrix([1, 0])).verdict == "not_equivalent"


ROTATION = sp.Matrix([[sp.Rational(3, 5), -sp.Rational(4, 5)], [sp.Rational(4, 5), sp.Rational(3, 5)]])


def test_svd_by_reconstruction_and_orthogonality():
    u, s, v = ROTATION, sp.diag(3, 1), sp.Matrix([[0, 1], [1, 0]])
    m = u * s * v.T
    assert check_svd(m, (u, s, v)).verdict == "equivalent"
    assert check_svd(m, (u, sp.diag(1, 3), v)).verdict == "not_equivalent"  # rebuilds something else
    assert check_svd(m, (2 * u, s / 2, v)).verdict == "not_equivalent"  # U not orthonormal
    assert check_svd(u * sp.diag(1, 3) * v.T, (u, sp.diag(1, 3), v)).verdict == "not_equivalent"  # not descending


def test_svd_needs_three_matrices():
    with pytest.raises(InputError):
        check_svd(sp.eye(2), (sp.eye(2),))
