"""The issue's example commands through symprimer.cli.main, with exit codes and JSON contract."""
import json
import time

import pytest
import sympy as sp

from symprimer.cli import main


def run(capsys, *argv):
    code = main(["derive", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "argv, code",
    [
        (("eigen", "[[2,1],[1,2]]"), 0),
        (("eigen", "[[1,1],[0,1]]"), 0),
        (("eigen", "[[0,-1],[1,0]]", "--format", "latex"), 0),
        (("eigen", "[[a,b],[b,a]]"), 0),
        (("diagonalise", "[[4,1],[2,3]]"), 0),
        (("diagonalize", "[[4,1],[2,3]]"), 0),
        (("diagonalise", "[[1,1],[0,1]]"), 1),
        (("svd", "[[1,2],[2,4],[3,6]]"), 0),
        (("svd", "[[1,2],[2,4],[3,6]]", "--reduced"), 0),
        (("eigen", "[[1,2,3],[4,5,6]]"), 2),
        (("eigen", "[[1,2],[3"), 2),
        (("det", "[[1,2],[3,4]]", "--reduced"), 2),
    ],
)
def test_exit_codes(capsys, argv, code):
    got, out, err = run(capsys, *argv)
    assert got == code, err
    if code == 2:
        assert err.count("\n") == 1 and "Traceback" not in err
    else:
        assert out.strip()


def test_eigen_text_names_defective(capsys):
    _, out, _ = run(capsys, "eigen", "[[1,1],[0,1]]")
    assert "defective" in out and "NOT diagonalisable" in out and "Verified" in out


def test_latex_has_lambda_and_i(capsys):
    _, out, _ = run(capsys, "eigen", "[[0,-1],[1,0]]", "--format", "latex")
    assert r"\lambda" in out and "i" in out and "vmatrix" in out


def test_eigen_json_contract(capsys):
    code, out, _ = run(capsys, "eigen", "[[2,1],[1,2]]", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["verified"] and data["kind"] == "eigen"
    assert sp.sympify(data["result"]["sympy"]) == [1, 3]
    eigen = {sp.sympify(item["value"]): item for item in data["result"]["eigen"]}
    assert set(eigen) == {1, 3}
    item = eigen[3]
    assert item["algebraic_multiplicity"] == 1 and item["geometric_multiplicity"] == 1
    assert sp.sympify(item["vectors"][0]) == sp.Matrix([1, 1])


def test_svd_json_contract(capsys):
    code, out, _ = run(capsys, "svd", "[[3,2,2],[2,3,-2]]", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["verified"]
    u, s, v = (sp.sympify(data["result"][key]) for key in ("U", "S", "V"))
    assert (u.shape, s.shape, v.shape) == ((2, 2), (2, 3), (3, 3))
    assert sp.simplify(u * s * v.H - sp.Matrix([[3, 2, 2], [2, 3, -2]])) == sp.zeros(2, 3)
    assert [s[0, 0], s[1, 1]] == [5, 3]


def test_thin_svd_json_shapes(capsys):
    _, out, _ = run(capsys, "svd", "[[1,2],[2,4],[3,6]]", "--reduced", "--format", "json")
    data = json.loads(out)
    u, s, v = (sp.sympify(data["result"][key]) for key in ("U", "S", "V"))
    assert (u.shape, s.shape, v.shape) == ((3, 2), (2, 2), (2, 2))


def test_budget_applies(capsys):
    dense = "[[3,1,4,1,5],[2,6,5,3,5],[9,7,9,3,2],[8,4,6,2,6],[3,3,8,3,2]]"
    start = time.monotonic()
    code, _, err = run(capsys, "eigen", dense, "--timeout", "0.02")
    assert code == 3 and "time budget" in err
    assert time.monotonic() - start < 0.02 + 1


def test_symbolic_svd_is_refused_in_one_sentence(capsys):
    code, _, err = run(capsys, "svd", "[[a,b],[c,d]]")
    assert code == 2 and "numeric" in err and err.count("\n") == 1
