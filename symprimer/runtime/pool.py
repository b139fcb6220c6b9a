"""One runner for budgeted work: long-lived forked workers and a watchdog that replaces any
worker that overruns its time or memory.

Workers are forked from a warm parent (SymPy and the readers already loaded), so each starts
ready and keeps its caches from one item to the next: no fork per item.  The parent hands a
worker the position of its next item (the items themselves were inherited at the fork), waits
with a deadline, and kills the worker's whole process group when the deadline passes; a worker
that dies (over its memory cap) is replaced the same way.  Results arrive as they complete.
Leaving the loop for any reason (the end, an error, an interrupt) ends every worker and its
children.  No threads are used, so forking is safe.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from symprimer.core.errors import BudgetExceeded, SymprimerError
from symprimer.runtime import child

if TYPE_CHECKING:  # for annotations only: runtime.budget imports this module to run its work
    from symprimer.runtime.budget import Budget


@dataclass(frozen=True)
class Done:
    """One finished item: its position, its value (``ok``) or its error, and how long it took.
    ``watchdog`` is true when the budget was enforced from outside (the error names the item)."""

    position: int
    ok: bool
    value: Any
    seconds: float
    watchdog: bool = False


def _worker_main(connection: Connection, memory_mb: int, work: Callable[[Any], Any], items: Sequence[Any]) -> None:
    try:
        child.prepare(memory_mb)
        while True:
            position = connection.recv()
            if position is None:
                break
            outcome = child.attempt(work, items[position])
            connection.send_bytes(child.dumps(outcome))
            if outcome[0] == "fatal":
                break
    except BaseException:  # the parent went away, or a signal: a worker never unwinds into its parent's code
        pass
    os._exit(0)


@dataclass
class _Worker:
    pid: int
    connection: Connection
    position: int = -1
    started: float = 0.0


class _Workers:
    """The running workers, forked and ended in one place.  ``os.fork`` rather than
    ``multiprocessing.Process``: a daemonic process (a Dask worker) may not start Processes."""

    def __init__(self, work: Callable[[Any], Any], items: Sequence[Any], memory_mb: int) -> None:
        self._args = (memory_mb, work, items)
        self.by_connection: dict[Connection, _Worker] = {}

    def start(self) -> _Worker:
        parent_end, child_end = multiprocessing.Pipe(duplex=True)
        pid = os.fork()
        if pid == 0:  # the worker: keep only its own end of its own pipe, and never return
            try:
                for connection in [parent_end, *self.by_connection]:
                    connection.close()
                _worker_main(child_end, *self._args)
            finally:
                os._exit(0)
        child_end.close()
        try:
            os.setpgid(pid, pid)  # also set here: no window where a kill misses it
        except OSError:
            pass
        worker = _Worker(pid, parent_end)
        self.by_connection[parent_end] = worker
        return worker

    def end(self, worker: _Worker, *, kill: bool) -> None:
        self.by_connection.pop(worker.connection, None)
        if not kill:
            try:
                worker.connection.send(None)
            except OSError:
                kill = True
        if kill or not _reaped(worker.pid, 1.0):
            _kill_group(worker.pid)
            _reaped(worker.pid, 2.0)
        worker.connection.close()

    def end_all(self) -> None:
        for worker in list(self.by_connection.values()):
            _kill_group(worker.pid)
        for worker in list(self.by_connection.values()):
            self.end(worker, kill=True)


def _reaped(pid: int, seconds: float) -> bool:
    """Wait up to ``seconds`` for the worker to exit; true once it has (and is reaped)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True
        if done:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.005)


def _kill_group(pid: int) -> None:
    for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            kill()
        except OSError:
            pass


def run_budgeted(
    work: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    workers: int,
    budget: Budget,
    what: Callable[[Any], str] = lambda item: "the work",
    positions: Sequence[int] | None = None,
) -> Iterator[Done]:
    """Yield a ``Done`` for ``work(items[p])`` for each position ``p`` (all of them by default),
    as they complete, each computed in a worker under ``budget`` (seconds per item, memory per
    worker).  A worker's error is the item's outcome, never the run's end."""
    queue = deque(range(len(items)) if positions is None else positions)
    pool = _Workers(work, items, budget.memory_mb)
    try:
        for _ in range(min(max(workers, 1), len(queue))):
            _hand_out(pool, pool.start(), queue)
        while pool.by_connection:
            busy = list(pool.by_connection.values())
            soonest = min(w.started for w in busy) + budget.seconds
            for connection in wait(list(pool.by_connection), max(0.0, soonest - time.monotonic())):
                worker = pool.by_connection[connection]
                done, fatal = _receive(worker, items, budget, what)
                if fatal:
                    pool.end(worker, kill=True)
                    worker = pool.start() if queue else None
                if worker is not None:
                    _hand_out(pool, worker, queue)
                yield done
            now = time.monotonic()
            for worker in [w for w in pool.by_connection.values() if w.started + budget.seconds <= now]:
                pool.end(worker, kill=True)
                if queue:
                    _hand_out(pool, pool.start(), queue)
                message = f"{what(items[worker.position])} did not finish within the time budget of {budget.seconds:g} s; try a smaller input or raise --timeout."
                yield Done(worker.position, False, BudgetExceeded(message), now - worker.started, watchdog=True)
    finally:
        pool.end_all()


def _hand_out(pool: _Workers, worker: _Worker, queue: deque) -> None:
    """Give the worker its next position, or let it go."""
    if not queue:
        pool.end(worker, kill=False)
        return
    worker.position, worker.started = queue.popleft(), time.monotonic()
    worker.connection.send(worker.position)


def _receive(worker: _Worker, items: Sequence[Any], budget: Budget, what: Callable[[Any], str]) -> tuple[Done, bool]:
    seconds = time.monotonic() - worker.started
    try:
        status, payload = pickle.loads(worker.connection.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        message = f"{what(items[worker.position])} stopped before finishing, most likely over the memory budget of {budget.memory_mb} MB; try a smaller input."
        return Done(worker.position, False, BudgetExceeded(message), seconds, watchdog=True), True
    if status == "ok":
        return Done(worker.position, True, payload, seconds), False
    if not isinstance(payload, SymprimerError):
        payload = SymprimerError(f"internal error ({payload})")
    return Done(worker.position, False, payload, seconds), status == "fatal"
