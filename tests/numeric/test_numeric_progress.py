"""The progress bar: drawn on stderr when asked (or for long runs on a terminal), silent otherwise."""
from __future__ import annotations

from symprimer.numeric.api import descend_function
from symprimer.numeric.progress import progress_bar


def test_bar_draws_on_stderr_when_enabled(capsys):
    with progress_bar(50, "descend", enabled=True) as advance:
        descend_function("x**2", "x=1", ["sgd"], [0.1], 50, progress=advance)
    captured = capsys.readouterr()
    assert captured.out == "" and "descend" in captured.err


def test_short_runs_off_a_terminal_stay_silent(capsys):
    with progress_bar(50, "descend") as advance:
        descend_function("x**2", "x=1", ["sgd"], [0.1], 50, progress=advance)
    assert capsys.readouterr().err == ""
