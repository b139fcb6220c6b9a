"""Chains of '=' steps: each step judged against the previous line; the first invalid one found."""
from __future__ import annotations

import pytest

from symprimer.check.answer import ReadOptions
from symprimer.check.chain import check_chain, split_chain, split_equations
from symprimer.parse.latex import parse_latex

CHAINS = [
    # (text, verdict, first_invalid, failing steps)
    (
        r"""\begin{align*}
        \frac{d}{dx}\left(x^2 \sin x\right) &= 2x \sin x + x^2 \cos x \\
        &= x(2\sin x + x\cos x) \\
        &= 2x\sin x + x \cos x \\
        &= x(2 \sin x + \cos x)
        \end{align*}""",
        "not_equivalent",
        3,
        {3},
    ),
    (
        r"""\begin{align}
        \sigma'(x) &= \frac{e^{-x}}{(1+e^{-x})^2} \nonumber \\
        &= \frac{1}{1+e^{-x}} \cdot \frac{e^{-x}}{1+e^{-x}} \label{eq:one} \\
        &= \sigma(x)\left(1 - \sigma(x)\right)
        \end{align}""",
        "equivalent",
        None,
        set(),
    ),
    (
        "\\det\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix} = 1\\cdot 4 - 2\\cdot 3\n= 4 - 6\n= -2\n",
        "equivalent",
        None,
        set(),
    ),
    (
        "\\begin{vmatrix}2&1&0\\\\1&3&1\\\\0&1&2\\end{vmatrix}\n"
        "= 2\\begin{vmatrix}3&1\\\\1&2\\end{vmatrix} + 1\\begin{vmatrix}1&1\\\\0&2\\end{vmatrix}\n"
        "= 2\\cdot 5 + 2\n= 12\n",
        "not_equivalent",
        1,
        {1},
    ),
    (
        r"\begin{equation} (x+1)^2 = x^2 + 2x + 1 = x^2 + 1 = (x + 1)(x - 1) + 3 \end{equation}",
        "not_equivalent",
        2,
        {2, 3},
    ),
    (
        r"$$\tanh'(x) = 1 - \tanh^2(x) = \frac{1}{\cosh^2 x}$$",
        "equivalent",
        None,
        set(),
    ),
]


@pytest.mark.parametrize("text, verdict, first_invalid, failing", CHAINS)
def test_chain_first_invalid(text, verdict, first_invalid, failing):
    outcome = check_chain(text)
    assert outcome.verdict == verdict, outcome.reason
    assert outcome.first_invalid == first_invalid
    assert {s.index for s in outcome.steps if s.verdict.verdict == "not_equivalent"} == failing
    for step in outcome.steps:
        if step.verdict.verdict == "not_equivalent":
            assert step.verdict.counterexample is not None
    data = outcome.as_json()
    assert {"verdict", "reason", "steps", "first_invalid", "counterexample"} <= set(data)
    assert len(data["steps"]) == len(outcome.read_as) - 1


def test_chain_against_expected_final_value():
    text = r"\frac{d}{dx}\tanh x = \frac{1}{\cosh^2 x}"
    right = check_chain(text, ReadOptions(), parse_latex(r"1-\tanh^2 x").value)
    wrong = check_chain(text, ReadOptions(), parse_latex(r"\tanh^2 x").value)
    assert right.verdict == "equivalent" and right.against.verdict == "equivalent"
    assert wrong.verdict == "not_equivalent" and wrong.first_invalid is None
    assert "final line" in wrong.reason


def test_failing_step_is_diagnosed():
    outcome = check_chain(r"\frac{d}{dx} \sin(x^2) = \cos(x^2)")
    assert outcome.first_invalid == 1
    assert "chain-rule" in outcome.steps[0].verdict.diagnosis


def test_matrix_rows_inside_a_chain_stay_together():
    parts = split_chain("\\begin{align*} M &= \\begin{pmatrix}1&2\\\\3&4\\end{pmatrix} \\\\ &= N \\end{align*}")
    assert parts == ["M", "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}", "N"]


@pytest.mark.parametrize("text", ["x + 1", "= x", "x = = y", r"x = \input{a}"])
def test_unreadable_chains(text):
    assert check_chain(text).verdict == "unparseable"


def test_inequalities_are_not_split():
    assert split_chain(r"x \le y = z") == [r"x \le y", "z"]


@pytest.mark.parametrize(
    "text, first_invalid",
    [
        (r"\frac{\partial L}{\partial w} = \frac{\partial}{\partial w}\frac{1}{2}(wx-y)^2 = (wx-y)x", None),
        (r"\frac{\partial L}{\partial w} = \frac{\partial}{\partial w}\frac{1}{2}(wx-y)^2 = (wx-y)", 2),
        (r"f'(x) = \frac{d}{dx} x^2 e^x = 2xe^x", 2),
        (r"L = -(y\log p + (1-y)\log(1-p)) = -y\ln p - (1-y)\ln(1-p)", None),
    ],
)
def test_a_first_line_that_names_the_quantity_is_not_checked(text, first_invalid):
    outcome = check_chain(text)
    assert [s.index for s in outcome.steps] == [2]
    assert outcome.first_invalid == first_invalid
    assert outcome.verdict == ("equivalent" if first_invalid is None else "not_equivalent")
    assert any("names the quantity" in note for note in outcome.notes)


def test_derivative_of_a_named_quantity_is_not_zero():
    value = parse_latex(r"\frac{\partial L}{\partial w}").value
    assert value.doit() != 0


def test_a_named_result_alone_is_checked_against_the_key():
    expected = parse_latex(r"\sigma(z) - y").value
    assert check_chain(r"\frac{\partial L}{\partial z} = \sigma(z) - y", ReadOptions(), expected).verdict == "equivalent"
    assert check_chain(r"\frac{\partial L}{\partial z} = y - \sigma(z)", ReadOptions(), expected).verdict == "not_equivalent"
    assert check_chain(r"\frac{\partial L}{\partial z} = y - \sigma(z)").verdict == "undecided"


def test_a_line_with_its_own_left_side_starts_a_new_equation_and_uses_what_came_before():
    text = r"""\begin{align*}
    f(x) &= x^2 \sin x \\
    f'(x) &= 2x \sin x + x^2 \cos x \\
    &= x(2 \sin x + x \cos x)
    \end{align*}"""
    outcome = check_chain(text)
    assert outcome.verdict == "equivalent", outcome.reason
    assert [s.index for s in outcome.steps] == [3, 4]  # f'(x) checked against d/dx of line 2's value
    wrong = check_chain(text.replace(r"2x \sin x + x^2 \cos x", r"2x \cos x + x^2 \sin x"))
    assert wrong.verdict == "not_equivalent" and wrong.first_invalid == 3


def test_a_new_equation_is_not_joined_to_the_line_before_it():
    named = check_chain("a = 2 + 3 = 5\nb = 4 - 1 = 3")
    assert named.verdict == "equivalent", named.reason
    assert [s.index for s in named.steps] == [2, 5]
    assert check_chain("a = 2 + 3 = 5\nb = 4 - 1 = 2").first_invalid == 5
    unnamed = check_chain("x^2 - 1 = (x-1)(x+1)\n(x+1)^2 = x^2 + 2x + 1")
    assert unnamed.verdict == "equivalent", unnamed.reason
    assert [s.index for s in unnamed.steps] == [1, 3]
    assert any("starts a new equation" in note for note in unnamed.notes)


def test_lines_that_continue_with_an_equals_sign_stay_one_chain():
    assert split_equations("(x+1)^2\n= x^2 + 2x + 1\n= (x+1)(x+1)") == [["(x+1)^2", "x^2 + 2x + 1", "(x+1)(x+1)"]]
