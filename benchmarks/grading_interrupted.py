"""A class graded, interrupted twice at random moments, resumed: the same marks, no answer checked twice.

A synthetic class of 2,000 students x 40 answers is built from the primer's key
(examples/primer.yaml: each question's derived result, written right in two forms and wrong in
several; 40 questions by asking the first two again under new ids).  Baseline, measured in the
same run: one uninterrupted run into a fresh gradebook.  Then a second fresh gradebook is
graded, stopped by SIGINT and later by SIGTERM at random moments, and resumed until done; its
CSV must equal the baseline's, and the checks finished over all its runs must equal the
baseline's count (an answer already recorded is never checked again).

    python benchmarks/grading_interrupted.py [--students 2000] [--questions 40] [--workers 2] [--seed 1]
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import tempfile
import threading
import time
from pathlib import Path

from symprimer.runtime.budget import Budget
from symprimer.check.export import export_class
from symprimer.check.grade import _key_value, grade_all, grade_class
from symprimer.check.gradebook import Gradebook
from symprimer.check.key import Key, KeyEntry, load_key
from symprimer.check.submissions import Submission
from symprimer.runtime.interrupts import Interrupted, stop_on_signals
from symprimer.runtime.pool import run_budgeted

PRIMER = Path(__file__).resolve().parent.parent / "examples" / "primer.yaml"
BUDGET = Budget(10, 2048)


def primer_key(questions: int, workers: int) -> tuple[Key, dict[str, tuple[list[str], list[str]]]]:
    """The primer's questions as a key with written answers, and for each question the answer
    forms that really are right and really are wrong (probed by grading them once)."""
    from symprimer.check.derived import derived_result
    from symprimer.render.notation import to_latex
    from symprimer.runtime.pool import run_budgeted as run

    primer = load_key(str(PRIMER))
    derived = list(run(lambda e: to_latex(derived_result(e.derive)), primer.entries, workers=workers, budget=Budget(60, 2048)))
    written = {primer.entries[d.position].question: d.value for d in derived if d.ok}
    written_entries = [KeyEntry(e.question, answer=written[e.question], points=e.points) for e in primer.entries if e.question in written]
    readable = {d.position for d in run(_key_value, written_entries, workers=workers, budget=Budget(60, 2048)) if d.ok}
    entries = [e for i, e in enumerate(written_entries) if i in readable]  # a key answer its own reader reads back
    entries += [KeyEntry(f"{e.question}b", answer=e.answer, points=e.points) for e in entries[: max(0, questions - len(entries))]]
    key = Key("primer class", tuple(entries[:questions]))
    forms = {e.question: ([e.answer, rf"\left({e.answer}\right)"], _wrong(e.answer)) for e in key.entries}
    probe = [Submission(f"form{i}", tuple((q, (r + w)[i]) for q, (r, w) in forms.items() if i < len(r + w))) for i in range(6)]
    verdicts = {(s.student, r.question): r.verdict for s in grade_all(probe, key, workers=workers, budget=BUDGET, progress=False) for r in s.results}
    kept = {}
    for q, (right, wrong) in forms.items():
        every = right + wrong
        ok = [f for i, f in enumerate(right) if verdicts.get((f"form{i}", q)) == "equivalent"]
        bad = [f for i, f in enumerate(wrong, len(right)) if verdicts.get((f"form{i}", q)) == "not_equivalent" and f in every]
        if ok:
            kept[q] = (ok, bad)
    return Key(key.title, tuple(e for e in key.entries if e.question in kept)), kept


def _wrong(answer: str) -> list[str]:
    if "matrix" in answer:
        return [rf"2 \cdot {answer}", rf"3 \cdot {answer}", rf"-{answer}", rf"-2 \cdot {answer}"]
    return [rf"\left({answer}\right) + 1", rf"\left({answer}\right) - 3", rf"2 \left({answer}\right)", rf"\left({answer}\right)^{{2}} + 1"]


def synthetic_class(forms: dict[str, tuple[list[str], list[str]]], students: int, seed: int) -> list[Submission]:
    draw = random.Random(seed)
    roster = []
    for s in range(students):
        answers = []
        for q, (right, wrong) in forms.items():
            roll = draw.random()
            if roll < 0.05:
                continue  # missing
            pool = wrong if (roll < 0.3 and wrong) else right
            answers.append((q, draw.choice(pool)))
        roster.append(Submission(f"student{s:05d}", tuple(answers)))
    return roster


class Counter:
    """The local runner, counting the checks that finish."""

    def __init__(self) -> None:
        self.finished = 0

    def __call__(self, work, items, **options):
        for done in run_budgeted(work, items, **options):
            self.finished += 1
            yield done


def grade_once(book_path: str, csv_path: str, roster: list[Submission], key: Key, workers: int, stop: tuple[int, float] | None) -> tuple[str, int, float]:
    """One run; with ``stop`` = (signal, seconds), that signal is sent to this process then."""
    counter, start = Counter(), time.perf_counter()
    timer = threading.Timer(stop[1], os.kill, (os.getpid(), stop[0])) if stop else None
    outcome = "finished"
    with Gradebook(book_path) as book:
        try:
            with stop_on_signals():
                if timer:
                    timer.start()
                grade_class(roster, key, book, workers=workers, budget=BUDGET, progress=False, runner=counter)
                if timer:
                    timer.cancel()
        except Interrupted as signalled:
            outcome = f"stopped by {signalled}"
        export_class(book, csv_path, None)
    return outcome, counter.finished, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    key, forms = primer_key(args.questions, args.workers)
    roster = synthetic_class(forms, args.students, args.seed)
    answers = sum(len(s.answers) for s in roster)
    work = Path(tempfile.mkdtemp(prefix="symprimer-interrupted-"))

    _, base_checks, base_seconds = grade_once(str(work / "whole.sqlite"), str(work / "whole.csv"), roster, key, args.workers, None)
    print(f"class: {len(roster)} students x {len(key.entries)} questions = {answers} answers; {base_checks} distinct checks")
    print(f"baseline, uninterrupted:        {base_seconds:7.1f} s, {answers / base_seconds:8.1f} answers/s, {base_checks / base_seconds:6.1f} checks/s")

    draw = random.Random(args.seed)
    runs, total_checks, total_seconds = [], 0, 0.0
    for stop in ((signal.SIGINT, draw.uniform(0.15, 0.45) * base_seconds), (signal.SIGTERM, draw.uniform(0.15, 0.45) * base_seconds), None):
        outcome, checks, seconds = grade_once(str(work / "resumed.sqlite"), str(work / "resumed.csv"), roster, key, args.workers, stop)
        runs.append(outcome)
        total_checks += checks
        total_seconds += seconds
        print(f"run {len(runs)}: {outcome:<22} after {seconds:6.1f} s, {checks} checks finished")
    identical = (work / "whole.csv").read_bytes() == (work / "resumed.csv").read_bytes()
    print(f"interrupted twice and resumed:  {total_seconds:7.1f} s in all, ratio to baseline {total_seconds / base_seconds:5.2f}x")
    print(f"checks over all runs: {total_checks} (baseline {base_checks}; checked twice: {total_checks - base_checks})")
    print(f"CSV identical to the uninterrupted run's: {'yes' if identical else 'NO'}")
    print(f"files: {work}")


if __name__ == "__main__":
    main()
