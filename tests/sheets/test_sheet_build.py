"""Building sheets: determinism, variants with correct answers, safety, templates, errors."""
from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from sheet_helpers import SMALL_SPEC, VARIANT_SPEC, answer_is_correct, build, write_spec
from symprimer.core.errors import InputError, SymprimerError
from symprimer.sheets import pdf as pdf_module

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("small")
    spec = write_spec(folder, SMALL_SPEC, "small.yaml")
    return spec, build(spec, folder / "build")


@pytest.fixture(scope="module")
def thirty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("thirty")
    spec = write_spec(folder, VARIANT_SPEC, "variants.yaml")
    return build(spec, folder / "build", variants=30, seed=500, workers=2)


def test_a_single_sheet_writes_questions_and_solutions(small):
    _, report = small
    (sheet,) = report.sheets
    assert sheet.questions_tex.name == "small-questions.tex" and sheet.solutions_tex.name == "small-solutions.tex"
    questions = sheet.questions_tex.read_text()
    solutions = sheet.solutions_tex.read_text()
    assert r"\noprintanswers" in questions and r"\begin{solution}" not in questions
    assert r"\printanswers" in solutions and solutions.count(r"\begin{solution}") == 4
    assert all(answer.result_latex in solutions for answer in sheet.answers if answer.answer_exists)
    assert not any(answer.result_latex and answer.result_latex in questions for answer in sheet.answers[2:3])


def test_hostile_title_is_escaped_not_executed(small):
    _, report = small
    for path in (report.sheets[0].questions_tex, report.sheets[0].solutions_tex):
        text = path.read_text()
        for raw in (r"\input{", r"\write18", r"\immediate", r"\openin"):
            assert raw not in text
        assert r"\textbackslash{}input\{/etc/passwd\}" in text
        assert r"100\% \& \$x\$ \#1" in text


@pytest.mark.parametrize("which", ["questions", "solutions"])
def test_golden_snapshots(small, which):
    _, report = small
    built = getattr(report.sheets[0], f"{which}_tex").read_text()
    golden = GOLDEN / f"small-{which}.tex"
    if os.environ.get("SYMPRIMER_UPDATE_GOLDEN"):
        golden.write_text(built)
    assert built == golden.read_text(), f"{golden} differs; regenerate with SYMPRIMER_UPDATE_GOLDEN=1"


def test_same_spec_and_seed_give_byte_identical_tex_and_another_seed_other_numbers(small, tmp_path):
    spec, report = small
    again = build(spec, tmp_path / "again", workers=1)
    assert again.sheets[0].solutions_tex.read_bytes() == report.sheets[0].solutions_tex.read_bytes()
    assert again.sheets[0].questions_tex.read_bytes() == report.sheets[0].questions_tex.read_bytes()
    other = build(spec, tmp_path / "other", seed=8)
    assert other.sheets[0].answers[2].inputs != report.sheets[0].answers[2].inputs
    assert other.sheets[0].solutions_tex.read_bytes() != report.sheets[0].solutions_tex.read_bytes()


def test_thirty_variants_differ_and_every_answer_is_correct(thirty):
    sheets = thirty.sheets
    assert [s.variant.label for s in sheets] == [f"v{i:02d}" for i in range(1, 31)]
    assert [s.variant.seed for s in sheets] == list(range(500, 530))
    texts = [s.questions_tex.read_text() for s in sheets]
    assert all(a != b for a, b in itertools.combinations(texts, 2))
    for sheet in sheets:
        assert f"Variant {sheet.variant.label}, seed {sheet.variant.seed}" in sheet.solutions_tex.read_text()
        for answer in sheet.answers:
            assert answer_is_correct(answer), (sheet.variant.label, answer.kind, answer.inputs, answer.result_sympy)


def test_a_variant_rebuilds_alone_from_its_seed(thirty, tmp_path):
    spec = write_spec(tmp_path, VARIANT_SPEC, "variants.yaml")
    alone = build(spec, tmp_path / "alone", seed=thirty.sheets[4].variant.seed)
    assert alone.sheets[0].answers == thirty.sheets[4].answers


def test_user_templates_override_by_name(tmp_path):
    spec = write_spec(tmp_path, SMALL_SPEC)
    mine = tmp_path / "house"
    (mine / "documents").mkdir(parents=True)
    (mine / "documents" / "exam.tex.j2").write_text(
        "HOUSE STYLE \\VAR{sheet.title | e}\n\\BLOCK{for q in questions}[\\VAR{q.number}] \\VAR{q.solution}\n\\BLOCK{endfor}\n"
    )
    (mine / "derivation.tex.j2").write_text("MY DERIVATION with \\VAR{steps | length} steps\n")
    report = build(spec, tmp_path / "out", user_templates=str(mine))
    text = report.sheets[0].solutions_tex.read_text()
    assert text.startswith("HOUSE STYLE Golden sheet \\textbackslash{}input")
    assert text.count("MY DERIVATION with") == 4


def test_an_unknown_document_template_is_named(tmp_path):
    spec = write_spec(tmp_path, SMALL_SPEC)
    with pytest.raises(InputError, match="no document template 'poster'"):
        build(spec, tmp_path / "out", template="poster")


def test_without_tex_the_tex_is_written_and_one_line_says_how(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module, "tex_available", lambda: False)
    spec = write_spec(tmp_path, SMALL_SPEC)
    report = build(spec, tmp_path / "out", pdf=True)
    assert not report.pdf_built and report.sheets[0].solutions_tex.exists()
    assert "latexmk -pdf" in report.message and "\n" not in report.message


def test_a_derivation_error_names_the_question_and_line(tmp_path):
    text = "title: x\nquestions:\n  - kind: det\n    matrix: [[1]]\n  - kind: det\n    matrix: [[1, 2], [3, 4]]\n    along: row9\n"
    spec = write_spec(tmp_path, text)
    with pytest.raises(SymprimerError) as caught:
        build(spec, tmp_path / "out")
    assert "question 2 (det, line 5)" in str(caught.value)


def test_a_question_without_an_answer_still_prints(tmp_path):
    spec = write_spec(tmp_path, "title: x\nquestions:\n  - kind: inverse\n    matrix: [[1, 2], [2, 4]]\n")
    report = build(spec, tmp_path / "out")
    (answer,) = report.sheets[0].answers
    assert not answer.answer_exists
    assert "no inverse" in report.sheets[0].solutions_tex.read_text()


def test_nothing_is_written_outside_the_build_folder(tmp_path):
    spec = write_spec(tmp_path, SMALL_SPEC)
    before = set(tmp_path.iterdir())
    build(spec, tmp_path / "out")
    assert set(tmp_path.iterdir()) - before == {tmp_path / "out"}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["sheet-questions.tex", "sheet-solutions.tex"]


def test_a_derivation_shows_itself_as_latex_in_jupyter(fully_verified):
    from symprimer.api import derive

    derivation = derive("det", "[[2, 1], [5, 3]]")
    fully_verified(derivation)
    latex = derivation._repr_latex_()
    assert latex.startswith("$$\\begin{aligned}") and r"\boxed{1}" in latex
    assert r"A = \begin{pmatrix}" in latex


def test_variant_sheets_compile(require_tex, thirty):
    first, last = thirty.sheets[0], thirty.sheets[-1]
    pdfs = pdf_module.compile_many([(first.solutions_tex, ()), (last.questions_tex, ())], workers=2, timeout=120)
    assert [p.read_bytes()[:5] for p in pdfs] == [b"%PDF-", b"%PDF-"]


@pytest.mark.parametrize("name", ["problem-set.yaml", "lecture.yaml"])
def test_the_other_examples_build(tmp_path, name):
    spec = Path(__file__).resolve().parents[2] / "examples" / name
    report = build(spec, tmp_path / "out")
    text = report.sheets[0].solutions_tex.read_text()
    assert text.count(r"\boxed{") >= len(report.sheets[0].answers) - 1


def test_a_broken_user_template_is_named(tmp_path):
    spec = write_spec(tmp_path, SMALL_SPEC)
    mine = tmp_path / "house" / "steps"
    mine.mkdir(parents=True)
    (mine / "_generic.tex.j2").write_text("\\BLOCK{if step.text}unclosed\n")
    with pytest.raises(InputError, match="steps/_generic.tex.j2 has a syntax error on line"):
        build(spec, tmp_path / "out", user_templates=str(tmp_path / "house"))


def test_the_house_style_example_overrides_the_preamble(tmp_path):
    spec = write_spec(tmp_path, SMALL_SPEC)
    house = Path(__file__).resolve().parents[2] / "examples" / "house-style"
    report = build(spec, tmp_path / "out", user_templates=str(house))
    text = report.sheets[0].questions_tex.read_text()
    assert r"\usepackage{mathpazo}" in text and r"\usepackage{lmodern}" not in text
    assert r"\begin{questions}" in text  # the rest still comes from the built-in exam template


def test_question_sheets_leave_the_answer_room_asked_for(tmp_path, require_tex):
    spec = write_spec(
        tmp_path,
        "title: Room\nspace: 3cm\nquestions:\n"
        "  - {kind: det, matrix: [[2, 1], [5, 3]]}\n"
        "  - {kind: transpose, matrix: [[1, 2]], space: 45mm}\n",
    )
    for template in ("exam", "handout"):
        text = spec.read_text().replace("title: Room\n", f"title: Room\ntemplate: {template}\n")
        styled = write_spec(tmp_path, text, f"{template}.yaml")
        sheet = build(styled, tmp_path / template).sheets[0]
        questions, solutions = sheet.questions_tex.read_text(), sheet.solutions_tex.read_text()
        room = r"\makeemptybox{" if template == "exam" else r"\vspace{"
        assert questions.count(room + "3cm}") == 1 and questions.count(room + "45mm}") == 1
        assert room not in solutions
        pdf = pdf_module.compile_many([(sheet.questions_tex, ())], workers=1, timeout=120)[0]
        assert pdf.read_bytes()[:5] == b"%PDF-"


def test_each_variant_question_sheet_says_how_to_name_the_variant(thirty):
    for sheet in thirty.sheets[:3]:
        mark = rf"\texttt{{\textbackslash variant\{{{sheet.variant.index}\}}}}"
        assert mark in sheet.questions_tex.read_text()
        assert mark not in sheet.solutions_tex.read_text()
