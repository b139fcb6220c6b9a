"""Per-student reports (Markdown or LaTeX): each question's verdict, marks, how it was read, and why.

Student text never appears raw: what is shown is re-rendered from the parsed form (``read as``,
whose commands all passed the reader's whitelist) or the checker's own sentences, escaped for
the format (table bars in Markdown; every special character in LaTeX).
"""
from __future__ import annotations

import os
import re
from typing import Callable

from symprimer.check.grade import StudentResult
from symprimer.check.key import Key
from symprimer.render.escape import escape_latex

_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def markdown_report(result: StudentResult, key: Key) -> str:
    lines = [
        f"# {_cell(key.title)}: {_cell(result.student)}",
        "",
        f"Marks: **{result.total:g} / {key.total:g}**" + (f" (variant {result.variant})" if result.variant else ""),
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


def latex_report(result: StudentResult, key: Key) -> str:
    lines = [
        r"\documentclass{article}",
        r"\usepackage{amsmath,amssymb}",
        r"\begin{document}",
        rf"\section*{{{escape_latex(key.title)}: {escape_latex(result.student)}}}",
        rf"Marks: \textbf{{{result.total:g} / {key.total:g}}}" + (f" (variant {result.variant})" if result.variant else ""),
        r"\begin{description}",
    ]
    for row in result.results:
        verdict = escape_latex(row.verdict.replace("_", " "))
        lines.append(rf"\item[{escape_latex(row.question)}: {verdict} ({row.marks:g} / {row.points:g})] {escape_latex(row.reason)}")
        if row.read_as:
            lines.append(rf"\\ Read as: $\displaystyle {row.read_as}$")
        if row.first_invalid:
            lines.append(rf"\\ First invalid step: {row.first_invalid}.")
        if row.diagnosis:
            lines.append(rf"\\ Likely mistake: {escape_latex(row.diagnosis)}")
    lines += [r"\end{description}", r"\end{document}", ""]
    return "\n".join(lines)


FORMATS: dict[str, tuple[str, Callable[[StudentResult, Key], str]]] = {
    "markdown": (".md", markdown_report),
    "latex": (".tex", latex_report),
}


def write_reports(results: list[StudentResult], key: Key, folder: str, fmt: str = "markdown") -> list[str]:
    extension, render = FORMATS[fmt]
    os.makedirs(folder, exist_ok=True)
    written = []
    for result in results:
        path = os.path.join(folder, f"{_SAFE_NAME.sub('_', result.student) or 'student'}{extension}")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(render(result, key))
        written.append(path)
    return written


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
