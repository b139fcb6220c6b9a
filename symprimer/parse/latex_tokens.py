"""The quick reader's tokens: the few pieces of LaTeX it reads, each checked against what
latex2sympy's lexer would make of the same characters (see ``symprimer.parse.latex_quick``).

Anything the lexer would read as something else (a capital letter, which is a matrix; ``d`` before
a letter, a differential; a letter run holding a keyword such as ``tr`` or ``eye``; a command
outside the list) stops the quick reader: ``NotMine``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Letter runs the grammar's lexer reads as one word (a function or matrix keyword): never ours.
_KEYWORDS = (
    "arsinh arcsinh arcosh arccosh artanh arctanh gcd lcm floor ceil eye zeros ones cols rows diag norm "
    "rank rref hstack vstack nullspace matrix tr orth eig svd SVD"
).split()
_GREEK = frozenset(
    "alpha beta delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma tau "
    "upsilon phi varphi chi psi omega".split()
)
_ACCENTS = frozenset({"hat", "bar", "tilde", "vec", "text"})
FUNCTIONS = frozenset({"ln", "exp", "sin", "cos", "tan", "sinh", "cosh", "tanh"})  # one argument each
_MATRIX_KINDS = frozenset({"pmatrix", "bmatrix", "matrix"})

_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<number>\d+(?:\.\d+)?|\.\d+)"
    r"|(?P<begin>\\begin\{(?P<kind>[a-z]+)\})"
    r"|(?P<end>\\end\{[a-z]+\})"
    r"|(?P<accent>\\(?P<accent_name>hat|bar|tilde|vec|text)\{(?P<accent_text>[A-Za-z0-9 ]+)\})"
    r"|(?P<command>\\[A-Za-z]+)"
    r"|(?P<row>\\\\)"
    r"|(?P<letter>[A-Za-z])"
    r"|(?P<symbol>[-+*/^_(){}&])"
)


class NotMine(Exception):
    """The text is outside the quick reader's subset: the full parser reads it."""


@dataclass(frozen=True)
class Token:
    kind: str  # number, letter, greek, accent, command, begin, end, row, symbol
    text: str
    start: int
    end: int
    value: str = ""  # the accent's symbol name, or the matrix environment


def tokens(text: str) -> list[Token]:
    """The text's tokens (spaces dropped), or NotMine at the first piece outside the subset."""
    if not text.isascii():
        raise NotMine()
    found, position = [], 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise NotMine()
        kind = next(k for k in ("space", "number", "begin", "end", "accent", "command", "row", "letter", "symbol") if match.group(k) is not None)
        token_text = match.group(kind)
        if kind == "number" and text[match.end() : match.end() + 1] == ".":
            raise NotMine()  # 1.5.2, or a trailing period
        if kind == "letter":
            _check_letter(text, match.start(), match.end())
        if kind != "space":
            found.append(_token(kind, token_text, match))
        position = match.end()
    return found


def _check_letter(text: str, start: int, end: int) -> None:
    """Capitals are matrices and I the identity (the full reader's business); d before a letter is
    a differential; a letter run holding a keyword is one word to the grammar."""
    letter = text[start]
    if letter.isupper():
        raise NotMine()
    if letter == "d" and re.match(r"\s*(?:[A-Za-z]|\\[A-Za-z])", text[end:]):
        raise NotMine()
    run_start = start
    while run_start > 0 and text[run_start - 1].isalpha():
        run_start -= 1
    if run_start > 0 and text[run_start - 1] == "\\":
        return  # part of a command name, not letters
    run_end = end
    while run_end < len(text) and text[run_end].isalpha():
        run_end += 1
    run = text[run_start:run_end]
    if any(keyword in run for keyword in _KEYWORDS):
        raise NotMine()


def _token(kind: str, text: str, match: re.Match) -> Token:
    if kind == "begin":
        if match.group("kind") not in _MATRIX_KINDS:
            raise NotMine()
        return Token("begin", text, match.start(), match.end(), match.group("kind"))
    if kind == "accent":
        name, inner = match.group("accent_name"), match.group("accent_text")
        if name not in _ACCENTS:
            raise NotMine()
        inner = inner.replace(" ", "")
        return Token("accent", text, match.start(), match.end(), inner if name == "text" else f"{name}{{{inner}}}")
    if kind == "command":
        name = text[1:]
        if name in _GREEK:
            return Token("greek", text, match.start(), match.end(), text)
        if name not in FUNCTIONS and name not in ("frac", "sqrt", "cdot", "times", "div"):
            raise NotMine()
    return Token(kind, text, match.start(), match.end())
