"""``derive diagonalise``: A = P D P^-1 from the worked eigenvectors, checked.

A real symmetric (or Hermitian) matrix gets orthonormal eigenvectors instead, Gram-Schmidt
inside repeated eigenspaces, and A = Q D Q^T (Q D Q*).  A defective matrix is called defective
and not diagonalised (exit status 1: the mathematics says no).
"""
from __future__ import annotations

import sympy as sp

from symprimer.board import Grid, identity
from symprimer.errors import NoAnswer
from symprimer.linalg.eigen import EigenAnalysis, eigen_analysis, parse_square
from symprimer.linalg.eigen_rational import over_field, rational_grid
from symprimer.linalg.eigen_boards import MatrixTimes, multiply
from symprimer.linalg.eigen_exact import tidy_matrix
from symprimer.linalg.eigen_orthonormal import (
    orthonormal_check,
    orthonormal_check_on_board,
    orthonormalise,
    orthonormalise_on_board,
)
from symprimer.linalg.eigen_surds import QQ, SURDS, Surd
from symprimer.steps import Derivation, Step


def is_hermitian(matrix: sp.ImmutableMatrix) -> bool:
    """Numeric entries with A* = A (real symmetric included); symbolic ones use the general route."""
    return not matrix.free_symbols and matrix == sp.ImmutableMatrix(matrix.H)


def name_step(name: str, value: sp.ImmutableMatrix, text: str) -> Step:
    return Step("assemble", text, before=sp.Symbol(name), after=value, relation=":=")


def eigen_columns(analysis: EigenAnalysis) -> tuple[list[sp.ImmutableMatrix], list[sp.Expr]]:
    vectors, values = [], []
    for space in analysis.spaces:
        for v in space.basis:
            vectors.append(v)
            values.append(space.eigenvalue.value)
    return vectors, values


def orthonormal_eigenvectors(analysis: EigenAnalysis) -> tuple[list[Step], list[sp.ImmutableMatrix], list[sp.Expr]]:
    """Per eigenspace: Gram-Schmidt when repeated, then normalise (distinct eigenspaces are orthogonal)."""
    steps: list[Step] = []
    units: list[sp.ImmutableMatrix] = []
    values: list[sp.Expr] = []
    for number, space in enumerate(analysis.spaces, start=1):
        names = [f"v_{number}" if len(space.basis) == 1 else f"v_{number}{k}" for k in range(1, len(space.basis) + 1)]
        space_steps, space_units = orthonormalise(list(space.basis), names)
        steps.append(
            Step(
                "gram_schmidt" if len(space.basis) > 1 else "normalise",
                f"Orthonormal basis of the eigenspace of lambda_{number}"
                + (" (repeated, so Gram-Schmidt inside it)." if len(space.basis) > 1 else "."),
                substeps=tuple(space_steps),
            )
        )
        units.extend(space_units)
        values.extend([space.eigenvalue.value] * len(space_units))
    return steps, units, values


def derive_diagonalise(inputs: tuple[str, ...]) -> Derivation:
    matrix, parse_notes = parse_square(inputs, "diagonalise")
    analysis = eigen_analysis(matrix)
    if not analysis.complete:
        raise NoAnswer(
            "the eigenvalues of the matrix A have no closed form, so P and D cannot be written exactly by hand "
            "(derive eigen A gives them as CRootOf with decimals)."
        )
    steps = list(analysis.steps)
    question = "Diagonalise A: find P and D with A = P D P^-1, or show that none exist."
    base = dict(kind="diagonalise", question=question, given=(("A", matrix),), notes=parse_notes + analysis.notes, source=tuple(inputs))
    if not analysis.diagonalisable:
        return Derivation(
            steps=tuple(steps),
            result=tuple(e.value for e in analysis.spectrum.eigenvalues),
            result_label="A is defective, so it is not diagonalisable; its distinct eigenvalues",
            answer_exists=False,
            details=(("diagonalisable", False), ("eigen", analysis.eigen_list())),
            **base,
        )
    on_board = all(space.domain is not None for space in analysis.spaces)
    if is_hermitian(matrix):
        if on_board and all(space.domain == QQ for space in analysis.spaces):
            return _orthogonal_on_board(matrix, analysis, steps, base)
        return _orthogonal(matrix, analysis, steps, base)
    if on_board:
        return _general_on_board(matrix, analysis, steps, base)
    return _general(matrix, analysis, steps, base)


def _general(matrix, analysis, steps, base) -> Derivation:
    vectors, values = eigen_columns(analysis)
    p = sp.ImmutableMatrix.hstack(*vectors)
    d = sp.ImmutableMatrix(sp.diag(*values))
    p_inv = tidy_matrix(p.inv())
    steps += [
        name_step("P", p, "Put the eigenvectors as the columns of P."),
        name_step("D", d, "Put the eigenvalues, in the same order, on the diagonal of D."),
        Step(
            "inverse_check",
            "Invert P (derive inverse shows the adjoint method) and check P P^-1 = I.",
            before=sp.MatMul(p, p_inv, evaluate=False),
            after=sp.eye(p.rows).as_immutable(),
        ),
        Step(
            "diagonalisation_check",
            "Each column satisfies A v = lambda v, so A P = P D:",
            before=sp.MatMul(matrix, p, evaluate=False),
            after=tidy_matrix(p * d),
        ),
        Step(
            "diagonalisation_check",
            "Multiply out P D P^-1: it gives A back.",
            before=sp.MatMul(p, d, p_inv, evaluate=False),
            after=matrix,
        ),
    ]
    return Derivation(
        steps=tuple(steps),
        result=sp.MatMul(p, d, p_inv, evaluate=False),
        result_label="A = P D P^-1",
        details=(("P", p), ("D", d), ("P_inverse", p_inv), ("diagonalisable", True), ("eigen", analysis.eigen_list())),
        **base,
    )


def _orthogonal(matrix, analysis, steps, base) -> Derivation:
    real = all(v.is_real for v in matrix)
    star = "T" if real else "*"
    ortho_steps, units, values = orthonormal_eigenvectors(analysis)
    q = sp.ImmutableMatrix.hstack(*units)
    d = sp.ImmutableMatrix(sp.diag(*values))
    q_star = sp.ImmutableMatrix(q.H)
    kind = "real symmetric" if real else "Hermitian"
    steps += [
        Step(
            "statement",
            f"A is {kind} (A^{star} = A): eigenvectors of different eigenvalues are orthogonal, so unit "
            f"eigenvectors give an {'orthogonal' if real else 'unitary'} Q with Q^-1 = Q^{star}.",
            before=sp.ImmutableMatrix(matrix.H),
            after=matrix,
        ),
        *ortho_steps,
        name_step("Q", q, "Put the orthonormal eigenvectors as the columns of Q."),
        name_step("D", d, "Put the eigenvalues, in the same order, on the diagonal of D."),
        orthonormal_check(q, "Q"),
        Step(
            "diagonalisation_check",
            f"Multiply out Q D Q^{star}: it gives A back.",
            before=sp.MatMul(q, d, q_star, evaluate=False),
            after=matrix,
        ),
    ]
    return Derivation(
        steps=tuple(steps),
        result=sp.MatMul(q, d, q_star, evaluate=False),
        result_label=f"A = Q D Q^{star}",
        details=(("Q", q), ("D", d), ("P", q), ("P_inverse", q_star), ("orthonormal", True), ("diagonalisable", True), ("eigen", analysis.eigen_list())),
        **base,
    )


# ---------------------------------------------------------------- on the board: exact numbers


def inverse_rows(rows, domain):
    """M^-1 of an invertible explicit matrix by Gauss-Jordan in exact numbers."""
    n = len(rows)
    work = [list(row) + [domain.one if i == j else domain.zero for j in range(n)] for i, row in enumerate(rows)]
    for col in range(n):
        pivot = next(r for r in range(col, n) if work[r][col])
        work[col], work[pivot] = work[pivot], work[col]
        factor = 1 / work[col][col]
        work[col] = [x * factor if x else x for x in work[col]]
        for r in range(n):
            if r != col and work[r][col]:
                k = work[r][col]
                work[r] = [x - k * y if y else x for x, y in zip(work[r], work[col])]
    return tuple(tuple(row[n:]) for row in work)


def _columns(analysis: EigenAnalysis):
    vectors, values = [], []
    for space in analysis.spaces:
        for v in space.vectors:
            vectors.append(v)
            values.append(space.eigenvalue.exact)
    return vectors, values


def _domain_of(values) -> object:
    return SURDS if any(isinstance(v, Surd) for v in values) else QQ


def _in(domain, x):
    return Surd.of(x) if domain == SURDS else x


def _general_on_board(matrix, analysis, steps, base) -> Derivation:
    """``_general`` with P, D and P^-1 in exact numbers and every check a product worked exactly."""
    vectors, values = _columns(analysis)
    domain = _domain_of(values)
    n = len(values)
    p = Grid(domain, tuple(tuple(_in(domain, v[i]) for v in vectors) for i in range(n)))
    d = Grid(domain, tuple(tuple(_in(domain, values[i]) if i == j else domain.zero for j in range(n)) for i in range(n)))
    p_inv = Grid(domain, inverse_rows(p.rows, domain))
    a = over_field(rational_grid(matrix), domain)
    steps += [
        name_step("P", p, "Put the eigenvectors as the columns of P."),
        name_step("D", d, "Put the eigenvalues, in the same order, on the diagonal of D."),
        Step(
            "inverse_check",
            "Invert P (derive inverse shows the adjoint method) and check P P^-1 = I.",
            before=MatrixTimes(domain, (p, p_inv)),
            after=identity(QQ, n),
        ),
        Step(
            "diagonalisation_check",
            "Each column satisfies A v = lambda v, so A P = P D:",
            before=MatrixTimes(domain, (a, p)),
            after=Grid(domain, multiply(p.rows, d.rows)),
        ),
        Step("diagonalisation_check", "Multiply out P D P^-1: it gives A back.", before=MatrixTimes(domain, (p, d, p_inv)), after=a),
    ]
    shown_p, shown_d, shown_inv = p.shown, d.shown, p_inv.shown
    return Derivation(
        steps=tuple(steps),
        result=sp.MatMul(shown_p, shown_d, shown_inv, evaluate=False),
        result_label="A = P D P^-1",
        details=(("P", shown_p), ("D", shown_d), ("P_inverse", shown_inv), ("diagonalisable", True), ("eigen", analysis.eigen_list())),
        **base,
    )


def _orthogonal_on_board(matrix, analysis, steps, base) -> Derivation:
    """``_orthogonal`` for a real symmetric matrix with rational eigenvalues, in exact numbers."""
    grid = rational_grid(matrix)
    ortho_steps: list[Step] = []
    units, values = [], []
    for number, space in enumerate(analysis.spaces, start=1):
        names = [f"v_{number}" if len(space.vectors) == 1 else f"v_{number}{k}" for k in range(1, len(space.vectors) + 1)]
        space_steps, space_units, _ = orthonormalise_on_board([list(v) for v in space.vectors], names)
        ortho_steps.append(
            Step(
                "gram_schmidt" if len(space.vectors) > 1 else "normalise",
                f"Orthonormal basis of the eigenspace of lambda_{number}"
                + (" (repeated, so Gram-Schmidt inside it)." if len(space.vectors) > 1 else "."),
                substeps=tuple(space_steps),
            )
        )
        units.extend(space_units)
        values.extend([space.eigenvalue.exact] * len(space_units))
    n = len(values)
    q = Grid(SURDS, tuple(tuple(u[i] for u in units) for i in range(n)))
    d = Grid(SURDS, tuple(tuple(Surd.of(values[i]) if i == j else SURDS.zero for j in range(n)) for i in range(n)))
    q_star = q.transposed()
    steps += [
        Step(
            "statement",
            "A is real symmetric (A^T = A): eigenvectors of different eigenvalues are orthogonal, so unit "
            "eigenvectors give an orthogonal Q with Q^-1 = Q^T.",
            before=grid.transposed(),
            after=grid,
        ),
        *ortho_steps,
        name_step("Q", q, "Put the orthonormal eigenvectors as the columns of Q."),
        name_step("D", d, "Put the eigenvalues, in the same order, on the diagonal of D."),
        orthonormal_check_on_board(q, "Q"),
        Step("diagonalisation_check", "Multiply out Q D Q^T: it gives A back.", before=MatrixTimes(SURDS, (q, d, q_star)), after=grid),
    ]
    shown_q, shown_d, shown_star = q.shown, d.shown, q_star.shown
    return Derivation(
        steps=tuple(steps),
        result=sp.MatMul(shown_q, shown_d, shown_star, evaluate=False),
        result_label="A = Q D Q^T",
        details=(("Q", shown_q), ("D", shown_d), ("P", shown_q), ("P_inverse", shown_star), ("orthonormal", True), ("diagonalisable", True), ("eigen", analysis.eigen_list())),
        **base,
    )
