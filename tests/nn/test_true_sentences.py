"""Every sentence true: a kink's sentence is built from the one-sided derivatives its working
computes, a claim that depends on a parameter says on which values, and no value of f' is
displayed where the text says none exists."""
from __future__ import annotations

import dataclasses

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.calculus.limits import differentiability_steps
from symprimer.nn.activations import ACTIVATIONS
from symprimer.render.notation import to_latex
from symprimer.nn.derive_activation import _kink_step, kink_status

SLOPED = ("elu", "prelu")  # the slope left of 0 is a parameter


def _with_default(name: str, default: sp.Expr):
    entry = ACTIVATIONS[name]
    (symbol, _, meaning), = entry.parameters
    return dataclasses.replace(entry, parameters=((symbol, default, meaning),))


def _one_sided_derivatives(step):
    """The working's own values: the last two one-sided limits are the derivatives."""
    limits = [sub.after for sub in step.working if sub.rule == "one_sided_limit"]
    return limits[-2], limits[-1]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(SLOPED), st.fractions(min_value=-3, max_value=3, max_denominator=4))
def test_a_kink_claim_follows_the_parameter_it_depends_on(name, fraction):
    default = sp.Rational(fraction.numerator, fraction.denominator)
    entry = _with_default(name, default)
    analysis = differentiability_steps(entry.definition, entry.variable, sp.Integer(0))
    sentence = kink_status(entry, analysis, sp.Integer(0))
    left, right = analysis.left, analysis.right
    smooth = sp.simplify((left - right).subs(entry.defaults)) == 0
    assert ("it is differentiable" in sentence) == smooth
    assert ("it is a kink" in sentence) == (not smooth)
    assert f"${to_latex(left)}$ and ${to_latex(right)}$" in sentence
    assert "only when" in sentence  # the claim names the value it depends on


@pytest.mark.parametrize("name", ["relu", "leaky_relu", "prelu", "elu", "selu", "binary_step", "softsign"])
def test_the_sentence_states_the_derivatives_its_working_computes(name):
    derivation = derive("activation", name)
    assert_fully_verified(derivation)
    kink = next(step for step in derivation.steps if step.rule == "kink_convention")
    sentence = kink.text
    if "jumps" in sentence:
        return  # not continuous: no one-sided derivatives are computed
    left, right = _one_sided_derivatives(kink)
    if left == right:
        assert "agree, so $f$ is differentiable" in sentence
    else:
        assert f"${to_latex(left)}$ and ${to_latex(right)}$" in sentence


def test_elu_at_its_default_alpha_is_not_called_a_kink_outright():
    sentence = next(s for s in derive("activation", "elu").steps if s.rule == "kink_convention").text
    assert "not differentiable (a kink)" not in sentence
    assert "differentiable there for $\\alpha = 1$" in sentence and "it is differentiable)" in sentence


def test_leaky_relu_is_a_kink_with_its_two_slopes():
    sentence = next(s for s in derive("activation", "leaky_relu").steps if s.rule == "kink_convention").text
    assert "not differentiable (a kink)" in sentence and "$0.01$ and $1$" in sentence


@pytest.mark.parametrize("kind, inputs, options", [
    ("diff", ("Abs(x)",), {"at": "0"}),
    ("activation", ("relu",), {}),
    ("activation", ("leaky_relu",), {}),
    ("activation", ("binary_step",), {}),
])
@pytest.mark.parametrize("level", ["brief", "standard", "full"])
def test_no_value_of_the_derivative_is_displayed_where_none_exists(kind, inputs, options, level):
    derivation = derive(kind, *inputs, detail=level, **options)
    assert derivation.verified
    says_none = [
        step for step in derivation.walk() if step.rule == "kink_convention"
        and ("no derivative" in step.text.lower() or "not differentiable" in step.text or "jumps" in step.text)
    ]
    assert says_none
    for step in says_none:  # PyTorch's value is named as its sub-gradient, not as f'(0)
        assert step.relation == ":=" and not step.before.has(sp.Subs, sp.Derivative)


def test_the_rule_based_value_at_the_kink_is_still_checked_in_full():
    derivation = derive("diff", "Abs(x)", at="0", detail="full")
    kink = next(step for step in derivation.steps if step.rule == "kink_convention")
    (branch,) = kink.working
    x = next(iter(derivation.given[0][1].free_symbols))
    assert branch.before.has(sp.Subs) and branch.holds and branch.after == sp.sign(x).subs(x, 0)


def test_a_laws_answer_is_a_statement_and_c_is_named_before_it_is_used():
    derivation = derive("laws", "[[1,2],[3,4]]", "[[0,1],[1,1]]")
    assert_fully_verified(derivation)
    from symprimer.render.notation import to_latex

    answer = to_latex(derivation.result)
    assert "True" not in answer and r"A B \neq B A" in answer and r"\left(A B\right)^{T} = B^{T} A^{T}" in answer
    assert answer.count("=") >= len(derivation.detail("checked")) - 1
    first_use = next(i for i, step in enumerate(derivation.steps) if "C" in step.param("law", ""))
    definition = derivation.steps[0]
    assert definition.relation == ":=" and str(definition.before) == "C" and first_use > 0
