"""Exact arithmetic helpers for eigen work: entries in one canonical form, and a zero test that does not guess.

Row reduction with radicals (eigenvalues like (5 + sqrt 5)/2) or symbols (a + b) needs each
entry kept in a canonical, readable form, and a zero test that does not mistake an unsimplified
zero for a pivot.
"""
from __future__ import annotations

import sympy as sp

from symprimer.board.expressions import is_zero, rationalised

__all__ = ["clear_denominators", "is_zero", "pivot_preference", "rationalised", "rationalised_matrix"]


def rationalised_matrix(matrix: sp.MatrixBase) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(matrix.rows, matrix.cols, [rationalised(v) for v in matrix])


def pivot_preference(value: sp.Expr) -> tuple[bool, bool, int]:
    """How awkward a pivot is (smaller is better): numbers before symbols, +-1 first, then size."""
    symbolic = bool(value.free_symbols)
    unit = not symbolic and value in (sp.Integer(1), sp.Integer(-1))
    return (symbolic, not unit, int(sp.count_ops(value)))


def clear_denominators(vector: sp.MatrixBase) -> sp.ImmutableMatrix:
    """Scale a vector by the common denominator of its entries (its direction is unchanged)."""
    scale = sp.Integer(1)
    for entry in vector:
        scale = sp.lcm(scale, sp.fraction(sp.together(entry))[1])
    return rationalised_matrix(vector * scale)
