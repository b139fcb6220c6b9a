"""Run a piece of work in a killable child process under a time and memory budget.

``signal.alarm`` cannot interrupt SymPy stuck inside C code or a huge integer power, so the
work runs in a forked child with an address-space limit; the parent kills it on time-out.
The children are run by ``symprimer.runtime.pool``, the one runner every batch uses.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable

from symprimer.core.errors import BudgetExceeded
from symprimer.runtime.pool import run_budgeted

DEFAULT_SECONDS = 30.0
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True)
class Budget:
    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls) -> "Budget":
        """Defaults, overridable by SYMPRIMER_SECONDS / SYMPRIMER_MEMORY_MB."""
        return cls(
            seconds=float(os.environ.get("SYMPRIMER_SECONDS", DEFAULT_SECONDS)),
            memory_mb=int(os.environ.get("SYMPRIMER_MEMORY_MB", DEFAULT_MEMORY_MB)),
        )


def run_with_budget(
    work: Callable[..., Any], *args: Any, budget: Budget | None = None, what: str = "the work", **kwargs: Any
) -> Any:
    """Return ``work(*args, **kwargs)`` computed in a child, or raise BudgetExceeded.

    Errors of this project raised in the child are raised again in the parent unchanged.  The
    child is one worker of the project's runner (``symprimer.runtime.pool``).
    """
    budget = budget or Budget.from_env()
    call = _Call(work, args, kwargs)
    for done in run_budgeted(call, [None], workers=1, budget=budget, what=lambda _: what):
        if done.ok:
            return done.value
        raise done.value
    raise BudgetExceeded(f"{what} did not finish.")  # unreachable: one item gives one outcome


@dataclass(frozen=True)
class _Call:
    """``work(*args, **kwargs)`` as a one-argument function of an ignored item."""

    work: Callable[..., Any]
    args: tuple
    kwargs: dict

    def __call__(self, _item: Any) -> Any:
        return self.work(*self.args, **self.kwargs)
