"""The worked numbers a lecturer writes: one descent update with the numbers put in, and the
gradient check at a stated h (both values and their relative error), every step verified."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.numeric.api import check_gradient
from symprimer.numeric.sheets import format_number
from symprimer.numeric.worked import exact_point
from symprimer.numeric.worked_check import exact_step, step_latex, worked_check


def test_the_issue_example_update_shows_every_number():
    derivation = derive("descent", "(x - 3)**2 + 2*(y + 1)**2", start="x=0,y=0", lr="0.1", steps=1)
    assert_fully_verified(derivation)
    update = derivation.steps[-1]
    assert update.rule == "descent_update"
    assert update.param("point") == sp.ImmutableMatrix([0, 0])
    assert update.param("direction") == sp.ImmutableMatrix([-6, 4])
    assert update.param("eta_written") == "0.1"
    assert update.after == sp.ImmutableMatrix([sp.Rational(3, 5), -sp.Rational(2, 5)])
    assert r"\theta_{1} = (0.6, -0.4)" in update.text and "falls from $11$ to $6.48$" in update.text


@settings(max_examples=12, deadline=None)
@given(st.integers(-5, 5), st.integers(-5, 5), st.sampled_from(["0.1", "0.05", "0.25"]))
def test_a_first_update_agrees_with_numpy(x0, y0, lr):
    derivation = derive("descent", "(x - 1)**2 + 3*(y + 2)**2 + x*y", start=f"x={x0},y={y0}", lr=lr, steps=1)
    assert_fully_verified(derivation)
    gradient = np.array([2 * (x0 - 1) + y0, 6 * (y0 + 2) + x0], dtype=float)  # by hand, independently
    expected = np.array([x0, y0], dtype=float) - float(lr) * gradient
    assert np.allclose(np.array(derivation.result, dtype=float).ravel(), expected)
    assert derivation.steps[-1].param("direction") == sp.ImmutableMatrix(gradient.astype(int).tolist())


def _worked(function, wrt, at, h):
    derivation = derive("grad", function, wrt=wrt)
    f = dict(derivation.given)["f"]
    by_name = {s.name: s for s in f.free_symbols}
    variables = [by_name[n] for n in wrt.split(",")]
    return worked_check(f, list(derivation.result), variables, exact_point(at, by_name), exact_step(h)), f, variables


CASES = [
    ("log(1 + exp(-y*(w1*x1 + w2*x2)))", "w1,w2", "w1=0.3,w2=-1.2,x1=0.7,x2=2.0,y=1"),
    ("(w1*x1 + w2*x2 + b - y)**2", "w1,w2,b", "w1=0.4,w2=-0.3,b=0.1,x1=1.5,x2=-2,y=0.7"),
    ("tanh(w*x) + w**3", "w", "w=0.5,x=2"),
]


@pytest.mark.parametrize("function, wrt, at", CASES)
@pytest.mark.parametrize("h", [1e-3, 1e-4])
def test_the_gradient_check_by_hand_verifies_and_agrees_with_numpy(function, wrt, at, h):
    worked, f, variables = _worked(function, wrt, at, h)
    assert all(step.verify() for step in worked.steps)
    assert worked.steps[0].right == exact_step(h) and f"h = {step_latex(exact_step(h))}" in worked.steps[0].text
    _, check = check_gradient(function, wrt, at, step=h)
    # the analytic values are sympy's own derivative at the point; the numeric ones numpy's quotient
    point = exact_point(at, {s.name: s for s in f.free_symbols})
    for variable, a, n, a_float, n_float in zip(variables, worked.analytic, worked.numeric, check.analytic, check.numeric):
        assert abs(sp.N(a - sp.diff(f, variable).subs(point), 30)) < 1e-25
        assert abs(float(sp.N(a, 20)) - a_float) < 1e-12
        assert abs(float(sp.N(n, 20)) - n_float) < 1e-7 * max(1.0, abs(n_float))
    relative = float(sp.N(worked.relative_error, 20))
    assert relative < 1e-4 and worked.steps[-1].param("approximately") in worked.steps[-1].text


def test_each_value_the_sentences_quote_is_the_steps_own_value():
    worked, _, _ = _worked(*CASES[0], 1e-4)
    quoted = [step for step in worked.steps if step.rule in ("gradient_at_point", "finite_difference")]
    assert len(quoted) == 4
    for step in quoted:
        assert format_number(float(sp.N(step.after, 30)), 10) in step.text


@pytest.mark.parametrize("h, shown", [(1e-4, "10^{-4}"), (0.001, "10^{-3}"), (0.05, r"\frac{1}{20}")])
def test_the_step_is_written_as_a_lecturer_writes_it(h, shown):
    assert step_latex(exact_step(h)) == shown
