"""Room for the answer on a question sheet, sized from the worked solution's length.

A student writes the mathematics the solution shows, in a larger hand: each displayed line,
matrix row and table row is a line of writing; the solution's running text, which a student
mostly leaves out, counts for a third of the lines of about ninety characters it fills.  The
estimate is rounded to half centimetres and kept within a page; a ``space`` key in the spec
overrides it.
"""
from __future__ import annotations

import re

CM_PER_LINE = 0.45  # one line of the typeset solution, as a student writes it more briefly
PROSE_WEIGHT = 1 / 3  # the share of the solution's sentences a student writes out
MIN_CM = 3.0
MAX_CM = 20.0  # most of an A4 page under the exam class's margins
CHARACTERS_PER_LINE = 90
FIGURE_CM = 5.0  # room to sketch a plot the solution draws

_DISPLAY = re.compile(r"\\\[(.*?)\\\]|\\begin\{(align\*?|equation\*?|gather\*?)\}(.*?)\\end\{\2\}", re.S)
_TABULAR = re.compile(r"\\begin\{tabular\}.*?\\end\{tabular\}", re.S)
_COMMAND = re.compile(r"\\[A-Za-z]+\*?|[{}$&]")
_ROW_BREAK = re.compile(r"\\\\")
_SUBSTACK = re.compile(r"\\substack\{[^{}]*\}")


def _display_lines(body: str) -> float:
    """A display is as tall as its tallest matrix (rows), fractions adding half a line."""
    body = _SUBSTACK.sub("", body)  # the rows of an evaluation bar's subscript are not lines
    matrices = max(1, body.count(r"\begin{pmatrix}") + body.count(r"\begin{bmatrix}"))
    rows = len(_ROW_BREAK.findall(body)) / matrices + 1
    return rows + 0.5 * min(2, body.count(r"\frac"))


_LIST = re.compile(r"\\(begin|end)\{(?:itemize|enumerate)\}")
NESTED_MARK = r"$\triangleright$"  # how step templates set out substeps nested past two lists


def _weight(before: str) -> float:
    """Top-level lines count in full, a substep's half, a sub-substep's a quarter: the
    justification a worked solution spells out and a student's answer compresses."""
    depth = sum(1 if kind == "begin" else -1 for kind in _LIST.findall(before))
    if before.rfind(NESTED_MARK) > before.rfind(r"\end{itemize}"):
        depth += 1
    return 0.5 ** max(0, depth - 1)


def solution_lines(solution: str) -> float:
    """Lines of writing the worked solution takes."""
    text = "\n".join(line for line in solution.splitlines() if not line.lstrip().startswith("%"))
    lines = sum(len(_ROW_BREAK.findall(table)) for table in _TABULAR.findall(text))
    text = _TABULAR.sub(" ", text)
    seen = set()
    for match in _DISPLAY.finditer(text):
        body = " ".join((match.group(1) or match.group(3) or "").split())
        if body not in seen:  # a line the solution repeats (a substep restating its parent) is written once
            seen.add(body)
            lines += _display_lines(body) * _weight(text[: match.start()])
    prose = _COMMAND.sub("", _DISPLAY.sub(" ", text))
    for paragraph in re.split(r"\n\s*\n|\\item|\\par\b", prose):
        words = " ".join(paragraph.split())
        if words:
            lines += PROSE_WEIGHT * -(-len(words) // CHARACTERS_PER_LINE)
    return lines


def sized_space(solution: str, has_figure: bool = False) -> str:
    """The answer room for ``solution`` as a TeX length such as ``7.5cm``."""
    centimetres = solution_lines(solution) * CM_PER_LINE + (FIGURE_CM if has_figure else 0.0)
    centimetres = min(MAX_CM, max(MIN_CM, round(centimetres * 2) / 2))
    return f"{centimetres:g}cm"
