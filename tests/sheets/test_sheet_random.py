"""Random matrices with nice numbers: each property checked by SymPy and NumPy as oracles."""
from __future__ import annotations

import random

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.core.errors import InputError
from symprimer.sheets.randomdraw import MatrixRecipe, draw_matrix, parse_shape

seeds = st.integers(min_value=0, max_value=10**9)
sizes = st.sampled_from([2, 3])


def draw(prop, rows, cols, seed, low=-6, high=6):
    return sp.Matrix(draw_matrix(MatrixRecipe(rows, cols, prop, low, high), random.Random(seed)))


def in_range(m, low=-6, high=6):
    return all(entry.is_integer and low <= entry <= high for entry in m)


@settings(max_examples=30, deadline=None)
@given(seeds, sizes)
def test_integer_inverse_is_unimodular(seed, n):
    m = draw("integer-inverse", n, n, seed)
    assert in_range(m) and abs(m.det()) == 1
    assert all(entry.is_integer for entry in m.inv())
    assert np.allclose(np.linalg.inv(np.array(m, dtype=float)) @ np.array(m, dtype=float), np.eye(n))


@settings(max_examples=30, deadline=None)
@given(seeds, sizes)
def test_integer_eigenvalues_are_integers_and_distinct(seed, n):
    m = draw("integer-eigenvalues", n, n, seed)
    values = m.eigenvals()
    assert in_range(m) and len(values) == n and all(v.is_integer for v in values)
    assert np.allclose(sorted(np.linalg.eigvals(np.array(m, dtype=float)).real), sorted(float(v) for v in values))


@settings(max_examples=30, deadline=None)
@given(seeds, sizes)
def test_defective_matrices_are_not_diagonalisable(seed, n):
    m = draw("defective", n, n, seed)
    assert in_range(m) and not m.is_diagonalizable()
    assert all(v.is_integer for v in m.eigenvals())


@settings(max_examples=30, deadline=None)
@given(seeds, sizes)
def test_symmetric_and_antisymmetric(seed, n):
    s = draw("symmetric", n, n, seed)
    a = draw("antisymmetric", n, n, seed)
    assert s == s.T and a == -a.T and in_range(s) and in_range(a)


@settings(max_examples=30, deadline=None)
@given(seeds, st.sampled_from([(2, 2), (2, 3), (3, 2), (3, 3)]))
def test_svd_friendly_has_integer_singular_values_and_rational_factors(seed, shape):
    m = draw("svd-friendly", *shape, seed)
    assert all(entry.is_integer for entry in m)
    gram = m.T * m
    eigen = gram.eigenvects()
    singular = sorted((sp.sqrt(value) for value, _, _ in eigen), reverse=True)
    assert all(s.is_integer for s in singular)
    assert all(entry.is_rational for _, _, vectors in eigen for v in vectors for entry in v)
    numeric = np.linalg.svd(np.array(m, dtype=float), compute_uv=False)
    nonzero = sorted((float(s) for s in singular if s != 0), reverse=True)
    assert np.allclose(sorted(numeric[numeric > 1e-9], reverse=True), nonzero)


def test_invertible_and_integer_ranges():
    m = draw("invertible", 3, 3, 5, -2, 2)
    assert m.det() != 0 and in_range(m, -2, 2)
    assert in_range(draw("integer", 2, 4, 5, 0, 1), 0, 1)


def test_the_same_seed_gives_the_same_matrix_and_another_seed_another():
    recipe = MatrixRecipe(3, 3, "integer-inverse", -4, 4)
    first = [draw_matrix(recipe, random.Random(s)) for s in range(10)]
    again = [draw_matrix(recipe, random.Random(s)) for s in range(10)]
    assert first == again
    assert len(set(first)) > 5


@pytest.mark.parametrize("shape, expected", [("3x3", (3, 3)), ("2 x 3", (2, 3)), ([4, 2], (4, 2))])
def test_shapes(shape, expected):
    assert parse_shape(shape) == expected


@pytest.mark.parametrize("shape", ["3", "0x2", "9x9", "axb", [1, 2, 3]])
def test_bad_shapes(shape):
    with pytest.raises(InputError):
        parse_shape(shape)


def test_an_impossible_range_says_to_widen_it():
    with pytest.raises(InputError, match="range"):
        draw("integer-eigenvalues", 3, 3, 1, 0, 0)
