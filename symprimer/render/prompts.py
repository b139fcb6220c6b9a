"""A lecturer's text (a question's prompt or title in a sheet spec) with ``$...$`` mathematics.

The words are escaped (plain-text scripts such as ``A^T`` still typeset as before); the maths is
read through the checker's whitelist of LaTeX commands, the one a student's answer passes, and a
command outside it is refused in one sentence.  Maths that passes is printed as the lecturer wrote
it: the whitelist admits mathematics only, and the written order is kept.
"""
from __future__ import annotations

import re

from symprimer.core.errors import InputError
from symprimer.parse.guard import guard_latex
from symprimer.render.escape import escape_prose

_DOLLAR = re.compile(r"(?<!\\)\$")


def prompt_latex(text: object) -> str:
    """The text for a LaTeX document: words escaped, each ``$...$`` checked and kept as inline maths."""
    parts = _DOLLAR.split(str(text))
    if len(parts) % 2 == 0:
        raise InputError(f"the text {_short(text)!r} opens a $ for mathematics that it never closes.")
    out = []
    for index, part in enumerate(parts):
        out.append(escape_prose(part.replace(r"\$", "$")) if index % 2 == 0 else f"${checked_maths(part)}$")
    return "".join(out)


def checked_maths(latex: str) -> str:
    """The maths unchanged when the checker's whitelist admits it, else an InputError naming the problem."""
    what = f"the mathematics ${_short(latex)}$ in a prompt or title"
    guard_latex(latex, what)
    depth = 0
    for char in re.sub(r"\\.", "", latex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        raise InputError(f"{what} has unbalanced braces.")
    return latex.strip()


def _short(text: object) -> str:
    text = str(text)
    return text if len(text) <= 60 else text[:57] + "..."
