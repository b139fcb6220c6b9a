"""Orthonormal bases by hand: Gram-Schmidt with the conjugate inner product, then normalising.

Used for the orthonormal eigenvectors of a symmetric (Hermitian) matrix, the columns of V in
the SVD, and the completion of U.  Every subtraction and every division by a norm is a step.
"""
from __future__ import annotations

import sympy as sp

from symprimer.linalg.eigen_exact import is_zero, tidy, tidy_matrix
from symprimer.steps import Step


def inner(u: sp.MatrixBase, v: sp.MatrixBase) -> sp.Expr:
    """<u, v> = u* v (linear in the second argument)."""
    return tidy((u.H * v)[0, 0])


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
    square = tidy(square)
    if square.is_Rational:
        return tidy_matrix(w / sp.sqrt(square))
    factor = sp.Pow(square, sp.Rational(-1, 2))
    return sp.ImmutableMatrix(w.rows, w.cols, [tidy(x) * factor for x in w])


def normalise_step(w: sp.ImmutableMatrix, label: str) -> tuple[Step, sp.ImmutableMatrix]:
    """||w|| from the sum of squared moduli, then q = w / ||w||."""
    square = inner(w, w)
    norm = tidy(sp.sqrt(square)) if square.is_Rational else sp.sqrt(square)
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
    w = tidy_matrix(v - sum((c * q for c, q in used), sp.zeros(v.rows, 1)))
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
