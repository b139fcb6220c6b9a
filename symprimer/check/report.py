"""Per-student reports (Markdown or LaTeX): each question's verdict, marks, how it was read, and why.

Student text never appears raw: what is shown is re-rendered from the parsed form (``read as``)
or the checker's own sentences, escaped for the format (table bars in Markdown; every special
character in LaTeX, and in ``read as`` the characters a symbol name may carry, such as ``%``).
Each student gets a file name of their own, even when two names differ only in characters a
file name cannot hold.
"""
from __future__ import annotations

import hashlib
import os
import re
from typing import Callable, Iterable, Protocol

from symprimer.runtime.output import write_text
from symprimer.check.results import StudentResult
from symprimer.core.errors import InputError
from symprimer.render.escape import escape_latex

_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
_MATH_SPECIALS = {"%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$"}
_UNSAFE_COMMANDS = re.compile(r"\\(input|include|openin|openout|write|read|def|edef|gdef|xdef|let|catcode|csname|immediate|special|usepackage|documentclass|end|begin\s*\{document)")


class Sheet(Protocol):
    title: str

    @property
    def total(self) -> float: ...


def markdown_report(result: StudentResult, sheet: Sheet) -> str:
    lines = [
        f"# {_cell(sheet.title)}: {_cell(result.student)}",
        "",
        f"Marks: **{result.total:g} / {sheet.total:g}**" + (f" (variant {result.variant})" if result.variant else ""),
        "",
    ]
    if result.problem:
        lines += [f"Not graded: {_cell(result.problem)}", ""]
    lines += ["| question | verdict | marks | read as |", "| --- | --- | --- | --- |"]
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


def latex_report(result: StudentResult, sheet: Sheet) -> str:
    lines = [
        r"\documentclass{article}",
        r"\usepackage{amsmath,amssymb}",
        r"\begin{document}",
        rf"\section*{{{escape_latex(sheet.title)}: {escape_latex(result.student)}}}",
        rf"Marks: \textbf{{{result.total:g} / {sheet.total:g}}}" + (f" (variant {result.variant})" if result.variant else ""),
        r"\begin{description}",
    ]
    for row in result.results:
        verdict = escape_latex(row.verdict.replace("_", " "))
        lines.append(rf"\item[{escape_latex(row.question)}: {verdict} ({row.marks:g} / {row.points:g})] {escape_latex(row.reason)}")
        if row.read_as:
            lines.append(rf"\\ Read as: {read_as_latex(row.read_as)}")
        if row.first_invalid:
            lines.append(rf"\\ First invalid step: {row.first_invalid}.")
        if row.diagnosis:
            lines.append(rf"\\ Likely mistake: {escape_latex(row.diagnosis)}")
    lines += [r"\end{description}", r"\end{document}", ""]
    return "\n".join(lines)


def read_as_latex(read_as: str) -> str:
    """How an answer was read, safe to compile: as mathematics with the characters a symbol name
    may carry escaped, or, when it could still break the page, as escaped text."""
    flat = " ".join(read_as.split())
    math, index = [], 0
    while index < len(flat):
        char = flat[index]
        if char == "\\" and index + 1 < len(flat):
            math.append(flat[index : index + 2])
            index += 2
            continue
        math.append(_MATH_SPECIALS.get(char, char))
        index += 1
    text = "".join(math)
    if _balanced(text) and not _UNSAFE_COMMANDS.search(text) and not any(ord(c) < 32 for c in text):
        return rf"$\displaystyle {text}$"
    return rf"\texttt{{{escape_latex(flat)}}}"


def _balanced(text: str) -> bool:
    depth, index = 0, 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth < 0:
            return False
        index += 1
    return depth == 0


FORMATS: dict[str, tuple[str, Callable[[StudentResult, Sheet], str]]] = {
    "markdown": (".md", markdown_report),
    "latex": (".tex", latex_report),
}


def report_name(student: str) -> str:
    """A file name for the student, unique per name: a name that had to be changed to fit a file
    name carries a short hash of the original (``a b`` and ``a_b`` differ)."""
    safe = _SAFE_NAME.sub("_", student).strip(".")[:80] or "student"
    if safe == student:
        return safe
    return f"{safe}-{hashlib.sha256(student.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def write_reports(results: Iterable[StudentResult], sheet: Sheet, folder: str, fmt: str = "markdown") -> list[str]:
    extension, render = FORMATS[fmt]
    if os.path.islink(folder):
        raise InputError(f"the reports folder {folder} is a link; give a real folder.")
    os.makedirs(folder, exist_ok=True)
    written = []
    for result in results:
        path = os.path.join(folder, report_name(result.student) + extension)
        write_text(path, render(result, sheet))
        written.append(path)
    return written


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
