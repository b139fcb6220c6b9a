"""Eigenvectors by solving (lambda_i I - A) x = 0: RREF, free variables, basis, checks.

One eigenvalue at a time; the result is a step whose substeps show the row reduction, the
general solution in the free variables, the dimension count and A v = lambda v for every basis
vector.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symprimer.linalg.spectral import words
from symprimer.linalg.spectral.exact import clear_denominators, rationalised, rationalised_matrix
from symprimer.linalg.basic.matrices import name_latex
from symprimer.linalg.spectral.values import Eigenvalue, characteristic_form, characteristic_matrix
from symprimer.linalg.rows.rref import rref_steps
from symprimer.render.notation import to_sympy_string
from symprimer.board import Number, Total, numbers
from symprimer.core.steps import Step


@dataclass(frozen=True)
class Eigenspace:
    eigenvalue: Eigenvalue
    basis: tuple[sp.ImmutableMatrix, ...]
    step: Step
    assumptions: tuple[sp.Expr, ...]
    vectors: tuple[tuple, ...] = ()  # the basis as exact entries, when worked on the board
    domain: object = None  # where those entries live (QQ or the surds)

    @property
    def geometric_multiplicity(self) -> int:
        return len(self.basis)


def unknowns(n: int, avoid: set) -> tuple[sp.Symbol, ...]:
    """x_1..x_n, or t_1..t_n when the matrix itself uses those names."""
    for stem in ("x", "t", "s"):
        names = tuple(sp.Symbol(f"{stem}_{k}") for k in range(1, n + 1))
        if not set(names) & avoid:
            return names
    return tuple(sp.Dummy(f"x_{k}") for k in range(1, n + 1))


def null_space_from_rref(rref: sp.ImmutableMatrix, pivots: tuple[int, ...]) -> tuple[sp.ImmutableMatrix, ...]:
    """One basis vector per free column: that variable 1, the other free ones 0."""
    n = rref.cols
    basis = []
    for free in (j for j in range(n) if j not in pivots):
        entries = [sp.Integer(0)] * n
        entries[free] = sp.Integer(1)
        for row, pivot in enumerate(pivots):
            entries[pivot] = rationalised(-rref[row, free])
        basis.append(sp.ImmutableMatrix(entries))
    return tuple(basis)


def eigenspace(matrix: sp.ImmutableMatrix, eigenvalue: Eigenvalue, index: int, name: str = "A") -> Eigenspace:
    """The eigenspace of one (closed-form) eigenvalue, worked."""
    n = matrix.rows
    value = eigenvalue.value
    label = f"lambda_{index}"
    shifted = characteristic_matrix(matrix, value)
    reduction = rref_steps(shifted, name=f"{label} I - {name}")
    xs = unknowns(n, matrix.free_symbols)
    raw_basis = null_space_from_rref(reduction.rref, reduction.pivots)
    free = [j for j in range(n) if j not in reduction.pivots]
    general = sp.ImmutableMatrix([sum((xs[j] * v[k] for j, v in zip(free, raw_basis)), sp.Integer(0)) for k in range(n)])
    substeps = [reduction.step, _free_variables_step(reduction, xs, free, general)]
    basis = tuple(clear_denominators(v) for v in raw_basis)
    if free:
        substeps.append(_span_step(general, xs, free, raw_basis, basis))
    substeps.append(dimension_step(n, reduction.rank, eigenvalue))
    substeps.extend(_check_step(matrix, value, v, name, index) for v in basis)
    step = Step(
        "characteristic_matrix",
        words.eigenvalue_heading(index, value, eigenvalue.algebraic_multiplicity, name),
        before=characteristic_form(matrix, value),
        after=shifted,
        substeps=tuple(substeps),
        params=(
            ("eigenvalue", value), ("index", index), ("name", name_latex(name)),
            ("multiplicity", eigenvalue.algebraic_multiplicity),
        ),
    )
    return Eigenspace(eigenvalue, basis, step, reduction.assumptions)


def _free_variables_step(reduction, xs, free, general) -> Step:
    if free:
        text = words.free_variables(free, [xs[j] for j in free])
    else:
        text = words.ONLY_ZERO_SOLUTION
    return Step(
        "free_variables",
        text,
        before=sp.MatMul(reduction.rref, general, evaluate=False) if free else sp.MatMul(reduction.rref, sp.ImmutableMatrix(xs), evaluate=False),
        after=sp.zeros(reduction.rref.rows, 1).as_immutable() if free else sp.ImmutableMatrix(xs),
    )


def _span_step(general, xs, free, raw_basis, basis) -> Step:
    terms = [sp.MatMul(xs[j], v, evaluate=False) for j, v in zip(free, raw_basis)]
    spanned = sp.MatAdd(*terms, evaluate=False) if len(terms) > 1 else terms[0]
    scaled = any(b != r for b, r in zip(basis, raw_basis))
    text = words.combination(scaled)
    return Step("free_variables", text, before=general, after=spanned)


def dimension_step(n: int, rank: int, eigenvalue: Eigenvalue) -> Step:
    g = n - rank
    comparison = "equal to" if g == eigenvalue.algebraic_multiplicity else "less than"
    return Step(
        "geometric_multiplicity",
        words.dimension(rank, g, comparison, eigenvalue.algebraic_multiplicity),
        before=Total(sp.ZZ, numbers(sp.ZZ, (n, -rank))),
        after=Number(sp.ZZ, sp.ZZ(g)),
    )


def _check_step(matrix: sp.ImmutableMatrix, value: sp.Expr, vector: sp.ImmutableMatrix, name: str, index: int) -> Step:
    return Step(
        "eigen_check",
        words.eigen_check(name, index, list(vector)),
        before=sp.MatMul(matrix, vector, evaluate=False),
        after=rationalised_matrix(value * vector),
        params=(("vector", vector), ("eigenvalue", value), ("index", index), ("name", name_latex(name))),
    )
