"""Points where floating point cannot carry the gradient check: refused in one sentence (exit 2).

Exit 1 would say the gradient is wrong, which nobody has shown; the point is what does not fit
the request, so the refusal is bad input (exit 2), in text and in JSON alike.
"""
from __future__ import annotations

import json
import sys

import numpy as np
import pytest
import sympy as sp

from symprimer.cli import main
from symprimer.core.errors import InputError
from symprimer.numeric.api import check_gradient
from symprimer.numeric.finite import Uncheckable, gradient_check

FLOAT_MAX = sys.float_info.max

OVERFLOWING = [
    ("x**(x**(x**x))", "x", "x=3"),
    ("exp(x)*y", "x,y", "x=800,y=1"),
    ("exp(exp(x))", "x", "x=7"),
]

NOT_A_NUMBER = [
    ("sin(x)/x", "x", "x=0"),  # 0/0
    ("log(x)", "x", "x=-1"),  # outside the real domain
    ("(x**2 - 1)/(x - 1)", "x", "x=1"),
]


def _exact_value(function: str, at: str) -> sp.Expr:
    """The oracle: SymPy's own value of the function at the point, in 30-digit floats (mpmath
    carries exponents far past float64's; exact integers would try to build 3**(3**27))."""
    values = dict(part.split("=") for part in at.split(","))
    expression = sp.sympify(function)  # test-owned literal strings, not user input
    return expression.subs({sp.Symbol(k): sp.Float(v, 30) for k, v in values.items()})


@pytest.mark.parametrize("function, wrt, at", OVERFLOWING)
def test_overflow_is_named_and_refused(function, wrt, at):
    exact = _exact_value(function, at)
    assert exact.is_finite is not False and abs(exact) > FLOAT_MAX  # the oracle: too large for a float
    with pytest.raises(Uncheckable, match="overflow floating point") as raised:
        check_gradient(function, wrt, at)
    assert isinstance(raised.value, InputError) and raised.value.exit_code == 2
    assert "\n" not in str(raised.value) and str(raised.value).count(". ") == 0


@pytest.mark.parametrize("function, wrt, at", NOT_A_NUMBER)
def test_not_a_number_is_named_and_refused(function, wrt, at):
    exact = _exact_value(function, at)
    assert exact is sp.nan or exact.is_real is False  # the oracle: 0/0 or a complex value
    with pytest.raises(Uncheckable, match="not a number") as raised:
        check_gradient(function, wrt, at)
    assert raised.value.exit_code == 2 and "\n" not in str(raised.value)


def test_a_difference_step_outside_the_domain_is_named():
    # sqrt is finite at 1e-12 but the central step reaches below 0
    with pytest.raises(Uncheckable, match="finite difference in x"):
        check_gradient("sqrt(x)", "x", {"x": 1e-12})


def test_a_finite_check_still_passes_and_still_fails():
    # exp(700) is near float64's top: the norms must not overflow on the way (h^2 truncation: 1e-5)
    _, good = check_gradient("exp(x)", "x", "x=700", tolerance=1e-5)
    assert good.passed and good.reason is None and 0 < good.overall < 1e-5
    wrong = gradient_check(lambda p: float(p[0] ** 3), lambda p: np.array([2 * p[0] ** 2]), [1.3], ["x"])
    assert not wrong.passed and wrong.reason is None


@pytest.mark.parametrize("function, wrt, at", [OVERFLOWING[0], NOT_A_NUMBER[0]])
def test_command_exits_2_with_one_sentence(function, wrt, at, capsys):
    code = main(["gradcheck", "--function", function, "--wrt", wrt, "--at", at])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert "cannot be made" in captured.err and "FAILED" not in captured.out


@pytest.mark.parametrize("function, wrt, at, word", [OVERFLOWING[0] + ("overflow",), NOT_A_NUMBER[1] + ("not a number",)])
def test_command_json_carries_the_reason(function, wrt, at, word, capsys):
    code = main(["gradcheck", "--function", function, "--wrt", wrt, "--at", at, "--json"])
    out = capsys.readouterr().out
    payload = json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    assert code == 2 and payload["passed"] is False and word in payload["reason"]
    assert any(v is None for v in payload["analytic"] + payload["numeric"])  # inf and nan become null
    assert payload["rel_error"] == [None] and payload["overall_rel_error"] is None  # nothing was measured


def test_the_refusal_crosses_a_process_boundary_as_one_sentence():
    import pickle

    with pytest.raises(Uncheckable) as raised:
        check_gradient("sin(x)/x", "x", "x=0")
    copy = pickle.loads(pickle.dumps(raised.value))
    assert isinstance(copy, InputError) and str(copy) == str(raised.value) and copy.exit_code == 2
