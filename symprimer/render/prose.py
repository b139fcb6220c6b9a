"""Prose that carries mathematics: words with inline LaTeX between ``$...$``, rendered three ways.

A step's sentence is written once, e.g. ``"Row-reduce $\\lambda_{1} I - A$."``, with its maths
made by code (``to_latex`` of SymPy values, or fixed LaTeX).  In a LaTeX document the words are
escaped and the maths stays inline maths; in the terminal the maths becomes Unicode (λ₁, Aᵀ, ·);
JSON carries both.  Maths holding a command outside ``MATH_COMMANDS`` (or unbalanced braces) is
not trusted as maths: it is printed as escaped words, so no sentence can run a command.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from symprimer.render.escape import escape_latex
from symprimer.render.notation import to_latex
from symprimer.render.unicode_math import latex_to_unicode

# Every command code-made inline maths may use; anything else is shown as words.
MATH_COMMANDS = frozenset(
    r"""alpha beta gamma delta epsilon varepsilon zeta eta theta kappa lambda mu nu xi pi rho sigma tau
    phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega
    frac dfrac tfrac sqrt cdot times div pm mp neq leq geq le ge lt gt approx equiv to rightarrow
    leftarrow mapsto in notin subset infty partial nabla sum prod int lim log ln exp sin cos tan
    tanh sinh cosh sech max min det operatorname mathrm mathbf mathit mathcal mathbb text left right
    bigl bigr Bigl Bigr big Big langle rangle lvert rvert lVert rVert vert mid ldots cdots dots
    quad qquad top prime ast star circ bullet coloneqq colon begin end overline bar hat tilde
    vec dot boxed ge ne iff implies forall exists emptyset setminus cup cap limits
    odot otimes oplus neg land lor sgn Phi varsigma""".split()
)
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_ENVIRONMENTS = frozenset({"pmatrix", "bmatrix", "vmatrix", "matrix", "smallmatrix", "cases", "aligned"})
_ENVIRONMENT = re.compile(r"\\(?:begin|end)\{([^{}]*)\}")
_SAFE_SYMBOLS = frozenset(", ; : ! { } | \\ _ ^ %".split()) | {" "}


@dataclass(frozen=True)
class Piece:
    """One run of a sentence: words, or inline maths (LaTeX)."""

    text: str
    maths: bool


def pieces(sentence: object) -> tuple[Piece, ...]:
    """The sentence cut at unescaped ``$``; an unmatched ``$`` is an ordinary character."""
    text = str(sentence)
    out: list[Piece] = []
    parts = re.split(r"(?<!\\)\$", text)
    if len(parts) % 2 == 0:  # an odd number of dollars: the last one is literal
        parts = parts[:-2] + [parts[-2] + "$" + parts[-1]]
    for index, part in enumerate(parts):
        if not part:
            continue
        if index % 2 == 0:
            out.append(Piece(part.replace(r"\$", "$"), False))
        elif trusted_maths(part):
            out.append(Piece(part, True))
        else:  # not maths this module can vouch for: shown as the words it was typed as
            out.append(Piece("$" + part + "$", False))
    return tuple(out) if out else (Piece("", False),)


def trusted_maths(latex: str) -> bool:
    """True when the inline maths uses only known commands and environments, with balanced braces."""
    for match in _COMMAND.finditer(latex):
        name = match.group(1)
        if name not in MATH_COMMANDS and name not in _SAFE_SYMBOLS:
            return False
    if any(env not in _ENVIRONMENTS for env in _ENVIRONMENT.findall(latex)):
        return False
    depth = 0
    for char in re.sub(r"\\.", "", latex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def prose_latex(sentence: object) -> str:
    """The sentence for a LaTeX document: words escaped, trusted maths kept as ``$...$``."""
    return "".join(f"${p.text}$" if p.maths else escape_latex(p.text) for p in pieces(sentence))


def prose_unicode(sentence: object) -> str:
    """The sentence for the terminal (and JSON's ``text``): maths converted to Unicode."""
    return "".join(latex_to_unicode(p.text) if p.maths else p.text for p in pieces(sentence))


def has_maths(sentence: object) -> bool:
    return any(p.maths for p in pieces(sentence))



def maths(value: object) -> str:
    """A value as inline maths for a sentence: ``$`` + its LaTeX + ``$``."""
    return f"${to_latex(value)}$"


def derivative_latex(top: object, bottom: object, partial: bool = True) -> str:
    """``\\frac{\\partial f}{\\partial x}`` (or ``d``) of two values, as LaTeX without dollars."""
    d = r"\partial " if partial else "d"
    return rf"\frac{{{d}{to_latex(top)}}}{{{d}{to_latex(bottom)}}}"
