"""``derive svd``: M = U Sigma V* by hand, the deck's way.

The eigen-decomposition of M* M gives V (orthonormal eigenvectors) and sigma_i^2 (eigenvalues);
sigma_i = sqrt(lambda_i) in descending order; u_i = M v_i / sigma_i for sigma_i > 0; when M has
fewer non-zero singular values than rows, U is completed from the null space of M*.  The
reconstruction and the unitarity of U and V are checked.  ``reduced`` gives the thin SVD
(k = min(m, n) columns).
"""
from __future__ import annotations

import sympy as sp

from symprimer.render.notation import to_latex

from symprimer.board import Grid, Number
from symprimer.core.errors import InputError
from symprimer.linalg.spectral.diagonalise import name_step
from symprimer.linalg.spectral.eigen import eigen_analysis
from symprimer.linalg.spectral.rational import rational_grid
from symprimer.linalg.spectral.boards import Adjointed, HalfPower, MatrixTimes, Reciprocal, column, conjugate, multiply
from symprimer.linalg.spectral.exact import rationalised, rationalised_matrix
from symprimer.linalg.spectral.orthonormal import (
    board_column,
    orthonormal_check,
    orthonormal_check_on_board,
    orthonormalise,
    orthonormalise_on_board,
    orthonormalise_with_lengths,
    scaled,
)
from symprimer.board.surds import SURDS, Surd, square_root, to_sympy
from symprimer.linalg.spectral.vectors import null_space_from_rref
from symprimer.linalg.rows.rref import rref_grid_steps, rref_steps
from symprimer.linalg.basic.unitary import conjugate_transpose, conjugate_transpose_step
from symprimer.parse.matrix import parse_matrix
from symprimer.core.steps import Derivation, Step


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


def _svd_without_closed_form(matrix, steps, analysis, reduced, parse_notes: tuple, inputs: tuple) -> Derivation:
    """Exit 1 with its reason: the work as far as it goes (M*M and its eigenvalues, as CRootOf)."""
    values = tuple(e.value for e in analysis.spectrum.eigenvalues for _ in range(e.algebraic_multiplicity))
    return Derivation(
        kind="svd",
        question=_question(reduced),
        given=(("M", matrix),),
        steps=tuple(steps) + analysis.steps,
        result=values,
        result_label="The eigenvalues of $M^{*}M$ have no closed form, so the SVD cannot be written exactly; they are",
        notes=parse_notes + analysis.notes + (NO_CLOSED_FORM,),
        details=(("closed_form", False), ("eigen", analysis.eigen_list()), ("reduced", bool(reduced))),
        answer_exists=False,
        source=inputs,
    )


def _right_vectors(analysis, on_board: bool = False) -> tuple[list[Step], list, list, list, list]:
    """Orthonormal eigenvectors of M* M, eigenspace by eigenspace, largest eigenvalue first.

    ``on_board``: from the eigenspaces' exact vectors (surds), values exact, instead of SymPy's.
    Also returns, per vector, the number k of its eigenvalue lambda_k as the eigen steps label it
    (ascending), so sigma_i = sqrt(lambda_k) names the eigenvalue the reader saw.
    """
    numbers = {e.value: k for k, e in enumerate(analysis.spectrum.eigenvalues, start=1)}
    if on_board:
        spaces = sorted(analysis.spaces, key=lambda s: -s.eigenvalue.exact)
    else:
        spaces = sorted(analysis.spaces, key=lambda s: -sp.N(s.eigenvalue.value, 30))
    steps, values, vectors, raw, labels = [], [], [], [], []
    count = 0
    for space in spaces:
        basis = [list(v) for v in space.vectors] if on_board else list(space.basis)
        names = [f"v_{count + k}" for k in range(1, len(basis) + 1)]
        count += len(basis)
        space_steps, units, lengths = (orthonormalise_on_board if on_board else orthonormalise_with_lengths)(basis, names)
        raw.extend(lengths)
        steps.append(
            Step(
                "gram_schmidt" if len(units) > 1 else "normalise",
                f"Unit eigenvector(s) for the eigenvalue ${to_latex(space.eigenvalue.value)}$ of $M^{{*}}M$"
                + (" (repeated: Gram-Schmidt inside its eigenspace)." if len(units) > 1 else "."),
                substeps=tuple(space_steps),
            )
        )
        values.extend([space.eigenvalue.exact if on_board else space.eigenvalue.value] * len(units))
        labels.extend([numbers[space.eigenvalue.value]] * len(units))
        vectors.extend(units)
    return steps, values, vectors, raw, labels


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


def _singular_values_step(values: list[sp.Expr], labels: list[int]) -> tuple[Step, list[sp.Expr]]:
    sigmas = [rationalised(sp.sqrt(v)) for v in values]
    substeps = tuple(
        _singular_value_step(i, k, sp.Pow(v, sp.Rational(1, 2), evaluate=False), s)
        for i, (v, s, k) in enumerate(zip(values, sigmas, labels), start=1)
    )
    return Step("singular_values", SINGULAR_VALUES, substeps=substeps), sigmas


def _left_vectors(matrix, sigmas, values, vectors, raw) -> tuple[list[Step], list[sp.ImmutableMatrix]]:
    """u_i = M v_i / sigma_i, computed as M w_i / sqrt(lambda_i ||w_i||^2) to stay compact."""
    steps, units = [], []
    for i, (sigma, value, v, (w, square)) in enumerate(zip(sigmas, values, vectors, raw), start=1):
        if sigma == 0:
            break
        u = scaled(rationalised_matrix(matrix * w), value * square)
        steps.append(
            Step(
                "left_singular_vector",
                _left_vector_text(i),
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
        f"Only {len(units)} of the {m} columns of $U$ come from $u_{{i}} = M v_{{i}} / \\sigma_{{i}}$; complete $U$ with an "
        "orthonormal basis of the null space of $M^{*}$ (those vectors are orthogonal to the column space of $M$). "
        "Solve $M^{*} x = 0$:",
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
    worked = svd_on_board(matrix, reduced, tuple(parsed.notes), tuple(inputs))
    if worked is not None:
        return worked
    m, n = matrix.shape
    star_step, star = conjugate_transpose_step(matrix, "M")
    gram = rationalised_matrix(star * matrix)
    steps = [
        star_step,
        Step(
            "gram_matrix",
            GRAM_SENTENCE,
            before=sp.MatMul(star, matrix, evaluate=False),
            after=gram,
        ),
    ]
    analysis = eigen_analysis(gram, name="M*M")
    if not analysis.complete:
        return _svd_without_closed_form(matrix, steps, analysis, reduced, tuple(parsed.notes), tuple(inputs))
    steps += analysis.steps
    v_steps, values, v_vectors, raw, labels = _right_vectors(analysis)
    steps += v_steps
    sigma_step, sigmas = _singular_values_step(values, labels)
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
        name_step("U", u, r"The columns of $U$ are $u_{1}, u_{2}, \ldots$ in order."),
        name_step("Sigma", sigma, f"Sigma ({shape}) carries the singular values on its diagonal, largest first."),
        name_step("V", v, r"The columns of $V$ are $v_{1}, v_{2}, \ldots$ in the same order."),
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
        question=_question(reduced),
        given=(("M", matrix),),
        steps=tuple(steps),
        result=sp.MatMul(u, sigma, v_star, evaluate=False),
        result_label="M = U Sigma V*",
        notes=tuple(parsed.notes) + analysis.notes,
        details=(("U", u), ("S", sigma), ("V", v), ("singular_values", sigmas[: min(m, n)]), ("rank", rank), ("reduced", bool(reduced))),
        source=tuple(inputs),
    )


# ---------------------------------------------------------------- on the board: exact surds


def svd_on_board(matrix: sp.ImmutableMatrix, reduced, parse_notes: tuple, inputs: tuple) -> Derivation | None:
    """The same derivation worked in exact numbers, for a rational M whose M*M has rational
    eigenvalues (its lengths and singular values are then square roots of rationals); None
    leaves M to the SymPy route."""
    grid = rational_grid(matrix)
    if grid is None:
        return None
    domain = grid.domain
    m, n = matrix.shape
    star = grid.transposed()
    gram = Grid(domain, multiply(star.rows, grid.rows))
    analysis = eigen_analysis(gram.shown, name="M*M", grid=gram)
    if not analysis.complete:
        gram_steps = [
            conjugate_transpose("M", True, Adjointed(grid), star),
            Step("gram_matrix", GRAM_SENTENCE, before=MatrixTimes(domain, (star, grid)), after=gram),
        ]
        return _svd_without_closed_form(matrix, gram_steps, analysis, reduced, parse_notes, inputs)
    if any(isinstance(s.eigenvalue.exact, Surd) or s.eigenvalue.exact is None for s in analysis.spaces):
        return None
    star_step = conjugate_transpose("M", True, Adjointed(grid), star)
    steps = [
        star_step,
        Step(
            "gram_matrix",
            GRAM_SENTENCE,
            before=MatrixTimes(domain, (star, grid)),
            after=gram,
        ),
        *analysis.steps,
    ]
    right_steps, values, v_vectors, raw, labels = _right_vectors(analysis, on_board=True)
    steps.extend(right_steps)
    sigmas = [square_root(v) for v in values]
    steps.append(
        Step(
            "singular_values",
            SINGULAR_VALUES,
            substeps=tuple(
                _singular_value_step(i, k, HalfPower(SURDS, Number(sp.QQ, v)), Number(SURDS, s))
                for i, (v, s, k) in enumerate(zip(values, sigmas, labels), start=1)
            ),
        )
    )
    u_vectors = []
    for i, (sigma, value, v, (w, square)) in enumerate(zip(sigmas, values, v_vectors, raw), start=1):
        if not sigma:
            break
        image = [row[0] for row in multiply(grid.rows, column(w))]
        factor = 1 / square_root(value * square)
        u = [e * factor if e else Surd.of(0) for e in image]
        steps.append(
            Step(
                "left_singular_vector",
                _left_vector_text(i),
                before=MatrixTimes(SURDS, (Reciprocal(SURDS, Number(SURDS, sigma)), grid, board_column(v))),
                after=board_column(u),
                params=(("index", i),),
            )
        )
        u_vectors.append(u)
    extra = []
    if len(u_vectors) < m:
        reduction = rref_grid_steps(star.over(sp.QQ), name="M*")
        basis = null_space_on_board(reduction)
        start = len(u_vectors) + 1
        ortho_steps, extra, _ = orthonormalise_on_board(basis, [f"u_{start + k}" for k in range(len(basis))])
        steps.append(
            Step(
                "complete_basis",
                f"Only {len(u_vectors)} of the {m} columns of $U$ come from $u_{{i}} = M v_{{i}} / \\sigma_{{i}}$; complete $U$ with an "
                "orthonormal basis of the null space of $M^{*}$ (those vectors are orthogonal to the column space of $M$). "
                "Solve $M^{*} x = 0$:",
                before=MatrixTimes(sp.QQ, (star.over(sp.QQ), Grid(sp.QQ, tuple(zip(*basis))))),
                after=Grid(sp.QQ, tuple(tuple(sp.QQ.zero for _ in basis) for _ in range(n))),
                substeps=(reduction.step, *ortho_steps),
            )
        )
    zero = Surd.of(0)
    u = Grid(SURDS, tuple(zip(*(u_vectors + extra))))
    v = Grid(SURDS, tuple(zip(*v_vectors)))
    sigma = Grid(SURDS, tuple(tuple(sigmas[i] if i == j else zero for j in range(n)) for i in range(m)))
    if reduced:
        k = min(m, n)
        u, v = u.columns(0, k), v.columns(0, k)
        sigma = Grid(SURDS, tuple(row[:k] for row in sigma.rows[:k]))
    v_star = Grid(SURDS, tuple(tuple(conjugate(e) for e in col) for col in zip(*v.rows)))
    shape = "thin: k = min(m, n)" if reduced else f"{m} x {n}"
    steps += [
        name_step("U", u, r"The columns of $U$ are $u_{1}, u_{2}, \ldots$ in order."),
        name_step("Sigma", sigma, f"Sigma ({shape}) carries the singular values on its diagonal, largest first."),
        name_step("V", v, r"The columns of $V$ are $v_{1}, v_{2}, \ldots$ in the same order."),
        orthonormal_check_on_board(u, "U"),
        orthonormal_check_on_board(v, "V"),
        Step("svd_check", "Multiply out U Sigma V*: it gives M back.", before=MatrixTimes(SURDS, (u, sigma, v_star)), after=grid),
    ]
    shown_u, shown_sigma, shown_v = u.shown, sigma.shown, v.shown
    rank = sum(1 for s in sigmas if s)
    return Derivation(
        kind="svd",
        question=_question(reduced),
        given=(("M", matrix),),
        steps=tuple(steps),
        result=sp.MatMul(shown_u, shown_sigma, v_star.shown, evaluate=False),
        result_label="M = U Sigma V*",
        notes=parse_notes + analysis.notes,
        details=(
            ("U", shown_u), ("S", shown_sigma), ("V", shown_v),
            ("singular_values", [to_sympy(s) for s in sigmas[: min(m, n)]]), ("rank", rank), ("reduced", bool(reduced)),
        ),
        source=inputs,
    )


def null_space_on_board(reduction) -> list[list]:
    """One basis vector per free column of an exact RREF (that variable 1, the other free ones 0)."""
    rows, pivots = reduction.rref.rows, reduction.pivots
    n = reduction.rref.cols
    basis = []
    for free in (j for j in range(n) if j not in pivots):
        entries = [sp.QQ.zero] * n
        entries[free] = sp.QQ.one
        for row, pivot in enumerate(pivots):
            entries[pivot] = -rows[row][free]
        basis.append(entries)
    return basis
