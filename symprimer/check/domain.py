"""What the checker compares (numbers, expressions, matrices, equations, lists of values) and
what it refuses to guess at: sets and intervals, undefined values, clock times and ratios.

A value outside that domain is unreadable with a reason, never compared and never equivalent.
"""
from __future__ import annotations

import re
from typing import Any

import sympy as sp

from symprimer.core.errors import InputError

_COLON = re.compile(r"(?<!\\)(?<!\\colon):")


def refuse_colons(text: str, what: str) -> None:
    """``12:00`` and ``3:4`` are a clock time and a ratio, not a quotient."""
    if isinstance(text, str) and _COLON.search(text):
        raise InputError(
            f"{what} contains ':' (a clock time such as 12:00 or a ratio such as 3:4), which the checker "
            "does not compare; write the value as a number or a fraction, e.g. \\frac{3}{4}."
        )


def refuse_outside(value: Any, what: str) -> Any:
    """``value`` unchanged when the checker can compare it, else one sentence why not."""
    if isinstance(value, tuple):
        for item in value:
            refuse_outside(item, what)
        return value
    if not isinstance(value, sp.Basic):
        return value
    if isinstance(value, sp.Set) or any(isinstance(node, sp.Set) for node in sp.preorder_traversal(value)):
        raise InputError(
            f"{what} is read as an interval or a set, which the checker does not compare; "
            "write the values as a list (1, 3) or the condition as an inequality (0 < x < 1)."
        )
    if value.has(sp.zoo, sp.nan):
        raise InputError(
            f"{what} divides by zero (or is 0/0), so it has no value; write the value it should have."
        )
    return value
