"""``symprimer gradebook``: read a class's gradebook back, without grading anything."""
from __future__ import annotations

import argparse
import os

from symprimer.core.errors import InputError

HELP = "show a grading run's gradebook, or export its marks and reports again"

DESCRIPTION = """\
Read the SQLite gradebook that symprimer grade keeps beside its CSV.  'show' prints each
student's total and what is left to grade; 'export' writes the marks CSV (and, with
--reports, one report per student) again from the gradebook alone.

examples:
  symprimer gradebook grades.sqlite show
  symprimer gradebook grades.sqlite export -o marks.csv --reports reports/
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gradebook", metavar="GRADEBOOK", help="the .sqlite file symprimer grade wrote")
    parser.add_argument("action", choices=("show", "export"), help="show the class, or export its marks")
    parser.add_argument("-o", "--output", metavar="CSV", help="export: where to write the marks (default: beside the gradebook, .csv)")
    parser.add_argument("--reports", metavar="DIR", help="export: also write one report per student into DIR")
    parser.add_argument("--report-format", choices=("markdown", "latex"), default="markdown")


def run(args: argparse.Namespace) -> int:
    from symprimer.check.export import check_writable, export_class  # local: keeps symprimer --help fast
    from symprimer.check.gradebook import Gradebook  # local: keeps symprimer --help fast

    if not os.path.isfile(args.gradebook):
        raise InputError(f"the gradebook {args.gradebook} does not exist; symprimer grade writes it beside its CSV.")
    with Gradebook(args.gradebook) as book:
        if args.action == "export":
            output = args.output or os.path.splitext(args.gradebook)[0] + ".csv"
            check_writable(output, "the marks file")
            students = export_class(book, output, args.reports, args.report_format)
            print(f"exported {len(students)} student(s) to {output}" + (f"; reports: {args.reports}" if args.reports else ""))
            return 0
        sheet, students = book.sheet(), book.students()
        count, seconds = book.timings()
    width = max([len(s.student) for s in students] + [7])
    print(f"{sheet.title}: {len(students)} student(s), {len(sheet.questions)} question(s), {sheet.total:g} mark(s) each")
    for student in students:
        note = f"  ({' '.join(student.note.split())})" if student.note else ""
        print(f"  {student.student:<{width}}  {student.total:g} / {sheet.total:g}{note}")
    pending = sum(s.pending for s in students)
    print(f"{count} result(s) kept, {seconds:.1f} s of checking in all; {pending} answer(s) not graded yet")
    return 0
