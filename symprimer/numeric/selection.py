"""Which runs a list of optimisers and a list of learning rates ask for.

``--optimizer sgd,momentum,adam --lr 0.005,0.005,0.05`` means three runs, the i-th optimiser
with the i-th rate: the lists pair up as a lecturer writes them.  One rate applies to every
optimiser, one optimiser runs with every rate, and every combination is run only on request
(a sweep).  Lists of other lengths are refused: guessing would compare the wrong runs.
"""
from __future__ import annotations

from itertools import product
from typing import Sequence

from symprimer.core.errors import InputError
from symprimer.parse.numbers import finite_number

Rate = float | None  # None: the optimiser's own default learning rate


def rate_list(text: object, what: str) -> list[Rate]:
    """A comma-separated list of finite learning rates (or momenta) as written on the command line
    or in a sheet spec; no text means the optimiser's own default."""
    if text is None:
        return [None]
    return [finite_number(part.strip(), what) for part in str(text).split(",")]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def pair_runs(optimizers: Sequence[str], rates: Sequence[Rate], sweep: bool = False) -> tuple[tuple[str, Rate], ...]:
    """The (optimiser, learning rate) of each run, in the order given, without repeats."""
    names, lrs = list(optimizers), list(rates) or [None]
    if not names:
        raise InputError("--optimizer names no optimiser.")
    if sweep:
        pairs = list(product(names, lrs))
    elif len(lrs) == 1:
        pairs = [(name, lrs[0]) for name in names]
    elif len(names) == 1:
        pairs = [(names[0], lr) for lr in lrs]
    elif len(names) == len(lrs):
        pairs = list(zip(names, lrs))
    else:
        raise InputError(
            f"--optimizer names {_plural(len(names), 'optimiser', 'optimisers')} but --lr gives "
            f"{_plural(len(lrs), 'learning rate', 'learning rates')}; give one rate for all, one per optimiser, "
            "or add --sweep to run every combination."
        )
    return tuple(dict.fromkeys(pairs))
