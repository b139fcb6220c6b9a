"""Analytic gradients (derived, compiled) against finite differences, and the kink convention."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.core.errors import InputError
from symprimer.numeric.api import check_gradient, function_problem
from symprimer.numeric.compile import compile_function
from symprimer.numeric.finite import numerical_gradient, relative_error
from symprimer.numeric.models import compile_model
from symprimer.parse.plain import parse_expression

# The catalogue's losses written out in plain text over a linear score, as a student would.
CATALOGUE_LOSSES = [
    ("squared", "(w1*x1 + w2*x2 + b - y)**2", "w1,w2,b", "w1=0.4,w2=-0.3,b=0.1,x1=1.5,x2=-2,y=0.7"),
    ("bce", "-(y*log(sigmoid(w1*x1 + w2*x2)) + (1-y)*log(1 - sigmoid(w1*x1 + w2*x2)))", "w1,w2",
     "w1=0.3,w2=-1.2,x1=0.7,x2=2.0,y=1"),
    ("bce-logistic", "log(1+exp(-y*(w1*x1+w2*x2)))", "w1,w2", "w1=0.3,w2=-1.2,x1=0.7,x2=2.0,y=1"),
    ("hinge", "max(0, 1 - y*(w1*x1 + w2*x2))", "w1,w2", "w1=0.3,w2=-1.2,x1=0.7,x2=2.0,y=1"),
    ("cce-softmax", "-(y1*log(exp(z1)/(exp(z1)+exp(z2)+exp(z3))) + y2*log(exp(z2)/(exp(z1)+exp(z2)+exp(z3))))",
     "z1,z2,z3", "z1=0.5,z2=-1,z3=2,y1=1,y2=0"),
    ("absolute", "abs(w*x - y)", "w", "w=2,x=1.5,y=1"),
    ("relu-net", "(relu(w1*x) - y)**2 + tanh(w2)**2", "w1,w2", "w1=0.8,w2=-0.4,x=1.3,y=0.2"),
]


@pytest.mark.parametrize("name, function, wrt, at", CATALOGUE_LOSSES, ids=[c[0] for c in CATALOGUE_LOSSES])
def test_catalogue_losses_pass_the_gradient_check(name, function, wrt, at):
    problem, check = check_gradient(function, wrt, at)
    assert check.passed and check.overall < 1e-6, check
    assert max(check.rel_error) < 1e-6
    # the analytic value is not trivially zero: the check compares something
    assert np.linalg.norm(check.analytic) > 1e-3


def test_gradient_agrees_with_sympy_diff_evaluated_exactly():
    problem, check = check_gradient("log(1+exp(-y*(w1*x1+w2*x2)))", "w1,w2", "w1=0.3,w2=-1.2,x1=0.7,x2=2.0,y=1")
    w1, w2, x1, x2, y = sp.symbols("w1 w2 x1 x2 y")
    f = sp.log(1 + sp.exp(-y * (w1 * x1 + w2 * x2)))
    point = {w1: sp.Rational(3, 10), w2: sp.Rational(-6, 5), x1: sp.Rational(7, 10), x2: 2, y: 1}
    exact = [float(sp.diff(f, v).subs(point).evalf(30)) for v in (w1, w2)]
    assert np.allclose(check.analytic, exact, rtol=1e-13)


def test_a_wrong_gradient_fails_the_check():
    from symprimer.numeric.finite import gradient_check

    check = gradient_check(lambda p: float(p[0] ** 3), lambda p: np.array([2 * p[0] ** 2]), [1.3], ["x"])
    assert not check.passed and check.overall > 0.1


@pytest.mark.parametrize("scheme, tolerance", [("central", 1e-8), ("forward", 1e-6)])
def test_finite_differences_against_known_derivatives(scheme, tolerance):
    point = np.array([0.7, -1.1])
    numeric = numerical_gradient(lambda p: np.sin(p[0]) * np.exp(p[1]), point, scheme)
    exact = np.array([np.cos(0.7) * np.exp(-1.1), np.sin(0.7) * np.exp(-1.1)])
    assert np.all(relative_error(exact, numeric) < tolerance)


@pytest.mark.parametrize(
    "text, point, expected",
    [
        ("relu(x)", 0.0, 0.0),  # ReLU'(0) = 0 as PyTorch
        ("max(0, x)", 0.0, 0.0),
        ("abs(x)", 0.0, 0.0),  # sign(0) = 0 as PyTorch
        ("max(0, 1 - x)", 1.0, 0.0),  # hinge at the margin
        ("relu(x)", 2.0, 1.0),
        ("relu(x)", -2.0, 0.0),
        ("Heaviside(x)*x", 0.0, 0.0),  # Heaviside(0) = 1/2 must not leak
    ],
)
def test_sub_gradients_at_kinks_follow_pytorch(text, point, expected):
    x = sp.Symbol("x")
    compiled = compile_function(parse_expression(text).value, [x])
    assert compiled.gradient(np.array([point]))[0] == expected


def test_heaviside_value_at_zero_is_zero_not_a_half():
    x = sp.Symbol("x")
    compiled = compile_function(parse_expression("Heaviside(x)").value, [x])
    assert compiled.value(np.array([0.0])) == 0.0


@pytest.mark.parametrize("model, outputs", [("linear", 1), ("logistic", 1), ("softmax", 3)])
def test_model_gradients_pass_the_gradient_check(model, outputs):
    from symprimer.numeric.finite import gradient_check

    rng = np.random.default_rng(3)
    inputs = rng.normal(size=(40, 4))
    targets = {"linear": rng.normal(size=40), "logistic": (rng.random(40) < 0.5) * 1.0,
               "softmax": np.eye(3)[rng.integers(0, 3, 40)]}[model]
    compiled = compile_model(model, 4, outputs)
    weights = rng.normal(size=compiled.shape[0] * compiled.shape[1])
    check = gradient_check(lambda w: compiled.loss(w, inputs, targets), lambda w: compiled.gradient(w, inputs, targets),
                           weights, compiled.parameter_names)
    assert check.passed, check.overall


def test_logistic_gradient_is_the_hand_written_formula():
    rng = np.random.default_rng(0)
    inputs, labels = rng.normal(size=(500, 7)), (rng.random(500) < 0.4) * 1.0
    weights = rng.normal(size=7)
    compiled = compile_model("logistic", 7, bias=False)
    expected = inputs.T @ (1 / (1 + np.exp(-(inputs @ weights))) - labels) / 500
    assert np.allclose(compiled.gradient(weights, inputs, labels), expected, rtol=1e-12, atol=1e-15)
    assert str(compiled.score_gradient[0]).replace(" ", "") in ("-y+sigmoid(z)", "sigmoid(z)-y")


def test_bce_loss_stays_finite_for_large_scores():
    compiled = compile_model("logistic", 1)
    value = compiled.loss(np.array([1000.0, 0.0]), np.array([[1.0], [-1.0]]), np.array([0.0, 1.0]))
    assert np.isfinite(value) and value == pytest.approx(1000.0)


@settings(max_examples=25, deadline=None)
@given(
    st.floats(-2, 2), st.floats(-2, 2), st.floats(0.1, 3),
    st.sampled_from(["sin(a*x)*exp(b)", "log(1 + a**2 + x*b**2)", "tanh(a*b + x)", "sigmoid(a - b*x)**2", "sqrt(1 + (a*x)**2)*b"]),
)
def test_random_points_pass_the_check(a, b, x, formula):
    _, check = check_gradient(formula, "a,b", {"a": a, "b": b, "x": x})
    # relative error is ill-conditioned for a gradient near zero: there the two must agree absolutely
    assert check.overall < 1e-6 or np.max(np.abs(np.subtract(check.analytic, check.numeric))) < 1e-9


@pytest.mark.parametrize(
    "function, wrt, at, fragment",
    [
        ("x*z", "x", "x=1", "z"),
        ("x**2", "x", "y=1", "no value for x"),
        ("x**2", "x", "x=abc", "must be a number"),
        ("x**2", "1x", "x=1", "not a symbol name"),
        ("x**2", "x", "x1", "name=value"),
        ("__import__('os')", "x", "x=1", "character"),
        ("<Nowhere>", "x", "x=1", "named surface"),
    ],
)
def test_bad_gradcheck_input_is_one_clear_sentence(function, wrt, at, fragment):
    with pytest.raises(InputError, match=fragment):
        check_gradient(function, wrt, at)


def test_vectorised_compile_evaluates_arrays():
    problem = function_problem("<Rosenbrock>", ("x", "y"))
    xs = np.linspace(-1, 1, 5)
    values = problem.grid_value()(xs, xs)
    assert values.shape == (5,)
    assert np.allclose(values, (1 - xs) ** 2 + 100 * (xs - xs**2) ** 2)


def _catalogue_points():
    from symprimer.nn.losses import LOSSES

    # points away from each loss's kinks; zero_one is piecewise constant (gradient 0 everywhere it exists)
    points = {"squared": (0.3, 1.1), "absolute": (0.3, 1.1), "bce": (0.3, 1.0), "hinge": (0.3, 1.0),
              "squared_hinge": (0.3, 1.0), "huber": (0.3, 1.1), "log_cosh": (0.3, 1.1)}
    for name, (prediction, label) in points.items():
        if name in LOSSES:
            yield pytest.param(name, prediction, label, id=name)


@pytest.mark.parametrize("name, prediction, label", list(_catalogue_points()))
def test_catalogue_entries_pass_the_gradient_check(name, prediction, label):
    from symprimer.nn.losses import LOSSES, y
    from symprimer.numeric.finite import gradient_check

    entry = LOSSES[name]
    definition = entry.definition.xreplace(entry.defaults)
    compiled = compile_function(definition, [entry.prediction], {y: label})
    check = gradient_check(compiled.value, compiled.gradient, [prediction], [entry.prediction.name])
    assert check.passed, (name, check)
    # and the catalogue's own hand form of the derivative agrees with the compiled gradient
    hand = float(entry.derivative.xreplace(entry.defaults).subs({entry.prediction: prediction, y: label}))
    assert compiled.gradient(np.array([prediction]))[0] == pytest.approx(hand, rel=1e-12)


def test_catalogue_cce_passes_the_gradient_check():
    from symprimer.nn.losses import cce_definition, cce_symbols
    from symprimer.numeric.finite import gradient_check

    labels, probabilities = cce_symbols(3)
    compiled = compile_function(cce_definition(3), list(probabilities), dict(zip(labels, (0, 1, 0))))
    check = gradient_check(compiled.value, compiled.gradient, [0.2, 0.5, 0.3], [p.name for p in probabilities])
    assert check.passed and check.analytic[1] == pytest.approx(-2.0)  # -y_2 / p_2


@pytest.mark.parametrize(
    "function, wrt, at",
    [
        ("x0*exp(x1) + exp(x1)**2*x0 + sin(x0*x1)**2", "x0,x1", "x0=0.5,x1=0.3"),  # names like CSE temporaries
        ("select*relu(x) + where**2 + greater*x", "x", "x=0.7,select=2,where=3,greater=1"),  # NumPy function names
        ("numpy*exp(x) + math", "x", "x=0.7,numpy=2,math=1"),  # module names
    ],
)
def test_symbol_names_cannot_shadow_the_compiled_code(function, wrt, at):
    _, check = check_gradient(function, wrt, at)
    assert check.passed and np.linalg.norm(check.analytic) > 0.1
