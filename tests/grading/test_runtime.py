"""The one runner for budgeted work: warm workers, a watchdog that replaces overrunning workers,
every worker's children ended with it."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.runtime.budget import Budget
from symprimer.core.errors import BudgetExceeded, InputError
from symprimer.runtime.pool import run_budgeted


def _work(item):
    kind, value = item
    if kind == "square":
        return value * value
    if kind == "sleep":
        time.sleep(value)
    if kind == "hog":
        return len(bytearray(value * 1024 * 1024))
    if kind == "refuse":
        raise InputError(f"{value} is refused.")
    if kind == "spawn":  # a grandchild, as pdflatex would be, then wait on it
        process = subprocess.Popen(["sleep", "60"])
        Path(value).write_text(str(process.pid))
        process.wait()
    if kind == "pid":
        return os.getpid()
    return None


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@settings(max_examples=5, deadline=None)
@given(st.lists(st.integers(-1000, 1000), max_size=12), st.integers(1, 3))
def test_every_item_is_done_once_with_its_own_value(values, workers):
    found = {d.position: d.value for d in run_budgeted(_work, [("square", v) for v in values], workers=workers, budget=Budget(20, 1024))}
    assert found == {i: v * v for i, v in enumerate(values)}


def test_workers_are_long_lived():
    pids = {d.value for d in run_budgeted(_work, [("pid", 0)] * 12, workers=2, budget=Budget(20, 1024))}
    assert 1 <= len(pids) <= 2 and os.getpid() not in pids


def test_an_overrun_is_an_outcome_and_its_worker_is_replaced():
    items = [("sleep", 60), ("square", 3), ("refuse", "x"), ("square", 4)]
    start = time.monotonic()
    done = {d.position: d for d in run_budgeted(_work, items, workers=1, budget=Budget(1.0, 1024), what=lambda i: f"item {i[0]}")}
    assert time.monotonic() - start < 20
    assert isinstance(done[0].value, BudgetExceeded) and done[0].watchdog and "item sleep" in str(done[0].value)
    assert (done[1].value, done[3].value) == (9, 16)
    assert isinstance(done[2].value, InputError) and not done[2].ok


def test_a_memory_overrun_is_an_outcome_and_the_rest_go_on():
    done = {d.position: d for d in run_budgeted(_work, [("hog", 4000), ("square", 5)], workers=1, budget=Budget(20, 700))}
    assert isinstance(done[0].value, BudgetExceeded) and "memory" in str(done[0].value)
    assert done[1].value == 25


def test_a_worker_and_what_it_started_end_together(tmp_path):
    note = tmp_path / "grandchild"
    start = time.monotonic()
    (done,) = run_budgeted(_work, [("spawn", str(note))], workers=1, budget=Budget(2.0, 1024))
    assert done.watchdog and time.monotonic() - start < 10
    time.sleep(0.3)
    assert not _alive(int(note.read_text()))


def test_leaving_early_ends_every_worker():
    results = run_budgeted(_work, [("pid", 0), ("sleep", 60), ("sleep", 60)], workers=3, budget=Budget(60, 1024))
    first = next(results)
    assert first.ok
    results.close()
    time.sleep(0.3)
    assert not _alive(first.value)
