"""Escaping user text for LaTeX so that it prints literally and runs nothing."""
from __future__ import annotations

import re

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
_PATTERN = re.compile("|".join(re.escape(key) for key in _SPECIAL))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_latex(text: object) -> str:
    """Every LaTeX special character made literal; control characters dropped."""
    cleaned = _CONTROL.sub("", str(text))
    return _PATTERN.sub(lambda match: _SPECIAL[match.group()], cleaned)
