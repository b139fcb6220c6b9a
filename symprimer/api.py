"""The library entry points other code calls: ``derive(kind, *inputs, **options)``."""
from __future__ import annotations

from importlib import import_module
from typing import Any

from symprimer.errors import InputError
from symprimer.kinds import KINDS
from symprimer.steps import Derivation


def derive(kind: str, *inputs: Any, detail: str | None = None, **options: Any) -> Derivation:
    """Build the worked derivation of ``kind`` for the raw inputs (parsed safely inside).

    Inputs are the user's text; the matrix kinds also take a SymPy matrix built by code.
    ``detail`` (brief, standard or full) returns that view of the tree; without it the whole
    tree (full) comes back, which is what code that inspects steps wants.
    """
    from symprimer.views import check_level, view

    level = None if detail is None else check_level(detail)
    spec = KINDS.get(kind)
    if spec is None:
        raise InputError(f"there is no derivation kind {kind!r}; the kinds are: {', '.join(KINDS)}.")
    low, high = spec.arity
    if not low <= len(inputs) <= high:
        wanted = str(low) if low == high else f"{low} to {high}"
        raise InputError(f"derive {kind} takes {wanted} input(s) ({spec.inputs}) but got {len(inputs)}.")
    unknown = sorted(name for name, value in options.items() if value is not None and name not in spec.options)
    if unknown:
        raise InputError(f"derive {kind} does not take the option(s) {', '.join('--' + u.replace('_', '-') for u in unknown)}.")
    relevant = {name: value for name, value in options.items() if value is not None}
    deriver = getattr(import_module(spec.module), spec.function)
    derivation = deriver(tuple(inputs), **relevant)
    return derivation if level is None else view(derivation, level)
