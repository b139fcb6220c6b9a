"""The loss catalogue: derivatives against sympy and finite differences, the logit forms, kinks."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from conftest import assert_fully_verified
from nn_oracles import central_difference_agrees, same_as_sympy
from symprimer.api import derive
from symprimer.errors import InputError
from symprimer.nn.functions import sigmoid, softmax_probability
from symprimer.nn.losses import LOSSES, cce_definition, cce_symbols, y, z

FIXTURES = json.loads((Path(__file__).parent / "pytorch_kinks.json").read_text())
SCALAR = [name for name in LOSSES if name != "cce"]


@pytest.mark.parametrize("name", SCALAR)
def test_derivative_with_respect_to_the_prediction(name):
    entry = LOSSES[name]
    derivation = derive("loss", name)
    assert_fully_verified(derivation)
    assert not any(step.rule == "by_sympy" for step in derivation.walk())
    assert derivation.result == entry.derivative
    definition = entry.definition.subs(entry.defaults)
    derivative = entry.derivative.subs(entry.defaults)
    assert same_as_sympy(derivative, definition, entry.prediction)
    for label in (sp.Integer(1), sp.Integer(-1), sp.Rational(1, 3)):
        if entry.prediction.is_positive:
            continue  # bce: checked on (0, 1) below
        f_of_x = definition.subs(y, label)
        d_of_x = derivative.subs(y, label)
        assert central_difference_agrees(f_of_x, d_of_x, entry.prediction, avoid=(0, 1, -1, label, 1 + label, label - 1, 1 / label))


def test_bce_on_probabilities():
    entry = LOSSES["bce"]
    p = entry.prediction
    for label, point in ((0, 0.3), (1, 0.8), (0.25, 0.6)):
        h = 1e-7
        numeric = (entry.numpy.loss(point + h, label) - entry.numpy.loss(point - h, label)) / (2 * h)
        assert np.isclose(numeric, entry.numpy.derivative(point, label), rtol=1e-6)
    assert sp.simplify(entry.derivative - sp.diff(entry.definition, p)) == 0


@pytest.mark.parametrize("name", list(FIXTURES["losses"]))
def test_numpy_derivative_follows_pytorch_at_kinks(name):
    entry = LOSSES[name]
    for prediction, label, expected in FIXTURES["losses"][name]:
        value = float(np.asarray(entry.numpy.derivative(np.float64(prediction), np.float64(label))))
        assert value == pytest.approx(expected, abs=1e-15)


def test_bce_through_sigmoid_is_prediction_minus_label():
    derivation = derive("loss", "bce", through="sigmoid")
    assert_fully_verified(derivation)
    assert derivation.result == sigmoid(z) - y
    composed = LOSSES["bce"].definition.subs(LOSSES["bce"].prediction, sigmoid(z))
    assert same_as_sympy(derivation.result, composed.doit(), z)
    assert any(step.rule == "chain_rule" for step in derivation.steps)


@pytest.mark.parametrize("classes", [2, 3, 4])
def test_cce_through_softmax_is_p_minus_y(classes):
    derivation = derive("loss", "cce", through="softmax", classes=classes)
    assert_fully_verified(derivation)
    labels, probabilities = cce_symbols(classes)
    logits = sp.symbols(f"z_1:{classes + 1}", real=True)
    soft = [softmax_probability(j, *logits) for j in range(1, classes + 1)]
    assert list(derivation.result) == [s - label for s, label in zip(soft, labels)]
    assert any(step.rule == "label_constraint" for step in derivation.steps)
    assert any("sum_j y_j = 1" in note for note in derivation.notes)
    # the oracle: sympy.diff of the composed loss, with one-hot labels, at a numeric point
    composed = cce_definition(classes).xreplace({p: s.as_quotient() for p, s in zip(probabilities, soft)})
    point = {zi: v for zi, v in zip(logits, (0.4, -1.1, 0.9, 2.2))}
    onehot = {label: (1 if j == 1 else 0) for j, label in enumerate(labels)}
    for i, zi in enumerate(logits):
        oracle = float(sp.diff(composed, zi).subs(onehot).subs(point))
        ours = float(derivation.result[i].doit().subs(onehot).subs(point))
        assert ours == pytest.approx(oracle, rel=1e-12)


def test_cce_with_respect_to_probabilities():
    derivation = derive("loss", "cce")
    assert_fully_verified(derivation)
    labels, probabilities = cce_symbols(3)
    assert list(derivation.result) == [-yj / pj for yj, pj in zip(labels, probabilities)]


def test_zero_one_gives_no_useful_gradient():
    derivation = derive("loss", "zero_one")
    assert_fully_verified(derivation)
    assert derivation.result == 0
    step = next(s for s in derivation.steps if s.rule == "no_useful_gradient")
    assert "no signal" in step.text


def test_hinge_kink_and_convexity():
    derivation = derive("loss", "hinge")
    assert_fully_verified(derivation)
    kink = next(s for s in derivation.steps if s.rule == "kink_convention")
    assert kink.after == 0
    assert any("convex" in note for note in derivation.notes)
    squared = derive("loss", "squared")
    convex = next(s for s in squared.steps if s.rule == "convexity")
    assert convex.after == 2


@pytest.mark.parametrize(
    "name, options, message",
    [
        ("bce", {"through": "softmax"}, "goes with the categorical"),
        ("cce", {"through": "sigmoid"}, "through softmax"),
        ("hinge", {"classes": 3}, "applies to the categorical"),
        ("cce", {"through": "softmax", "classes": 1}, "between 2 and"),
        ("mse", {}, "no loss 'mse'"),
        ("bce", {"through": "relu"}, "not an output function"),
    ],
)
def test_bad_loss_requests(name, options, message):
    with pytest.raises(InputError, match=message):
        derive("loss", name, **options)
