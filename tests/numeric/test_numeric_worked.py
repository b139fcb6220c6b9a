"""``derive descent``: exact worked iterations, verified at every node, against the numeric runs."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from symprimer.api import derive
from symprimer.core.errors import InputError, TooLarge
from symprimer.numeric.api import check_gradient, descend_function
from symprimer.numeric.sheets import gradcheck_table_latex


@pytest.mark.parametrize(
    "function, start, lr, optimizer",
    [
        ("x**2 + 10*y**2", "x=1,y=1", "1/20", "sgd"),
        ("(1-x)**2 + 100*(y-x**2)**2", "x=0,y=0", "1/1000", "sgd"),
        ("x**2 + 10*y**2", "x=1,y=1", "1/100", "momentum"),
        ("(w - 3)**2 + w*v + v**2", "w=1/2,v=-1", "0.1", "momentum"),
    ],
)
def test_exact_iterates_verify_and_match_the_numeric_run(function, start, lr, optimizer, fully_verified):
    derivation = derive("descent", function, start=start, lr=lr, steps=3, optimizer=optimizer)
    fully_verified(derivation)
    numeric = descend_function(function, start, [optimizer], [float(sp.Rational(sp.nsimplify(lr)))], 3).runs[0]
    exact = np.array([[float(sp.sympify(v)) for v in point] for point in dict(derivation.details)["trajectory"]])
    assert np.allclose(exact, numeric.trajectory, rtol=1e-12, atol=1e-14)
    assert derivation.result.shape == (len(numeric.variables), 1)


def test_named_surface_uses_its_start(fully_verified):
    derivation = derive("descent", "<Bowl>", lr="1/100", steps=1)
    fully_verified(derivation)
    assert dict(derivation.details)["trajectory"][0] == ["-4", "2"]


@pytest.mark.parametrize(
    "options, error, fragment",
    [
        (dict(start="x=1", steps=11), InputError, "1 to 10"),
        (dict(start="x=1", optimizer="adam"), InputError, "symprimer descend"),
        (dict(start="x=1", lr="-1"), InputError, "positive"),
        (dict(start="y=1"), InputError, "no value"),
        (dict(), InputError, "--start"),
    ],
)
def test_bad_requests(options, error, fragment):
    with pytest.raises(error, match=fragment):
        derive("descent", "x**2", **options)


def test_iterates_that_grow_too_long_are_refused():
    with pytest.raises(TooLarge, match="too long"):
        derive("descent", "exp(x)", start="x=1", steps=10)


def test_gradcheck_table_latex_holds_the_values():
    _, check = check_gradient("x**2*y", "x,y", "x=1.5,y=2")
    table = gradcheck_table_latex(check)
    assert r"\begin{tabular}" in table and "$6$" in table and "$2.25$" in table  # 2xy = 6, x^2 = 2.25


def test_a_long_decimal_is_said_approximately_and_shown_exactly(fully_verified):
    """Beale from (1, 1.5) with eta = 0.005: f(theta_1) is a terminating decimal of 32 places. The
    sentence says about 15.1023 (no truncated 30-digit decimal posing as exact); the display keeps
    the exact fraction. Oracle: the function evaluated exactly by SymPy at the iterate."""
    derivation = derive("descent", "<Beale>", start="x=1,y=1.5", lr="0.005", steps=1)
    fully_verified(derivation)
    x, y = sp.symbols("x y")
    beale = (sp.Rational(3, 2) - x + x * y) ** 2 + (sp.Rational(9, 4) - x + x * y**2) ** 2 + (sp.Rational(21, 8) - x + x * y**3) ** 2
    exact = beale.subs({x: sp.Rational(331, 400), y: sp.Rational(83, 80)})
    (update,) = [step for step in derivation.steps if step.rule == "descent_update"]
    assert update.param("loss_after") == rf"\approx {float(exact):.6g}"
    assert "15.1023331764839" not in update.text
    (loss,) = [step for step in update.substeps if step.rule == "loss_at_point"]
    assert loss.after == exact
