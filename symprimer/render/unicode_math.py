"""The inline LaTeX that symprimer's code writes, as Unicode for the terminal.

Not a TeX engine: a small reader for the maths ``to_latex`` and the step sentences produce
(Greek letters, scripts, fractions, roots, relations, ``\\left(``, ``\\operatorname``...).
Scripts become Unicode sub/superscripts when every character has one (λ₁, Aᵀ, x²), otherwise
they are written with ``_`` / ``^`` and brackets; unknown commands keep their name.
"""
from __future__ import annotations

from types import MappingProxyType

SYMBOLS = MappingProxyType({
    **{name: char for name, char in zip(
        "alpha beta gamma delta epsilon varepsilon zeta eta theta kappa lambda mu nu xi pi rho sigma "
        "varsigma tau phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega".split(),
        "αβγδεεζηθκλμνξπρσςτφφχψωΓΔΘΛΞΠΣΦΨΩ")},
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "neq": "≠", "ne": "≠", "leq": "≤",
    "le": "≤", "geq": "≥", "ge": "≥", "lt": "<", "gt": ">", "approx": "≈", "equiv": "≡", "to": "→",
    "rightarrow": "→", "leftarrow": "←", "mapsto": "↦", "in": "∈", "notin": "∉", "subset": "⊂",
    "infty": "∞", "partial": "∂", "nabla": "∇", "sum": "Σ", "prod": "Π", "int": "∫", "ldots": "…",
    "cdots": "⋯", "dots": "…", "quad": "  ", "qquad": "    ", "top": "T", "prime": "′", "ast": "*",
    "star": "⋆", "circ": "∘", "bullet": "•", "coloneqq": ":=", "colon": ":", "langle": "⟨",
    "rangle": "⟩", "lvert": "|", "rvert": "|", "vert": "|", "lVert": "‖", "rVert": "‖", "mid": "|",
    "iff": "⇔", "implies": "⇒", "forall": "∀", "exists": "∃", "emptyset": "∅", "setminus": "∖",
    "cup": "∪", "cap": "∩", "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "neg": "¬", "land": "∧",
    "lor": "∨", ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "{": "{", "}": "}", "|": "‖",
    "\\": ";", "%": "%", "_": "_",
})
RELATIONS = frozenset("neq ne leq le geq ge approx equiv to rightarrow leftarrow mapsto in notin subset "
                      "times pm mp iff implies coloneqq".split())
_PREFIXES = frozenset({"partial", "nabla"})
# Commands that print their own name (log, exp, ...) and layout commands that print nothing.
NAMED = frozenset("lim log ln exp sin cos tan tanh sinh cosh sech max min det sgn".split())
SILENT = frozenset("left right bigl bigr Bigl Bigr big Big limits displaystyle textstyle".split())
STYLES = frozenset("operatorname mathrm mathbf mathit mathcal mathbb text boxed".split())
ACCENTS = MappingProxyType({"overline": "\u0305", "bar": "\u0304", "hat": "\u0302", "tilde": "\u0303",
                            "vec": "\u20d7", "dot": "\u0307"})

SUPERSCRIPTS = MappingProxyType(dict(zip("0123456789+-=()niTtjkx*′", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀᵗʲᵏˣ*′")))
SUBSCRIPTS = MappingProxyType(dict(zip("0123456789+-=()aeijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")))


def latex_to_unicode(latex: str) -> str:
    """Unicode for one piece of inline maths (whitespace between tokens collapsed as TeX does)."""
    text, _ = _read(latex, 0, stop="")
    return " ".join(text.split()).replace(" ,", ",")


def _read(src: str, pos: int, stop: str) -> tuple[str, int]:
    """Read from ``pos`` up to the closing ``stop`` (``}``) or the end; return text and position."""
    out: list[str] = []
    while pos < len(src):
        char = src[pos]
        if stop and char == stop:
            return "".join(out), pos + 1
        if char == "{":
            inner, pos = _read(src, pos + 1, "}")
            out.append(inner)
        elif char == "\\":
            text, pos = _command(src, pos + 1)
            out.append(text)
        elif char in "^_":
            script, pos = _argument(src, pos + 1)
            out.append(_script(script, char == "^"))
        elif char == "&":
            out.append(",")
            pos += 1
        elif char == "'":
            out.append("′")
            pos += 1
        else:
            out.append(char)
            pos += 1
    return "".join(out), pos


def _argument(src: str, pos: int) -> tuple[str, int]:
    """One TeX argument: a braced group, a command, or one character."""
    while pos < len(src) and src[pos] == " ":
        pos += 1
    if pos >= len(src):
        return "", pos
    if src[pos] == "{":
        return _read(src, pos + 1, "}")
    if src[pos] == "\\":
        return _command(src, pos + 1)
    return src[pos], pos + 1


def _command(src: str, pos: int) -> tuple[str, int]:
    """A command after its backslash: its Unicode, with its arguments read where it takes any."""
    end = pos + 1
    if pos < len(src) and src[pos].isalpha():
        while end < len(src) and src[end].isalpha():
            end += 1
    name = src[pos:end]
    if name in _PREFIXES:  # ∂L, ∇f: the operator sits against its argument
        while end < len(src) and src[end] == " ":
            end += 1
    handler = _HANDLERS.get(name)
    if handler is not None:
        return handler(src, end)
    if name in RELATIONS:
        return f" {SYMBOLS[name]} ", end
    if name in SYMBOLS:
        return SYMBOLS[name], end
    if name in NAMED:
        return name, end
    if name in SILENT:
        return "", end
    if name in STYLES:
        return _argument(src, end)
    if name in ACCENTS:
        inner, end = _argument(src, end)
        return inner + ACCENTS[name] if len(inner) == 1 else inner, end
    return name, end


def _fraction(src: str, pos: int) -> tuple[str, int]:
    top, pos = _argument(src, pos)
    bottom, pos = _argument(src, pos)
    return f"{_grouped(top)}/{_grouped(bottom)}", pos


def _root(src: str, pos: int) -> tuple[str, int]:
    inner, pos = _argument(src, pos)
    return "√" + _grouped(inner), pos


def _environment(src: str, pos: int) -> tuple[str, int]:
    """``\\begin{pmatrix}`` opens a bracket (rows separated by ``;``); ``\\end`` closes it."""
    name, pos = _argument(src, pos)
    return {"pmatrix": "(", "bmatrix": "[", "vmatrix": "|"}.get(name, ""), pos


def _environment_end(src: str, pos: int) -> tuple[str, int]:
    name, pos = _argument(src, pos)
    return {"pmatrix": ")", "bmatrix": "]", "vmatrix": "|"}.get(name, ""), pos


_HANDLERS = MappingProxyType({
    "frac": _fraction, "dfrac": _fraction, "tfrac": _fraction, "sqrt": _root,
    "begin": _environment, "end": _environment_end,
})


def _grouped(text: str) -> str:
    """Brackets around a compound numerator/denominator/radicand: (a + b)/2, √(x + 1)."""
    text = text.strip()
    simple = len(text) <= 1 or all(ch.isalnum() or ch in "·′∂" or ch in SUPERSCRIPTS.values()
                                   or ch in SUBSCRIPTS.values() for ch in text)
    wrapped = text.startswith("(") and _closing(text) >= len(text.rstrip("".join(SUPERSCRIPTS.values()))) - 1
    return text if simple or wrapped else f"({text})"


def _closing(text: str) -> int:
    """Where the bracket opening ``text`` closes (-1 if never)."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return index
    return -1


def _script(text: str, superscript: bool) -> str:
    table = SUPERSCRIPTS if superscript else SUBSCRIPTS
    text = text.strip().replace(" ", "")
    if text and all(ch in table for ch in text):
        return "".join(table[ch] for ch in text)
    mark = "^" if superscript else "_"
    return mark + (text if len(text) == 1 else f"({text})")
