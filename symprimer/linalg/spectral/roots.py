"""Eigenvectors of an eigenvalue with no closed form (a CRootOf r): exact, entries polynomial in r.

The factor f of the characteristic polynomial that r is a root of is irreducible over Q, so
Q(r) is a field whose numbers are polynomials in r of degree below deg f (arithmetic modulo f).
The null space of r I - A over that field gives eigenvectors as exact as any closed form, and
each is checked as A v = r v in that field, exactly.
"""
from __future__ import annotations

from math import lcm

import sympy as sp

from symprimer.board import Grid, MatrixProduct
from symprimer.linalg.spectral import words
from symprimer.linalg.spectral.boards import Shift, column
from symprimer.linalg.basic.matrices import name_latex
from symprimer.linalg.spectral.values import Eigenvalue
from symprimer.linalg.spectral.vectors import Eigenspace, dimension_step
from symprimer.core.steps import Step


def root_eigenspace(grid: Grid, eigenvalue: Eigenvalue, index: int, name: str) -> Eigenspace:
    """The eigenspace of one CRootOf eigenvalue of a rational matrix, worked in Q(r)."""
    field = sp.QQ.algebraic_field(eigenvalue.value)
    root = field.convert(eigenvalue.value)
    matrix = grid.over(field)
    n = matrix.size
    shifted = Grid(
        field, tuple(tuple((root - e) if i == j else -e for j, e in enumerate(row)) for i, row in enumerate(matrix.rows))
    )
    null_space = shifted.domain_matrix().nullspace().to_list()
    vectors = [_whole_coefficients(field, vector) for vector in null_space]
    checks = [
        Step(
            "eigen_check",
            words.root_eigen_check(name, index),
            before=MatrixProduct(field, (matrix, Grid(field, column(v)))),
            after=Grid(field, column([root * e for e in v])),
            params=(("vector", Grid(field, column(v))), ("eigenvalue", eigenvalue.value), ("index", index), ("name", name_latex(name))),
        )
        for v in vectors
    ]
    text = words.root_eigenvalue_heading(index, eigenvalue.value, eigenvalue.algebraic_multiplicity, name)
    step = Step(
        "characteristic_matrix",
        text,
        before=Shift(field, root, matrix, eigenvalue.value),
        after=shifted,
        substeps=(dimension_step(n, n - len(vectors), eigenvalue), *checks),
        params=(
            ("eigenvalue", eigenvalue.value), ("index", index), ("name", name_latex(name)),
            ("multiplicity", eigenvalue.algebraic_multiplicity),
        ),
    )
    basis = tuple(sp.ImmutableMatrix([field.to_sympy(e) for e in v]) for v in vectors)
    return Eigenspace(eigenvalue, basis, step, (), tuple(tuple(v) for v in vectors), field)


def _whole_coefficients(field, vector: list) -> list:
    """The vector times the common denominator of its coefficients (same direction)."""
    scale = lcm(*(int(c.denominator) for e in vector for c in e.to_list())) if any(vector) else 1
    return [e * field.convert(scale) for e in vector]
