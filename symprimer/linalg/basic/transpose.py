"""The transpose (A^T)_ij = A_ji, what it tells about A, and the symmetric + antisymmetric split.

Each property is a checked claim: "A is symmetric" is the step A^T = A, "A is not
symmetric" the step A^T != A.  With complex entries the conjugate transpose A* joins in
(Hermitian, skew-Hermitian, unitary).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp

from symprimer.exact.equality import values_equal
from symprimer.linalg.basic.unitary import conjugate_transpose
from symprimer.linalg.basic.matrices import board_difference, board_product, merged_notes, read_matrices, shape_latex
from symprimer.core.steps import Derivation, Step

HALF = sp.Rational(1, 2)


@dataclass(frozen=True)
class Property:
    """A property tested as the claim ``left == right`` (shown as ``=`` or ``!=``)."""

    name: str
    sides: Callable[[sp.ImmutableMatrix], tuple[sp.Basic, sp.Basic]]
    holds: str  # why it holds, e.g. "A^T = A"
    fails: str  # why not, e.g. "A^T != A"


def _identity_like(matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(sp.eye(matrix.rows))


def _negated(matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(-matrix)


def _diagonal_part(matrix: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(sp.diag(*[matrix[i, i] for i in range(matrix.rows)]))


SQUARE_PROPERTIES = (
    Property("diagonal", lambda m: (m, _diagonal_part(m)), "every entry off the diagonal is 0", "an entry off the diagonal is not 0"),
    Property("the identity", lambda m: (m, _identity_like(m)), "$A = I$", r"$A \neq I$"),
    Property("symmetric", lambda m: (sp.Transpose(m), m), "$A^{T} = A$", r"$A^{T} \neq A$"),
    Property("antisymmetric", lambda m: (sp.Transpose(m), _negated(m)), "$A^{T} = -A$", r"$A^{T} \neq -A$"),
)

COMPLEX_PROPERTIES = (
    Property("Hermitian", lambda m: (sp.Adjoint(m), m), "$A^{*} = A$", r"$A^{*} \neq A$"),
    Property("skew-Hermitian", lambda m: (sp.Adjoint(m), _negated(m)), "$A^{*} = -A$", r"$A^{*} \neq -A$"),
    Property("unitary", lambda m: (sp.MatMul(sp.Adjoint(m), m), _identity_like(m)), "$A^{*} A = I$", r"$A^{*} A \neq I$"),
)


def has_complex_entries(matrix: sp.MatrixBase) -> bool:
    return any(entry.has(sp.I) for entry in matrix)


def property_step(prop: Property, matrix: sp.ImmutableMatrix) -> tuple[Step, bool]:
    """The checked claim for one property, and whether it holds."""
    left, right = prop.sides(matrix)
    holds = values_equal(left, right)
    verdict = "is" if holds else "is not"
    text = f"$A$ {verdict} {prop.name}: {prop.holds if holds else prop.fails}."
    params = (("property", prop.name), ("subject", "A"))
    return Step("classify", text, left, right, relation="=" if holds else "!=", params=params), holds


def square_step(matrix: sp.ImmutableMatrix) -> tuple[Step, bool]:
    square = matrix.rows == matrix.cols
    text = (
        f"$A$ is {shape_latex(matrix)}: {matrix.rows} rows and {matrix.cols} columns, so it is "
        f"{'square' if square else 'not square'}."
    )
    step = Step("classify", text, sp.Integer(matrix.rows), sp.Integer(matrix.cols), relation="=" if square else "!=", params=(("property", "square"), ("subject", "A")))
    return step, square


def split_step(matrix: sp.ImmutableMatrix) -> tuple[Step, sp.ImmutableMatrix, sp.ImmutableMatrix]:
    """A = S + K with S = (A + A^T)/2 symmetric and K = (A - A^T)/2 antisymmetric."""
    symmetric = sp.ImmutableMatrix((matrix + matrix.T) / 2)
    antisymmetric = sp.ImmutableMatrix((matrix - matrix.T) / 2)
    n = matrix.rows
    written_k = sp.ImmutableMatrix(n, n, lambda i, j: board_product(HALF, board_difference(matrix[i, j], matrix[j, i])))
    substeps = (
        Step("sym_antisym_split", r"The symmetric part $S = \frac{1}{2}(A + A^{T})$.", sp.MatMul(HALF, sp.MatAdd(matrix, sp.Transpose(matrix))), symmetric, params=(("part", "S"),)),
        Step("sym_antisym_split", r"The antisymmetric part $K = \frac{1}{2}(A - A^{T})$, entry by entry $\frac{1}{2}(a_{ij} - a_{ji})$.", written_k, antisymmetric, params=(("part", "K"),)),
        Step("classify", "$S$ is symmetric: $S^{T} = S$.", sp.Transpose(symmetric), symmetric, params=(("property", "symmetric"), ("subject", "S"))),
        Step("classify", "$K$ is antisymmetric: $K^{T} = -K$.", sp.Transpose(antisymmetric), _negated(antisymmetric), params=(("property", "antisymmetric"), ("subject", "K"))),
    )
    text = "Every square matrix is a symmetric part plus an antisymmetric part: $A = S + K$."
    step = Step("sym_antisym_split", text, matrix, sp.MatAdd(symmetric, antisymmetric), substeps=substeps, params=(("part", "split"),))
    return step, symmetric, antisymmetric


def derive_transpose(inputs: tuple[str, ...]) -> Derivation:
    """A^T by the entry rule, the classification of A, and (square A) its split S + K."""
    (read,) = read_matrices(inputs[:1])
    matrix = read.value
    transposed = sp.ImmutableMatrix(matrix.T)
    text = (f"The entry rule $(A^{{T}})_{{ij}} = A_{{ji}}$: row $i$ of $A$ becomes column $i$ of $A^{{T}}$, "
            f"so $A^{{T}}$ is {shape_latex(transposed)}.")
    steps = [Step("transpose_entry", text, sp.Transpose(matrix), transposed)]
    square_claim, square = square_step(matrix)
    steps.append(square_claim)
    classes = {"square": square}
    notes = list(merged_notes([read]))
    complex_entries = has_complex_entries(matrix)
    if complex_entries:
        steps.append(conjugate_transpose("A", False, sp.Adjoint(matrix), sp.ImmutableMatrix(matrix.H)))
    if square:
        properties = SQUARE_PROPERTIES + (COMPLEX_PROPERTIES if complex_entries else ())
        for prop in properties:
            step, holds = property_step(prop, matrix)
            steps.append(step)
            classes[prop.name.removeprefix("the ")] = holds
    else:
        notes.append("Only a square matrix can be symmetric, antisymmetric, diagonal or the identity, so $A$ is none of these.")
    details: list[tuple[str, object]] = [("classification", classes)]
    if square:
        step, symmetric, antisymmetric = split_step(matrix)
        steps.append(step)
        details += [("symmetric_part", symmetric), ("antisymmetric_part", antisymmetric)]
    return Derivation(
        kind="transpose",
        question="Find the transpose of $A$, classify $A$, and split it into symmetric and antisymmetric parts.",
        given=(("A", matrix),),
        steps=tuple(steps),
        result=transposed,
        result_label="The transpose $A^{T}$",
        notes=tuple(notes),
        details=tuple(details),
        source=tuple(inputs),
    )
