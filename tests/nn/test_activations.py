"""The activation catalogue: derivatives against sympy and finite differences, and against PyTorch's
values recorded by record_torch_kinks.py (at the kinks and at ordinary points)."""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pytest
import sympy as sp

from nn_oracles import TORCH, central_difference_agrees, same_as_sympy, torch_agrees
from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.core.errors import InputError
from symprimer.nn.activations import ACTIVATIONS, SOFTMAX_CLASSES, Z
from symprimer.numeric.compile import compile_function
from symprimer.render.latex import render_latex

RECORDED = TORCH["activations"]
SCALAR = [name for name in ACTIVATIONS if name != "softmax"]


@lru_cache(maxsize=None)
def _numeric_path(name: str):
    """The activation compiled the way symprimer.numeric compiles any function: differentiated and lambdified."""
    entry = ACTIVATIONS[name]
    return compile_function(entry.definition.subs(entry.defaults), [entry.variable])


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


def test_every_activation_and_kink_is_recorded():
    assert set(RECORDED) == set(ACTIVATIONS)
    for name, entry in ACTIVATIONS.items():
        assert sorted(float(k) for k in entry.kinks) == RECORDED[name]["kinks"], name
        recorded_points = {point["x"] for point in RECORDED[name]["points"]} if name != "softmax" else set()
        assert set(RECORDED[name]["kinks"]) <= recorded_points, name


@pytest.mark.parametrize("name", SCALAR)
def test_catalogue_numpy_follows_pytorch(name):
    """The hand-form derivative lambdified to NumPy gives torch's value at every recorded point, kinks included."""
    numpy = ACTIVATIONS[name].numpy
    for point in RECORDED[name]["points"]:
        at = np.array([point["x"]])
        assert torch_agrees(numpy.function(at), [point["value"]]), (name, point, numpy.function(at))
        assert torch_agrees(numpy.derivative(at), [point["derivative"]]), (name, point, numpy.derivative(at))


@pytest.mark.parametrize("name", SCALAR)
def test_numeric_compile_path_follows_pytorch(name):
    compiled = _numeric_path(name)
    for point in RECORDED[name]["points"]:
        at = np.array([point["x"]])
        assert torch_agrees(compiled.value(at), point["value"]), (name, point, compiled.value(at))
        assert torch_agrees(compiled.gradient(at), [point["derivative"]]), (name, point, compiled.gradient(at))


@pytest.mark.parametrize("name", [name for name in SCALAR if ACTIVATIONS[name].kink_values])
def test_stated_kink_values_are_pytorchs(name):
    """The value the solution states at each kink (kink_convention step) is torch's."""
    entry = ACTIVATIONS[name]
    recorded = {point["x"]: point["derivative"] for point in RECORDED[name]["points"]}
    for point, value in entry.kink_values:
        assert torch_agrees(float(value.subs(entry.defaults)), recorded[float(point)]), (name, point, value)


def test_a_wrong_kink_convention_is_caught():
    """SymPy's own ReLU' is Heaviside(x) with Heaviside(0) = 1/2: the recorded values reject it."""
    relu = ACTIVATIONS["relu"]
    sympys = sp.lambdify(relu.variable, sp.diff(relu.definition, relu.variable), "numpy")
    kink = next(point for point in RECORDED["relu"]["points"] if point["x"] == 0)
    assert sympys(0.0) == 0.5 and not torch_agrees(sympys(0.0), kink["derivative"])
    off_by_a_little = ACTIVATIONS["selu"].numpy.derivative(np.array([0.0])) * (1 + 1e-11)
    selu_kink = next(point for point in RECORDED["selu"]["points"] if point["x"] == 0)
    assert not torch_agrees(off_by_a_little, [selu_kink["derivative"]])


def test_softplus_beyond_pytorchs_threshold():
    """Above its threshold torch returns x (derivative 1); ours is log(1 + e^x), within e^-threshold of it."""
    recorded = RECORDED["softplus"]["beyond_threshold"]
    assert f"threshold ${recorded['threshold']:g}$" in ACTIVATIONS["softplus"].convention
    bound = math.exp(-recorded["threshold"])
    numpy = ACTIVATIONS["softplus"].numpy
    for point in recorded["points"]:
        assert point["value"] == point["x"] and point["derivative"] == 1.0
        at = np.array([point["x"]])
        assert 0 < numpy.function(at)[0] - point["value"] < bound
        assert 0 < point["derivative"] - numpy.derivative(at)[0] < bound
        assert 0 < point["derivative"] - _numeric_path("softplus").gradient(at)[0] < bound


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
        ("sigmoid", r"\sigma\left(x\right) \left(1 - \sigma\left(x\right)\right)", True),
        ("tanh", r"1 - \tanh^{2}{\left(x \right)}", False),  # the table entry is already the hand form
        ("softplus", r"\sigma\left(x\right)", True),
        ("silu", r"\sigma\left(x\right) \left(1 + x \left(1 - \sigma\left(x\right)\right)\right)", True),
    ],
)
def test_hand_forms_in_rendered_latex(name, latex, rewritten):
    derivation = derive("activation", name)
    assert r"\boxed{" + latex + "}" in render_latex(derivation)
    assert any(step.rule == "hand_form" for step in derivation.walk()) is rewritten


def test_kink_conventions_are_stated_in_the_solution():
    text = str(derive("activation", "relu"))
    assert "ReLU′(0) = 0" in text and "continuous but not differentiable" in text
    leaky = derive("activation", "leaky_relu")
    kink = next(step for step in leaky.steps if step.rule == "kink_convention")
    assert kink.after.doit() == sp.Rational(1, 100) and "0.01" in kink.text


def test_defaults_are_pytorchs():
    for name, entry in ACTIVATIONS.items():
        ours = {symbol.name: float(value) for symbol, value in entry.defaults.items()}
        recorded = RECORDED[name]["parameters"]
        assert set(ours) == set(recorded), name
        assert all(torch_agrees(ours[key], recorded[key]) for key in ours), (name, ours, recorded)


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


def test_softmax_follows_pytorch():
    """Values and Jacobian, from the catalogue's NumPy form and from the numeric compile path, are torch's."""
    numpy = ACTIVATIONS["softmax"].numpy
    components = [compile_function(component, Z) for component in ACTIVATIONS["softmax"].definition]
    for point in RECORDED["softmax"]["points"]:
        assert torch_agrees(np.ravel(numpy.function(*point["z"])), point["value"]), point
        assert torch_agrees(numpy.derivative(*point["z"]), point["jacobian"]), point
        at = np.array(point["z"])
        assert torch_agrees([c.value(at) for c in components], point["value"]), point
        assert torch_agrees([c.gradient(at) for c in components], point["jacobian"]), point


def test_at_a_kink_and_at_a_non_kink():
    derivation = derive("activation", "relu", at="0")
    assert_fully_verified(derivation)
    assert derivation.result == 0
    with pytest.raises(InputError, match="no kink at x = 1"):
        derive("activation", "relu", at="1")
    with pytest.raises(InputError, match="no activation"):
        derive("activation", "swishy")
