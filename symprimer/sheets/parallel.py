"""Work shared out to forked, killable child processes, each under a time and memory budget.

The parent forks up to ``workers`` children at a time, each taking a chunk of items, and
waits on their pipes; a child that runs past its deadline is killed and the build stops with
one sentence naming the work it was doing.  Forking after SymPy and the templates are loaded
means the children start warm.  No threads are used, so forking is safe.
"""
from __future__ import annotations

import multiprocessing
import time
from multiprocessing.connection import wait
from typing import Any, Callable, Sequence

from symprimer.budget import Budget, _child_main
from symprimer.errors import BudgetExceeded, SymprimerError


class ItemFailed(SymprimerError):
    """An item of a chunk raised a project error; carries its position and exit status."""

    def __init__(self, message: str, position: int, exit_code: int) -> None:
        super().__init__(message, position, exit_code)
        self.position = position
        self.exit_code = exit_code

    def __str__(self) -> str:
        return str(self.args[0])


def _run_chunk(work: Callable[[Any], Any], chunk: Sequence[Any]) -> list[Any]:
    results = []
    for position, item in enumerate(chunk):
        try:
            results.append(work(item))
        except ItemFailed:
            raise
        except SymprimerError as error:
            raise ItemFailed(str(error), position, error.exit_code) from None
    return results


def chunked(items: Sequence[Any], workers: int, per_worker: int = 4) -> list[list[Any]]:
    """Chunks small enough to balance the load and to keep a time-out precise."""
    if not items:
        return []
    size = max(1, -(-len(items) // (max(workers, 1) * per_worker)))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def run_parallel(
    work: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    workers: int,
    budget: Budget,
    describe: Callable[[Any], str],
    on_progress: Callable[[int], None] = lambda done: None,
) -> list[Any]:
    """``[work(item) for item in items]``, computed in budgeted child processes.

    ``budget.seconds`` applies per item (a chunk of k items gets k times as long).  An item's
    error is raised again as ``describe(item): message`` with the item's exit status.
    """
    chunks = chunked(items, workers)
    starts = [sum(len(c) for c in chunks[:i]) for i in range(len(chunks))]
    results: list[Any] = [None] * len(chunks)
    context = multiprocessing.get_context("fork")
    pending = list(range(len(chunks)))[::-1]
    running: dict[Any, tuple[int, Any, float]] = {}
    try:
        while pending or running:
            while pending and len(running) < max(workers, 1):
                index = pending.pop()
                receiver, sender = context.Pipe(duplex=False)
                child = context.Process(
                    target=_child_main, args=(sender, budget.memory_mb, _run_chunk, (work, chunks[index]), {}), daemon=True
                )
                child.start()
                sender.close()
                running[receiver] = (index, child, time.monotonic() + budget.seconds * len(chunks[index]))
            timeout = max(0.0, min(deadline for _, _, deadline in running.values()) - time.monotonic())
            for receiver in wait(list(running), timeout):
                index, child, _ = running.pop(receiver)
                results[index] = _receive(receiver, chunks[index], describe, budget)
                child.join(1)
                on_progress(len(chunks[index]))
            now = time.monotonic()
            for receiver, (index, child, deadline) in list(running.items()):
                if deadline <= now:
                    raise BudgetExceeded(
                        f"{_names(chunks[index], describe)} did not finish within the time budget of "
                        f"{budget.seconds:g} s per question; try smaller inputs or raise --timeout."
                    )
    finally:
        for receiver, (_, child, _) in running.items():
            if child.is_alive():
                child.kill()
            child.join(1)
            receiver.close()
    return [value for chunk in results for value in chunk]


def _receive(receiver: Any, chunk: list[Any], describe: Callable[[Any], str], budget: Budget) -> list[Any]:
    try:
        status, payload = receiver.recv()
    except (EOFError, OSError):
        raise BudgetExceeded(
            f"{_names(chunk, describe)} stopped before finishing, most likely over the memory budget of "
            f"{budget.memory_mb} MB."
        ) from None
    finally:
        receiver.close()
    if status == "ok":
        return payload
    if isinstance(payload, ItemFailed):
        error = SymprimerError(f"{describe(chunk[payload.position])}: {payload}")
        error.exit_code = payload.exit_code
        raise error
    raise payload


def _names(chunk: list[Any], describe: Callable[[Any], str]) -> str:
    names = [describe(item) for item in chunk[:3]]
    more = f" and {len(chunk) - 3} more" if len(chunk) > 3 else ""
    return "; ".join(names) + more
