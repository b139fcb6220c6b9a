"""Random matrices with nice numbers, drawn from a seeded ``random.Random`` only.

Each property builds its matrix from a structure that guarantees the hand computation comes
out clean: a unimodular matrix has an integer inverse, ``P D P^-1`` with unimodular ``P`` has
integer eigenvalues, ``P J P^-1`` is defective, and ``A Sigma B^T`` with one factor built from
the Pythagorean triple (3, 4, 5) and the other a signed permutation has a rational SVD.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable

import sympy as sp

from symprimer.core.errors import InputError

MAX_RANDOM_DIMENSION = 5
MAX_ATTEMPTS = 2000
_SHAPE = re.compile(r"^\s*([1-9])\s*[xX×]\s*([1-9])\s*$")


@dataclass(frozen=True)
class MatrixRecipe:
    """How to draw one matrix: its shape, the property it must have, the range of entries."""

    rows: int
    cols: int
    property: str = "integer"
    low: int = -5
    high: int = 5

    def describe(self) -> str:
        return f"a random {self.rows}x{self.cols} {self.property} matrix with entries in [{self.low}, {self.high}]"


def parse_shape(value: object) -> tuple[int, int]:
    """``3x3``, ``"2x3"`` or ``[2, 3]`` as (rows, columns), within the size cap."""
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(type(v) is int for v in value):
        rows, cols = value
    else:
        match = _SHAPE.match(str(value))
        if not match:
            raise InputError(f"the shape {value!r} is not of the form 3x3 (rows x columns).")
        rows, cols = int(match.group(1)), int(match.group(2))
    if not (1 <= rows <= MAX_RANDOM_DIMENSION and 1 <= cols <= MAX_RANDOM_DIMENSION):
        raise InputError(f"the shape {rows}x{cols} is outside 1x1 to {MAX_RANDOM_DIMENSION}x{MAX_RANDOM_DIMENSION}.")
    return rows, cols


def _entry(rng: random.Random, low: int, high: int) -> int:
    return rng.randint(low, high)


def _integer(recipe: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(recipe.rows, recipe.cols, lambda i, j: _entry(rng, recipe.low, recipe.high))


def _invertible(recipe: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
    _square(recipe)
    return _retry(recipe, rng, _integer, lambda m: m.det() != 0)


def _unit_triangular(n: int, rng: random.Random, lower: bool, spread: int) -> sp.Matrix:
    m = sp.eye(n)
    for i in range(n):
        for j in range(n):
            if (i > j) if lower else (i < j):
                m[i, j] = rng.randint(-spread, spread)
    return m


def _signed_permutation(n: int, rng: random.Random) -> sp.Matrix:
    order = list(range(n))
    rng.shuffle(order)
    m = sp.zeros(n, n)
    for i, j in enumerate(order):
        m[i, j] = rng.choice((-1, 1))
    return m


def _unimodular_raw(n: int, rng: random.Random, spread: int = 2) -> sp.Matrix:
    """det = +-1 by construction: a signed permutation times L times U (unit triangular)."""
    return _signed_permutation(n, rng) * _unit_triangular(n, rng, True, spread) * _unit_triangular(n, rng, False, spread)


def _integer_inverse(recipe: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
    n = _square(recipe)

    def draw(_: MatrixRecipe, r: random.Random) -> sp.ImmutableMatrix:
        return sp.ImmutableMatrix(_unimodular_raw(n, r))

    return _retry(recipe, rng, draw, lambda m: _off_diagonal_count(m) >= n)


def _distinct_values(rng: random.Random, count: int, low: int, high: int) -> list[int]:
    pool = list(range(low, high + 1))
    if len(pool) < count:
        raise InputError(f"the range [{low}, {high}] has fewer than {count} distinct values.")
    values = rng.sample(pool, count)
    return sorted(values, reverse=True)


def _similar_to(core: Callable[[int, random.Random], sp.Matrix], n: int):
    """Draw ``P core P^-1`` with a unimodular ``P`` (integer entries stay integers)."""

    def draw(_: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
        p = _unimodular_raw(n, rng, spread=1)
        return sp.ImmutableMatrix(p * core(n, rng) * p.inv())

    return draw


def _eigen_range(recipe: MatrixRecipe) -> tuple[int, int]:
    return max(recipe.low, -4), min(recipe.high, 5)


def _integer_eigenvalues(recipe: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
    n = _square(recipe)
    low, high = _eigen_range(recipe)
    core = lambda size, r: sp.diag(*_distinct_values(r, size, low, high))  # noqa: E731
    return _retry(recipe, rng, _similar_to(core, n), lambda m: _off_diagonal_count(m) >= n)


def _defective(recipe: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
    n = _square(recipe)
    if n < 2:
        raise InputError("a defective matrix needs at least 2 rows and columns.")
    low, high = _eigen_range(recipe)

    def core(size: int, r: random.Random) -> sp.Matrix:
        values = _distinct_values(r, size - 1, low, high)
        jordan = sp.diag(*([values[0]] + values))
        jordan[0, 1] = 1  # one Jordan block of size 2: geometric multiplicity 1 < 2
        return jordan

    return _retry(recipe, rng, _similar_to(core, n), lambda m: _off_diagonal_count(m) >= n)


def _symmetric(recipe: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
    n = _square(recipe)
    m = sp.zeros(n, n)
    for i in range(n):
        for j in range(i, n):
            m[i, j] = m[j, i] = _entry(rng, recipe.low, recipe.high)
    return sp.ImmutableMatrix(m)


def _antisymmetric(recipe: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
    n = _square(recipe)
    m = sp.zeros(n, n)
    for i in range(n):
        for j in range(i + 1, n):
            m[i, j] = _entry(rng, recipe.low, recipe.high)
            m[j, i] = -m[i, j]
    return sp.ImmutableMatrix(m)


def _rational_rotation(n: int, rng: random.Random) -> sp.Matrix:
    """An orthogonal matrix with entries in (1/5)Z: a 3-4-5 rotation or reflection, permuted."""
    a, b = rng.choice(((3, 4), (4, 3)))
    block = sp.Matrix([[a, -b], [b, a]]) if rng.random() < 0.5 else sp.Matrix([[a, b], [b, -a]])
    core = sp.diag(block / 5, sp.eye(n - 2)) if n > 2 else block / 5
    p = _signed_permutation(n, rng)
    return p * core * p.T


def _svd_friendly(recipe: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
    m, n = recipe.rows, recipe.cols
    k = min(m, n)
    scale = 5  # the hypotenuse of the triple: singular values are multiples of it
    values = [scale * t for t in _distinct_values(rng, k, 1, max(k, 3))]
    sigma = sp.zeros(m, n)
    for i, value in enumerate(values):
        sigma[i, i] = value
    rotate_left = m >= 2 and (n < 2 or rng.random() < 0.5)
    left = _rational_rotation(m, rng) if rotate_left else _signed_permutation(m, rng)
    right = _signed_permutation(n, rng) if rotate_left or n < 2 else _rational_rotation(n, rng)
    return sp.ImmutableMatrix(left * sigma * right.T)


def _square(recipe: MatrixRecipe) -> int:
    if recipe.rows != recipe.cols:
        raise InputError(f"the property {recipe.property} needs a square matrix, but the shape is {recipe.rows}x{recipe.cols}.")
    return recipe.rows


def _off_diagonal_count(m: sp.MatrixBase) -> int:
    return sum(1 for i in range(m.rows) for j in range(m.cols) if i != j and m[i, j] != 0)


def _retry(recipe, rng, draw, accept) -> sp.ImmutableMatrix:
    """Draw until the matrix is acceptable and its entries lie in the recipe's range."""
    for _ in range(MAX_ATTEMPTS):
        candidate = draw(recipe, rng)
        if all(recipe.low <= entry <= recipe.high for entry in candidate) and accept(candidate):
            return candidate
    raise InputError(f"could not draw {recipe.describe()} in {MAX_ATTEMPTS} attempts; widen the range of entries.")


PROPERTIES: MappingProxyType[str, Callable[[MatrixRecipe, random.Random], sp.ImmutableMatrix]] = MappingProxyType(
    {
        "integer": _integer,
        "invertible": _invertible,
        "integer-inverse": _integer_inverse,
        "integer-eigenvalues": _integer_eigenvalues,
        "defective": _defective,
        "symmetric": _symmetric,
        "antisymmetric": _antisymmetric,
        "svd-friendly": _svd_friendly,
    }
)


def draw_matrix(recipe: MatrixRecipe, rng: random.Random) -> sp.ImmutableMatrix:
    """One matrix with the recipe's property, drawn from ``rng`` (reproducible from its seed)."""
    return PROPERTIES[recipe.property](recipe, rng)
