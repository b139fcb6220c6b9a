"""Capital letters are square matrices: replace them by random integer matrices to test a claim.

Two different identities (or two different false equations) almost never agree on several
random invertible, non-symmetric matrices, so agreement on every trial is a numeric test and is
reported as one; a disagreement is a counterexample.
"""
from __future__ import annotations

import random
from typing import Any, Iterator

import sympy as sp

from symprimer.parse.meaning import MATRIX_SIZE
from symprimer.render.notation import to_latex

MATRIX_TRIALS = 3
MATRIX_TEST_SIZE = 3


def has_matrix_symbols(value: Any) -> bool:
    return bool(matrix_symbols(value))


def matrix_symbols(value: Any) -> set:
    if isinstance(value, tuple):
        return set().union(*(matrix_symbols(v) for v in value))
    return set(value.atoms(sp.MatrixSymbol)) if isinstance(value, sp.Basic) else set()


def random_bindings(*values: Any) -> Iterator[dict[str, sp.ImmutableMatrix]]:
    """MATRIX_TRIALS seeded bindings of every letter in ``values`` to an invertible matrix."""
    names = sorted({m.name for v in values for m in matrix_symbols(v)})
    rng = random.Random("|".join(names))
    for _ in range(MATRIX_TRIALS):
        yield {name: _random_invertible(rng) for name in names}


def _random_invertible(rng: random.Random) -> sp.ImmutableMatrix:
    while True:
        size = MATRIX_TEST_SIZE
        matrix = sp.ImmutableMatrix(size, size, [rng.randint(-5, 5) for _ in range(size * size)])
        if matrix.det() != 0 and not matrix.is_symmetric():
            return matrix


def instantiate(value: Any, bindings: dict[str, sp.ImmutableMatrix]) -> Any:
    """``value`` with each letter replaced by its matrix, worked out to an explicit matrix."""
    if isinstance(value, tuple):
        return tuple(instantiate(v, bindings) for v in value)
    if not isinstance(value, sp.Basic):
        return value
    replaced = value.xreplace({m: bindings[m.name] for m in value.atoms(sp.MatrixSymbol)})
    replaced = replaced.xreplace({MATRIX_SIZE: MATRIX_TEST_SIZE})
    done = replaced.doit()
    if isinstance(done, sp.MatrixExpr):
        done = done.as_explicit()
    if isinstance(done, sp.MatrixBase):
        return sp.ImmutableMatrix(done.applyfunc(sp.expand))
    return done


def as_matrix(value: Any, size: int = MATRIX_TEST_SIZE) -> sp.ImmutableMatrix:
    """A scalar beside matrices means that multiple of the identity (A = 1 says A = I)."""
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value)
    return sp.ImmutableMatrix(sp.eye(size) * value)


def shown_bindings(bindings: dict[str, sp.ImmutableMatrix]) -> tuple[tuple[str, str], ...]:
    return tuple((name, to_latex(value)) for name, value in bindings.items())
