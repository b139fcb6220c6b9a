"""Marks and reports written from the gradebook: atomically, never through a link, and with
every CSV cell a spreadsheet would run as a formula neutralised.

The OWASP rule: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading ``'``, so a student named ``=HYPERLINK(...)`` stays text.
"""
from __future__ import annotations

import csv
import io
import os
from typing import Iterable

from symprimer.runtime.output import write_text
from symprimer.check.gradebook import ClassSheet, Gradebook
from symprimer.check.report import write_reports
from symprimer.check.results import StudentResult
from symprimer.core.errors import InputError, not_a_plain_file

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def grades_csv(students: Iterable[StudentResult], sheet: ClassSheet) -> str:
    """One row per student: marks per question (blank where nothing was graded), total, max, note."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["student", *(neutralise(q) for q, _ in sheet.questions), "total", "max", "note"])
    for student in students:
        marks = {r.question: ("" if r.verdict in ("pending", "ungradable") else _number(r.marks)) for r in student.results}
        row = [student.student, *(marks.get(q, "") for q, _ in sheet.questions), _number(student.total), _number(sheet.total), student.note]
        writer.writerow([row[0] and neutralise(row[0]), *row[1:-1], neutralise(" ".join(row[-1].split()))])
    return buffer.getvalue()


def _number(value: float) -> str:
    return f"{value:g}"


def check_writable(path: str, what: str) -> None:
    """Refuse, before any grading, a file whose folder is missing or that is a link or a folder."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InputError(f"the folder of {what} {path} does not exist; create it first.")
    if os.path.islink(path) or os.path.isdir(path):
        raise not_a_plain_file(f"{what} {path}")


def export_class(book: Gradebook, csv_path: str, reports: str | None, fmt: str = "markdown") -> list[StudentResult]:
    """Write the marks (and the reports, when a folder is given) of the class as last graded."""
    sheet, students = book.sheet(), book.students()
    write_text(csv_path, grades_csv(students, sheet))
    if reports:
        write_reports(students, sheet, reports, fmt)
    return students
