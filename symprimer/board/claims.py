"""A step's claim between two boards, decided by exact values (or left to
``symprimer.exact.equality`` where the domain has no canonical form: EX)."""
from __future__ import annotations

from typing import Any

import sympy as sp

from symprimer.board.arithmetic import exact
from symprimer.board.base import Board


def definition_holds(name: Any, board: Board) -> bool:
    """``name := board`` introduces a fresh symbol (numbers hold none, so no form is built)."""
    if not isinstance(name, sp.Symbol):
        return False
    return board.domain.is_Numerical or name not in board.shown.free_symbols


def board_claim_holds(before: Board, after: Board, relation: str) -> bool | None:
    """Exact verdict on ``before relation after`` (None when boards cannot decide: EX, mixed domains)."""
    if relation not in ("=", "!="):
        return None
    if not (exact(before.domain) and exact(after.domain)):
        return None
    same = before.equals(after)
    return same if relation == "=" else not same
