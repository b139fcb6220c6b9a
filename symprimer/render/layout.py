"""Displays that stay on the page: long chains broken at relations, long sums at + and -.

Every ``\\[ ... \\]`` of a worked solution passes through ``fit_displays``.  Its width is measured
from the LaTeX (a matrix by its widest row); a display wider than ``LINE`` characters becomes an
``aligned`` block with one relation per line, and a term still too wide continues on further lines
at its top-level ``+`` and ``-`` signs.  Whatever is left too wide (a matrix of long entries) is
set by ``\\spfit``, which steps the type down (small, footnotesize, scriptsize: 8pt at 11pt) until
the display fits the line, and past that scales it to the line where graphicx is loaded (every
sheet loads it).  ``SPFIT_DEFINITION`` defines it; a fragment that uses it starts with it.
"""
from __future__ import annotations

import re

LINE = 58  # characters of maths that fit a solution's line at 11pt (the list indent taken off)
FIRST_TERM_SHARE = 0.35  # a left side shorter than this share of the line stays left of the "="
SURELY_FITS = 0.7  # below this share of the line the measure is safe enough to leave a display alone

SPFIT_DEFINITION = (
    r"\providecommand{\spfit}[1]{\setbox0=\hbox{$\displaystyle #1$}"
    r"\ifdim\wd0>\linewidth\setbox0=\hbox{\small$\displaystyle #1$}\fi"
    r"\ifdim\wd0>\linewidth\setbox0=\hbox{\footnotesize$\displaystyle #1$}\fi"
    r"\ifdim\wd0>\linewidth\setbox0=\hbox{\scriptsize$\displaystyle #1$}\fi"
    r"\ifdim\wd0>\linewidth\ifdefined\resizebox\setbox0=\hbox{\resizebox{\linewidth}{!}{\box0}}\fi\fi\box0}"
)

_DISPLAY = re.compile(r"\\\[(.*?)\\\]", re.DOTALL)
_RELATIONS = ("=", r"\neq", r"\coloneqq", r"\leq", r"\geq", r"\approx")
_TOKEN = re.compile(r"\\begin\{[^{}]*\}|\\end\{[^{}]*\}|\\left\\?.|\\right\\?.|\\[A-Za-z]+|\\.|.", re.DOTALL)
_ENVIRONMENT = re.compile(r"\\begin\{(\w+\*?)\}((?:(?!\\begin\{).)*?)\\end\{\1\}", re.DOTALL)
_QUIET = re.compile(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|displaystyle|operatorname|mathrm|text|quad|qquad)(?![A-Za-z])|\\[,;!]")


def fit_displays(latex: str) -> str:
    """Every display of a fragment laid out to fit its line (see the module's docstring)."""
    return _DISPLAY.sub(lambda match: _fitted_display(match.group(1).strip()), latex)


def _fitted_display(body: str) -> str:
    """A display left as it is when it surely fits; else laid out and guarded by ``\\spfit``."""
    if width(body) <= LINE * SURELY_FITS:
        return r"\[ " + body + r" \]"
    return r"\[ \spfit{" + layout(body) + r"} \]"


def fitted(latex: str) -> str:
    """``fit_displays`` with ``\\spfit`` defined ahead when a display uses it (a self-contained fragment)."""
    laid_out = fit_displays(latex)
    return SPFIT_DEFINITION + "\n" + laid_out if laid_out != latex else laid_out


def layout(body: str) -> str:
    """One display's content: as it is when it fits, else an ``aligned`` block broken at relations."""
    if width(body) <= LINE or "&" in _top_level(body) or r"\boxed" in body:
        return body
    terms, relations = split_relations(body)
    if len(terms) == 1:
        return _aligned([("", line) for line in _continued(_broken(terms[0], LINE))], flush=True)
    first, rest = terms[0], list(zip(relations, terms[1:]))
    flush = width(first) > LINE * FIRST_TERM_SHARE
    indent = 4 if flush else width(first)
    rows: list[tuple[str, str]] = [("", line) for line in _continued(_broken(first, LINE))] if flush else []
    step_in = "\\quad " if flush else ""
    for index, (relation, term) in enumerate(rest):
        lines = _continued(_broken(term, LINE - indent))
        lead = f"{{{first}}}" if not flush and index == 0 else ""
        rows.append((lead, f"{step_in}{relation} {lines[0]}"))
        rows += [("", step_in + line) for line in lines[1:]]
    return _aligned(rows, flush)


def _continued(pieces: list[str]) -> list[str]:
    """The lines of a broken term, continuation lines set in from the first.  Each piece is braced:
    an operator name (\\log, \\sin) left bare in an aligned cell breaks inside ``\\spfit``'s box."""
    lines = [f"{{{pieces[0]}}}"]
    for piece in pieces[1:]:
        sign, rest = piece[:1], piece[1:].strip()
        lines.append(f"\\qquad {{}} {sign} {{{rest}}}")
    return lines


def _aligned(rows: list[tuple[str, str]], flush: bool) -> str:
    lines = [f"{left} &{right}" if not flush else f"&{right}" for left, right in rows]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def split_relations(body: str) -> tuple[list[str], list[str]]:
    """The terms of a chain ``a = b = c`` and the relations between them (top level only)."""
    terms, relations, current = [], [], []
    for token, depth in _tokens(body):
        if depth == 0 and token in _RELATIONS and "".join(current).strip():
            terms.append("".join(current).strip())
            relations.append(token)
            current = []
        else:
            current.append(token)
    terms.append("".join(current).strip())
    return terms, relations


def _broken(term: str, room: int) -> list[str]:
    """A term cut at its top-level + and - signs into pieces of at most ``room`` (where it can be)."""
    if width(term) <= room:
        return [term]
    term = _loosened(term, room)
    pieces, current = [], []
    for token, depth in _tokens(term):
        if depth == 0 and token in ("+", "-") and "".join(current).strip() and width("".join(current)) > room * 0.5:
            if width("".join(current) + token) > room * 0.6:
                pieces.append("".join(current).strip())
                current = []
        current.append(token)
    pieces.append("".join(current).strip())
    return pieces


def _loosened(term: str, room: int) -> str:
    """A wide top-level \\left( ... \\right) as \\bigl( ... \\bigr), so a line may break inside it;
    a short one, such as a bracketed negative number, stays one unbreakable group."""
    out: list[str] = []
    group: list[str] = []
    for token, depth in _tokens(term):
        if group:
            group.append(token)
            if depth == 0 and token.startswith(r"\right"):
                inner = "".join(group[1:-1])
                if width(inner) > room * 0.5:
                    group[0], group[-1] = r"\bigl" + group[0][5:], r"\bigr" + group[-1][6:]
                out.extend(group)
                group = []
        elif depth == 0 and token.startswith(r"\left"):
            group = [token]
        else:
            out.append(token)
    out.extend(group)
    return "".join(out)


def width(latex: str) -> int:
    """About how many characters wide the maths prints (a matrix by its widest row)."""
    while True:
        match = _ENVIRONMENT.search(latex)
        if match is None:
            break
        rows = re.split(r"\\\\", match.group(2))
        inner = max((width(row.replace("&", " ")) + row.count("&") for row in rows), default=0)
        latex = latex[: match.start()] + "x" * (inner + 2) + latex[match.end():]
    latex = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", lambda m: "x" * max(len(m.group(1)), len(m.group(2))), latex)
    latex = _QUIET.sub("", latex)
    latex = re.sub(r"\\[A-Za-z]+", "x", latex)
    return len(re.sub(r"[\s{}^_]", "", latex))


def _tokens(latex: str):
    """(token, depth) pairs; depth counts braces, \\left...\\right and environments."""
    depth = 0
    for match in _TOKEN.finditer(latex):
        token = match.group()
        if token == "{" or token.startswith(r"\left") or token.startswith(r"\begin"):
            yield token, depth
            depth += 1
        elif token == "}" or token.startswith(r"\right") or token.startswith(r"\end"):
            depth = max(depth - 1, 0)
            yield token, depth
        else:
            yield token, depth


def _top_level(latex: str) -> str:
    return "".join(token for token, depth in _tokens(latex) if depth == 0)
