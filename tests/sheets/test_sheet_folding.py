"""Cross-question folding: working an earlier question of the sheet shows in full is referred
to ("As in Question N") in a later question's standard solution, per variant; full keeps it all.

The oracles are independent of the folding pass: the questions that share working are found
from the spec's inputs (the same matrix, the same expression), the referenced question's own
solution is searched for the folded line's display, and its result is SymPy's det.
"""
from __future__ import annotations

import re

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sheet_helpers import answer_is_correct, build, write_spec
from symprimer.api import derive
from symprimer.render.latex import step_latex
from symprimer.render.text import render_text
from symprimer.render.views import ABOVE, REFERS_TO, REPEAT_PREFIX, refer_back, shown_steps
from symprimer.sheets.answers import derive_answer
from symprimer.sheets.folding import cross_references, folded_answers
from symprimer.sheets.variants import DeriveJob

MATRIX = "[[5, -3], [6, -4]]"
CUBE = "[[1, 2, 0], [3, 1, 2], [0, 1, 4]]"
SIGMOID = "1/(1 + exp(-x))"

REPEATS = f"""\
title: Repeats
seed: 5
questions:
  - kind: eigen
    matrix: {MATRIX}
  - kind: det
    matrix: {CUBE}
  - kind: diagonalise
    matrix: {MATRIX}
  - kind: inverse
    matrix: {CUBE}
  - kind: diff
    expression: x**2*exp(x)
    wrt: x
"""

PER_VARIANT = f"""\
title: Per variant
seed: 11
questions:
  - kind: diff
    expression: {{random: {{choose: ["{SIGMOID}", "sin(x)/x"]}}}}
    wrt: x
  - kind: diff
    expression: "{SIGMOID}"
    wrt: x
"""

REFERENCE = re.compile(r"\\textit\{As in Question~(\d+):\}")


def _by_question(tex: str) -> dict[int, str]:
    """The solution sheet cut at each ``\\question`` (the exam class numbers them from 1)."""
    parts = re.split(r"\\question\b", tex)[1:]
    return {number: part for number, part in enumerate(parts, start=1)}


def _first_with_same_input(report, number: int) -> int | None:
    """Oracle: the first earlier question whose input is the same matrix or expression."""
    answers = report.sheets[0].answers if hasattr(report, "sheets") else report
    inputs = answers[number - 1].inputs
    return next((k for k in range(1, number) if answers[k - 1].inputs == inputs), None)


@pytest.fixture(scope="module")
def repeats(tmp_path_factory):
    folder = tmp_path_factory.mktemp("repeats")
    spec = write_spec(folder, REPEATS, "repeats.yaml")
    return {level: build(spec, folder / level, detail=level) for level in ("standard", "full")}


def test_a_repeat_refers_to_the_question_that_works_it_out_at_standard(repeats):
    report = repeats["standard"]
    (sheet,) = report.sheets
    assert all(answer_is_correct(answer) for answer in sheet.answers if answer.kind != "diagonalise")
    questions = _by_question(sheet.solutions_tex.read_text())
    for number, text in questions.items():
        owner = _first_with_same_input(report, number)
        cited = {int(n) for n in REFERENCE.findall(text)}
        if owner is None:
            assert not cited, f"question {number} refers back but repeats nothing"
        else:
            assert cited == {owner}, f"question {number} should refer to question {owner}, not {cited}"


def test_the_referred_line_keeps_its_display_and_result_and_the_cited_question_shows_it(repeats):
    (sheet,) = repeats["standard"].sheets
    questions = _by_question(sheet.solutions_tex.read_text())
    inverse = questions[4]
    reference = REFERENCE.search(inverse)
    det = sp.Matrix(sp.sympify(CUBE)).det()  # oracle: SymPy's own determinant
    after_reference = inverse[reference.end():]
    line = re.search(r"\\\[ (\\begin\{vmatrix\}.*?\\end\{vmatrix\}) = (-?\d+) \\\]", after_reference, re.S)
    assert line and int(line.group(2)) == det
    assert line.group(1) in questions[2]  # the determinant the reference points to is worked there
    assert inverse.count("The term of") == 0 < questions[2].count("The term of")  # the terms once only


def test_full_detail_keeps_every_repeat_written_out(repeats):
    (standard,) = repeats["standard"].sheets
    (full,) = repeats["full"].sheets
    full_text = full.solutions_tex.read_text()
    assert not REFERENCE.search(full_text)
    by_question = _by_question(full_text)
    assert by_question[4].count("The term of") == by_question[2].count("The term of") > 0
    assert len(full_text) > len(standard.solutions_tex.read_text())
    assert [a.result_sympy for a in full.answers] == [a.result_sympy for a in standard.answers]


def test_the_question_sheet_sizes_the_answer_room_from_the_whole_solution(repeats):
    """A student answers each question in full, so folding leaves the question sheet as it was."""
    (sheet,) = repeats["standard"].sheets
    text = sheet.questions_tex.read_text()
    assert not REFERENCE.search(text)
    assert "As in Question" not in text


def test_variants_fold_each_by_its_own_questions(tmp_path):
    spec = write_spec(tmp_path, PER_VARIANT, "variants.yaml")
    report = build(spec, tmp_path / "build", variants=6, workers=1)
    seen = set()
    for sheet in report.sheets:
        repeated = sheet.answers[0].inputs == sheet.answers[1].inputs  # oracle: the drawn expression
        seen.add(repeated)
        second = _by_question(sheet.solutions_tex.read_text())[2]
        cited = {int(n) for n in REFERENCE.findall(second)}
        assert cited == ({1} if repeated else set()), sheet.variant.label
        assert all(answer_is_correct(answer) for answer in sheet.answers)
    assert seen == {True, False}  # the seed draws both cases among the six variants


def _answers(*jobs: tuple, detail: str = "standard"):
    """Standard answers of ``(kind, input)`` or ``(kind, input, options)`` jobs, derived here."""
    return [
        derive_answer(DeriveJob(job[0], (job[1],), (*(job[2] if len(job) > 2 else ()), ("detail", detail))))
        for job in jobs
    ]


def test_refer_back_is_a_view_every_node_still_verified(fully_verified):
    first, second = _answers(("eigen", MATRIX), ("diagonalise", MATRIX))
    (_, references) = cross_references([1, 2], [first, second])
    assert references
    folded = refer_back(second.worked_view(), references)
    fully_verified(folded)
    assert list(folded.walk()) == list(second.worked_view().walk())  # the tree is untouched
    shown = [step for step in folded.steps if step.param(REFERS_TO) is not None]
    assert shown and all(not step.substeps and step.working for step in shown)
    assert {step.param(REFERS_TO) for step in shown} == {1}


def test_a_reference_inside_folded_working_is_not_registered_again():
    """Question 3 repeats question 2, which repeats question 1: both cite question 1."""
    answers = _answers(("det", CUBE), ("inverse", CUBE), ("inverse", CUBE))
    references = cross_references([1, 2, 3], answers)
    assert set(references[1].values()) == {1}
    assert set(references[2].values()) <= {1, 2} and 1 in references[2].values()
    texts = [a.solution for a in folded_answers([1, 2, 3], answers)]
    assert "As in Question~1" in texts[1] and "As in Question~1" in texts[2]


def test_the_same_value_by_other_working_is_not_referred_to():
    """The same determinant expanded along another row is written out again: its sentence
    ("along row 3") would not be true of the working it referred to."""
    along_row_3, inverse = _answers(("det", CUBE, (("along", "row3"),)), ("inverse", CUBE))
    det = sp.Matrix(sp.sympify(CUBE)).det()
    assert along_row_3.result_sympy == str(det)
    assert cross_references([1, 2], [along_row_3, inverse]) == ({}, {})
    along_row_1, inverse = _answers(("det", CUBE, (("along", "row1"),)), ("inverse", CUBE))
    assert set(cross_references([1, 2], [along_row_1, inverse])[1].values()) == {1}


def test_a_full_question_is_never_folded_but_is_referred_to():
    (full,) = _answers(("det", CUBE), detail="full")
    (standard,) = _answers(("det", CUBE))
    assert full.worked_view() is None and full.fold_points
    first, second = cross_references([1, 2], [standard, full])
    assert not second  # full keeps everything
    first, second = cross_references([1, 2], [full, standard])
    assert set(second.values()) == {1}


def test_the_reference_is_printed_once_with_the_line():
    first, second = _answers(("det", CUBE), ("inverse", CUBE))
    (_, references) = cross_references([1, 2], [first, second])
    folded = refer_back(second.worked_view(), references)
    for step in shown_steps(folded):
        latex = step_latex(step)
        expected = 1 if step.param(REFERS_TO) is not None else 0
        assert len(REFERENCE.findall(latex)) == expected


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.integers(-4, 4), min_size=2, max_size=2), min_size=2, max_size=2))
def test_every_reference_points_at_working_its_question_shows(fully_verified, rows):
    literal = "[" + ",".join("[" + ",".join(map(str, row)) + "]" for row in rows) + "]"
    answers = _answers(("det", literal), ("eigen", literal), ("inverse", literal), ("eigen", literal))
    references = cross_references([1, 2, 3, 4], answers)
    for number, (answer, folds) in enumerate(zip(answers, references), start=1):
        keys = {point.path: point.key for point in answer.fold_points}
        for path, owner in folds.items():
            assert owner < number
            assert keys[path] in {point.key for point in answers[owner - 1].fold_points}
        if answer.worked:
            fully_verified(refer_back(answer.worked_view(), folds))
    assert set(references[3].values()) <= {2}  # the eigenvalues of the same matrix: question 2
    assert bool(references[3]) == bool(answers[1].fold_points)


@pytest.mark.parametrize("kind, literal, options", [
    ("eigen", MATRIX, {}),  # the second eigenvalue's line: a template of its own, no sentence printed
    ("grad", "log(1 + exp(-y*(w1*x1 + w2*x2 + b)))", {"wrt": "w1,w2,b"}),  # the generic template
])
def test_as_above_is_printed_once_whatever_the_rules_template(kind, literal, options):
    standard = derive(kind, literal, detail="standard", **options)
    repeats = [step for step in shown_steps(standard) if step.param(REFERS_TO) == ABOVE]
    assert repeats
    for step in repeats:
        assert not step.substeps and step.working and step.text.startswith(REPEAT_PREFIX)
        assert step_latex(step).count("As above") == 1
    assert render_text(standard).count("As above") == len(repeats)  # the terminal keeps the sentence
