"""Every example command of the calculus issue, through symprimer.cli.main."""
from __future__ import annotations

import json

import pytest
import sympy as sp

from symprimer.cli import main

EXAMPLES = [
    (["derive", "diff", "x**2*exp(x)", "--wrt", "x"], "Product rule"),
    (["derive", "diff", "log(1+exp(x))", "--wrt", "x"], "Let u be the inner function"),
    (["derive", "diff", "x**2", "--wrt", "x", "--method", "limit"], "difference quotient"),
    (["derive", "diff", "Abs(x)", "--wrt", "x", "--at", "0"], "continuous but not differentiable"),
    (["derive", "grad", "(w1*x1 + w2*x2 + b - y)**2", "--wrt", "w1,w2,b"], "gradient"),
    (["derive", "hessian", "x**2*y + y**3", "--wrt", "x,y"], "Hessian"),
    (["derive", "activation", "sigmoid"], "σ(x)"),
    (["derive", "activation", "tanh", "--format", "latex"], r"1 - \tanh^{2}"),
    (["derive", "activation", "relu"], "ReLU′(0) = 0"),
    (["derive", "loss", "bce", "--through", "sigmoid"], "σ(z)"),
    (["derive", "loss", "cce", "--through", "softmax", "--classes", "3"], "Σⱼ yⱼ = 1"),
    (["derive", "loss", "hinge"], "margin"),
    (["list", "activations"], "leaky_relu"),
    (["list", "losses"], "squared_hinge"),
]


@pytest.mark.parametrize("argv, fragment", EXAMPLES, ids=[" ".join(a[:3]) for a, _ in EXAMPLES])
def test_example_commands(argv, fragment, capsys):
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert fragment in out
    if argv[0] == "derive":
        assert "Verified: every step checked." in out or r"\boxed" in out


_x, _y, _z, _f = sp.symbols("x y z f")
_SIGMOID = 1 / (1 + sp.exp(-_x))


@pytest.mark.parametrize(
    "argv, oracle, point",
    [
        (["derive", "activation", "sigmoid", "--format", "json"], sp.diff(_SIGMOID, _x), {_x: sp.Rational(3, 7)}),
        (
            ["derive", "loss", "bce", "--through", "sigmoid", "--format", "json"],
            sp.diff(-_y * sp.log(_SIGMOID) - (1 - _y) * sp.log(1 - _SIGMOID), _x).subs(_x, _z),
            {_z: sp.Rational(-5, 3), _y: 1},
        ),
        (
            ["derive", "loss", "hinge", "--format", "json"],
            sp.diff(1 - _y * _f, _f),
            {_f: sp.Rational(1, 5), _y: 1},
        ),
    ],
)
def test_json_result_reads_back_as_the_derivative(argv, oracle, point, capsys):
    """result.sympy is plain SymPy (sigmoid written out) equal to the oracle derivative."""
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verified"] is True
    read_back = sp.sympify(data["result"]["sympy"])
    assert "sigmoid" not in data["result"]["sympy"]
    assert abs(sp.N(read_back.subs(point) - oracle.subs(point), 50)) < 1e-40


def test_list_as_json(capsys):
    assert main(["list", "losses", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in rows][:4] == ["zero_one", "squared", "absolute", "bce"]


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["derive", "diff", "foo(x)"], "unknown function 'foo'"),
        (["derive", "diff", "x**2", "--wrt", "z"], "does not occur"),
        (["derive", "activation", "relu", "--at", "1"], "no kink at x = 1"),
        (["derive", "activation", "nope"], "no activation"),
        (["derive", "loss", "bce", "--through", "softmax"], "categorical"),
        (["derive", "det", "[[1,2],[3,4]]", "--wrt", "x"], "does not take"),
    ],
)
def test_bad_input_exits_2_with_one_sentence(argv, fragment, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err and err.count("\n") == 1


def test_json_elementary_form_reads_back(capsys):
    assert main(["derive", "activation", "sigmoid", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    x = sp.Symbol("x")
    read = sp.sympify(data["result"]["derivative_elementary"])
    assert sp.simplify(read - sp.diff(1 / (1 + sp.exp(-x)), x)) == 0
