"""The loss catalogue: derivatives against sympy and finite differences, the logit forms, and
PyTorch's values recorded by record_torch_kinks.py (at the kinks and at ordinary points)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest
import sympy as sp

from conftest import assert_fully_verified
from nn_oracles import TORCH, central_difference_agrees, same_as_sympy, torch_agrees
from symprimer.api import derive
from symprimer.core.errors import InputError
from symprimer.core.functions import sigmoid, softmax_probability
from symprimer.nn.losses import DEFAULT_CLASSES, LOSSES, cce_definition, cce_symbols, y, z
from symprimer.numeric.compile import compile_function, lambdify_safe

RECORDED = TORCH["losses"]
SCALAR = [name for name in LOSSES if name != "cce"]
LOGITS = sp.symbols(f"z_1:{DEFAULT_CLASSES + 1}", real=True)


@lru_cache(maxsize=None)
def _numeric_path(name: str):
    """The loss compiled the way symprimer.numeric compiles any function of (prediction, label)."""
    entry = LOSSES[name]
    return compile_function(entry.definition.subs(entry.defaults), [entry.prediction, y])


def _composed_cce():
    """-sum y_j log p_j with p_j = softmax_j(z): the loss of the logits, as a user would build it."""
    labels, probabilities = cce_symbols(DEFAULT_CLASSES)
    soft = {p: softmax_probability(j, *LOGITS) for j, p in enumerate(probabilities, start=1)}
    return cce_definition(DEFAULT_CLASSES).xreplace(soft), labels


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


def test_every_loss_is_recorded():
    assert set(RECORDED) == set(LOSSES)
    for name, entry in LOSSES.items():
        assert {symbol.name: float(value) for symbol, value in entry.defaults.items()} == RECORDED[name]["parameters"]
        recorded = [[point["prediction"], point["label"]] for point in RECORDED[name]["points"] if "prediction" in point]
        assert all(kink in recorded for kink in RECORDED[name]["kinks"]), name


@pytest.mark.parametrize("name", SCALAR)
def test_catalogue_numpy_follows_pytorch(name):
    """The hand-form dL/d(prediction) lambdified to NumPy gives torch's value at every recorded point."""
    numpy = LOSSES[name].numpy
    for point in RECORDED[name]["points"]:
        at = (np.float64(point["prediction"]), np.float64(point["label"]))
        assert torch_agrees(numpy.loss(*at), point["value"]), (name, point, numpy.loss(*at))
        assert torch_agrees(numpy.derivative(*at), point["derivative"]), (name, point, numpy.derivative(*at))


@pytest.mark.parametrize("name", SCALAR)
def test_numeric_compile_path_follows_pytorch(name):
    compiled = _numeric_path(name)
    for point in RECORDED[name]["points"]:
        at = np.array([point["prediction"], point["label"]])
        assert torch_agrees(compiled.value(at), point["value"]), (name, point, compiled.value(at))
        assert torch_agrees(compiled.gradient(at)[0], point["derivative"]), (name, point, compiled.gradient(at))


@pytest.mark.parametrize("name", [name for name in SCALAR if LOSSES[name].kink_values])
def test_stated_kink_values_are_pytorchs(name):
    """The value the solution states at a kink is torch's at every recorded kink it covers."""
    entry = LOSSES[name]
    recorded = {(point["prediction"], point["label"]): point["derivative"] for point in RECORDED[name]["points"]}
    for (at_prediction, at_label), value in entry.kink_values:
        covered = [
            (f0, y0) for f0, y0 in RECORDED[name]["kinks"]
            if float(at_prediction.subs(y, y0)) == f0 and float(at_label.subs(y, y0)) == y0
        ]
        assert covered, (name, at_prediction, at_label)
        for f0, y0 in covered:
            stated = float(value.subs(y, y0).subs(entry.defaults))
            assert torch_agrees(stated, recorded[(f0, y0)]), (name, f0, y0, stated)


def test_hinge_spellings_at_the_margin():
    """relu(1 - y f) takes our 0 at the margin; torch.clamp(..., min=0) passes -y; the kink text states the value taken."""
    spellings = RECORDED["hinge"]["other_spellings"]
    derivative = LOSSES["hinge"].numpy.derivative
    relu = spellings["torch.nn.functional.relu(1 - y * f)"]
    clamp = spellings["torch.clamp(1 - y * f, min=0)"]
    assert all(torch_agrees(derivative(p["prediction"], p["label"]), p["derivative"]) for p in relu)
    assert all(p["derivative"] == -p["label"] for p in clamp)
    assert "takes $0$" in LOSSES["hinge"].kink_text  # the value PyTorch uses; -y would be the other side's


def test_cce_follows_pytorch():
    """-sum y log p and its gradient in p, catalogue NumPy form and numeric compile path, are torch's."""
    labels, probabilities = cce_symbols(DEFAULT_CLASSES)
    numpy = LOSSES["cce"].numpy
    compiled = compile_function(cce_definition(DEFAULT_CLASSES), [*probabilities, *labels])
    for point in RECORDED["cce"]["points"]:
        p, labelled = point["probabilities"], point["labels"]
        assert torch_agrees(numpy.loss(p, labelled), point["value"]), point
        assert torch_agrees(np.ravel(numpy.derivative(p, labelled)), point["gradient"]), point
        at = np.array([*p, *labelled])
        assert torch_agrees(compiled.value(at), point["value"]), point
        assert torch_agrees(compiled.gradient(at)[:DEFAULT_CLASSES], point["gradient"]), point


def test_cce_through_softmax_follows_pytorch():
    """The derived p - y and the compiled loss of the logits give cross_entropy's value and gradient."""
    composed, labels = _composed_cce()
    compiled = compile_function(composed, [*LOGITS, *labels])
    derived = derive("loss", "cce", through="softmax", classes=DEFAULT_CLASSES).result
    hand_form = lambdify_safe([*LOGITS, *labels], list(derived))
    for point in RECORDED["cce"]["through"]["softmax"]["points"]:
        at = np.array([*point["z"], *point["labels"]])
        assert torch_agrees(hand_form(*at), point["gradient"]), point
        assert torch_agrees(compiled.value(at), point["value"]), point
        assert torch_agrees(compiled.gradient(at)[:DEFAULT_CLASSES], point["gradient"]), point


def test_bce_through_sigmoid_follows_pytorch():
    """The derived sigma(z) - y and the compiled loss of the logit give binary_cross_entropy_with_logits."""
    entry = LOSSES["bce"]
    compiled = compile_function(entry.definition.subs(entry.prediction, sigmoid(z)), [z, y])
    hand_form = lambdify_safe([z, y], derive("loss", "bce", through="sigmoid").result)
    for point in RECORDED["bce"]["through"]["sigmoid"]["points"]:
        at = np.array([point["z"], point["label"]])
        assert torch_agrees(hand_form(*at), point["derivative"]), point
        assert torch_agrees(compiled.value(at), point["value"]), point
        assert torch_agrees(compiled.gradient(at)[0], point["derivative"]), point


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
    assert any(r"\sum_{j} y_{j} = 1" in note for note in derivation.notes)
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
