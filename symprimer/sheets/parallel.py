"""Work shared out to forked, killable worker processes, each under a time and memory budget.

The parent forks up to ``workers`` processes after SymPy and the templates are loaded (so
they start warm and keep their caches), hands each the index of its next item over a pipe and
waits for the result; an item that takes longer than the budget gets its worker killed and
the build stops with one sentence naming that item.  No threads are used, so forking is safe.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Sequence

from symprimer.budget import Budget
from symprimer.errors import BudgetExceeded, SymprimerError


def _attempt(work: Callable[[Any], Any], item: Any, position: int) -> tuple:
    try:
        return ("ok", position, work(item))
    except SymprimerError as error:
        return ("error", position, error)
    except MemoryError:
        return ("error", position, BudgetExceeded("it ran out of its memory budget; try a smaller input."))
    except RecursionError:
        return ("error", position, BudgetExceeded("it is nested too deeply to work through."))
    except Exception as error:  # a bug: one sentence, not a traceback
        return ("error", position, SymprimerError(f"internal error ({type(error).__name__}: {error})"))


def _worker_main(connection: Any, memory_mb: int, work: Callable[[Any], Any], items: Sequence[Any]) -> None:
    """In the forked worker: limit memory; answer each index received until told to stop."""
    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    try:
        while True:
            position = connection.recv()
            if position is None:
                return
            message = _attempt(work, items[position], position)
            try:
                connection.send(message)
            except Exception as error:  # an unpicklable result
                message = ("error", position, SymprimerError(f"internal error: the result could not be returned ({error})"))
                connection.send(message)
            if message[0] == "error":
                return
    except (EOFError, OSError):
        return
    finally:
        connection.close()
        os._exit(0)


@dataclass
class _Worker:
    process: Any
    position: int
    deadline: float


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
    queue = deque(range(len(items)))
    context = multiprocessing.get_context("fork")
    running: dict[Any, _Worker] = {}
    try:
        for _ in range(min(max(workers, 1), len(items))):
            parent_end, child_end = context.Pipe(duplex=True)
            process = context.Process(target=_worker_main, args=(child_end, budget.memory_mb, work, items), daemon=True)
            process.start()
            child_end.close()
            running[parent_end] = _Worker(process, -1, 0.0)
            _hand_out(parent_end, running, queue, budget)
        while running:
            timeout = max(0.0, min(w.deadline for w in running.values()) - time.monotonic())
            for connection in wait(list(running), timeout):
                worker = running[connection]
                status, position, payload = _receive(connection, items[worker.position], describe, budget)
                if status == "error":
                    error = SymprimerError(f"{describe(items[position])}: {payload}")
                    error.exit_code = payload.exit_code
                    raise error
                results[position] = payload
                on_progress(1)
                _hand_out(connection, running, queue, budget)
            now = time.monotonic()
            for worker in running.values():
                if worker.deadline <= now:
                    raise BudgetExceeded(
                        f"{describe(items[worker.position])} did not finish within the time budget of "
                        f"{budget.seconds:g} s; try smaller inputs or raise --timeout."
                    )
    finally:
        for connection, worker in running.items():
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join(1)
            connection.close()
    return results


def _hand_out(connection: Any, running: dict, queue: deque, budget: Budget) -> None:
    """Give the worker its next item, or tell it to stop and let it go."""
    worker = running[connection]
    if queue:
        worker.position = queue.popleft()
        worker.deadline = time.monotonic() + budget.seconds
        connection.send(worker.position)
        return
    connection.send(None)
    del running[connection]
    connection.close()
    worker.process.join(1)


def _receive(connection: Any, item: Any, describe: Callable[[Any], str], budget: Budget) -> tuple:
    try:
        return connection.recv()
    except (EOFError, OSError):
        raise BudgetExceeded(
            f"{describe(item)} stopped before finishing, most likely over the memory budget of {budget.memory_mb} MB."
        ) from None
