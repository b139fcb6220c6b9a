"""sigma' = sigma(1 - sigma): derived as algebra once, then taken from the table.

The sigmoid question works the derivative through the chain rule and rewrites it in the hand
form; a loss through the sigmoid quotes the table entry (the rule the sigmoid question proved)
and does not derive it again.  SymPy's own diff of 1/(1 + e^{-u}) is the oracle for both.
"""
from __future__ import annotations

import sympy as sp

from symprimer.api import derive
from symprimer.core.functions import sigmoid
from symprimer.render.views import shown_steps

DERIVING_RULES = {"chain_rule", "power_rule", "quotient_rule", "exp_rule", "exponential_rule", "hand_form"}


def _sigmoid_prime_holds(value) -> None:
    """``value`` is d/du sigma(u) for the one symbol u it contains (checked by SymPy's diff)."""
    (u,) = sp.sympify(value).free_symbols
    logistic = 1 / (1 + sp.exp(-u))
    written_out = sp.sympify(value).subs(sigmoid(u), logistic)
    assert sp.simplify(written_out - sp.diff(logistic, u)) == 0


def test_the_sigmoid_question_derives_sigma_prime_as_algebra():
    derivation = derive("activation", "sigmoid", detail="standard")
    assert derivation.verified and all(step.verify() for step in derivation.walk())
    rules = {step.rule for step in shown_steps(derivation)}
    assert "sigmoid_rule" not in rules  # derived here, not quoted
    assert {"chain_rule", "hand_form"} <= rules
    _sigmoid_prime_holds(derivation.result)


def test_a_loss_through_the_sigmoid_takes_sigma_prime_from_the_table():
    derivation = derive("loss", "bce", through="sigmoid", detail="standard")
    assert derivation.verified and all(step.verify() for step in derivation.walk())
    shown = list(shown_steps(derivation))
    (quote,) = [step for step in shown if step.rule == "sigmoid_rule"]
    _sigmoid_prime_holds(quote.after)
    assert not quote.substeps  # the table entry, not worked again
    outer_chain = next(i for i, step in enumerate(shown) if step.rule == "chain_rule")
    assert not DERIVING_RULES & {step.rule for step in shown[outer_chain + 1:]}
