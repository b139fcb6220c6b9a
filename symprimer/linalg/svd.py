"""``derive svd``: M = U Sigma V* by hand, the deck's way.

The eigen-decomposition of M* M gives V (orthonormal eigenvectors) and sigma_i^2 (eigenvalues);
sigma_i = sqrt(lambda_i) in descending order; u_i = M v_i / sigma_i for sigma_i > 0; when M has
fewer non-zero singular values than rows, U is completed from the null space of M*.  The
reconstruction and the unitarity of U and V are checked.  ``reduced`` gives the thin SVD
(k = min(m, n) columns).
"""
from __future__ import annotations

import sympy as sp

from symprimer.errors import InputError, NoAnswer
from symprimer.linalg.diagonalise import name_step
from symprimer.linalg.eigen import eigen_analysis
from symprimer.linalg.eigen_exact import tidy, tidy_matrix
from symprimer.linalg.eigen_orthonormal import orthonormal_check, orthonormalise, orthonormalise_with_lengths, scaled
from symprimer.linalg.eigen_vectors import null_space_from_rref
from symprimer.linalg.rowreduce import rref_steps
from symprimer.linalg.unitary import conjugate_transpose_step
from symprimer.parse.matrix import parse_matrix
from symprimer.steps import Derivation, Step


def _right_vectors(analysis) -> tuple[list[Step], list[sp.Expr], list[sp.ImmutableMatrix], list[tuple]]:
    """Orthonormal eigenvectors of M* M, eigenspace by eigenspace, largest eigenvalue first."""
    spaces = sorted(analysis.spaces, key=lambda s: -sp.N(s.eigenvalue.value, 30))
    steps, values, vectors, raw = [], [], [], []
    count = 0
    for space in spaces:
        names = [f"v_{count + k}" for k in range(1, len(space.basis) + 1)]
        count += len(space.basis)
        space_steps, units, lengths = orthonormalise_with_lengths(list(space.basis), names)
        raw.extend(lengths)
        steps.append(
            Step(
                "gram_schmidt" if len(units) > 1 else "normalise",
                f"Unit eigenvector(s) for the eigenvalue {sp.sstr(space.eigenvalue.value)} of M*M"
                + (" (repeated: Gram-Schmidt inside its eigenspace)." if len(units) > 1 else "."),
                substeps=tuple(space_steps),
            )
        )
        values.extend([space.eigenvalue.value] * len(units))
        vectors.extend(units)
    return steps, values, vectors, raw


def _singular_values_step(values: list[sp.Expr]) -> tuple[Step, list[sp.Expr]]:
    sigmas = [tidy(sp.sqrt(v)) for v in values]
    substeps = tuple(
        Step(
            "singular_values", f"sigma_{i} = sqrt(lambda_{i}).",
            before=sp.Pow(v, sp.Rational(1, 2), evaluate=False), after=s, params=(("index", i),),
        )
        for i, (v, s) in enumerate(zip(values, sigmas), start=1)
    )
    step = Step(
        "singular_values",
        "The singular values are the square roots of the eigenvalues of M*M, in descending order; "
        "the number of non-zero ones is the rank r.",
        substeps=substeps,
    )
    return step, sigmas


def _left_vectors(matrix, sigmas, values, vectors, raw) -> tuple[list[Step], list[sp.ImmutableMatrix]]:
    """u_i = M v_i / sigma_i, computed as M w_i / sqrt(lambda_i ||w_i||^2) to stay compact."""
    steps, units = [], []
    for i, (sigma, value, v, (w, square)) in enumerate(zip(sigmas, values, vectors, raw), start=1):
        if sigma == 0:
            break
        u = scaled(tidy_matrix(matrix * w), value * square)
        steps.append(
            Step(
                "left_singular_vector",
                f"u_{i} = M v_{i} / sigma_{i} (a unit vector, since |M v_{i}| = sigma_{i}).",
                before=sp.MatMul(sp.Pow(sigma, -1, evaluate=False), matrix, v, evaluate=False),
                after=u,
                params=(("index", i),),
            )
        )
        units.append(u)
    return steps, units


def _complete(matrix, units: list[sp.ImmutableMatrix]) -> tuple[list[Step], list[sp.ImmutableMatrix]]:
    """The remaining columns of U: an orthonormal basis of the null space of M* (orthogonal to every u_i)."""
    m = matrix.rows
    if len(units) == m:
        return [], []
    star = sp.ImmutableMatrix(matrix.H)
    reduction = rref_steps(star, name="M*")
    basis = list(null_space_from_rref(reduction.rref, reduction.pivots))
    start = len(units) + 1
    names = [f"u_{start + k}" for k in range(len(basis))]
    ortho_steps, extra = orthonormalise(basis, names)
    step = Step(
        "complete_basis",
        f"Only {len(units)} of the {m} columns of U come from u_i = M v_i / sigma_i; complete U with an "
        "orthonormal basis of the null space of M* (those vectors are orthogonal to the column space of M). "
        "Solve M* x = 0:",
        before=sp.MatMul(star, sp.ImmutableMatrix.hstack(*basis), evaluate=False),
        after=sp.zeros(star.rows, len(basis)).as_immutable(),
        substeps=(reduction.step, *ortho_steps),
    )
    return [step], extra


def derive_svd(inputs: tuple[str, ...], reduced: bool | None = None) -> Derivation:
    parsed = parse_matrix(inputs[0], what="the matrix M")
    matrix = sp.ImmutableMatrix(parsed.value)
    if matrix.free_symbols:
        raise InputError(
            "derive svd needs numeric entries: with symbols in M the singular values cannot be put in "
            "descending order."
        )
    m, n = matrix.shape
    star_step, star = conjugate_transpose_step(matrix, "M")
    gram = tidy_matrix(star * matrix)
    steps = [
        star_step,
        Step(
            "gram_matrix",
            "Form M*M; its eigenvalues are sigma_i^2 and its orthonormal eigenvectors are the columns of V.",
            before=sp.MatMul(star, matrix, evaluate=False),
            after=gram,
        ),
    ]
    analysis = eigen_analysis(gram, name="M*M")
    if not analysis.complete:
        raise NoAnswer(
            "the eigenvalues of M*M for the matrix M have no closed form, so its SVD cannot be written "
            "exactly by hand (numpy.linalg.svd gives it numerically)."
        )
    steps += analysis.steps
    v_steps, values, v_vectors, raw = _right_vectors(analysis)
    steps += v_steps
    sigma_step, sigmas = _singular_values_step(values)
    steps.append(sigma_step)
    u_steps, u_vectors = _left_vectors(matrix, sigmas, values, v_vectors, raw)
    steps += u_steps
    completion_steps, extra = _complete(matrix, u_vectors)
    steps += completion_steps
    u = sp.ImmutableMatrix.hstack(*(u_vectors + extra))
    v = sp.ImmutableMatrix.hstack(*v_vectors)
    sigma = sp.ImmutableMatrix(m, n, lambda i, j: sigmas[i] if i == j else 0)
    if reduced:
        k = min(m, n)
        u, v, sigma = u[:, :k], v[:, :k], sigma[:k, :k]
    v_star = sp.ImmutableMatrix(v.H)
    shape = "thin: k = min(m, n)" if reduced else f"{m} x {n}"
    steps += [
        name_step("U", u, "The columns of U are u_1, u_2, ... in order."),
        name_step("Sigma", sigma, f"Sigma ({shape}) carries the singular values on its diagonal, largest first."),
        name_step("V", v, "The columns of V are v_1, v_2, ... in the same order."),
        orthonormal_check(u, "U"),
        orthonormal_check(v, "V"),
        Step(
            "svd_check",
            "Multiply out U Sigma V*: it gives M back.",
            before=sp.MatMul(u, sigma, v_star, evaluate=False),
            after=matrix,
        ),
    ]
    rank = sum(1 for s in sigmas if s != 0)
    return Derivation(
        kind="svd",
        question=f"Find the {'thin ' if reduced else ''}singular value decomposition M = U Sigma V* of M.",
        given=(("M", matrix),),
        steps=tuple(steps),
        result=sp.MatMul(u, sigma, v_star, evaluate=False),
        result_label="M = U Sigma V*",
        notes=tuple(parsed.notes) + analysis.notes,
        details=(("U", u), ("S", sigma), ("V", v), ("singular_values", sigmas[: min(m, n)]), ("rank", rank), ("reduced", bool(reduced))),
        source=tuple(inputs),
    )
