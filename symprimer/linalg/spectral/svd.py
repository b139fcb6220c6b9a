"""``derive svd``: M = U Sigma V* by hand, the deck's way.

The eigen-decomposition of M* M gives V (orthonormal eigenvectors) and sigma_i^2 (eigenvalues);
sigma_i = sqrt(lambda_i) in descending order; u_i = M v_i / sigma_i for sigma_i > 0; when M has
fewer non-zero singular values than rows, U is completed from the null space of M*.  The
reconstruction and the unitarity of U and V are checked.  ``reduced`` gives the thin SVD
(k = min(m, n) columns).
"""
from __future__ import annotations

import sympy as sp

from dataclasses import dataclass
from typing import Any

from symprimer.board import Grid, Number
from symprimer.core.errors import InputError
from symprimer.core.steps import Derivation, Step
from symprimer.linalg.basic.unitary import conjugate_transpose
from symprimer.linalg.spectral.boards import Adjointed, HalfPower, MatrixTimes, Reciprocal, column, multiply
from symprimer.linalg.spectral.diagonalise import diagonal, factorisation, name_step
from symprimer.linalg.spectral.eigen import EigenAnalysis, eigen_analysis
from symprimer.linalg.spectral.numbers import RATIONAL, Numbers, Reduction, eigen_numbers, entry_numbers, wider
from symprimer.linalg.spectral.orthonormal import (
    column_grid,
    columns_grid,
    orthonormal_check,
    orthonormal_eigenvectors,
    orthonormalise,
    star,
)
from symprimer.parse.matrix import parse_matrix
from symprimer.render.notation import to_latex


GRAM_SENTENCE = (
    "Form $M^{*}M$; its eigenvalues are $\\sigma_{i}^{2}$ and its orthonormal eigenvectors are the columns of $V$."
)


def _left_vector_text(i: int) -> str:
    return f"$u_{{{i}}} = M v_{{{i}}} / \\sigma_{{{i}}}$ (a unit vector, since $|M v_{{{i}}}| = \\sigma_{{{i}}}$)."


NO_CLOSED_FORM = (
    "The eigenvalues of $M^{*}M$ have no closed form, so the SVD of $M$ cannot be written exactly by hand "
    "(a numerical SVD gives it to any accuracy)."
)


def _question(reduced) -> str:
    return f"Find the {'thin ' if reduced else ''}singular value decomposition M = U Sigma V* of M."


def _svd_without_closed_form(steps: list[Step], analysis: EigenAnalysis, reduced, base: dict, parse_notes: tuple) -> Derivation:
    """Exit 1 with its reason: the work as far as it goes (M*M and its eigenvalues, as CRootOf)."""
    values = tuple(e.value for e in analysis.spectrum.eigenvalues for _ in range(e.algebraic_multiplicity))
    return Derivation(
        steps=tuple(steps) + analysis.steps,
        result=values,
        result_label="The eigenvalues of $M^{*}M$ have no closed form, so the SVD cannot be written exactly; they are",
        notes=parse_notes + analysis.notes + (NO_CLOSED_FORM,),
        details=(("closed_form", False), ("eigen", analysis.eigen_list()), ("reduced", bool(reduced))),
        answer_exists=False,
        **base,
    )


SINGULAR_VALUES = (
    "The singular values are the square roots of the eigenvalues of $M^{*}M$, in descending order; "
    "the number of non-zero ones is the rank r."
)


def _singular_value_step(i: int, k: int, before, after) -> Step:
    """sigma_i = sqrt(lambda_k): i counts singular values (descending), k the eigenvalues as labelled."""
    return Step(
        "singular_values", f"$\\sigma_{{{i}}} = \\sqrt{{\\lambda_{{{k}}}}}$.",
        before=before, after=after, params=(("index", i), ("eigen_index", k)),
    )


def _right_names(number: int, first: int, count: int) -> list[str]:
    return [f"v_{first + k}" for k in range(count)]


def _right_heading(number: int, space, repeated: bool) -> str:
    return f"Unit eigenvector(s) for the eigenvalue ${to_latex(space.eigenvalue.value)}$ of $M^{{*}}M$" + (
        " (repeated: Gram-Schmidt inside its eigenspace)." if repeated else "."
    )


def derive_svd(inputs: tuple[str, ...], reduced: bool | None = None) -> Derivation:
    parsed = parse_matrix(inputs[0], what="the matrix M")
    matrix = sp.ImmutableMatrix(parsed.value)
    if matrix.free_symbols:
        raise InputError(
            "derive svd needs numeric entries: with symbols in M the singular values cannot be put in "
            "descending order."
        )
    entries = entry_numbers(matrix)
    grid = entries.grid(matrix)
    m_star = star(entries, grid, normal=True)
    gram = Grid(grid.domain, tuple(tuple(entries.normal(e) for e in row) for row in multiply(m_star.rows, grid.rows)))
    steps = [
        conjugate_transpose("M", all(v.is_real for v in matrix), Adjointed(grid), m_star),
        Step("gram_matrix", GRAM_SENTENCE, before=MatrixTimes(grid.domain, (m_star, grid)), after=gram),
    ]
    analysis = eigen_analysis(gram.shown, name="M*M", grid=gram if entries == RATIONAL else None)
    base = dict(kind="svd", question=_question(reduced), given=(("M", matrix),), source=tuple(inputs))
    notes = tuple(parsed.notes) + analysis.notes
    if not analysis.complete:
        return _svd_without_closed_form(steps, analysis, reduced, base, tuple(parsed.notes))
    numbers = wider(entries, eigen_numbers(matrix, analysis.spaces, square_roots=True))
    worked = _worked(numbers, grid.over(numbers.field), m_star.over(numbers.field), analysis)
    steps += [*analysis.steps, *worked.steps]
    m, n = matrix.shape
    roots = numbers.roots
    u = columns_grid(roots, worked.left, m)
    v = columns_grid(roots, worked.right, n)
    sigma = diagonal(roots, worked.sigmas, m, n)
    if reduced:
        k = min(m, n)
        u, v, sigma = u.columns(0, k), v.columns(0, k), Grid(roots, tuple(row[:k] for row in sigma.rows[:k]))
    shape = "thin: k = min(m, n)" if reduced else f"{m} x {n}"
    steps += [
        name_step("U", u, r"The columns of $U$ are $u_{1}, u_{2}, \ldots$ in order."),
        name_step("Sigma", sigma, f"Sigma ({shape}) carries the singular values on its diagonal, largest first."),
        name_step("V", v, r"The columns of $V$ are $v_{1}, v_{2}, \ldots$ in the same order."),
        orthonormal_check(numbers, u, "U"),
        orthonormal_check(numbers, v, "V"),
        Step("svd_check", "Multiply out U Sigma V*: it gives M back.", before=MatrixTimes(roots, (u, sigma, star(numbers, v))), after=grid),
    ]
    details = (
        ("singular_values", [roots.to_sympy(s) for s in worked.sigmas[: min(m, n)]]),
        ("rank", sum(1 for s in worked.sigmas if s != 0)),
        ("reduced", bool(reduced)),
    )
    base["notes"] = notes
    return factorisation(steps, "M = U Sigma V*", (u, sigma, star(numbers, v)), (("U", u), ("S", sigma), ("V", v)), details, base)


@dataclass(frozen=True)
class _Singular:
    """The worked middle of an SVD: its steps, the columns of V and of U, the singular values."""

    steps: tuple[Step, ...]
    right: tuple[list, ...]
    left: tuple[list, ...]
    sigmas: tuple[Any, ...]


def _worked(numbers: Numbers, grid: Grid, m_star: Grid, analysis: EigenAnalysis) -> _Singular:
    """V from the orthonormal eigenvectors of M* M (largest eigenvalue first), the singular values,
    u_i = M v_i / sigma_i, and U completed from the null space of M* when M has too few."""
    roots = numbers.roots
    labels = {e.value: k for k, e in enumerate(analysis.spectrum.eigenvalues, start=1)}
    basis = orthonormal_eigenvectors(numbers, numbers.descending(analysis.spaces), _right_names, _right_heading)
    steps = list(basis.steps)
    sigmas = [numbers.square_root(value) for value in basis.values]
    steps.append(
        Step(
            "singular_values",
            SINGULAR_VALUES,
            substeps=tuple(
                _singular_value_step(i, labels[space.eigenvalue.value], HalfPower(roots, Number(numbers.field, value)), Number(roots, s))
                for i, (value, s, space) in enumerate(zip(basis.values, sigmas, basis.spaces), start=1)
            ),
        )
    )
    left = []
    for i, (sigma, value, v, (w, square)) in enumerate(zip(sigmas, basis.values, basis.units, basis.lengths), start=1):
        if sigma == 0:
            break
        image = [numbers.normal(row[0]) for row in multiply(grid.rows, column(w))]
        u = numbers.unit(image, value * square)
        steps.append(
            Step(
                "left_singular_vector",
                _left_vector_text(i),
                before=MatrixTimes(roots, (Reciprocal(roots, Number(roots, sigma)), grid, column_grid(roots, v))),
                after=column_grid(roots, u),
                params=(("index", i),),
            )
        )
        left.append(u)
    if len(left) < grid.size:
        completion, extra = _complete(numbers, m_star, len(left), grid.size)
        steps.append(completion)
        left.extend(extra)
    return _Singular(tuple(steps), basis.units, tuple(left), tuple(sigmas))


def _complete(numbers: Numbers, m_star: Grid, found: int, m: int) -> tuple[Step, tuple[list, ...]]:
    """The remaining columns of U: an orthonormal basis of the null space of M* (orthogonal to every u_i)."""
    field = numbers.field
    reduction = numbers.row_reduce(m_star, "M*")
    basis = null_space(numbers, reduction, m)
    worked = orthonormalise(numbers, basis, [f"u_{found + 1 + k}" for k in range(len(basis))])
    step = Step(
        "complete_basis",
        f"Only {found} of the {m} columns of $U$ come from $u_{{i}} = M v_{{i}} / \\sigma_{{i}}$; complete $U$ with an "
        "orthonormal basis of the null space of $M^{*}$ (those vectors are orthogonal to the column space of $M$). "
        "Solve $M^{*} x = 0$:",
        before=MatrixTimes(field, (m_star, columns_grid(field, basis, m))),
        after=Grid(field, tuple(tuple(field.zero for _ in basis) for _ in range(m_star.size))),
        substeps=(reduction.step, *worked.steps),
    )
    return step, worked.units


def null_space(numbers: Numbers, reduction: Reduction, n: int) -> list[list]:
    """One basis vector per free column of an RREF (that variable 1, the other free ones 0)."""
    field, rows, pivots = numbers.field, reduction.rows, reduction.pivots
    basis = []
    for free in (j for j in range(n) if j not in pivots):
        entries = [field.zero] * n
        entries[free] = field.one
        for row, pivot in enumerate(pivots):
            entries[pivot] = numbers.normal(-rows[row][free])
        basis.append(entries)
    return basis
