"""Prompts are prose: every LaTeX special escaped, plain-text scripts (A^T, x_1) typeset as such."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.render.escape import escape_latex, escape_prose


@pytest.mark.parametrize(
    "text, typeset",
    [
        ("check A A^-1 = I", r"check A A\textsuperscript{-1} = I"),
        ("(AB)^T = B^T A^T", r"(AB)\textsuperscript{T} = B\textsuperscript{T} A\textsuperscript{T}"),
        ("x_1 + w_{ij}", r"x\textsubscript{1} + w\textsubscript{ij}"),
        ("(A^T)_ij = A_ji", r"(A\textsuperscript{T})\textsubscript{ij} = A\textsubscript{ji}"),
        ("e^{-x}", r"e\textsuperscript{-x}"),
        ("leaky_relu and snake_case", r"leaky\_relu and snake\_case"),
        ("100% & $5 #1 ~", escape_latex("100% & $5 #1 ~")),
    ],
)
def test_scripts_are_typeset_and_the_rest_escaped(text, typeset):
    assert escape_prose(text) == typeset


@pytest.mark.parametrize(
    "hostile",
    [r"^{\input{/etc/passwd}}", r"x_{\write18{id}}", r"^\immediate", "^{}}}{{", r"A^{\\}", "_{" + "a" * 40 + "}"],
)
def test_nothing_a_prompt_says_becomes_a_command(hostile):
    assert not _commands(escape_prose(hostile)) - SAFE


SAFE = {r"\textsuperscript", r"\textsubscript", r"\textbackslash", r"\textasciicircum", r"\textasciitilde",
        r"\textless", r"\textgreater", r"\textbar", r"\{", r"\}", r"\$", r"\&", r"\%", r"\#", r"\_"}


def _commands(latex: str) -> set[str]:
    return set(re.findall(r"\\(?:[A-Za-z]+|.)", latex))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1-_^{}\\$%&#~ T*'()")), max_size=40))
def test_random_prose_yields_only_safe_commands_and_balanced_braces(text):
    latex = escape_prose(text)
    assert not _commands(latex) - SAFE
    unescaped = re.sub(r"\\[{}]", "", latex)
    depth = 0
    for ch in unescaped:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0
