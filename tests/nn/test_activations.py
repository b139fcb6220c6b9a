"""The activation catalogue: derivatives against sympy and finite differences, PyTorch at kinks."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from nn_oracles import central_difference_agrees, same_as_sympy
from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.errors import InputError
from symprimer.nn.activations import ACTIVATIONS, SOFTMAX_CLASSES, Z
from symprimer.render.latex import render_latex

FIXTURES = json.loads((Path(__file__).parent / "pytorch_kinks.json").read_text())
SCALAR = [name for name in ACTIVATIONS if name != "softmax"]


@pytest.mark.parametrize("name", SCALAR)
def test_derivative_matches_sympy_and_finite_differences(name):
    entry = ACTIVATIONS[name]
    derivation = derive("activation", name)
    assert_fully_verified(derivation)
    assert not any(step.rule == "by_sympy" for step in derivation.walk())
    assert derivation.result == entry.derivative
    definition = entry.definition.subs(entry.defaults)
    derivative = entry.derivative.subs(entry.defaults)
    assert same_as_sympy(derivative, definition, entry.variable)
    assert central_difference_agrees(definition, derivative, entry.variable, avoid=(0,))


@pytest.mark.parametrize("name", SCALAR)
def test_numpy_derivative_follows_pytorch_at_kinks(name):
    entry = ACTIVATIONS[name]
    for point, expected in FIXTURES["activations"][name].items():
        value = np.asarray(entry.numpy.derivative(np.array([float(point)])), dtype=float)
        assert np.allclose(np.broadcast_to(value, (1,)), expected, rtol=1e-12, atol=1e-15), (name, value, expected)


@pytest.mark.parametrize("name", SCALAR)
def test_heaviside_never_leaks(name):
    entry = ACTIVATIONS[name]
    assert not entry.derivative.has(sp.Heaviside, sp.DiracDelta)
    derivation = derive("activation", name)
    assert not derivation.result.has(sp.Heaviside)


@pytest.mark.parametrize("name", SCALAR)
def test_numpy_function_and_derivative_agree_by_central_differences(name):
    entry = ACTIVATIONS[name]
    xs = np.array([-2.3, -0.7, 0.4, 1.9])
    h = 1e-6
    numeric = (entry.numpy.function(xs + h) - entry.numpy.function(xs - h)) / (2 * h)
    analytic = np.broadcast_to(np.asarray(entry.numpy.derivative(xs), dtype=float), xs.shape)
    assert np.allclose(numeric, analytic, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(
    "name, latex, rewritten",
    [
        ("sigmoid", r"\left(1 - \sigma\left(x\right)\right) \sigma\left(x\right)", True),
        ("tanh", r"1 - \tanh^{2}{\left(x \right)}", False),  # the table entry is already the hand form
        ("softplus", r"\sigma\left(x\right)", True),
        ("silu", r"\left(x \left(1 - \sigma\left(x\right)\right) + 1\right) \sigma\left(x\right)", True),
    ],
)
def test_hand_forms_in_rendered_latex(name, latex, rewritten):
    derivation = derive("activation", name)
    assert r"\boxed{" + latex + "}" in render_latex(derivation)
    assert any(step.rule == "hand_form" for step in derivation.walk()) is rewritten


def test_kink_conventions_are_stated_in_the_solution():
    text = str(derive("activation", "relu"))
    assert "ReLU'(0) = 0" in text and "continuous but not differentiable" in text
    leaky = derive("activation", "leaky_relu")
    kink = next(step for step in leaky.steps if step.rule == "kink_convention")
    assert kink.after == sp.Rational(1, 100) and "0.01" in kink.text


def test_defaults_are_pytorchs():
    assert ACTIVATIONS["elu"].defaults[sp.Symbol("alpha", positive=True)] == 1
    selu = {s.name: float(v) for s, v in ACTIVATIONS["selu"].defaults.items()}
    assert selu == {"alpha": 1.6732632423543772, "lamda": 1.0507009873554805}


def test_softmax_jacobian():
    derivation = derive("activation", "softmax")
    assert_fully_verified(derivation)
    s = ACTIVATIONS["softmax"].definition
    oracle = s.jacobian(list(Z))
    point = {z: v for z, v in zip(Z, (0.3, -1.2, 2.0))}
    numeric = np.array(oracle.subs(point).evalf(), dtype=float)
    values = np.array(sp.Matrix(s.subs(point)).evalf(), dtype=float).ravel()
    expected = np.diag(values) - np.outer(values, values)
    assert np.allclose(numeric, expected)
    ours = np.array(ACTIVATIONS["softmax"].numpy.derivative(*point.values()), dtype=float)
    assert np.allclose(ours, expected)
    assert derivation.result.shape == (SOFTMAX_CLASSES, SOFTMAX_CLASSES)


def test_at_a_kink_and_at_a_non_kink():
    derivation = derive("activation", "relu", at="0")
    assert_fully_verified(derivation)
    assert derivation.result == 0
    with pytest.raises(InputError, match="no kink at x = 1"):
        derive("activation", "relu", at="1")
    with pytest.raises(InputError, match="no activation"):
        derive("activation", "swishy")
