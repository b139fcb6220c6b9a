"""``derive diagonalise``: A = P D P^-1 from the worked eigenvectors, checked.

A real symmetric (or Hermitian) matrix gets orthonormal eigenvectors instead, Gram-Schmidt
inside repeated eigenspaces, and A = Q D Q^T (Q D Q*).  A defective matrix is called defective
and not diagonalised (exit status 1: the mathematics says no).  Both are written once over the
numbers of the eigenspaces (``spectral.numbers``), chosen once the eigenvectors are known.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from symprimer.board import Grid, identity
from symprimer.core.steps import Derivation, Step, shown
from symprimer.linalg.spectral.boards import MatrixTimes, multiply
from symprimer.linalg.spectral.eigen import EigenAnalysis, eigen_analysis, parse_square
from symprimer.linalg.spectral.numbers import Numbers, eigen_numbers
from symprimer.linalg.spectral.orthonormal import columns_grid, orthonormal_check, orthonormal_eigenvectors, star


def is_hermitian(matrix: sp.ImmutableMatrix) -> bool:
    """Numeric entries with A* = A (real symmetric included); symbolic ones use the general route."""
    return not matrix.free_symbols and matrix == sp.ImmutableMatrix(matrix.H)


def name_step(name: str, value: Any, text: str) -> Step:
    return Step("assemble", text, before=sp.Symbol(name), after=value, relation=":=")


def diagonal(domain: Any, values: list, rows: int, cols: int) -> Grid:
    """values on the diagonal of a rows x cols board, zeros elsewhere."""
    convert = domain.convert
    return Grid(domain, tuple(tuple(convert(values[i]) if i == j else domain.zero for j in range(cols)) for i in range(rows)))


def factorisation(steps: list[Step], result_label: str, product: tuple, named: tuple, details: tuple, base: dict) -> Derivation:
    """A worked factorisation A = X Y Z: the product of the boards ``product`` as the result, the
    boards ``named`` (key, board) shown in the details first."""
    return Derivation(
        steps=tuple(steps),
        result=sp.MatMul(*(shown(board) for board in product), evaluate=False),
        result_label=result_label,
        details=tuple((key, shown(board)) for key, board in named) + details,
        **base,
    )


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
    hermitian = is_hermitian(matrix)
    numbers = eigen_numbers(matrix, analysis.spaces, square_roots=hermitian)
    return (_orthogonal if hermitian else _general)(numbers, matrix, analysis, steps, base)


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


def _general(numbers: Numbers, matrix: sp.ImmutableMatrix, analysis: EigenAnalysis, steps: list[Step], base: dict) -> Derivation:
    """A = P D P^-1 with the eigenvectors as they were found: P, D, P^-1 and every check."""
    field = numbers.field
    vectors, values = [], []
    for space in analysis.spaces:
        basis = numbers.basis(space)
        vectors.extend(basis)
        values.extend([numbers.eigenvalue(space)] * len(basis))
    n = len(values)
    a = numbers.grid(matrix)
    p = columns_grid(field, vectors, n)
    d = diagonal(field, values, n, n)
    p_inv = Grid(field, numbers.inverse(p.rows))
    p_d = Grid(field, tuple(tuple(numbers.normal(e) for e in row) for row in multiply(p.rows, d.rows)))

    def times(*factors):
        return MatrixTimes(field, factors)

    steps += [
        name_step("P", p, "Put the eigenvectors as the columns of P."),
        name_step("D", d, "Put the eigenvalues, in the same order, on the diagonal of D."),
        Step("inverse_check", r"Invert $P$ and check $P P^{-1} = I$.", before=times(p, p_inv), after=identity(sp.QQ, n)),
        Step("diagonalisation_check", r"Each column satisfies $A v = \lambda v$, so $A P = P D$:", before=times(a, p), after=p_d),
        Step("diagonalisation_check", r"Multiply out $P D P^{-1}$: it gives $A$ back.", before=times(p, d, p_inv), after=a),
    ]
    details = (("diagonalisable", True), ("eigen", analysis.eigen_list()))
    return factorisation(steps, r"$A = P D P^{-1}$", (p, d, p_inv), (("P", p), ("D", d), ("P_inverse", p_inv)), details, base)


def _orthogonal(numbers: Numbers, matrix: sp.ImmutableMatrix, analysis: EigenAnalysis, steps: list[Step], base: dict) -> Derivation:
    """A = Q D Q* with orthonormal eigenvectors (Q D Q^T for a real symmetric A)."""
    real = all(v.is_real for v in matrix)
    a = numbers.grid(matrix)
    basis = orthonormal_eigenvectors(numbers, analysis.spaces, _eigenspace_names, _eigenspace_heading)
    roots = numbers.roots
    n = len(basis.values)
    q = columns_grid(roots, basis.units, n)
    d = diagonal(roots, list(basis.values), n, n)
    q_star = star(numbers, q)
    mark = "T" if real else "*"

    kind = "real symmetric" if real else "Hermitian"
    steps += [
        Step(
            "statement",
            f"$A$ is {kind} ($A^{{{mark}}} = A$): eigenvectors of different eigenvalues are orthogonal, so unit "
            f"eigenvectors give an {'orthogonal' if real else 'unitary'} $Q$ with $Q^{{-1}} = Q^{{{mark}}}$.",
            before=star(numbers, a),
            after=a,
        ),
        *basis.steps,
        name_step("Q", q, "Put the orthonormal eigenvectors as the columns of Q."),
        name_step("D", d, "Put the eigenvalues, in the same order, on the diagonal of D."),
        orthonormal_check(numbers, q, "Q"),
        Step(
            "diagonalisation_check",
            f"Multiply out Q D Q^{mark}: it gives A back.",
            before=MatrixTimes(roots, (q, d, q_star)),
            after=a,
        ),
    ]
    named = (("Q", q), ("D", d), ("P", q), ("P_inverse", q_star))
    details = (("orthonormal", True), ("diagonalisable", True), ("eigen", analysis.eigen_list()))
    return factorisation(steps, f"A = Q D Q^{mark}", (q, d, q_star), named, details, base)


def _eigenspace_names(number: int, first: int, count: int) -> list[str]:
    return [f"v_{number}" if count == 1 else f"v_{number}{k}" for k in range(1, count + 1)]


def _eigenspace_heading(number: int, space: Any, repeated: bool) -> str:
    return f"Orthonormal basis of the eigenspace of $\\lambda_{{{number}}}$" + (
        " (repeated, so Gram-Schmidt inside it)." if repeated else "."
    )
