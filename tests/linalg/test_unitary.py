"""derive unitary: U*, U* U = I = U U*, U^-1 = U*, checked against SymPy's H and inv."""
import pytest
import sympy as sp

from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.cli import main


@pytest.mark.parametrize(
    "text",
    ["[[1/sqrt(2), I/sqrt(2)],[I/sqrt(2), 1/sqrt(2)]]", "[[3/5,-4/5],[4/5,3/5]]", "[[0,1],[1,0]]",
     "[[1/2,1/2,1/2,1/2],[1/2,-1/2,1/2,-1/2],[1/2,1/2,-1/2,-1/2],[1/2,-1/2,-1/2,1/2]]", "[[I,0],[0,1]]"],
)
def test_unitary_matrices(text):
    d = derive("unitary", text)
    assert_fully_verified(d)
    u = sp.Matrix(d.given[0][1])
    assert d.answer_exists and d.detail("unitary") is True
    assert sp.simplify(d.result - u.H) == sp.zeros(*u.shape)
    assert sp.simplify(u.inv() - d.result) == sp.zeros(*u.shape)
    assert d.detail("hermitian") == (sp.simplify(u.H - u) == sp.zeros(*u.shape))
    assert any(s.rule == "unitary_inverse" for s in d.steps)


@pytest.mark.parametrize("text", ["[[1,2],[3,4]]", "[[1,I],[0,1]]", "[[2,0],[0,1/2]]"])
def test_not_unitary(text):
    d = derive("unitary", text)
    assert_fully_verified(d)
    u = sp.Matrix(d.given[0][1])
    assert not d.answer_exists and d.detail("unitary") is False
    assert u.H * u != sp.eye(2)
    assert any(s.rule == "unitary_check" and s.relation == "!=" for s in d.steps)


def test_symbolic_rotation_is_unitary():
    d = derive("unitary", "[[cos(t), -sin(t)],[sin(t), cos(t)]]")
    assert_fully_verified(d)
    assert d.detail("unitary") is True


def test_cli_exit_codes(capsys):
    assert main(["derive", "unitary", "[[0,1],[1,0]]"]) == 0
    assert main(["derive", "unitary", "[[1,2],[3,4]]"]) == 1
    assert main(["derive", "unitary", "[[1,2,3]]"]) == 2
    assert "square" in capsys.readouterr().err
