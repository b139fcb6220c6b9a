"""A prompt's or title's $...$ maths passes the checker's whitelist and is kept as maths; the words
around it are escaped; anything the whitelist refuses is refused in one sentence."""
from __future__ import annotations

import pytest

from symprimer.core.errors import InputError
from symprimer.render.prompts import prompt_latex


@pytest.mark.parametrize(
    "text, latex",
    [
        (r"Solve $|\lambda I - A| = 0$ for 100% of A.", r"Solve $|\lambda I - A| = 0$ for 100\% of A."),
        (r"Check $A A^{-1} = I$ & more", r"Check $A A^{-1} = I$ \& more"),
        (r"Costs \$5", r"Costs \$5"),
        ("no maths, x_1 and A^T", r"no maths, x\textsubscript{1} and A\textsuperscript{T}"),
    ],
)
def test_maths_kept_and_words_escaped(text, latex):
    assert prompt_latex(text) == latex


@pytest.mark.parametrize(
    "text, named",
    [
        (r"run $\input{/etc/passwd}$", r"\input"),
        (r"$\def\x{1}$", r"\def"),
        ("one $ alone", "never closes"),
        (r"$x}{$", "unbalanced"),
    ],
)
def test_what_the_whitelist_refuses_is_named(text, named):
    with pytest.raises(InputError) as error:
        prompt_latex(text)
    assert named in str(error.value) and "\n" not in str(error.value)
