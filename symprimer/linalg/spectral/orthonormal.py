"""Orthonormal bases by hand: Gram-Schmidt with the conjugate inner product, then normalising.

Used for the orthonormal eigenvectors of a symmetric (Hermitian) matrix, the columns of V in
the SVD, and the completion of U.  Every subtraction and every division by a norm is a step.
"""
from __future__ import annotations

from typing import Sequence

import sympy as sp

from symprimer.board import Grid, Number, identity
from symprimer.linalg.spectral.boards import GramSchmidtSum, MatrixTimes, Reciprocal, RootOfSquares, column, conjugate
from symprimer.linalg.spectral.exact import is_zero, rationalised, rationalised_matrix
from symprimer.board.surds import SURDS, Surd, square_root
from symprimer.core.steps import Step


def inner(u: sp.MatrixBase, v: sp.MatrixBase) -> sp.Expr:
    """<u, v> = u* v (linear in the second argument)."""
    return rationalised((u.H * v)[0, 0])


def _squared_terms(w: sp.MatrixBase) -> sp.Expr:
    terms = []
    for entry in w:
        if entry.is_real:
            terms.append(sp.Pow(entry, 2, evaluate=False))
        else:
            terms.append(sp.Pow(sp.Abs(entry, evaluate=False), 2, evaluate=False))
    return sp.Add(*terms, evaluate=False) if len(terms) > 1 else terms[0]


def scaled(w: sp.MatrixBase, square: sp.Expr) -> sp.ImmutableMatrix:
    """w / sqrt(square): rationalised when square is rational, else kept as w_i / sqrt(square).

    Rationalising 1 / sqrt(10 + 2 sqrt 5) spreads nested radicals over every entry; the compact
    form is what a person writes and is much cheaper to check.
    """
    square = rationalised(square)
    if square.is_Rational:
        return rationalised_matrix(w / sp.sqrt(square))
    factor = sp.Pow(square, sp.Rational(-1, 2))
    return sp.ImmutableMatrix(w.rows, w.cols, [rationalised(x) * factor for x in w])


def normalise_step(w: sp.ImmutableMatrix, label: str) -> tuple[Step, sp.ImmutableMatrix]:
    """||w|| from the sum of squared moduli, then q = w / ||w||."""
    square = inner(w, w)
    norm = rationalised(sp.sqrt(square)) if square.is_Rational else sp.sqrt(square)
    q = scaled(w, square)
    norm_step = Step(
        "evaluate",
        f"The length of {label}: the square root of the sum of the squared moduli of its entries.",
        before=sp.Pow(_squared_terms(w), sp.Rational(1, 2), evaluate=False),
        after=norm,
    )
    if norm == 1:
        return Step("normalise", f"{label} already has length 1.", norm_step.before, norm), w
    step = Step(
        "normalise",
        f"Divide {label} by its length to get a unit vector.",
        before=sp.MatMul(sp.Pow(norm, -1, evaluate=False), w, evaluate=False),
        after=q,
        substeps=(norm_step,),
    )
    return step, q


def gram_schmidt_step(v: sp.ImmutableMatrix, earlier: list[sp.ImmutableMatrix], label: str) -> tuple[Step | None, sp.ImmutableMatrix]:
    """w = v - sum_j <q_j, v> q_j over the earlier unit vectors q_j (None when v is already orthogonal)."""
    coefficients = [inner(q, v) for q in earlier]
    used = [(c, q) for c, q in zip(coefficients, earlier) if not is_zero(c)]
    if not used:
        return None, v
    w = rationalised_matrix(v - sum((c * q for c, q in used), sp.zeros(v.rows, 1)))
    terms = [v] + [sp.MatMul(-c, q, evaluate=False) for c, q in used]
    step = Step(
        "gram_schmidt",
        f"Gram-Schmidt: subtract from {label} its components <q_j, {label}> q_j along the unit vectors "
        "already chosen in the same eigenspace.",
        before=sp.MatAdd(*terms, evaluate=False),
        after=w,
    )
    return step, w


def orthonormalise(vectors: list[sp.ImmutableMatrix], names: list[str]) -> tuple[list[Step], list[sp.ImmutableMatrix]]:
    """Gram-Schmidt then normalising, vector by vector; the steps and the unit vectors."""
    steps, units, _ = orthonormalise_with_lengths(vectors, names)
    return steps, units


def orthonormalise_with_lengths(vectors, names) -> tuple[list[Step], list[sp.ImmutableMatrix], list[tuple]]:
    """As orthonormalise, plus (w, ||w||^2) for each unit vector q = w / ||w||."""
    steps: list[Step] = []
    units: list[sp.ImmutableMatrix] = []
    raw: list[tuple[sp.ImmutableMatrix, sp.Expr]] = []
    for v, name in zip(vectors, names):
        step, w = gram_schmidt_step(v, units, name)
        if step is not None:
            steps.append(step)
        norm_step, q = normalise_step(w, name if step is None else f"the new {name}")
        steps.append(norm_step)
        units.append(q)
        raw.append((w, inner(w, w)))
    return steps, units, raw


def orthonormal_check(q: sp.ImmutableMatrix, name: str) -> Step:
    """Q* Q = I: the columns are orthonormal."""
    star = sp.ImmutableMatrix(q.H)
    return Step(
        "orthonormal_check",
        f"Check that the columns of {name} are orthonormal: {name}* {name} = I.",
        before=sp.MatMul(star, q, evaluate=False),
        after=sp.eye(q.cols).as_immutable(),
    )


# ---------------------------------------------------------------- on the board: exact surds


def exact_inner(u: Sequence, v: Sequence):
    """<u, v> = u* v of exact columns."""
    total = Surd.of(0)
    for a, b in zip(u, v):
        if a and b:
            total = total + conjugate(a) * b
    return total


def board_column(entries: Sequence) -> Grid:
    return Grid(SURDS, column([Surd.of(e) for e in entries]))


def normalise_on_board(w: list, label: str) -> tuple[Step, list]:
    """||w|| from the sum of squared moduli, then q = w / ||w||, as ``normalise_step`` writes it."""
    square = exact_inner(w, w)
    if not square.is_rational:
        raise ValueError("the squared length of an exact vector is not rational")
    norm = square_root(square.rational_part())
    w_grid = board_column(w)
    norm_step = Step(
        "evaluate",
        f"The length of {label}: the square root of the sum of the squared moduli of its entries.",
        before=RootOfSquares(SURDS, w_grid),
        after=Number(SURDS, norm),
    )
    if norm == 1:
        return Step("normalise", f"{label} already has length 1.", norm_step.left, norm_step.right), w
    inverse = 1 / norm
    q = [e * inverse if e else Surd.of(0) for e in w]
    step = Step(
        "normalise",
        f"Divide {label} by its length to get a unit vector.",
        before=MatrixTimes(SURDS, (Reciprocal(SURDS, Number(SURDS, norm)), w_grid)),
        after=board_column(q),
        substeps=(norm_step,),
    )
    return step, q


def gram_schmidt_on_board(v: list, earlier: list[list], label: str) -> tuple[Step | None, list]:
    """w = v - sum_j <q_j, v> q_j, as ``gram_schmidt_step`` writes it (None: already orthogonal)."""
    used = [(c, q) for c, q in ((exact_inner(q, v), q) for q in earlier) if c]
    if not used:
        return None, v
    w = [Surd.of(e) for e in v]
    for c, q in used:
        w = [a - c * b if b else a for a, b in zip(w, q)]
    step = Step(
        "gram_schmidt",
        f"Gram-Schmidt: subtract from {label} its components <q_j, {label}> q_j along the unit vectors "
        "already chosen in the same eigenspace.",
        before=GramSchmidtSum(SURDS, board_column(v), tuple((Number(SURDS, -c), board_column(q)) for c, q in used)),
        after=board_column(w),
    )
    return step, w


def orthonormalise_on_board(vectors: list[list], names: list[str]) -> tuple[list[Step], list[list], list[tuple]]:
    """As ``orthonormalise_with_lengths`` on exact columns: steps, unit vectors, (w, ||w||^2)."""
    steps: list[Step] = []
    units: list[list] = []
    raw: list[tuple] = []
    for v, name in zip(vectors, names):
        step, w = gram_schmidt_on_board(list(v), units, name)
        if step is not None:
            steps.append(step)
        norm_step, q = normalise_on_board(w, name if step is None else f"the new {name}")
        steps.append(norm_step)
        units.append(q)
        raw.append((w, exact_inner(w, w).rational_part()))
    return steps, units, raw


def orthonormal_check_on_board(q: Grid, name: str) -> Step:
    """Q* Q = I on the board."""
    star = Grid(q.domain, tuple(tuple(conjugate(e) for e in col) for col in zip(*q.rows)))
    return Step(
        "orthonormal_check",
        f"Check that the columns of {name} are orthonormal: {name}* {name} = I.",
        before=MatrixTimes(q.domain, (star, q)),
        after=identity(sp.QQ, q.cols),
    )
