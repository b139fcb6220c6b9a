"""Optimiser configs, the textbook forms (checked by hand-computed steps) and purity."""
from __future__ import annotations

import math

import numpy as np
import pytest

from symprimer.core.errors import InputError
from symprimer.numeric.descent import StopRule, descend
from symprimer.numeric.equations import equation_lines, settings_latex, update_equations_latex
from symprimer.numeric.optimizers import OPTIMIZERS, initial_state, make_optimizer, optimizer_step


def _square(p):  # f(x) = x^2 (elementwise sum), gradient 2x
    return float(np.sum(p**2))


def _square_gradient(p):
    return 2 * p


def _run(name, convention, steps, **settings):
    config = make_optimizer(name, convention, **settings)
    return descend(_square, _square_gradient, [1.0], config, StopRule(steps)).trajectory[:, 0]


def test_textbook_momentum_by_hand():
    lr, mu = 0.1, 0.9
    x, v, expected = 1.0, 0.0, [1.0]
    for _ in range(4):
        v = mu * v + lr * 2 * x
        x = x - v
        expected.append(x)
    assert np.allclose(_run("momentum", "textbook", 4, lr=lr), expected, rtol=1e-15)


def test_textbook_nesterov_takes_the_gradient_at_the_look_ahead_point():
    lr, mu = 0.1, 0.9
    x, v, expected = 1.0, 0.0, [1.0]
    for _ in range(4):
        v = mu * v + lr * 2 * (x - mu * v)
        x = x - v
        expected.append(x)
    textbook = _run("nesterov", "textbook", 4, lr=lr)
    assert np.allclose(textbook, expected, rtol=1e-15)
    assert not np.allclose(textbook, _run("nesterov", "pytorch", 4, lr=lr))


def test_textbook_adagrad_rmsprop_adam_by_hand():
    lr, eps = 0.1, 1e-8
    x, total = 1.0, 0.0
    for _ in range(3):
        g = 2 * x
        total += g * g
        x -= lr / math.sqrt(total + eps) * g
    assert _run("adagrad", "textbook", 3, lr=lr)[-1] == pytest.approx(x, rel=1e-14)

    x, avg = 1.0, 0.0
    for _ in range(3):
        g = 2 * x
        avg = 0.9 * avg + 0.1 * g * g
        x -= lr / math.sqrt(avg + eps) * g
    assert _run("rmsprop", "textbook", 3, lr=lr)[-1] == pytest.approx(x, rel=1e-14)

    x, m, v = 1.0, 0.0, 0.0
    for t in range(1, 4):
        g = 2 * x
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        x -= lr * (m / (1 - 0.9**t)) / (math.sqrt(v / (1 - 0.999**t)) + eps)
    assert _run("adam", "textbook", 3, lr=lr)[-1] == pytest.approx(x, rel=1e-14)


def test_textbook_adadelta_has_no_learning_rate():
    assert np.array_equal(_run("adadelta", "textbook", 5, lr=1.0), _run("adadelta", "textbook", 5, lr=0.01))
    assert not np.array_equal(_run("adadelta", "pytorch", 5, lr=1.0), _run("adadelta", "pytorch", 5, lr=0.01))


def test_momentum_forms_agree_while_the_learning_rate_is_constant():
    # PyTorch's b_t with theta -= lr b_t equals the textbook v_t = lr b_t
    assert np.allclose(_run("momentum", "pytorch", 20, lr=0.05), _run("momentum", "textbook", 20, lr=0.05), rtol=1e-12)


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("convention", ["pytorch", "textbook"])
def test_every_optimiser_descends_the_bowl(name, convention):
    lr = {"sgd": 0.1, "momentum": 0.05, "nesterov": 0.05, "adadelta": 1.0}.get(name, 0.1)
    trajectory = _run(name, convention, 300, lr=lr)
    assert abs(trajectory[-1]) < 0.5 * abs(trajectory[0])


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_a_step_is_pure(name):
    config = make_optimizer(name, lr=0.1)
    params = np.array([1.0, -2.0])
    state = initial_state()
    new_params, new_state = optimizer_step(config, state, params, 2 * params, lambda p: 2 * p)
    again, _ = optimizer_step(config, new_state, new_params, 2 * new_params, lambda p: 2 * p)
    assert np.array_equal(params, [1.0, -2.0]) and state.step == 0 and not state.slots
    assert new_state.step == 1 and not np.array_equal(new_params, again)
    with pytest.raises(TypeError):
        new_state.slots["x"] = 1  # the slots cannot be changed in place


def test_defaults_follow_the_convention():
    assert make_optimizer("momentum").momentum == 0.9
    assert make_optimizer("nesterov", momentum=0.5).momentum == 0.5
    assert make_optimizer("adam").lr == 1e-3 and make_optimizer("adagrad").eps == 1e-10
    assert make_optimizer("adagrad", "textbook").eps == 1e-8
    assert make_optimizer("rmsprop").alpha == 0.99 and make_optimizer("rmsprop", "textbook").alpha == 0.9


@pytest.mark.parametrize(
    "call, fragment",
    [
        (lambda: make_optimizer("lion"), "not known"),
        (lambda: make_optimizer("sgd", "keras"), "convention"),
        (lambda: make_optimizer("sgd", lr=-1), "learning rate"),
        (lambda: make_optimizer("momentum", momentum=1.5), "momentum"),
    ],
)
def test_bad_settings_are_refused(call, fragment):
    with pytest.raises(InputError, match=fragment):
        call()


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("convention", ["pytorch", "textbook"])
def test_update_equations_render_in_mathtext_and_name_the_settings(name, convention):
    from matplotlib.mathtext import MathTextParser

    config = make_optimizer(name, convention)
    parser = MathTextParser("agg")
    for line in equation_lines(config) + (settings_latex(config),):
        parser.parse(f"${line}$")
    block = update_equations_latex(config)
    assert block.startswith("\\begin{aligned}") and r"\theta_t" in block
    if name != "adadelta" or convention == "pytorch":
        assert r"\eta = " in settings_latex(config)
