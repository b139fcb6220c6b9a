"""Question sheets ready to hand out: points that add up to what grade marks, prompts that state
what they need (steps, h, data, the plot), answer room sized from the solution, headings kept
with their questions, variant labels that fit the header, answers boxed as asked."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from sheet_helpers import build, write_spec
from symprimer.check.key import load_key
from symprimer.commands.check import _derived_result
from symprimer.numeric.data import synthetic
from symprimer.numeric.sheets import format_number
from symprimer.sheets.marking import DEFAULT_POINTS, marked_by_grade, question_points
from symprimer.sheets.spec import read_spec

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HANDOUT_SPEC = """\
title: Hand-out sheet
seed: 3
questions:
  - kind: det
    section: Matrices
    matrix: [[2, 1], [5, 3]]
    points: 2
  - kind: inverse
    matrix: [[1, 2, 0], [0, 1, 3], [2, 0, 1]]
    points: 6
  - kind: activation
    name: relu
  - kind: transpose
    matrix: [[1, 2], [3, 4]]
    space: 7.5cm
    points: 0
  - kind: gradcheck
    section: Numbers
    expression: "(w1*x1 + w2 - y)**2"
    wrt: [w1, w2]
    at: "w1=0.5,w2=-1,x1=2,y=1"
    h: 0.001
    points: 3
  - kind: descend
    expression: "(x - 3)**2 + 2*(y + 1)**2"
    start: "x=0,y=0"
    optimizer: sgd
    lr: 0.1
    steps: 7
    points: 4
  - kind: descend
    expression: "x**2 + 3*y**2"
    start: "x=2,y=1"
    optimizer: [sgd, momentum]
    lr: [0.1, 0.05]
    steps: 30
    points: 2
  - kind: descend
    model: logistic
    synthetic: 12
    batch-size: [12, 1]
    lr: 0.1
    epochs: 2
    points: 5
"""


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handout")
    spec_path = write_spec(folder, HANDOUT_SPEC)
    report = build(spec_path, folder / "build", pdf=bool(shutil.which("latexmk")))
    sheet = report.sheets[0]
    return spec_path, sheet, sheet.questions_tex.read_text(), sheet.solutions_tex.read_text()


def _questions(tex: str) -> list[str]:
    return re.split(r"\\question", tex.split(r"\begin{questions}")[1])[1:]


def test_the_sheet_total_is_the_grading_keys_total(handout):
    spec_path, _, questions, solutions = handout
    key = load_key(str(spec_path))
    for tex in (questions, solutions):
        total = int(re.search(r"total (\d+) points", tex).group(1))
        hand = int(re.search(r"and (\d+) marked by hand", tex).group(1))
        assert total == key.total
        assert hand == 2 + 5  # the two comparisons a person marks
    # every question's points are printed, 1 when the spec gives none, and the key marks the same
    printed = [int(p) for p in re.findall(r"\\question\[(\d+)\]", questions)]
    assert printed == [2, 6, DEFAULT_POINTS, 0, 3, 4, 2, 5]
    assert {entry.question: entry.points for entry in key.entries} == {
        "q1": 2, "q2": 6, "q3": 1, "q4": 0, "q5": 3, "q6": 4,
    }


@pytest.mark.parametrize("name", ["primer.yaml", "problem-set.yaml"])
def test_the_examples_total_is_the_grading_keys_total(name):
    """The sheet's rule reads only the spec; the key's reads each drawn question: they agree."""
    path = EXAMPLES / name
    spec = read_spec(str(path))
    sheet_total = sum(question_points(q) for q in spec.questions if marked_by_grade(q))
    key = load_key(str(path))
    assert sheet_total == key.total and len(key.entries) == sum(marked_by_grade(q) for q in spec.questions)


def test_a_descend_key_entry_expects_the_boxed_final_point(handout):
    spec_path, sheet, _, solutions = handout
    key = load_key(str(spec_path))
    expected = np.array(_derived_result(key.entry("q6").derive), dtype=float).ravel()
    run = sheet.answers[5]
    boxed = re.search(r"The point after 7 steps:\}\n\\\[ \\boxed\{x = ([^,]+),\\ y = ([^}]+)\} \\\]", solutions)
    assert boxed is not None
    assert [boxed.group(1), boxed.group(2)] == [format_number(v) for v in expected]
    assert run.result_label == "final point"


def test_prompts_state_steps_h_data_and_plot(handout):
    _, sheet, questions, _ = handout
    parts = _questions(questions)
    gradcheck, single, pair, training = parts[4], parts[5], parts[6], parts[7]
    assert r"h = 10^{-3}" in gradcheck
    assert "take 7 steps with the update below and tabulate the first 5 iterates" in single
    assert r"$x = 0,\ y = 0$" in single
    assert "take 30 steps with each update below" in pair
    figure = sheet.answers[6].question_figure
    assert figure and figure in pair and (sheet.questions_tex.parent / figure).read_bytes()[:4] == b"\x89PNG"
    # the training data, every sample, as a table: the same numbers the run was trained on
    data = synthetic("logistic", 12, 0)
    assert "The data: 12 samples" in training
    for i in range(12):
        row = [format_number(float(v), 3) for v in (*data.inputs[i], data.labels[i])]
        assert re.search(rf"(^|& ){i + 1} & " + " & ".join(re.escape(f"${c}$") for c in row), training, re.M)


def test_answer_room_follows_the_solution_and_the_space_key_overrides(handout):
    _, _, questions, _ = handout
    rooms = [re.search(r"\\makeemptybox\{([\d.]+)cm\}", part) for part in _questions(questions)]
    cm = [float(room.group(1)) for room in rooms]
    det_2x2, inverse_3x3, transpose = cm[0], cm[1], cm[3]
    assert inverse_3x3 > det_2x2 + 5  # the adjoint inverse of a 3x3 needs far more than a 2x2 determinant
    assert transpose == 7.5  # the question's space key


def test_a_sheet_level_space_applies_where_a_question_has_none(tmp_path):
    spec = write_spec(tmp_path, HANDOUT_SPEC.replace("seed: 3\n", "seed: 3\nspace: 4cm\n").split("  - kind: gradcheck")[0])
    tex = build(spec, tmp_path / "build").sheets[0].questions_tex.read_text()
    assert re.findall(r"\\makeemptybox\{([^}]+)\}", tex) == ["4cm", "4cm", "4cm", "7.5cm"]


def test_headings_keep_their_question_and_box(handout):
    _, _, questions, solutions = handout
    for tex in (questions, solutions):
        for heading in re.finditer(r"\\fullwidth\{\\large\\bfseries ([^}]*)\}", tex):
            before = tex[: heading.start()].rstrip().splitlines()[-1]
            assert before.startswith(r"\Needspace*{")


def _page_texts(pdf: Path) -> list[str]:
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout).group(1))
    return [
        subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"], capture_output=True, text=True).stdout
        for p in range(1, pages + 1)
    ]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler's pdftotext")
def test_no_heading_is_left_at_the_foot_of_a_page(handout):
    _, sheet, _, _ = handout
    for pdf in (sheet.questions_tex.with_suffix(".pdf"), sheet.solutions_tex.with_suffix(".pdf")):
        for text in _page_texts(pdf):
            lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("Page ")]
            assert lines[-1] not in ("Matrices", "Numbers")


def test_variant_labels_fit_the_running_header(tmp_path):
    spec = write_spec(tmp_path, HANDOUT_SPEC.split("  - kind: inverse")[0].replace("Hand-out sheet", "A rather long title for a problem sheet on the mathematics of networks"))
    sheet = build(spec, tmp_path / "build", variants=2).sheets[1]
    tex = sheet.questions_tex.read_text()
    header = re.search(r"\\runningheader\{(.*)\}\{(.*)\}\{(.*)\}", tex)
    assert header.group(2) == ""  # nothing centred to collide with the title
    assert header.group(3) == "Variant 2, Questions"
    assert r"\fbox{Variant v02, seed 4}" in tex  # the full label, under the title


def test_the_gradient_check_boxes_its_relative_error(handout):
    _, sheet, _, solutions = handout
    answer = sheet.answers[4]
    assert answer.result_label == "overall relative error"
    assert rf"\boxed{{r \approx {answer.result_latex}}}" in solutions
    assert float(answer.result_sympy) < 1e-6


def test_the_handout_says_one_point_and_two_points(tmp_path):
    spec = write_spec(tmp_path, "title: t\nquestions:\n  - kind: det\n    matrix: [[2, 1], [5, 3]]\n    points: 1\n"
                      "  - kind: det\n    matrix: [[1, 2], [3, 4]]\n    points: 2\n")
    (sheet,) = build(spec, tmp_path / "build", template="handout").sheets
    headings = re.findall(r"\\subsection\*\{\d+\. .*?\((\d+) (points?)\)\}", sheet.solutions_tex.read_text())
    assert headings and all((count == "1") == (word == "point") for count, word in headings)
    assert {count for count, _ in headings} == {"1", "2"}
