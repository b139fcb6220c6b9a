"""Work shared out to budgeted worker processes, stopping at the first item that fails.

The workers are the project's one runner (``symprimer.runtime.pool``): forked after SymPy and
the templates are loaded, so they start warm and keep their caches; an item that takes longer
than the budget has its worker (and anything it started, such as pdflatex) killed, and the
build stops with one sentence naming that item.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

from symprimer.runtime.budget import Budget
from symprimer.core.errors import SymprimerError
from symprimer.runtime.pool import run_budgeted


def run_parallel(
    work: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    workers: int,
    budget: Budget,
    describe: Callable[[Any], str],
    on_progress: Callable[[int], None] = lambda done: None,
) -> list[Any]:
    """``[work(item) for item in items]``, computed in budgeted worker processes.

    ``budget.seconds`` applies to each item.  An item's error is raised again as
    ``describe(item): message`` with the item's exit status.
    """
    results: list[Any] = [None] * len(items)
    for done in run_budgeted(work, items, workers=workers, budget=budget, what=describe):
        if not done.ok:
            if done.watchdog:
                raise done.value
            error = SymprimerError(f"{describe(items[done.position])}: {done.value}")
            error.exit_code = done.value.exit_code
            raise error
        results[done.position] = done.value
        on_progress(1)
    return results
