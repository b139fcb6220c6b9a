"""``symprimer grade``: check a class's answers against a key and write marks and reports."""
from __future__ import annotations

import argparse

HELP = "grade a folder of .tex submissions (or a CSV of answers) against an answer key"

DESCRIPTION = """\
Grade many submissions at once.  SUBMISSIONS is a folder with one .tex file per student, whose
answers are marked \\begin{answer}{q1} ... \\end{answer}, or a CSV file with a 'student' column
and one column per question.  KEY is a JSON (or YAML) file mapping question ids to expected
answers (LaTeX by default; {"answer": ..., "format": "plain", "points": 2}, {"derive": "det
[[1,2],[3,4]]"} or {"property": "inverse", "of": "[[1,2],[3,4]]"}).  Every check runs in its
own killable process under the time and memory budget; hostile answers end as unparseable or
undecided.  Writes the marks as CSV and one report per student (Markdown, or LaTeX).
A key may also be a sheet spec (symprimer sheet's YAML): question n is q<n>, its answer the
derivation's result.  For sheets made with --variants, each student names their variant
(\\variant{3} in the .tex, or a 'variant' column in the CSV) and is graded against that
variant's numbers; a submission that names none is graded against variant 1.  Marks: full points when right (and every step holds), half when the final
answer is right but a step is wrong, none otherwise.

example:
  symprimer grade submissions/ --key key.json -o grades.csv --workers 4
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", metavar="SUBMISSIONS", help="a folder of .tex files or a .csv of answers")
    parser.add_argument("--key", required=True, metavar="KEY", help="the answer key (.json, .yaml)")
    parser.add_argument("-o", "--output", default="grades.csv", metavar="CSV", help="where to write the marks (default grades.csv)")
    parser.add_argument("--reports", metavar="DIR", help="folder for per-student reports (default: beside the CSV, 'reports')")
    parser.add_argument("--report-format", choices=("markdown", "latex"), default="markdown", help="per-student reports as Markdown (default) or LaTeX")
    parser.add_argument("--workers", type=int, default=2, metavar="N", help="worker processes (default 2)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    budget = parser.add_argument_group("budget (per answer)")
    budget.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help="time budget per answer (default 10 s)")
    budget.add_argument("--memory", type=int, default=2048, metavar="MB", help="memory budget per answer (default 2048 MB)")


def run(args: argparse.Namespace) -> int:
    import os
    from collections import Counter

    from symprimer.budget import Budget
    from symprimer.check.grade import grade_all, load_submissions, write_grades_csv
    from symprimer.check.key import load_key
    from symprimer.check.report import write_reports
    from symprimer.errors import InputError

    if args.workers < 1 or args.workers > 64:
        raise InputError(f"--workers {args.workers} is out of range; use 1 to 64.")
    key = load_key(args.key)
    submissions = load_submissions(args.submissions)
    results = grade_all(
        submissions, key, workers=args.workers, budget=Budget(args.timeout, args.memory), progress=not args.no_progress
    )
    write_grades_csv(results, key, args.output)
    reports = args.reports or os.path.join(os.path.dirname(os.path.abspath(args.output)), "reports")
    write_reports(results, key, reports, args.report_format)
    counts = Counter(r.verdict for s in results for r in s.results)
    summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
    print(f"graded {len(results)} submission(s) on {len(key.entries)} question(s): {summary}")
    print(f"marks: {args.output}; reports: {reports}")
    return 0
