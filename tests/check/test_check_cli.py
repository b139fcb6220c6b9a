"""``symprimer check`` through the CLI entry point: exit codes, JSON keys, chains, --let, --plain."""
from __future__ import annotations

import json

import pytest

from symprimer.cli import main


def run(capsys, *argv):
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    return code, json.loads(out)


def test_equivalent_exit_0_and_read_back(capsys):
    code, out, _ = run(capsys, "--expected", r"\frac{e^{-x}}{(1+e^{-x})^2}", "--answer", r"\sigma(x)(1-\sigma(x))")
    assert code == 0
    assert out.startswith("equivalent") and r"read your answer as: \sigma\left(x\right) \left(1 - \sigma\left(x\right)\right)" in out


def test_json_contract(capsys):
    code, data = run_json(capsys, "--expected", "-2", "--answer", r"\det\begin{pmatrix}1&2\\3&4\end{pmatrix}")
    assert code == 0
    assert {"verdict", "reason", "counterexample", "read_as"} <= set(data)
    assert data["verdict"] == "equivalent" and data["read_as"].startswith(r"\begin{vmatrix}")


def test_not_equivalent_exit_1_with_counterexample(capsys):
    code, data = run_json(capsys, "--expected", r"\sqrt{x^2}", "--answer", "x")
    assert code == 1 and data["verdict"] == "not_equivalent"
    point = data["counterexample"]["point"]
    assert set(point) == {"x"} and point["x"].startswith("-")
    assert data["counterexample"]["expected"] != data["counterexample"]["answer"]


def test_unparseable_exit_2_names_the_problem(capsys):
    code, data = run_json(capsys, "--expected", "x", "--answer", r"\input{/etc/passwd}")
    assert code == 2 and data["verdict"] == "unparseable" and r"\input" in data["reason"]


def test_undecided_exit_3(capsys):
    code, data = run_json(capsys, "--expected", "f(x)", "--answer", "g(x)")
    assert code == 3 and data["verdict"] == "undecided"


def test_let_redefines_sigma(capsys):
    args = ("--expected", r"\tanh(x)", "--answer", r"\sigma(x)")
    assert run(capsys, *args)[0] == 1
    assert run(capsys, *args, "--let", r"\sigma(t)=\frac{e^{t}-e^{-t}}{e^{t}+e^{-t}}")[0] == 0


def test_plain_input(capsys):
    assert run(capsys, "--plain", "--expected", "x^2*exp(x)", "--answer", "exp(x)*x**2")[0] == 0
    assert run(capsys, "--plain", "--expected", "x", "--answer", "__import__('os')")[0] == 2


def test_chain_file(tmp_path, capsys):
    chain = tmp_path / "work.tex"
    chain.write_text(
        "\\begin{align*}\n(x+1)^2 &= x^2 + 2x + 1 \\\\\n&= x^2 + 1\n\\end{align*}\n", encoding="utf-8"
    )
    code, data = run_json(capsys, "--chain", str(chain))
    assert code == 1
    assert data["first_invalid"] == 2 and len(data["steps"]) == 2
    assert data["steps"][1]["counterexample"] is not None
    assert [s["verdict"] for s in data["steps"]] == ["equivalent", "not_equivalent"]


def test_chain_against_a_derivation(tmp_path, capsys):
    chain = tmp_path / "det.tex"
    chain.write_text("\\begin{vmatrix}1&2\\\\3&4\\end{vmatrix} = 1\\cdot 4 - 2\\cdot 3 = -2\n", encoding="utf-8")
    code, data = run_json(capsys, "--chain", str(chain), "--against", "derive det [[1,2],[3,4]]")
    assert code == 0 and data["against"]["verdict"] == "equivalent" and data["first_invalid"] is None
    code, data = run_json(capsys, "--chain", str(chain), "--against", "derive det [[1,2],[3,5]]")
    assert code == 1 and data["against"]["verdict"] == "not_equivalent"


def test_missing_chain_file(capsys):
    code, data = run_json(capsys, "--chain", "/nonexistent/file.tex")
    assert code == 2 and "could not be read" in data["reason"]


def test_property_inverse(capsys):
    args = ("--property", "inverse", "--of", "[[1,2],[3,4]]")
    assert run(capsys, *args, "--answer", r"\begin{pmatrix}-2&1\\1.5&-0.5\end{pmatrix}")[0] == 0
    assert run(capsys, *args, "--answer", r"\begin{pmatrix}-2&1.5\\1&-0.5\end{pmatrix}")[0] == 1


@pytest.mark.parametrize("argv", [[], ["--expected", "x"], ["--chain", "a.tex", "--answer", "x"]])
def test_bad_usage(capsys, argv):
    assert run(capsys, *argv)[0] == 2


def test_chain_over_budget_keeps_the_chain_shape(tmp_path, capsys):
    chain = tmp_path / "big.tex"
    matrix = r"\begin{pmatrix}" + r"\\".join("&".join(f"a_{{{i}{j}}}" for j in range(11)) for i in range(11)) + r"\end{pmatrix}"
    chain.write_text(rf"\det{matrix} = 0" + "\n", encoding="utf-8")
    code, data = run_json(capsys, "--chain", str(chain), "--timeout", "2")
    assert code == 3 and data["verdict"] == "undecided"
    assert data["first_invalid"] is None and data["steps"] == []


def test_chain_against_an_activation_derivation(tmp_path, capsys):
    chain = tmp_path / "tanh.tex"
    chain.write_text(
        "\\begin{align*}\n\\tanh'(x) &= \\frac{d}{dx}\\frac{e^x - e^{-x}}{e^x+e^{-x}} \\\\\n"
        "&= \\frac{(e^x+e^{-x})^2 - (e^x-e^{-x})^2}{(e^x+e^{-x})^2} \\\\\n&= 1 - \\tanh^2 x\n\\end{align*}\n",
        encoding="utf-8",
    )
    code, data = run_json(capsys, "--chain", str(chain), "--against", "derive activation tanh")
    assert code == 0, data["reason"]
    assert data["against"]["verdict"] == "equivalent" and len(data["steps"]) == 3


def test_against_with_a_bad_derive_command(tmp_path, capsys):
    chain = tmp_path / "c.tex"
    chain.write_text("x = x\n", encoding="utf-8")
    code, data = run_json(capsys, "--chain", str(chain), "--against", "derive nosuchkind 1")
    assert code == 2 and "derive" in data["reason"]


def test_against_options_are_typed_like_the_command_line():
    from symprimer.commands.check import _derived_result

    assert _derived_result("derive det [[2,1,0],[1,3,1],[0,1,2]] --along col2") == 8
