"""A small LaTeX-to-plain translator for matrix entries (``\\frac{1}{2}``, ``\\sqrt{2}``, ``\\alpha``).

Only a whitelist of commands is translated; any other command is refused.  The output still
goes through the plain whitelist parser, so this layer never decides what is safe.
"""
from __future__ import annotations

import re

from symprimer.core.errors import InputError

_GREEK = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa mu nu xi rho sigma tau upsilon "
    "phi chi psi omega Gamma Delta Theta Xi Pi Sigma Phi Psi Omega"
).split()

_SIMPLE = {
    r"\cdot": "*",
    r"\times": "*",
    r"\left": "",
    r"\right": "",
    r"\,": "",
    r"\;": "",
    r"\!": "",
    r"\pi": " pi ",
    r"\lambda": " lamda ",
    r"\mathrm{i}": " I ",
    r"\mathrm{e}": " E ",
    **{f"\\{name}": f" {name} " for name in _GREEK},
    **{f"\\{name}": f" {name}" for name in ("sin", "cos", "tan", "exp", "log", "ln", "sinh", "cosh", "tanh")},
}

_FRAC = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SHORT_FRAC = re.compile(r"\\[dt]?frac\s*(\d)\s*(\d)")
_SQRT = re.compile(r"\\sqrt\s*\{([^{}]*)\}")
_SUBSCRIPT = re.compile(r"_\{([A-Za-z0-9]+)\}")
_COMMAND = re.compile(r"\\[A-Za-z]+|\\.")


def latex_entry_to_plain(cell: str, what: str) -> str:
    """Translate one LaTeX matrix entry into plain syntax, or refuse it."""
    text = cell.strip()
    for _ in range(20):  # innermost braces first, a bounded number of passes
        before = text
        text = _FRAC.sub(r"((\1)/(\2))", text)
        text = _SHORT_FRAC.sub(r"((\1)/(\2))", text)
        text = _SQRT.sub(r"sqrt(\1)", text)
        text = _SUBSCRIPT.sub(r"_\1", text)
        if text == before:
            break
    for command in sorted(_SIMPLE, key=len, reverse=True):
        text = text.replace(command, _SIMPLE[command])
    leftover = _COMMAND.search(text)
    if leftover:
        raise InputError(f"{what} uses the LaTeX command {leftover.group()}, which symprimer does not read in a matrix.")
    text = text.replace("{", "(").replace("}", ")")
    text = re.sub(r"\)\s*\(", ")*(", text)
    text = re.sub(r"([A-Za-z0-9_)])\s+([A-Za-z(])", r"\1*\2", text.strip())
    return text
