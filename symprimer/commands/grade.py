"""``symprimer grade``: check a class's answers against a key, keep every result in a gradebook
as it arrives, and export marks and reports from it."""
from __future__ import annotations

import argparse
import math
import os
import sys
from collections import Counter

from symprimer.core.errors import InputError

HELP = "grade a folder of .tex submissions (or a CSV of answers) against an answer key"

DESCRIPTION = """\
Grade many submissions at once.  SUBMISSIONS is a folder with one .tex file per student, whose
answers are marked \\begin{answer}{q1} ... \\end{answer}, or a CSV file with a 'student' column
and one column per question.  KEY is a JSON (or YAML) file mapping question ids to expected
answers (LaTeX by default; {"answer": ..., "format": "plain", "points": 2}, {"derive": "det
[[1,2],[3,4]]"} or {"property": "inverse", "of": "[[1,2],[3,4]]"}), or a sheet spec (question n
is q<n>).  For sheets made with --variants, each student names their variant (\\variant{3} in the
.tex, or a 'variant' column) and is graded against that variant's numbers; none means variant 1.
Marks: full points when right (and every step holds), half when the final answer is right but
a step is wrong, none otherwise.

Every result is kept in a SQLite gradebook beside the CSV (grades.sqlite for grades.csv) as
soon as it is checked.  Running grade again resumes: answers already graded for the same
submission and key are skipped, new or changed ones are graded.  Ctrl-C (or SIGTERM) stops
cleanly: finished results are kept and the marks so far are written.  A submission that cannot
be read (binary, not UTF-8, too long, a link, a FIFO, two variants...) gets its own row with
the reason; the rest of the class is graded.  CSV cells that would start a spreadsheet formula
(=, +, -, @, tab, carriage return) are written with a leading '.

examples:
  symprimer grade submissions/ --key key.json -o grades.csv --workers 2
  symprimer grade submissions/ --key key.json --scheduler tcp://head-node:8786
  symprimer gradebook grades.sqlite show
"""


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a finite number of seconds above 0")
    return value


def _positive_megabytes(text: str) -> int:
    if not text.isdigit() or not 64 <= int(text) <= 1_048_576:
        raise argparse.ArgumentTypeError(f"{text!r} must be a whole number of megabytes from 64")
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", metavar="SUBMISSIONS", help="a folder of .tex files or a .csv of answers")
    parser.add_argument("--key", required=True, metavar="KEY", help="the answer key (.json, .yaml)")
    parser.add_argument("-o", "--output", default="grades.csv", metavar="CSV", help="where to write the marks (default grades.csv)")
    parser.add_argument("--reports", metavar="DIR", help="folder for per-student reports (default: beside the CSV, 'reports')")
    parser.add_argument("--report-format", choices=("markdown", "latex"), default="markdown", help="per-student reports as Markdown (default) or LaTeX")
    parser.add_argument("--gradebook", metavar="FILE", help="the SQLite gradebook (default: beside the CSV, named after it, .sqlite)")
    parser.add_argument("--fresh", action="store_true", help="forget the gradebook's results and grade everything again")
    parser.add_argument("--workers", type=int, default=2, metavar="N", help="worker processes (default 2)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="run the checks on a Dask cluster (needs symprimer[dask])")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    budget = parser.add_argument_group("budget (per answer)")
    budget.add_argument("--timeout", type=_positive_seconds, default=10.0, metavar="SECONDS", help="time budget per answer (default 10 s)")
    budget.add_argument("--memory", type=_positive_megabytes, default=2048, metavar="MB", help="memory budget per answer (default 2048 MB)")


def run(args: argparse.Namespace) -> int:
    from symprimer.runtime.budget import Budget  # local: keeps symprimer --help fast
    from symprimer.check.export import check_writable, export_class  # local: keeps symprimer --help fast
    from symprimer.check.grade import grade_class  # local: keeps symprimer --help fast
    from symprimer.check.gradebook import Gradebook, beside  # local: keeps symprimer --help fast
    from symprimer.check.key import load_key  # local: keeps symprimer --help fast
    from symprimer.check.submissions import load_submissions  # local: keeps symprimer --help fast
    from symprimer.runtime.interrupts import Interrupted, ignoring_signals, stop_on_signals  # local: keeps symprimer --help fast

    if args.workers < 1 or args.workers > 64:
        raise InputError(f"--workers {args.workers} is out of range; use 1 to 64.")
    check_writable(args.output, "the marks file")
    reports = args.reports or os.path.join(os.path.dirname(os.path.abspath(args.output)), "reports")
    if os.path.islink(reports) or (os.path.exists(reports) and not os.path.isdir(reports)):
        raise InputError(f"the reports folder {reports} is a link or a file; give a folder.")
    if not os.path.isdir(os.path.dirname(os.path.abspath(reports))):
        raise InputError(f"the folder that should hold the reports folder {reports} does not exist.")
    book_path = args.gradebook or beside(args.output)
    check_writable(book_path, "the gradebook")
    runner = _runner(args.scheduler)
    key = load_key(args.key)
    budget = Budget(args.timeout, args.memory)
    if args.fresh:
        _forget(book_path)
    with Gradebook(book_path) as book:
        try:
            with stop_on_signals():
                submissions = load_submissions(args.submissions, workers=args.workers, budget=budget)
                summary = grade_class(submissions, key, book, workers=args.workers, budget=budget, progress=not args.no_progress, runner=runner)
        except Interrupted as stop:
            kept, _ = book.timings()
            try:
                with ignoring_signals():  # the marks only: reports are written when the class is done
                    export_class(book, args.output, None)
                written = f"; the marks so far are in {args.output}"
            except InputError:
                written = ""
            print(f"symprimer grade: stopped by {stop}; {kept} result(s) are kept in {book_path}{written}. "
                  "Run the same command again to resume.", file=sys.stderr)
            return stop.exit_code
        students = export_class(book, args.output, reports, args.report_format)
    print(_summary(students, summary, len(key.entries)))
    print(f"marks: {args.output}; reports: {reports}; gradebook: {book_path}")
    return 0


def _runner(scheduler: str | None):
    from symprimer.runtime.pool import run_budgeted  # local: keeps symprimer --help fast

    if not scheduler:
        return run_budgeted
    from symprimer.check.distributed import dask_runner  # local: keeps symprimer --help fast

    return dask_runner(scheduler)


def _forget(path: str) -> None:
    for each in (path, path + "-wal", path + "-shm"):
        if os.path.isfile(each) and not os.path.islink(each):
            os.remove(each)


def _summary(students, summary, questions: int) -> str:
    counts = Counter(r.verdict for s in students for r in s.results)
    verdicts = ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
    return (
        f"graded {len(students)} submission(s) on {questions} question(s): {verdicts}\n"
        f"this run: {summary.graded} answer(s) graded ({summary.checked} distinct check(s)), "
        f"{summary.skipped} skipped as already graded in the gradebook"
    )
