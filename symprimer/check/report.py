"""Per-student reports in Markdown: each question's verdict, marks, how it was read, and why.

Student text never appears raw: what is shown is re-rendered from the parsed form (``read as``)
or the checker's own sentences, with table characters escaped.
"""
from __future__ import annotations

import os
import re

from symprimer.check.grade import StudentResult
from symprimer.check.key import Key

_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def student_report(result: StudentResult, key: Key) -> str:
    lines = [
        f"# {key.title}: {result.student}",
        "",
        f"Marks: **{result.total:g} / {key.total:g}**",
        "",
        "| question | verdict | marks | read as |",
        "| --- | --- | --- | --- |",
    ]
    for row in result.results:
        read_as = f"${_cell(row.read_as)}$" if row.read_as else ""
        lines.append(f"| {_cell(row.question)} | {row.verdict} | {row.marks:g} / {row.points:g} | {read_as} |")
    lines.append("")
    for row in result.results:
        lines.append(f"## {_cell(row.question)}: {row.verdict}")
        lines.append("")
        lines.append(_cell(row.reason))
        if row.first_invalid:
            lines.append(f"\nFirst invalid step: {row.first_invalid}.")
        if row.diagnosis:
            lines.append(f"\nLikely mistake: {_cell(row.diagnosis)}")
        lines.append("")
    return "\n".join(lines)


def write_reports(results: list[StudentResult], key: Key, folder: str) -> list[str]:
    os.makedirs(folder, exist_ok=True)
    written = []
    for result in results:
        path = os.path.join(folder, f"{_SAFE_NAME.sub('_', result.student) or 'student'}.md")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(student_report(result, key))
        written.append(path)
    return written


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
