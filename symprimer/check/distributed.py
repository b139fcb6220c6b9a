"""Checks on a Dask cluster (``grade --scheduler ADDRESS``), with the same gradebook semantics.

The cluster runs chunks of checks; on each Dask worker a chunk runs through the project's own
runner (``symprimer.runtime.pool``), so every check keeps its time and memory budget there.
The client yields each chunk's results as it completes, and ``grade`` records them at once, so
an interrupted cluster run resumes like a local one.  Needs the optional extra
``symprimer[dask]``.
"""
from __future__ import annotations

import functools
import socket
from typing import Any, Callable, Iterator, Sequence
from urllib.parse import urlsplit

from symprimer.check.grade import _warm_up
from symprimer.runtime.budget import Budget
from symprimer.core.errors import InputError
from symprimer.runtime.pool import Done, run_budgeted

CHUNKS_PER_THREAD = 4  # enough chunks to keep every Dask thread busy to the end
MAX_CHUNK = 200  # and each chunk small enough that an interruption loses little


def dask_runner(address: str) -> Callable[..., Iterator[Done]]:
    """A runner with ``run_budgeted``'s signature that sends the work to the scheduler at ``address``."""
    try:
        import distributed  # noqa: F401  # local: the optional extra symprimer[dask]
    except ImportError:
        raise InputError("--scheduler needs Dask; install the extra with: pip install 'symprimer[dask]'.") from None
    _check_reachable(address)
    return functools.partial(_run_on_cluster, address)


def _check_reachable(address: str) -> None:
    """Refuse at once, before any grading, a TCP scheduler address nothing answers at."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls"):
        return  # other transports are left to Dask to judge
    try:
        host, port = parts.hostname, parts.port or 8786
    except ValueError:
        raise InputError(f"the Dask scheduler address {address!r} is not host:port.") from None
    try:
        socket.create_connection((host, port), timeout=10).close()
    except OSError as error:
        raise InputError(f"the Dask scheduler {address} could not be reached ({error.strerror or type(error).__name__}).") from None


def _run_on_cluster(
    address: str, work: Callable[[Any], Any], items: Sequence[Any], *, workers: int, budget: Budget, what: Callable[[Any], str] = lambda item: "the work"
) -> Iterator[Done]:
    from distributed import Client, as_completed  # local: the optional extra symprimer[dask]

    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError(f"the Dask scheduler {address} could not be reached ({type(error).__name__}).") from None
    futures = []
    try:
        threads = max(1, sum(client.nthreads().values()))
        chunk = max(1, min(MAX_CHUNK, -(-len(items) // (CHUNKS_PER_THREAD * threads))))  # large chunks: each starts one warm worker
        for start in range(0, len(items), chunk):
            positions = list(range(start, min(start + chunk, len(items))))
            futures.append(client.submit(run_chunk, work, [items[p] for p in positions], positions, budget, what, pure=False))
        for future in as_completed(futures):
            yield from future.result()
    finally:
        client.cancel(futures)
        client.close()


def run_chunk(work: Callable[[Any], Any], items: list[Any], positions: list[int], budget: Budget, what: Callable[[Any], str]) -> list[Done]:
    """On a Dask worker: the chunk's checks, one budgeted worker process, positions restored."""
    _warmed()
    return [
        Done(positions[done.position], done.ok, done.value, done.seconds, done.watchdog)
        for done in run_budgeted(work, items, workers=1, budget=budget, what=what)
    ]


@functools.cache
def _warmed() -> bool:
    """Load the reader once per Dask worker, so each chunk's budgeted process starts warm."""
    _warm_up()
    return True
