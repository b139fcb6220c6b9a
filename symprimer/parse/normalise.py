"""The course's conventions made explicit as text rewrites before latex2sympy reads an answer.

- ``\\log x`` is the natural logarithm (``\\log_2``, ``\\log_{10}`` stay explicit);
- ``^T``, ``^{\\top}``, ``^{\\mathsf{T}}``, ``^\\intercal`` are the transpose;
- ``\\det X``, ``vmatrix`` and ``|A|`` are determinants;
- ``\\sigma(...)``, ``\\operatorname{adj}``, ``\\operatorname{ReLU}``, ``f'(x)``, functions named by
  ``--let``: each application is cut out into a *slot* (its argument is read on its own) and the
  text keeps a placeholder ``\\mathrm{zzslot..}`` that ``symprimer.parse.meaning`` fills in;
- ``cases`` blocks are slots too, read row by row into a piecewise function.

latex2sympy reads ``f(w^T x)`` as a product and drops primes, so cutting the applications out
is what makes them reliable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from symprimer.core.errors import InputError

SLOT_PREFIX = "zzslot"
MAX_SLOTS = 60

_LOG_NATURAL = re.compile(r"\\log(?![A-Za-z])(?!\s*_)")
_TRANSPOSE = re.compile(
    r"\^\s*(?:\{\s*(?:\\top|\\intercal|\\mathsf\s*\{\s*T\s*\}|\\mathrm\s*\{\s*T\s*\}|T)\s*\}"
    r"|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\}|\\mathrm\s*\{\s*T\s*\})"
)
# latex2sympy 1.11 reads 2\frac{1}{2} as 5/2 whatever its config says; the course reads a product.
_MIXED_FRACTION = re.compile(r"(\d)\s*(\\[dt]?frac)")
_SHORT_FRACTION = re.compile(r"\\([dt]?frac)\s*([0-9A-Za-z])\s*([0-9A-Za-z])")
_BRACED_MAX = re.compile(r"\\(max|min)\s*\\\{(.*?)\\\}")
_VMATRIX = re.compile(r"\\begin\{vmatrix\}(.*?)\\end\{vmatrix\}", re.S)
_CASES = re.compile(r"\\begin\{cases\}(.*?)\\end\{cases\}", re.S)
_DROP = re.compile(r"\\(?:quad|qquad|displaystyle|textstyle|nonumber|notag|left|right|big|Big|bigg|Bigg)[lr]?(?![A-Za-z])|\\[,;:!]")

_MATRIX_ENV = re.compile(r"\\begin\{([pbvB]?matrix)\}(.*?)\\end\{\1\}", re.S)


def _brace_cells(match: re.Match) -> str:
    """Brace every cell: latex2sympy misreads a bare ``d`` before ``\\end`` as a differential."""
    rows = [row for row in re.split(r"\\\\", match.group(2)) if row.strip()]
    body = r" \\ ".join(" & ".join(_braced(cell) for cell in row.split("&")) for row in rows)
    env = match.group(1)
    return rf"\begin{{{env}}}{body}\end{{{env}}}"


def _braced(cell: str) -> str:
    cell = cell.strip()
    if cell.startswith("{") and cell.endswith("}") and _matching(cell, 0, "{", "}") == len(cell) - 1:
        return cell
    return "{" + cell + "}"


# Elementary functions whose derivative may be written with a prime, e.g. \\tanh'(x).
PRIMEABLE = frozenset("sin cos tan exp ln log sinh cosh tanh arcsin arccos arctan".split())

# Function names this project gives a meaning, written as \operatorname{..}, \mathrm{..} or a command.
NAMED_FUNCTIONS = frozenset(
    {"adj", "ReLU", "relu", "softplus", "sigmoid", "sigma", "det", "tr", "trace", "sech", "csch", "coth", "sgn", "sign"}
)


@dataclass(frozen=True)
class Slot:
    """A piece cut out of the text: a function application, a derivative or a cases block."""

    name: str  # the placeholder symbol's name
    kind: str  # "apply", "derivative" or "cases"
    function: str = ""  # "apply": the function's name; "derivative": the variable's LaTeX
    order: int = 0  # for "apply": how many primes (derivative order)
    body: str = ""  # the argument's or operand's LaTeX, or the cases block's body


@dataclass(frozen=True)
class Normalised:
    text: str
    slots: tuple[Slot, ...] = ()


def normalise(text: str, what: str, functions: frozenset[str] = frozenset()) -> Normalised:
    """Rewrite ``text`` by the course's conventions; ``functions`` are extra names defined by --let."""
    text = _DROP.sub(" ", text)
    text = text.replace(r"\lvert", "|").replace(r"\rvert", "|").replace(r"\vert", "|")
    text = text.replace(r"\lbrace", r"\{").replace(r"\rbrace", r"\}")
    text = _MATRIX_ENV.sub(_brace_cells, text)
    slots: list[Slot] = []
    text = _CASES.sub(lambda m: _placeholder(slots, Slot(_next_name(slots), "cases", body=m.group(1))), text)
    text = _SHORT_FRACTION.sub(r"\\\1{\2}{\3}", text)
    text = _BRACED_MAX.sub(r"\\\1(\2)", text)
    text = _MIXED_FRACTION.sub(r"\1 \\cdot \2", text)
    text = _LOG_NATURAL.sub(r"\\ln", text)
    text = _TRANSPOSE.sub("^T", text)
    text = _VMATRIX.sub(r"\\det(\\begin{pmatrix}\1\\end{pmatrix})", text)
    text = _cut_derivatives(text, slots)
    text = _cut_applications(text, what, NAMED_FUNCTIONS | functions, slots)
    if "'" in text:
        raise InputError(f"{what} uses a prime (') that is not the derivative of a function applied to an argument, like f'(x).")
    return Normalised(text, tuple(slots))


def _next_name(slots: list[Slot]) -> str:
    if len(slots) >= MAX_SLOTS:
        raise InputError(f"the answer applies functions more than {MAX_SLOTS} times.")
    index, letters = len(slots), ""
    while True:
        letters = chr(ord("a") + index % 26) + letters
        index = index // 26 - 1
        if index < 0:
            return SLOT_PREFIX + letters


def _placeholder(slots: list[Slot], slot: Slot) -> str:
    slots.append(slot)
    return rf" \mathrm{{{slot.name}}} "


_HEAD = re.compile(
    r"\\(?:operatorname|mathrm|text)\s*\{\s*([A-Za-z]+)\s*\}|\\([A-Za-z]+)|(?<![A-Za-z\\{])([A-Za-z])(?=\s*['(])"
)


def _cut_applications(text: str, what: str, names: frozenset[str], slots: list[Slot]) -> str:
    """Replace each ``NAME'^{p}(ARG)`` of a known function by a placeholder, left to right."""
    out: list[str] = []
    position = 0
    while True:
        match = _HEAD.search(text, position)
        if match is None:
            out.append(text[position:])
            return "".join(out)
        name = match.group(1) or match.group(2) or match.group(3)
        primed = text[match.end() : match.end() + 3].lstrip().startswith("'")
        known = name in names or (primed and (match.group(3) is not None or name in PRIMEABLE))
        if not known:
            out.append(text[position : match.end()])
            position = match.end()
            continue
        cursor = match.end()
        primes, cursor = _take_primes(text, cursor)
        power, cursor = _take_power(text, cursor)
        argument, end = _take_argument(text, cursor, name == "det")
        if argument is None:
            if primes:
                raise InputError(f"{what} writes {name}' without an argument in brackets, e.g. {name}'(x).")
            out.append(text[position : match.end()])
            position = match.end()
            continue
        slot = Slot(_next_name(slots), "apply", function=name, order=primes, body=argument)
        out.append(text[position : match.start()])
        out.append(_placeholder(slots, slot) + (f"^{{{power}}}" if power else ""))
        position = end


_DERIVATIVE = re.compile(
    r"\\[dt]?frac\s*\{\s*(?:\\partial|d|\\mathrm\s*\{\s*d\s*\})\s*(?:\^\s*\{?\s*([23])\s*\}?)?\s*\}\s*"
    r"\{\s*(?:\\partial|d|\\mathrm\s*\{\s*d\s*\})\s*((?:\\[A-Za-z]+|[A-Za-z])(?:\s*_\s*(?:\{[A-Za-z0-9]+\}|[A-Za-z0-9]))?)"
    r"\s*(?:\^\s*\{?\s*([23])\s*\}?)?\s*\}"
)


def _cut_derivatives(text: str, slots: list[Slot]) -> str:
    """``\\frac{d}{dx} EXPR`` / ``\\frac{\\partial}{\\partial w_1} EXPR``: the operand runs to the end of
    the enclosing bracket group (or of the text)."""
    while True:
        match = _DERIVATIVE.search(text)
        if match is None:
            return text
        end = _group_end(text, match.end())
        if match.group(1) != match.group(3):
            return text  # orders that do not match are left to the parser, which refuses them
        order = int(match.group(1) or 1)
        slot = Slot(_next_name(slots), "derivative", function=match.group(2), order=order, body=text[match.end() : end])
        if not slot.body.strip():
            return text
        text = text[: match.start()] + _placeholder(slots, slot) + text[end:]


def _group_end(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        if text[index] in "({[" and text[index - 1] != "\\":
            depth += 1
        elif text[index] in ")}]" and text[index - 1] != "\\":
            depth -= 1
            if depth < 0:
                return index
    return len(text)


def _take_primes(text: str, cursor: int) -> tuple[int, int]:
    count = 0
    while cursor < len(text) and text[cursor] in " '":
        count += text[cursor] == "'"
        cursor += 1
    return count, cursor


def _take_power(text: str, cursor: int) -> tuple[str, int]:
    probe = _skip_spaces(text, cursor)
    if probe < len(text) and text[probe] == "^":
        probe = _skip_spaces(text, probe + 1)
        if probe < len(text) and text[probe] == "{":
            end = _matching(text, probe, "{", "}")
            if end is not None:
                return text[probe + 1 : end], end + 1
        elif probe < len(text) and text[probe].isalnum():
            return text[probe], probe + 1
    return "", cursor


def _take_argument(text: str, cursor: int, loose: bool) -> tuple[str | None, int]:
    """The argument after a function name: (...), {...}, a matrix, or (for det) one letter."""
    probe = _skip_spaces(text, cursor)
    if probe >= len(text):
        return None, cursor
    if text[probe] in "({":
        end = _matching(text, probe, text[probe], ")" if text[probe] == "(" else "}")
        if end is None:
            return None, cursor
        return text[probe + 1 : end], end + 1
    if text.startswith(r"\begin{", probe):
        env = re.match(r"\\begin\{(\w+)\}", text[probe:])
        close = text.find(rf"\end{{{env.group(1)}}}", probe) if env else -1
        if close >= 0:
            end = close + len(rf"\end{{{env.group(1)}}}")
            return text[probe:end], end
    if loose:
        single = re.match(r"[A-Za-z](?:\s*\^T)?|\\lambda", text[probe:])
        if single:
            return single.group(), probe + single.end()
    return None, cursor


def _skip_spaces(text: str, cursor: int) -> int:
    while cursor < len(text) and text[cursor] == " ":
        cursor += 1
    return cursor


def _matching(text: str, start: int, opening: str, closing: str) -> int | None:
    depth = 0
    for index in range(start, len(text)):
        if text[index] == opening:
            depth += 1
        elif text[index] == closing:
            depth -= 1
            if depth == 0:
                return index
    return None


def split_cases_rows(body: str) -> list[tuple[str, str]]:
    """The (value, condition) LaTeX pairs of one cases block."""
    rows = []
    for row in re.split(r"\\\\", body):
        if not row.strip():
            continue
        value, _, condition = row.partition("&")
        condition = re.sub(r"\\text\s*\{\s*(?:if|for|when)\s*\}|\\text\s*\{\s*,\s*\}", " ", condition)
        rows.append((value.strip().rstrip(",").strip(), condition.strip().rstrip(",.").strip()))
    return rows


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """Split at separators outside every bracket and environment (for lists of eigenvalues)."""
    parts, depth, env, start = [], 0, 0, 0
    index = 0
    while index < len(text):
        if text.startswith(r"\begin{", index):
            env += 1
        elif text.startswith(r"\end{", index):
            env -= 1
        char = text[index]
        if char == "\\" and index + 1 < len(text) and not text[index + 1].isalpha():
            if text[index + 1] in "{}":
                depth += 1 if text[index + 1] == "{" else -1
            index += 2
            continue
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
        elif char == separator and depth == 0 and env == 0:
            parts.append(text[start:index])
            start = index + 1
        index += 1
    parts.append(text[start:])
    return parts


# -- ordinary LaTeX a student writes, made regular before the guard reads it -------------------

_WRAPPERS = re.compile(r"^\s*(?:\$\$?|\\\[|\\\()(.*?)(?:\$\$?|\\\]|\\\))\s*$", re.S)
_BOXED = re.compile(r"\\boxed\s*\{")
_NULL_DELIMITER = re.compile(r"\\(?:left|right)\s*\.")
_FRACTION_NAMES = re.compile(r"\\[cdt]frac(?![A-Za-z])")
_TWO_ARGUMENTS = re.compile(r"\\frac(?![A-Za-z])")
_ONE_ARGUMENT = re.compile(r"\\sqrt(?![A-Za-z])\s*(\[[^\[\]]*\])?")
_SPACED_GROUPS = re.compile(r"(?<![\d.^_{])(\d{1,3})((?:(?:\\[,;: ]|~|\{,\}|\\thinspace|[ ])\d{3})+)(?![\d.])")
_COMMA_GROUPS = re.compile(r"(?<![\d.^_{])(\d{1,3})((?:,\d{3}){2,})(?![\d.,])")  # 1,234 may be a decimal comma: refused


def ordinary_latex(text: str) -> str:
    """``$..$``, ``\\(..\\)``, ``\\[..\\]`` and ``\\boxed{..}`` unwrapped; ``\\cfrac``, ``\\dfrac``,
    ``\\tfrac`` as ``\\frac``; braceless arguments (``\\frac34``, ``\\sqrt3``) braced; ``\\left.``
    dropped; digit groups (``1 000``, ``1\\,000``, ``7,425,000``) read as the number."""
    wrapped = _WRAPPERS.match(text)
    if wrapped:
        text = wrapped.group(1)
    text = _unboxed(text)
    text = _NULL_DELIMITER.sub(" ", text)
    text = _FRACTION_NAMES.sub(r"\\frac", text)
    text = _braced_arguments(text, _TWO_ARGUMENTS, 2)
    text = _braced_arguments(text, _ONE_ARGUMENT, 1)
    text = _SPACED_GROUPS.sub(lambda m: m.group(1) + re.sub(r"\D", "", m.group(2)), text)
    return _COMMA_GROUPS.sub(lambda m: m.group(1) + m.group(2).replace(",", ""), text)


def _unboxed(text: str) -> str:
    while True:
        match = _BOXED.search(text)
        if match is None:
            return text
        end = _matching(text, match.end() - 1, "{", "}")
        if end is None:
            return text
        text = text[: match.start()] + text[match.end() : end] + text[end + 1 :]


def _braced_arguments(text: str, command: re.Pattern, count: int) -> str:
    """Each argument of ``command`` as a brace group: a lone digit, letter or \\command gets braces."""
    out, position = [], 0
    for match in command.finditer(text):
        if match.start() < position:
            continue
        out.append(text[position : match.end()])
        cursor = match.end()
        for _ in range(count):
            argument, cursor = _one_argument(text, cursor)
            out.append(argument)
        position = cursor
    out.append(text[position:])
    return "".join(out)


_SINGLE = re.compile(r"\s*(\\[A-Za-z]+|[0-9A-Za-z])")


def _one_argument(text: str, cursor: int) -> tuple[str, int]:
    probe = _skip_spaces(text, cursor)
    if probe < len(text) and text[probe] == "{":
        end = _matching(text, probe, "{", "}")
        if end is not None:
            return text[probe : end + 1], end + 1
    single = _SINGLE.match(text, cursor)
    if single:
        return "{" + single.group(1) + "}", single.end()
    return "", cursor
