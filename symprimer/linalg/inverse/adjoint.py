"""The inverse by the adjoint method, A^-1 = adj(A) / det A = C^T / det A (or by Gauss-Jordan).

A singular matrix ends with the sentence "det A = 0, so A has no inverse" and a derivation
whose ``answer_exists`` is False (the command exits 1: the mathematics says no).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from symprimer.board import (
    Board, Det, Grid, Inverse, MatrixProduct, Number, Scaled, Transposed, WrittenGrid, field_of, identity, times,
)
from symprimer.core.errors import InputError, TooLarge
from symprimer.linalg.determinant.cofactors import cofactor_matrix_steps
from symprimer.linalg.inverse.gauss_jordan import gauss_jordan_steps
from symprimer.linalg.rows.operations import vanishes
from symprimer.linalg.determinant.laplace import grid_determinant_steps
from symprimer.linalg.basic.matrices import is_numeric, laplace_limit, merged_notes, read_matrices, require_square
from symprimer.render.handform import leads_with_minus, written_fraction
from symprimer.render.notation import to_latex
from symprimer.core.steps import Derivation, Step

INVERSE_METHODS = ("adjoint", "gauss-jordan")
# A 4x4 adjugate is sixteen 3x3 determinants plus det A (some 240 worked steps): past what anyone works
# by hand, so numeric 4x4 and larger default to Gauss-Jordan (``--method adjoint`` still works them).
ADJOINT_NUMERIC_LIMIT = 3
QUESTION = "Find the inverse of $A$."


@dataclass(frozen=True)
class OverDeterminant(Board):
    """An entry of adj A over det A, written as that fraction: nothing cancelled, det A in the
    order the determinant step printed it (a leading minus sign taken to the numerator), and a
    single negative term's sign in front of the fraction.

    SymPy's own form of the quotient reorders det A and may move a sign into it; the value here
    is the same element of the field of fractions, built without a gcd (see ``times``).
    """

    domain: Any  # the field of fractions of the entries' ring
    entry: Board
    det: Number

    def _value(self) -> Any:
        field, ring = self.domain, self.det.domain
        return times(field, field.convert_from(self.entry.value, ring), field.one / field.convert_from(self.det.value, ring))

    def _shown(self) -> sp.Expr:
        numerator, denominator = self.entry.shown, self.det.shown
        if not self.entry.value:
            return sp.Integer(0)
        if leads_with_minus(denominator):
            numerator, denominator = -numerator, -denominator
        negative = leads_with_minus(numerator) and not numerator.is_Add  # a sum takes the sign: x - 1
        fraction = written_fraction(-numerator if negative else numerator, denominator)
        return sp.Mul(sp.Integer(-1), fraction, evaluate=False) if negative else fraction


def _written_quotients(ring: Any, det: Any) -> bool:
    """Whether 1/det A and the inverse are written as fractions over det A: for letters, where
    det A is a sum (SymPy would reorder it); numbers and single products keep their values."""
    return ring.is_PolynomialRing and ring.to_sympy(det).is_Add


def singular_step(matrix: sp.ImmutableMatrix | Grid) -> Step:
    written = Det(matrix) if isinstance(matrix, Grid) else sp.Determinant(matrix)
    zero = Number(matrix.domain, matrix.domain.zero) if isinstance(matrix, Grid) else sp.Integer(0)
    return Step("singular", "$\\det A = 0$, so $A$ has no inverse.", written, zero)


def check_step(matrix: Grid, inverse: Grid | WrittenGrid) -> Step:
    """A A^-1 = I, multiplied out over the inverse's domain."""
    field = inverse.domain
    return Step(
        "identity_check",
        "Check: $A A^{-1} = I$.",
        MatrixProduct(field, (matrix.over(field), inverse)),
        identity(field, matrix.size),
    )


def adjoint_steps(grid: Grid) -> tuple[tuple[Step, ...], sp.ImmutableMatrix | None, sp.Expr]:
    """The steps of the adjoint method, the inverse (None when singular) and det A."""
    n, limit = grid.size, laplace_limit(grid)
    if n > limit:
        hint = "; use --method gauss-jordan" if is_numeric(grid) else ""
        raise TooLarge(
            f"A is {n}x{n}: the adjoint method needs det A and {n * n} cofactors of size {n - 1}x{n - 1}, past what "
            f"is worked by hand (up to {limit}x{limit} for a matrix like this){hint}."
        )
    ring = grid.domain
    minors: dict = {}  # det A's expansion and the cofactors share the minors of A: worked once
    det_step, det = grid_determinant_steps(grid, None, "A", worked=minors)
    steps = [det_step]  # A has an inverse exactly when det A is not 0
    if vanishes(ring, det):
        steps.append(singular_step(grid))
        return tuple(steps), None, ring.to_sympy(det)
    field = field_of(ring)
    reciprocal = field.one / field.convert_from(det, ring)  # 1/det: one division, in lowest terms
    if n == 1:
        inverse = Grid(field, ((reciprocal,),))
        steps.append(Step("inverse_adjoint", r"A $1 \times 1$ matrix $(a)$ with $a \neq 0$ has the inverse $\left(\frac{1}{a}\right)$.", Inverse(grid), inverse))
        steps.append(check_step(grid, inverse))
        return tuple(steps), inverse.shown, ring.to_sympy(det)
    cofactor_step, cofactors = cofactor_matrix_steps(grid, worked=minors)
    adjugate = cofactors.transposed()
    written = cofactor_step.right  # the entries in written order (y p - z l), shown transposed
    transpose_step = Step(
        "adjugate", r"The adjugate is the transpose of the cofactor matrix: $\operatorname{adj} A = C^{T}$.",
        Transposed(written), written.transposed(),
    )
    steps.extend(_adjugate_steps(cofactor_step, transpose_step, n))
    division, inverse = _division_steps(grid, det, reciprocal, adjugate, transpose_step.right)
    steps.extend(division)
    steps.append(check_step(grid, inverse))
    return tuple(steps), inverse.shown, ring.to_sympy(det)


def _division_steps(grid: Grid, det: Any, reciprocal: Any, adjugate: Grid, written_adjugate: Board) -> tuple[tuple[Step, ...], Board]:
    """A^-1 = adj A / det A and the division, and the inverse; with det A = 1 the adjugate is
    the inverse and there is nothing to divide."""
    ring, n = grid.domain, grid.size
    field = field_of(ring)
    if reciprocal == field.one:
        inverse = adjugate.over(field)
        text = r"$\det A = 1$, so $A^{-1} = \frac{1}{\det A} \operatorname{adj} A = \operatorname{adj} A$."
        return (Step("inverse_adjoint", text, Inverse(grid), inverse, params=(("unit_det", True),)),), inverse
    if _written_quotients(ring, det):
        over = Number(ring, det)
        scaled = Scaled(field, OverDeterminant(field, Number(ring, ring.one), over), written_adjugate)
        inverse = WrittenGrid(field, tuple(
            tuple(OverDeterminant(field, written_adjugate.entry(i, j), over) for j in range(n)) for i in range(n)
        ))
    else:
        scaled = Scaled(field, Number(field, reciprocal), adjugate.over(field))
        inverse = Grid(field, scaled.value)
    return (
        Step("inverse_adjoint", r"$A^{-1} = \frac{1}{\det A} \operatorname{adj} A$.", Inverse(grid), scaled),
        Step("evaluate", r"Divide every entry of $\operatorname{adj} A$ by $\det A$.", scaled, inverse),
    ), inverse


def _adjugate_steps(cofactor_step: Step, transpose_step: Step, n: int) -> tuple[Step, ...]:
    """The cofactors and their transpose; a 2x2 adjugate is the lecturer's shortcut (swap the
    diagonal, negate the others), with the cofactors as its working, shown in full detail."""
    if n != 2:
        return cofactor_step, transpose_step
    working = (cofactor_step.replaced(detail="full"), transpose_step.replaced(detail="full"))
    return (transpose_step.replaced(
        rule="adjugate_2x2",
        text="For a $2 \\times 2$ matrix the adjugate swaps the two diagonal entries and negates the other two.",
        substeps=working,
    ),)


def _default_method(grid: Grid) -> str:
    """The adjoint method while the determinant is hand-sized, else Gauss-Jordan (numeric)."""
    if is_numeric(grid) and grid.size > ADJOINT_NUMERIC_LIMIT:
        return "gauss-jordan"
    return "adjoint"


def derive_inverse(inputs: tuple[str, ...], method: str | None = None) -> Derivation:
    """The worked inverse of one square matrix."""
    (read,) = read_matrices(inputs[:1])
    matrix = read.value
    require_square(matrix, "A", "an inverse")
    grid = Grid.from_sympy(matrix)
    chosen = (method or _default_method(grid)).strip().lower().replace("_", "-")
    if chosen == "gaussjordan":
        chosen = "gauss-jordan"
    if chosen not in INVERSE_METHODS:
        raise InputError(f"--method {method!r} is not an inverse method; choose adjoint or gauss-jordan.")
    if chosen == "adjoint":
        steps, inverse, det = adjoint_steps(grid)
    else:
        steps, inverse = gauss_jordan_steps(grid)
        det = None
    notes = list(merged_notes([read]))
    if method is None and chosen == "gauss-jordan":
        notes.append(
            f"A ${matrix.rows} \\times {matrix.rows}$ matrix has too many cofactors to work by hand, so the inverse is "
            "found by Gauss-Jordan elimination."
        )
    if inverse is not None and det is not None and det.free_symbols:
        notes.append(f"The inverse exists only where $\\det A = {to_latex(det)}$ is not $0$.")
    exists = inverse is not None
    return Derivation(
        kind="inverse",
        question=QUESTION,
        given=(("A", matrix),),
        steps=steps,
        result=inverse if exists else sp.Integer(0),
        result_label="The inverse $A^{-1}$" if exists else "$\\det A = 0$, so $A$ has no inverse",
        notes=tuple(notes),
        details=(("method", chosen), ("invertible", exists)),
        answer_exists=exists,
        source=tuple(inputs),
    )
