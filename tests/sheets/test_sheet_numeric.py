"""The numeric sheet kinds: gradient check and descent, checked against plain SymPy/NumPy."""
from __future__ import annotations

import ast

import numpy as np
import pytest
import sympy as sp

from sheet_helpers import build, write_spec
from symprimer.core.errors import SymprimerError

NUMERIC_SPEC = """\
title: Numeric
questions:
  - kind: gradcheck
    expression: "log(1 + exp(-y*(w1*x1 + w2*x2)))"
    wrt: [w1, w2]
    at: "w1=0.3,w2=-1.2,x1=0.7,x2=2.0,y=1"
  - kind: descend
    expression: "(x - 3)**2 + 2*(y + 1)**2"
    start: "x=0,y=0"
    optimizer: sgd
    lr: 0.1
    steps: 6
    table: 4
  - kind: descend
    expression: "<Beale>"
    start: "x=1,y=1.5"
    optimizer: [sgd, adam]
    lr: [0.005, 0.05]
    steps: 40
  - kind: descend
    model: logistic
    synthetic: 60
    batch-size: [60, 1]
    lr: 0.1
    epochs: 3
"""


@pytest.fixture(scope="module")
def numeric(tmp_path_factory):
    folder = tmp_path_factory.mktemp("numeric")
    spec = write_spec(folder, NUMERIC_SPEC)
    return build(spec, folder / "build").sheets[0]


def test_gradient_check_matches_sympy_derivatives(numeric):
    answer = numeric.answers[0]
    w1, w2, x1, x2, y = sp.symbols("w1 w2 x1 x2 y")
    f = sp.log(1 + sp.exp(-y * (w1 * x1 + w2 * x2)))
    point = {w1: 0.3, w2: -1.2, x1: 0.7, x2: 2.0, y: 1}
    for variable in (w1, w2):
        exact = float(sp.diff(f, variable).subs(point))
        assert f"${exact:.10g}$" in answer.solution
    assert float(sp.sympify(answer.result_sympy)) < 1e-6
    assert "passes the check" in answer.solution


def test_descent_iterates_match_a_hand_written_loop(numeric):
    answer = numeric.answers[1]
    point = np.array([0.0, 0.0])
    iterates = [point]
    for _ in range(6):
        gradient = np.array([2 * (point[0] - 3), 4 * (point[1] + 1)])
        point = point - 0.1 * gradient
        iterates.append(point)
    assert np.allclose(ast.literal_eval(answer.result_sympy), iterates[-1], rtol=1e-12)
    for x, y in iterates[1:5]:
        assert f"${x:.4g}$ & ${y:.4g}$" in answer.solution
    assert "Partial derivative" in answer.solution or "partial" in answer.solution.lower()
    assert answer.figure == ""


def test_several_optimisers_get_a_figure_in_the_build_folder(numeric):
    answer = numeric.answers[2]
    figure = numeric.solutions_tex.parent / answer.figure
    assert answer.figure.startswith("figure-descend-") and figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "SGD (lr=0.005)" in answer.solution and "Adam (lr=0.05)" in answer.solution
    assert answer.figure in numeric.solutions_tex.read_text()
    assert answer.figure not in numeric.questions_tex.read_text()


def test_batch_stochastic_and_minibatch_table(numeric):
    answer = numeric.answers[3]
    assert "batch (batch size 60)" in answer.solution and "stochastic (batch size 1)" in answer.solution
    rows = [line for line in answer.solution.splitlines() if line.split(" & ")[0].strip().isdigit()]
    assert [row.split(" & ")[0] for row in rows] == ["0", "1", "2", "3"]
    assert (numeric.solutions_tex.parent / answer.figure).exists()
    first_losses = rows[0].split(" & ")[1:]
    assert all(cell.strip(" \\$") == f"{np.log(2):.4g}" for cell in first_losses)  # zero weights: loss log 2


def test_a_hostile_step_count_is_refused_with_the_question_named(tmp_path):
    text = 'title: x\nquestions:\n  - kind: descend\n    expression: "x**2"\n    start: "x=1"\n    steps: 1000000000\n'
    spec = write_spec(tmp_path, text)
    with pytest.raises(SymprimerError, match="question 1 \\(descend, line 3\\).*steps"):
        build(spec, tmp_path / "out")
