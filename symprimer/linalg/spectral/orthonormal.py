"""Orthonormal bases by hand: Gram-Schmidt with the conjugate inner product, then normalising.

Used for the orthonormal eigenvectors of a symmetric (Hermitian) matrix, the columns of V in
the SVD, and the completion of U.  Every subtraction and every division by a norm is a step.
Written once over a ``Numbers`` (``spectral.numbers``): vectors are lists of its elements.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import sympy as sp

from symprimer.board import Grid, Number, identity
from symprimer.core.steps import Step
from symprimer.linalg.spectral.boards import GramSchmidtSum, MatrixTimes, Reciprocal, RootOfSquares, column
from symprimer.linalg.spectral.numbers import Numbers


def inner(numbers: Numbers, u: Sequence[Any], v: Sequence[Any]) -> Any:
    """<u, v> = u* v (linear in the second argument)."""
    conjugate = numbers.conjugate
    total = numbers.field.zero
    for a, b in zip(u, v):
        if a and b:
            total = total + conjugate(a) * b
    return numbers.normal(total)


def column_grid(domain: Any, entries: Sequence[Any]) -> Grid:
    """A vector as a one-column board over ``domain``."""
    convert = domain.convert
    return Grid(domain, column([convert(e) for e in entries]))


def star(numbers: Numbers, grid: Grid, normal: bool = False) -> Grid:
    """The conjugate transpose of a board, entry by entry in the board's domain (``normal``: each
    entry brought to the normal form, as for a matrix given by the user)."""
    conjugate = numbers.conjugate
    rows = tuple(tuple(conjugate(e) for e in col) for col in zip(*grid.rows))
    if normal:
        rows = tuple(tuple(numbers.normal(e) for e in row) for row in rows)
    return Grid(grid.domain, rows)


def normalise(numbers: Numbers, w: Sequence[Any], square: Any, label: str) -> tuple[Step, list]:
    """||w|| from the sum of squared moduli (``square``, worked out already), then q = w / ||w||."""
    roots = numbers.roots
    norm = numbers.length(square)
    w_grid = column_grid(roots, w)
    norm_step = Step(
        "evaluate",
        f"The length of {label}: the square root of the sum of the squared moduli of its entries.",
        before=RootOfSquares(roots, w_grid),
        after=Number(roots, norm),
    )
    if norm == 1:
        return Step("normalise", f"{label} already has length 1.", norm_step.left, norm_step.right), list(w)
    q = numbers.unit(w, square)
    step = Step(
        "normalise",
        f"Divide {label} by its length to get a unit vector.",
        before=MatrixTimes(roots, (Reciprocal(roots, Number(roots, norm)), w_grid)),
        after=column_grid(roots, q),
        substeps=(norm_step,),
    )
    return step, q


def gram_schmidt(numbers: Numbers, v: Sequence[Any], earlier: Sequence[Sequence[Any]], label: str) -> tuple[Step | None, list]:
    """w = v - sum_j <q_j, v> q_j over the earlier unit vectors q_j (None when v is already orthogonal)."""
    used = [(c, q) for c, q in ((inner(numbers, q, v), q) for q in earlier) if not numbers.is_zero(c)]
    if not used:
        return None, list(v)
    w = list(v)
    for c, q in used:
        w = [a - c * b if b else a for a, b in zip(w, q)]
    w = [numbers.normal(e) for e in w]
    roots = numbers.roots
    step = Step(
        "gram_schmidt",
        f"Gram-Schmidt: subtract from {label} its components <q_j, {label}> q_j along the unit vectors "
        "already chosen in the same eigenspace.",
        before=GramSchmidtSum(roots, column_grid(roots, v), tuple((Number(roots, -c), column_grid(roots, q)) for c, q in used)),
        after=column_grid(roots, w),
    )
    return step, w


@dataclass(frozen=True)
class Orthonormalised:
    """Gram-Schmidt's steps, the unit vectors, and (w, ||w||^2) for each unit vector q = w / ||w||."""

    steps: tuple[Step, ...]
    units: tuple[list, ...]
    lengths: tuple[tuple[list, Any], ...]


def orthonormalise(numbers: Numbers, vectors: Sequence[Sequence[Any]], names: Sequence[str]) -> Orthonormalised:
    """Gram-Schmidt then normalising, vector by vector."""
    steps: list[Step] = []
    units: list[list] = []
    lengths: list[tuple[list, Any]] = []
    for v, name in zip(vectors, names):
        step, w = gram_schmidt(numbers, v, units, name)
        if step is not None:
            steps.append(step)
        square = numbers.square(inner(numbers, w, w))
        norm_step, q = normalise(numbers, w, square, name if step is None else f"the new {name}")
        steps.append(norm_step)
        units.append(q)
        lengths.append((w, square))
    return Orthonormalised(tuple(steps), tuple(units), tuple(lengths))


@dataclass(frozen=True)
class EigenBasis:
    """Orthonormal eigenvectors, eigenspace by eigenspace: the steps, the unit vectors, their
    eigenvalues, (w, ||w||^2) per unit vector, and the spaces in the order worked."""

    steps: tuple[Step, ...]
    units: tuple[list, ...]
    values: tuple[Any, ...]
    lengths: tuple[tuple[list, Any], ...]
    spaces: tuple[Any, ...]


def orthonormal_eigenvectors(
    numbers: Numbers,
    spaces: Sequence[Any],
    names: Callable[[int, int, int], list[str]],
    heading: Callable[[int, Any, bool], str],
) -> EigenBasis:
    """Per eigenspace: Gram-Schmidt when repeated, then normalise (distinct eigenspaces of a
    Hermitian matrix are orthogonal already).

    ``names(number, first, count)`` names the vectors of the number-th space, the first being the
    first-th overall; ``heading(number, space, repeated)`` is the sentence over the space's work.
    """
    steps, units, values, lengths, owners = [], [], [], [], []
    for number, space in enumerate(spaces, start=1):
        basis = numbers.basis(space)
        worked = orthonormalise(numbers, basis, names(number, len(units) + 1, len(basis)))
        repeated = len(basis) > 1
        steps.append(Step("gram_schmidt" if repeated else "normalise", heading(number, space, repeated), substeps=worked.steps))
        units.extend(worked.units)
        lengths.extend(worked.lengths)
        values.extend([numbers.eigenvalue(space)] * len(worked.units))
        owners.extend([space] * len(worked.units))
    return EigenBasis(tuple(steps), tuple(units), tuple(values), tuple(lengths), tuple(owners))


def orthonormal_check(numbers: Numbers, q: Grid, name: str) -> Step:
    """Q* Q = I: the columns are orthonormal."""
    return Step(
        "orthonormal_check",
        f"Check that the columns of {name} are orthonormal: {name}* {name} = I.",
        before=MatrixTimes(q.domain, (star(numbers, q), q)),
        after=identity(sp.QQ, q.cols),
    )


def columns_grid(domain: Any, vectors: Sequence[Sequence[Any]], rows: int) -> Grid:
    """Vectors side by side as the columns of a board (``rows`` of them when there are none)."""
    convert = domain.convert
    if not vectors:
        return Grid(domain, tuple(() for _ in range(rows)))
    return Grid(domain, tuple(tuple(convert(v[i]) for v in vectors) for i in range(rows)))
