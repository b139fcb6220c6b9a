"""Sentences with $...$ maths: LaTeX keeps the maths and escapes the words, the terminal gets Unicode,
JSON both; nothing a sentence holds becomes a command outside the maths whitelist."""
from __future__ import annotations

import json
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from symprimer.api import derive
from symprimer.render.jsonout import render_json
from symprimer.render.prose import MATH_COMMANDS, pieces, prose_latex, prose_unicode
from symprimer.render.text import render_text
from symprimer.render.unicode_math import latex_to_unicode


@pytest.mark.parametrize(
    "sentence, latex, unicode",
    [
        (r"Row-reduce $\lambda_{1} I - A$.", r"Row-reduce $\lambda_{1} I - A$.", "Row-reduce λ₁ I - A."),
        (r"Check: $A A^{-1} = I$ & 100%.", r"Check: $A A^{-1} = I$ \& 100\%.", "Check: A A⁻¹ = I & 100%."),
        (r"$\sigma(z) - y$ when $i \neq j$", r"$\sigma(z) - y$ when $i \neq j$", "σ(z) - y when i ≠ j"),
        (r"$\frac{\partial L}{\partial z_{2}} = \sum_{j} p_{j}$", r"$\frac{\partial L}{\partial z_{2}} = \sum_{j} p_{j}$",
         "∂L/∂z₂ = Σⱼ pⱼ"),
        (r"$x \geq 0$, $x \to \infty$, $\sqrt{2} \cdot 3$", r"$x \geq 0$, $x \to \infty$, $\sqrt{2} \cdot 3$",
         "x ≥ 0, x → ∞, √2 · 3"),
        ("costs $5", r"costs \$5", "costs $5"),  # a lone dollar is a dollar
        (r"run $\input{/etc/passwd}$ now", r"run \$\textbackslash{}input\{/etc/passwd\}\$ now", r"run $\input{/etc/passwd}$ now"),
    ],
)
def test_a_sentence_in_latex_and_in_unicode(sentence, latex, unicode):
    assert prose_latex(sentence) == latex
    assert prose_unicode(sentence) == unicode


@pytest.mark.parametrize(
    "latex, unicode",
    [
        (r"A^{T}", "Aᵀ"),
        (r"x^{2} + e^{-x}", "x² + e⁻ˣ"),
        (r"\frac{e^{-x}}{(1 + e^{-x})^{2}}", "e⁻ˣ/(1 + e⁻ˣ)²"),
        (r"\operatorname{diag}(p) - p p^{T}", "diag(p) - p pᵀ"),
        (r"\left|\lambda I - A\right| = 0", "|λ I - A| = 0"),
        (r"\begin{pmatrix}1 & 2\\ 3 & 4\end{pmatrix}", "(1, 2; 3, 4)"),
        (r"s_{i} (\delta_{ij} - s_{j})", "sᵢ (δᵢⱼ - sⱼ)"),
    ],
)
def test_the_unicode_converter(latex, unicode):
    assert latex_to_unicode(latex) == unicode


SAFE_ESCAPES = {r"\textbackslash", r"\textasciicircum", r"\textasciitilde", r"\textless", r"\textgreater",
                r"\textbar", r"\{", r"\}", r"\$", r"\&", r"\%", r"\#", r"\_"}


def _commands_outside_maths(latex: str) -> set[str]:
    words = re.sub(r"(?<!\\)\$.*?(?<!\\)\$", " ", latex)
    return set(re.findall(r"\\(?:[A-Za-z]+|.)", words))


def _commands_inside_maths(latex: str) -> set[str]:
    maths = " ".join(re.findall(r"(?<!\\)\$(.*?)(?<!\\)\$", latex))
    # tokens as TeX reads them: \\ is one control symbol, so "\\a" is a line break and a letter
    return {name for name in re.findall(r"\\([A-Za-z]+|.)", maths) if name.isalpha()}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab1-_^{}\\$%&#~ Tx") + [r"\lambda", r"\input", r"\def", "\\\\"]),
                max_size=30).map("".join))
@example("$\\\\a$")  # a line break then a letter: no command named "a"
def test_random_sentences_yield_only_safe_commands(sentence):
    latex = prose_latex(sentence)
    assert not _commands_outside_maths(latex) - SAFE_ESCAPES
    assert _commands_inside_maths(latex) <= MATH_COMMANDS


def test_every_piece_is_words_or_trusted_maths():
    parts = pieces(r"a $x^{2}$ b $\write18{x}$ c")
    assert [(p.text, p.maths) for p in parts] == [("a ", False), ("x^{2}", True), (" b ", False),
                                                   (r"$\write18{x}$", False), (" c", False)]


def test_json_carries_unicode_text_and_its_latex():
    derivation = derive("inverse", "[[a,b],[c,d]]")
    data = json.loads(render_json(derivation))
    step = data["steps"][-1]
    assert step["text"] == "Check: A A⁻¹ = I."
    assert step["text_latex"] == "Check: $A A^{-1} = I$."
    assert all("$" not in note for note in data["notes"]) and any("$" in n for n in data["notes_latex"])


def test_the_terminal_shows_no_latex():
    text = render_text(derive("loss", "bce", through="sigmoid"))
    assert "$" not in text and "\\" not in text
    assert "∂L/∂z" in text and "σ(z)" in text
