"""Checks per second on a batch of 2,000 answers with 2 workers, and the share that end undecided.

The batch cycles through the answer corpus of tests/check/corpus.yaml (syllabus answers, right
and wrong), each pass as new questions so that every answer is a check of its own (grading
checks an identical answer to the same question only once).  The same answer text does come
back in each pass, and a worker keeps what it has read; ``--distinct`` makes every pass's texts
differ (a thin space ``\\,`` added per pass, which reads the same) to measure without that help.
Baseline, measured in the same run and after the graded run (so the workers start from a parent
that has checked nothing yet): the same checks one after another in this process, with no
workers and no budget.  CPU per check counts the grading process and its workers together.
Each worker pays once for loading the reader and reading the key (about a second); 2,000
answers, fewer than one class of 160 students answering 40 questions, spreads that as a class
does, where 500 would mostly measure it.

    python benchmarks/check_throughput.py [--answers 2000] [--workers 2] [--distinct] [--dask]
"""
from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from pathlib import Path

import yaml

from symprimer.runtime.budget import Budget
from symprimer.check.grade import Submission, _key_values, grade_all, grade_answer
from symprimer.check.key import Key, KeyEntry

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "check" / "corpus.yaml"


def batch(size: int, distinct: bool = False) -> tuple[Key, list[Submission]]:
    """``size`` answers, every one a check of its own: each pass over the corpus is a new set of
    questions (q3r2 is corpus answer 3 asked again), so no answer repeats one already checked.
    ``distinct``: pass r's LaTeX answers end in r thin spaces, so no text repeats either."""
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    passes = -(-size // len(corpus))
    entries = tuple(
        KeyEntry(f"q{i}r{r}", answer=e["expected"], plain=e.get("plain", False)) for r in range(passes) for i, e in enumerate(corpus)
    )
    submissions = []
    for r in range(passes):
        answers = tuple((f"q{i}r{r}", _spaced(e, r if distinct else 0)) for i, e in enumerate(corpus))[: size - r * len(corpus)]
        submissions.append(Submission(f"student{r}", answers))
    return Key("benchmark", entries), submissions


def _spaced(entry: dict, thin_spaces: int) -> str:
    return entry["answer"] if entry.get("plain") else entry["answer"] + r"\," * thin_spaces


def sequential(key: Key, submissions: list[Submission]) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    expected = _key_values(key.entries)  # the key read once, as grading does
    for submission in submissions:
        for question, text in submission.answers:
            try:
                grade_answer(key.entry(question), expected[question], text)
            except Exception:  # unparseable answers raise in the bare function
                pass
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--distinct", action="store_true", help="no answer text repeats (nothing read is met again)")
    parser.add_argument("--dask", action="store_true", help="also measure two local Dask workers (needs symprimer[dask])")
    args = parser.parse_args()
    key, submissions = batch(args.answers, args.distinct)
    total = sum(len(s.answers) for s in submissions)
    load_before = os.getloadavg()[0]

    before = os.times()
    start = time.perf_counter()
    results = grade_all(submissions, key, workers=args.workers, budget=Budget(10, 2048), progress=False)
    seconds = time.perf_counter() - start
    after = os.times()
    parent_cpu = sum(getattr(after, f) - getattr(before, f) for f in ("user", "system"))
    cpu = parent_cpu + sum(getattr(after, f) - getattr(before, f) for f in ("children_user", "children_system"))
    verdicts = Counter(r.verdict for s in results for r in s.results if r.verdict != "missing")
    base_seconds, base_cpu = sequential(key, submissions)

    rate, base_rate = total / seconds, total / base_seconds
    print(f"answers checked:                  {total}")
    print(f"symprimer grade, {args.workers} workers:        {rate:6.1f} checks/s  ({seconds:.1f} s, warm workers, each check under its budget)")
    print(f"baseline, 1 process, no budget:   {base_rate:6.1f} checks/s  ({base_seconds:.1f} s)")
    print(f"ratio grade / baseline:           {rate / base_rate:6.2f}x")
    print(f"CPU per check: grade {1000 * cpu / total:.1f} ms (its parent {1000 * parent_cpu / total:.1f}), baseline {1000 * base_cpu / total:.1f} ms")
    print(f"rate if the {args.workers} cores were free: {args.workers * total / cpu:6.1f} checks/s (load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after)")
    print(f"undecided share:                  {verdicts['undecided'] / total:6.1%}")
    print("verdicts:", dict(sorted(verdicts.items())))
    print(f"target >= 150 checks/s on two cores: {'met' if rate >= 150 else 'NOT met'}")
    if args.dask:
        print(f"two local Dask workers:           {dask_rate(key, submissions, total):6.1f} checks/s")


def dask_rate(key: Key, submissions: list[Submission], total: int) -> float:
    """The same batch through ``grade --scheduler`` on a LocalCluster of two one-thread workers."""
    from distributed import LocalCluster

    from symprimer.check.distributed import dask_runner
    from symprimer.check.grade import grade_class
    from symprimer.check.gradebook import Gradebook

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Gradebook(":memory:") as book:
        start = time.perf_counter()
        grade_class(submissions, key, book, workers=2, budget=Budget(10, 2048), progress=False, runner=dask_runner(cluster.scheduler_address))
        return total / (time.perf_counter() - start)


if __name__ == "__main__":
    main()
