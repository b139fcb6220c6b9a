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


# Plain-text scripts in prose: A^T, A^-1, e^{-x}, (AB)^T, x_1, A_ji, (A^T)_ij, w_{ij}.  Only short, simple
# scripts qualify (a word such as leaky_relu stays as written); every piece is still escaped.
_SCRIPT = re.compile(
    r"\^(?P<sup>\{[^{}\\]{1,20}\}|-?[A-Za-z0-9]+|[*'+-])"
    r"|(?<=[A-Za-z)])_(?P<sub>\{[^{}\\]{1,20}\}|[0-9]+(?![A-Za-z_])|[A-Za-z]{1,2}(?![A-Za-z0-9_]))"
)


def escape_prose(text: object) -> str:
    """Escaped like ``escape_latex``, with plain-text super- and subscripts typeset as such,
    so a prompt's "check A A^-1 = I" prints A A⁻¹ rather than a circumflex."""
    cleaned = _CONTROL.sub("", str(text))
    out, start = [], 0
    for match in _SCRIPT.finditer(cleaned):
        out.append(escape_latex(cleaned[start:match.start()]))
        script = match.group("sup") or match.group("sub")
        command = r"\textsuperscript" if match.group("sup") else r"\textsubscript"
        out.append(command + "{" + escape_latex(script.strip("{}")) + "}")
        start = match.end()
    out.append(escape_latex(cleaned[start:]))
    return "".join(out)
