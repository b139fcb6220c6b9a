"""The gradebook: results kept as they arrive, resumed runs check only what is new or changed,
interrupts end every worker and keep what finished, and the gradebook reads back without grading."""
from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from symprimer.runtime.budget import Budget
from symprimer.check.grade import grade_all, grade_class
from symprimer.check.gradebook import Gradebook
from symprimer.check.key import key_from_data
from symprimer.check.submissions import Submission
from symprimer.cli import main
from symprimer.runtime.pool import run_budgeted

ROOT = Path(__file__).resolve().parents[2]
KEY = key_from_data({"title": "Resume", "questions": {"q1": r"\frac{1}{2}", "q2": {"answer": "x^2", "points": 2}}})


def _counting(seen: list[str]):
    """The local runner, noting every answer it is asked to check."""

    def runner(work, items, **options):
        seen.extend(item.text for item in items)
        return run_budgeted(work, items, **options)

    return runner


def _grade(book: Gradebook, submissions: list[Submission], seen: list[str]):
    return grade_class(submissions, KEY, book, workers=1, budget=Budget(20, 2048), progress=False, runner=_counting(seen))


def test_resume_skips_the_unchanged_and_regrades_the_changed(tmp_path):
    first = [Submission("ann", (("q1", "0.5"), ("q2", "x x"))), Submission("bob", (("q1", "1/3"),))]
    path = str(tmp_path / "g.sqlite")
    seen: list[str] = []
    with Gradebook(path) as book:
        summary = _grade(book, first, seen)
        assert (summary.graded, summary.skipped) == (3, 0)
        before = book.students()
    with Gradebook(path) as book:  # a new run, the same class: nothing is checked again
        again: list[str] = []
        summary = _grade(book, first, again)
        assert (summary.checked, summary.skipped, again) == (0, 3, [])
        assert book.students() == before
    changed = [first[0], Submission("bob", (("q1", "\\frac{2}{4}"),))]
    with Gradebook(path) as book:
        regraded: list[str] = []
        summary = _grade(book, changed, regraded)
        assert regraded == ["\\frac{2}{4}"] and summary.skipped == 2
        ann, bob = book.students()
    assert (ann.total, bob.total) == (3.0, 1.0)
    assert sorted(seen) == sorted(["0.5", "x x", "1/3"])


def test_identical_answers_are_checked_once_and_agree_with_separate_checks():
    class_ = [Submission(name, (("q1", "0.5"), ("q2", "x^{2}"))) for name in ("a", "b", "c")] + [Submission("d", (("q2", "2x"),))]
    seen: list[str] = []
    with Gradebook(":memory:") as book:
        summary = grade_class(class_, KEY, book, workers=2, budget=Budget(20, 2048), progress=False, runner=_counting(seen))
        together = book.students()
    assert summary.checked == 3 and summary.graded == 7 and len(seen) == 3
    alone = [grade_all([s], KEY, workers=1, progress=False)[0] for s in class_]  # the oracle: each on its own
    assert together == alone


def _class_folder(tmp_path: Path, students: int = 16) -> tuple[Path, Path]:
    """A CSV class whose answers are all different, so each is one check of its own."""
    answers = tmp_path / "answers.csv"
    questions = [f"q{i}" for i in range(1, 5)]
    with answers.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", *questions])
        for s in range(students):
            writer.writerow([f"s{s:03d}", *(rf"\frac{{{s + 1}}}{{{q + 2}}} x^{{{q + 1}}} + \sin({s}x)" for q in range(len(questions)))])
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"questions": {q: rf"\frac{{1}}{{{i + 2}}} x^{{{i + 1}}}" for i, q in enumerate(questions)}}), encoding="utf-8")
    return answers, key


def _command(answers: Path, key: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "symprimer", "grade", str(answers), "--key", str(key), "-o", str(out), "--workers", "2", "--no-progress", "--timeout", "30"]


def _kept(book: Path) -> int:
    if not book.exists():
        return 0
    try:
        with sqlite3.connect(book) as db:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


def _descendants(pid: int) -> set[int]:
    found, frontier = set(), {pid}
    while frontier:
        parents, frontier = frontier, set()
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) in parents and int(entry) not in found:
                    found.add(int(entry))
                    frontier.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("signum, code, resume", [(signal.SIGINT, 130, False), (signal.SIGTERM, 143, True)])
def test_an_interrupt_keeps_what_finished_ends_every_worker_and_resumes(tmp_path, signum, code, resume):
    answers, key = _class_folder(tmp_path)
    out, book = tmp_path / "grades.csv", tmp_path / "grades.sqlite"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen(_command(answers, key, out), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while _kept(book) < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _descendants(run.pid)
    run.send_signal(signum)
    stopped = time.monotonic()
    _, err = run.communicate(timeout=30)
    assert run.returncode == code, err
    assert time.monotonic() - stopped < 2.0
    time.sleep(0.2)
    assert workers and not any(_alive(pid) for pid in workers)
    kept = _kept(book)
    assert kept >= 3 and "resume" in err
    partial = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(partial) == 16  # the marks so far: every student, pending answers blank
    if not resume:
        return
    resumed = subprocess.run(_command(answers, key, out), env=env, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{kept} skipped" in resumed.stdout
    whole = tmp_path / "whole"
    whole.mkdir()
    fresh = subprocess.run(_command(answers, key, whole / "grades.csv"), env=env, capture_output=True, text=True, timeout=600)
    assert fresh.returncode == 0, fresh.stderr
    assert out.read_text(encoding="utf-8") == (whole / "grades.csv").read_text(encoding="utf-8")


def test_the_gradebook_reads_back_without_grading(tmp_path, capsys):
    answers = tmp_path / "answers.csv"
    answers.write_text("student,q1,q2\nann,0.5,x^2\nbob,1,\n", encoding="utf-8")
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"title": "Back", "questions": {"q1": r"\frac{1}{2}", "q2": {"answer": "x^2", "points": 2}}}), encoding="utf-8")
    out = tmp_path / "grades.csv"
    assert main(["grade", str(answers), "--key", str(key), "-o", str(out), "--workers", "1", "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["gradebook", str(tmp_path / "grades.sqlite"), "show"]) == 0
    shown = capsys.readouterr().out
    assert "ann" in shown and "3 / 3" in shown and "0 / 3" in shown
    again = tmp_path / "again.csv"
    assert main(["gradebook", str(tmp_path / "grades.sqlite"), "export", "-o", str(again), "--reports", str(tmp_path / "r2")]) == 0
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert (tmp_path / "r2" / "ann.md").read_text(encoding="utf-8") == (tmp_path / "reports" / "ann.md").read_text(encoding="utf-8")


def test_a_missing_gradebook_is_one_sentence(tmp_path, capsys):
    assert main(["gradebook", str(tmp_path / "none.sqlite"), "show"]) == 2
    assert "does not exist" in capsys.readouterr().err
