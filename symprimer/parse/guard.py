"""The first gate for a student's LaTeX: caps, a command whitelist, and refusals of ambiguous numbers.

Nothing here executes or expands TeX; it only looks at the text.  A command outside the
whitelist (``\\input``, ``\\write``, ``\\def``, ``\\catcode``, ``\\csname``...) is refused, so
no file can be named, read or written through a submission.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from symprimer.core.errors import InputError, TooLarge, too_long


@dataclass(frozen=True)
class LatexCaps:
    """Limits that keep a hostile submission from exhausting the parser."""

    length: int = 4000
    depth: int = 30
    digits: int = 60
    exponent_depth: int = 3


DEFAULT_LATEX_CAPS = LatexCaps()

_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi "
    "pi rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega"
).split()

ALLOWED_COMMANDS = frozenset(
    _GREEK
    + """
    frac dfrac tfrac sqrt cdot times div pm mp left right big Big bigg Bigg bigl bigr Bigl Bigr
    log ln exp sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh sech csch coth
    max min det operatorname mathrm text textrm mathbf boldsymbol bm mathsf mathit top intercal
    hat tilde bar overline vec partial nabla sum prod infty le leq ge geq ne neq lt gt
    quad qquad displaystyle textstyle cdots ldots dots vert lvert rvert mid lbrace rbrace
    begin end nonumber notag label tag approx equiv to mathcal in
    """.split()
)

ALLOWED_ENVIRONMENTS = frozenset(
    "pmatrix bmatrix vmatrix matrix Bmatrix cases align align* equation equation* aligned gather gather* split".split()
)

_COMMAND = re.compile(r"\\([A-Za-z]+)")
_ENVIRONMENT = re.compile(r"\\(?:begin|end)\s*\{([^{}]*)\}")
_DECIMAL_COMMA = re.compile(r"\d(?:,|\{,\})\d")
_THIN_SPACE_THOUSANDS = re.compile(r"\d(?:\\,|\\ |~|\\;|\\:|\\!|\{,\})\d{3}(?!\d)")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE][+-]?\d")
_BRACED_SET = re.compile(r"\\\{.*?\\\}", re.S)
_MAX_MIN_ARGS = re.compile(r"\\(?:max|min)\s*(?:\\left)?\s*\([^()]*\)")
_LONG_NUMBER = re.compile(r"\d{%d,}")
_TEX_PRIMITIVE_CHARS = re.compile(r"[#@`\"$?]|(?<!\\)[!;]")


def guard_latex(text: str, what: str, caps: LatexCaps = DEFAULT_LATEX_CAPS) -> str:
    """Return the text unchanged if it may be read, else raise InputError in one sentence."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{what} is empty.")
    if len(text) > caps.length:
        raise too_long(what, len(text), caps.length)
    _check_commands(text, what)
    _check_nesting(text, what, caps)
    _check_numbers(text, what, caps)
    return text


def _check_commands(text: str, what: str) -> None:
    bad_char = _TEX_PRIMITIVE_CHARS.search(text)
    if bad_char:
        raise InputError(f"{what} contains the character {bad_char.group()!r}, which is not part of mathematics here.")
    for match in _COMMAND.finditer(text.replace("\\\\", "  ")):
        if match.group(1) not in ALLOWED_COMMANDS:
            raise InputError(
                f"{what} uses the LaTeX command \\{match.group(1)}, which the checker does not read "
                "(only mathematics is accepted; nothing is executed)."
            )
    for match in _ENVIRONMENT.finditer(text):
        if match.group(1).strip() not in ALLOWED_ENVIRONMENTS:
            raise InputError(f"{what} uses the environment {{{match.group(1)}}}, which the checker does not read.")


def _check_nesting(text: str, what: str, caps: LatexCaps) -> None:
    depth = deepest = 0
    for char in text:
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    if deepest > caps.depth:
        raise TooLarge(f"{what} is nested {deepest} brackets deep; the limit is {caps.depth}.")
    towers = re.findall(r"\^\s*\{?", text)
    if len(towers) > 0 and _exponent_depth(text) > caps.exponent_depth:
        raise TooLarge(f"{what} stacks exponents more than {caps.exponent_depth} levels high (a power tower).")


def _exponent_depth(text: str) -> int:
    """How many exponents sit inside one another, e.g. 2^{2^{2}} has depth 3."""
    stack: list[bool] = []  # for each open brace: is it an exponent's brace?
    level = deepest = 0
    pending = False
    for char in text:
        if char == "^":
            pending = True
            level += 1
            deepest = max(deepest, level)
            continue
        if char == "{":
            stack.append(pending)
            pending = False
            continue
        if pending and not char.isspace():
            pending = False
            level -= 1  # a one-token exponent such as x^2 closes at once
            continue
        if char == "}" and stack:
            if stack.pop():
                level -= 1
    return deepest


def _check_numbers(text: str, what: str, caps: LatexCaps) -> None:
    if re.search(r"\d{%d,}" % (caps.digits + 1), text):
        raise TooLarge(f"{what} has a number with more than {caps.digits} digits.")
    found = _SCIENTIFIC.search(text)
    if found:
        raise InputError(
            f"{what} writes {found.group()}... in e-notation, which is ambiguous here; "
            "write 1.5 \\cdot 10^{3} (or 1500) instead."
        )
    found = _THIN_SPACE_THOUSANDS.search(text)
    if found:
        raise InputError(
            f"{what} groups digits with a space ({found.group()}); write the number without spaces, e.g. 1000."
        )
    found = _DECIMAL_COMMA.search(_MAX_MIN_ARGS.sub(" ", _BRACED_SET.sub(" ", text)))
    if found:
        raise InputError(
            f"{what} has a decimal comma or comma-grouped digits ({found.group()}); write a decimal point "
            "(0.5), or separate list items by a comma and a space (1, 5)."
        )
