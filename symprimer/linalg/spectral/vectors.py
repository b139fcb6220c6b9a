"""Eigenvectors by solving (lambda_i I - A) x = 0: RREF, free variables, basis, checks.

One eigenvalue at a time, over one number domain: the narrowest field holding the matrix's
entries and the eigenvalue (QQ, the surds, exact expressions).  The result is a step whose
substeps show the row reduction, the general solution in the free variables, the dimension
count and A v = lambda v for every basis vector, each a claim checked in that field.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import lcm
from types import MappingProxyType
from typing import Any, Callable

import sympy as sp
from sympy.polys.matrices import DomainMatrix

from symprimer.board import Grid, Number, Total, numbers
from symprimer.board.expressions import EXPRESSIONS, Expression, join, lift, rationalised
from symprimer.board.surds import QQ, SURDS, lcm_of_denominators
from symprimer.core.steps import Step
from symprimer.linalg.basic.matrices import name_latex
from symprimer.linalg.rows.rref import rref_grid_steps
from symprimer.linalg.spectral import words
from symprimer.linalg.spectral.boards import Forms, MatrixTimes, MatrixTimesForms, Shift, Span, column
from symprimer.linalg.spectral.values import Eigenvalue


@dataclass(frozen=True)
class Eigenspace:
    eigenvalue: Eigenvalue
    basis: tuple[sp.ImmutableMatrix, ...]
    step: Step
    assumptions: tuple[sp.Expr, ...]
    vectors: tuple[tuple, ...] = ()  # the basis as exact entries of ``domain``
    domain: object = None  # where those entries live (QQ, the surds, expressions, Q(r))

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
    """One basis vector per free column: that variable 1, the other free ones 0 (SymPy columns)."""
    n = rref.cols
    basis = []
    for free in (j for j in range(n) if j not in pivots):
        entries = [sp.Integer(0)] * n
        entries[free] = sp.Integer(1)
        for row, pivot in enumerate(pivots):
            entries[pivot] = rationalised(-rref[row, free])
        basis.append(sp.ImmutableMatrix(entries))
    return tuple(basis)


def _rational_scale(vector: list) -> Any:
    return lcm(*(int(QQ.convert(e).denominator) for e in vector))


def _surd_scale(vector: list) -> Any:
    return lcm(*(lcm_of_denominators(e) for e in vector))


def _expression_scale(vector: list) -> Any:
    scale = sp.Integer(1)
    for entry in vector:
        scale = sp.lcm(scale, sp.fraction(sp.together(entry.expr))[1])
    return Expression.of(scale)


# The common denominator of a vector's entries, per domain (its direction is unchanged by it).
DENOMINATORS: MappingProxyType[Any, Callable[[list], Any]] = MappingProxyType(
    {QQ: _rational_scale, SURDS: _surd_scale, EXPRESSIONS: _expression_scale}
)


def cleared(domain: Any, vector: list) -> list:
    """The vector times the common denominator of its entries."""
    scale = DENOMINATORS[domain](vector)
    if scale == 1:
        return vector
    return [e * scale for e in vector]


def sympy_column(domain: Any, entries: list) -> sp.ImmutableMatrix:
    """An exact column as a SymPy matrix (for rationals with no SymPy numbers built one by one)."""
    if domain == QQ:
        return sp.ImmutableMatrix._fromrep(DomainMatrix([[QQ.convert(e)] for e in entries], (len(entries), 1), QQ).to_sparse())
    return sp.ImmutableMatrix(len(entries), 1, [domain.to_sympy(e) for e in entries])


def eigenspace(grid: Grid, eigenvalue: Eigenvalue, index: int, name: str = "A") -> Eigenspace:
    """The eigenspace of one closed-form eigenvalue of the matrix ``grid``, worked."""
    domain = join(grid.domain, eigenvalue.domain)
    exact = lift(eigenvalue.exact, eigenvalue.domain, domain)
    a = grid if grid.domain == domain else grid.over(domain)
    n = a.size
    value = eigenvalue.value
    label = f"lambda_{index}"
    shifted = Grid(domain, tuple(tuple((exact - e) if i == j else -e for j, e in enumerate(row)) for i, row in enumerate(a.rows)))
    reduction = rref_grid_steps(shifted, name=f"{label} I - {name}")
    rref, pivots = reduction.rref.rows, reduction.pivots
    xs = unknowns(n, grid.free_symbols)
    free = [j for j in range(n) if j not in pivots]
    raw = []
    for f in free:
        entries = [domain.zero] * n
        entries[f] = domain.one
        for row, pivot in enumerate(pivots):
            entries[pivot] = -rref[row][f]
        raw.append(entries)
    symbols = tuple(xs[j] for j in free)
    if free:
        general = Forms(domain, symbols, tuple(tuple(v[k] for v in raw) for k in range(n)))
        zero = Forms(domain, symbols, tuple(tuple(domain.zero for _ in free) for _ in range(n)))
        free_step = Step(
            "free_variables", words.free_variables(free, symbols), before=MatrixTimesForms(domain, reduction.rref, general), after=zero
        )
    else:
        unit = Forms(domain, tuple(xs), tuple(tuple(domain.one if i == j else domain.zero for j in range(n)) for i in range(n)))
        free_step = Step("free_variables", words.ONLY_ZERO_SOLUTION, before=MatrixTimesForms(domain, reduction.rref, unit), after=unit)
    substeps = [reduction.step, free_step]
    basis = [cleared(domain, v) for v in raw]
    if free:
        scaled = any(b != r for b, r in zip(basis, raw))
        span = Span(domain, symbols, tuple(Grid(domain, column(v)) for v in raw))
        substeps.append(Step("free_variables", words.combination(scaled), before=general, after=span))
    substeps.append(dimension_step(n, len(pivots), eigenvalue))
    for v in basis:
        vector = Grid(domain, column(v))
        substeps.append(
            Step(
                "eigen_check",
                words.eigen_check(name, index, [domain.to_sympy(e) for e in v]),
                before=MatrixTimes(domain, (a, vector)),
                after=Grid(domain, column([exact * e for e in v])),
                params=(("vector", vector), ("eigenvalue", value), ("index", index), ("name", name_latex(name))),
            )
        )
    step = Step(
        "characteristic_matrix",
        words.eigenvalue_heading(index, value, eigenvalue.algebraic_multiplicity, name),
        before=Shift(domain, exact, a, value),
        after=shifted,
        substeps=tuple(substeps),
        params=(
            ("eigenvalue", value), ("index", index), ("name", name_latex(name)),
            ("multiplicity", eigenvalue.algebraic_multiplicity),
        ),
    )
    shown_basis = tuple(sympy_column(domain, v) for v in basis)
    return Eigenspace(eigenvalue, shown_basis, step, reduction.assumptions, tuple(tuple(v) for v in basis), domain)


def dimension_step(n: int, rank: int, eigenvalue: Eigenvalue) -> Step:
    g = n - rank
    comparison = "equal to" if g == eigenvalue.algebraic_multiplicity else "less than"
    return Step(
        "geometric_multiplicity",
        words.dimension(rank, g, comparison, eigenvalue.algebraic_multiplicity),
        before=Total(sp.ZZ, numbers(sp.ZZ, (n, -rank))),
        after=Number(sp.ZZ, sp.ZZ(g)),
    )
