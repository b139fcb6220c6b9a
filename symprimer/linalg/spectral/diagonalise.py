"""``derive diagonalise``: A = P D P^-1 from the worked eigenvectors, checked.

A real symmetric (or Hermitian) matrix gets orthonormal eigenvectors instead, Gram-Schmidt
inside repeated eigenspaces, and A = Q D Q^T (Q D Q*).  A defective matrix is called defective
and not diagonalised (exit status 1: the mathematics says no).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, Callable

import sympy as sp

from symprimer.board import Grid, identity
from symprimer.linalg.spectral.eigen import EigenAnalysis, eigen_analysis, parse_square
from symprimer.linalg.spectral.rational import over_field, rational_grid
from symprimer.linalg.spectral.boards import MatrixTimes, multiply
from symprimer.linalg.spectral.exact import rationalised_matrix
from symprimer.linalg.spectral.orthonormal import (
    orthonormal_check,
    orthonormal_check_on_board,
    orthonormalise,
    orthonormalise_on_board,
)
from symprimer.board.surds import QQ, SURDS, Surd
from symprimer.core.steps import Derivation, Step, shown


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


def orthonormal_eigenvectors(analysis: EigenAnalysis, on_board: bool = False) -> tuple[list[Step], list, list]:
    """Per eigenspace: Gram-Schmidt when repeated, then normalise (distinct eigenspaces are orthogonal).

    ``on_board``: the eigenspaces' exact vectors (surds) instead of their SymPy columns.
    """
    steps: list[Step] = []
    units: list = []
    values: list = []
    for number, space in enumerate(analysis.spaces, start=1):
        basis = [list(v) for v in space.vectors] if on_board else list(space.basis)
        names = [f"v_{number}" if len(basis) == 1 else f"v_{number}{k}" for k in range(1, len(basis) + 1)]
        space_steps, space_units = (orthonormalise_on_board if on_board else orthonormalise)(basis, names)[:2]
        steps.append(
            Step(
                "gram_schmidt" if len(basis) > 1 else "normalise",
                f"Orthonormal basis of the eigenspace of $\\lambda_{{{number}}}$"
                + (" (repeated, so Gram-Schmidt inside it)." if len(basis) > 1 else "."),
                substeps=tuple(space_steps),
            )
        )
        units.extend(space_units)
        values.extend([space.eigenvalue.exact if on_board else space.eigenvalue.value] * len(space_units))
    return steps, units, values


def derive_diagonalise(inputs: tuple[str, ...]) -> Derivation:
    matrix, parse_notes = parse_square(inputs, "diagonalise")
    analysis = eigen_analysis(matrix)
    steps = list(analysis.steps)
    question = r"Diagonalise $A$: find $P$ and $D$ with $A = P D P^{-1}$, or show that none exist."
    base = dict(kind="diagonalise", question=question, given=(("A", matrix),), notes=parse_notes + analysis.notes, source=tuple(inputs))
    if not analysis.complete:
        return _without_closed_form(analysis, steps, base)
    if not analysis.diagonalisable:
        return Derivation(
            steps=tuple(steps),
            result=tuple(e.value for e in analysis.spectrum.eigenvalues),
            result_label="A is defective, so it is not diagonalisable; its distinct eigenvalues",
            answer_exists=False,
            details=(("diagonalisable", False), ("eigen", analysis.eigen_list())),
            **base,
        )
    on_board = all(space.domain in (QQ, SURDS) for space in analysis.spaces)
    if is_hermitian(matrix):
        if on_board and all(space.domain == QQ for space in analysis.spaces):
            return _orthogonal_on_board(matrix, analysis, steps, base)
        return _orthogonal(matrix, analysis, steps, base)
    if on_board:
        return _general_on_board(matrix, analysis, steps, base)
    return _general(matrix, analysis, steps, base)


def _without_closed_form(analysis, steps, base) -> Derivation:
    """Exit 1 with its reason: P and D need the eigenvalues, which have no closed form."""
    why = "the eigenvalues of A have no closed form, so P and D cannot be written exactly by hand"
    if analysis.diagonalisable:
        why = f"A has {analysis.matrix.rows} distinct eigenvalues, so it is diagonalisable, but " + why
    base = dict(base, notes=base["notes"] + (why[0].upper() + why[1:] + " (they are given above exactly, as roots of their factor, with decimals).",))
    return Derivation(
        steps=tuple(steps),
        result=tuple(e.value for e in analysis.spectrum.eigenvalues),
        result_label=why[0].upper() + why[1:] + "; the eigenvalues",
        answer_exists=False,
        details=(("diagonalisable", analysis.diagonalisable), ("closed_form", False), ("eigen", analysis.eigen_list())),
        **base,
    )


def _general(matrix, analysis, steps, base) -> Derivation:
    vectors, values = eigen_columns(analysis)
    p = sp.ImmutableMatrix.hstack(*vectors)
    d = sp.ImmutableMatrix(sp.diag(*values))
    p_inv = rationalised_matrix(p.inv())
    return _p_d_p_inverse(
        analysis, steps, base, _MatrixForms(matrix, p, d, p_inv, sp.eye(p.rows).as_immutable(), rationalised_matrix(p * d), _unevaluated)
    )


def _unevaluated(*factors: sp.MatrixBase) -> sp.MatMul:
    return sp.MatMul(*factors, evaluate=False)


@dataclass(frozen=True)
class _MatrixForms:
    """A, P, D, P^-1, I and P D of one route (SymPy matrices, or boards in exact numbers) and
    how that route writes a product left unmultiplied."""

    a: Any
    p: Any
    d: Any
    p_inv: Any
    identity: Any
    p_d: Any
    times: Callable[..., Any]


def _p_d_p_inverse(analysis, steps, base, forms: _MatrixForms) -> Derivation:
    """The closing steps of A = P D P^-1, the same on both routes: P, D, the checks."""
    times = forms.times
    steps += [
        name_step("P", forms.p, "Put the eigenvectors as the columns of P."),
        name_step("D", forms.d, "Put the eigenvalues, in the same order, on the diagonal of D."),
        Step(
            "inverse_check",
            r"Invert $P$ and check $P P^{-1} = I$.",
            before=times(forms.p, forms.p_inv),
            after=forms.identity,
        ),
        Step("diagonalisation_check", r"Each column satisfies $A v = \lambda v$, so $A P = P D$:", before=times(forms.a, forms.p), after=forms.p_d),
        Step("diagonalisation_check", r"Multiply out $P D P^{-1}$: it gives $A$ back.", before=times(forms.p, forms.d, forms.p_inv), after=forms.a),
    ]
    p, d, p_inv = shown(forms.p), shown(forms.d), shown(forms.p_inv)
    return Derivation(
        steps=tuple(steps),
        result=sp.MatMul(p, d, p_inv, evaluate=False),
        result_label=r"$A = P D P^{-1}$",
        details=(("P", p), ("D", d), ("P_inverse", p_inv), ("diagonalisable", True), ("eigen", analysis.eigen_list())),
        **base,
    )


def _orthogonal(matrix, analysis, steps, base) -> Derivation:
    real = all(v.is_real for v in matrix)
    ortho_steps, units, values = orthonormal_eigenvectors(analysis)
    q = sp.ImmutableMatrix.hstack(*units)
    d = sp.ImmutableMatrix(sp.diag(*values))
    forms = _OrthogonalForms(
        real, sp.ImmutableMatrix(matrix.H), matrix, tuple(ortho_steps), q, d, sp.ImmutableMatrix(q.H), orthonormal_check(q, "Q"), _unevaluated
    )
    return _q_d_q_star(analysis, steps, base, forms)


@dataclass(frozen=True)
class _OrthogonalForms:
    """What A = Q D Q* needs from a route: A* and A, the orthonormalising steps, Q, D, Q*, the
    check Q* Q = I, and how the route writes a product left unmultiplied."""

    real: bool
    a_star: Any
    a: Any
    orthonormal_steps: tuple[Step, ...]
    q: Any
    d: Any
    q_star: Any
    check: Step
    times: Callable[..., Any]


def _q_d_q_star(analysis, steps, base, forms: _OrthogonalForms) -> Derivation:
    """The closing steps of A = Q D Q^T (Q D Q*), the same on both routes."""
    star = "T" if forms.real else "*"
    kind = "real symmetric" if forms.real else "Hermitian"
    steps += [
        Step(
            "statement",
            f"$A$ is {kind} ($A^{{{star}}} = A$): eigenvectors of different eigenvalues are orthogonal, so unit "
            f"eigenvectors give an {'orthogonal' if forms.real else 'unitary'} $Q$ with $Q^{{-1}} = Q^{{{star}}}$.",
            before=forms.a_star,
            after=forms.a,
        ),
        *forms.orthonormal_steps,
        name_step("Q", forms.q, "Put the orthonormal eigenvectors as the columns of Q."),
        name_step("D", forms.d, "Put the eigenvalues, in the same order, on the diagonal of D."),
        forms.check,
        Step(
            "diagonalisation_check",
            f"Multiply out Q D Q^{star}: it gives A back.",
            before=forms.times(forms.q, forms.d, forms.q_star),
            after=forms.a,
        ),
    ]
    q, d, q_star = shown(forms.q), shown(forms.d), shown(forms.q_star)
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
    p_d = Grid(domain, multiply(p.rows, d.rows))
    return _p_d_p_inverse(analysis, steps, base, _MatrixForms(a, p, d, p_inv, identity(QQ, n), p_d, partial(_times, domain)))


def _times(domain, *factors):
    return MatrixTimes(domain, factors)


def _orthogonal_on_board(matrix, analysis, steps, base) -> Derivation:
    """``_orthogonal`` for a real symmetric matrix with rational eigenvalues, in exact numbers."""
    grid = rational_grid(matrix)
    ortho_steps, units, values = orthonormal_eigenvectors(analysis, on_board=True)
    n = len(values)
    q = Grid(SURDS, tuple(tuple(u[i] for u in units) for i in range(n)))
    d = Grid(SURDS, tuple(tuple(Surd.of(values[i]) if i == j else SURDS.zero for j in range(n)) for i in range(n)))
    forms = _OrthogonalForms(
        True, grid.transposed(), grid, tuple(ortho_steps), q, d, q.transposed(), orthonormal_check_on_board(q, "Q"), partial(_times, SURDS)
    )
    return _q_d_q_star(analysis, steps, base, forms)
