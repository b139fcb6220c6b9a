"""Real pdflatex: every document template compiles, the primer builds, TeX errors are shown."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from sheet_helpers import SMALL_SPEC, build, write_spec
from symprimer.sheets import pdf as pdf_module
from symprimer.sheets.spec import read_spec

PRIMER = Path(__file__).resolve().parents[2] / "examples" / "primer.yaml"
WHILE_KINDS_LAND = False  # every kind of the primer exists: the primer builds strictly
pytestmark = pytest.mark.tex


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


@pytest.fixture(scope="module")
def templates_built(tmp_path_factory):
    if not pdf_module.tex_available():
        return None
    folder = tmp_path_factory.mktemp("templates")
    spec = write_spec(folder, SMALL_SPEC, "small.yaml")
    return {name: build(spec, folder / name, template=name, pdf=True) for name in ("exam", "handout", "beamer")}


@pytest.fixture(scope="module")
def primer_built(tmp_path_factory):
    if not pdf_module.tex_available():
        return None
    folder = tmp_path_factory.mktemp("primer")
    return build(PRIMER, folder / "build", pdf=True, skip_unavailable=WHILE_KINDS_LAND)


@pytest.mark.parametrize("template", ["exam", "handout", "beamer"])
def test_every_document_template_compiles(require_tex, templates_built, template):
    report = templates_built[template]
    assert report.pdf_built
    questions_pdf, solutions_pdf = report.sheets[0].pdfs()
    assert questions_pdf.read_bytes()[:5] == b"%PDF-" and solutions_pdf.read_bytes()[:5] == b"%PDF-"
    questions, solutions = pdf_text(questions_pdf), pdf_text(solutions_pdf)
    for text in (questions, solutions):
        assert r"Golden sheet \input{/etc/passwd} \write18{rm -rf /} 100% & $x$ #1" in text
        assert "Transpose A; can A be symmetric?" in text
    assert "Differentiation" in solutions
    assert "Worked solution" in solutions or "solution" in solutions
    assert not (questions_pdf.parent / pdf_module.WORK_FOLDER).exists()


def test_the_primer_builds_to_pdf_with_every_topic(require_tex, primer_built):
    spec = read_spec(str(PRIMER), skip_unavailable=WHILE_KINDS_LAND)
    sheet = primer_built.sheets[0]
    questions = pdf_text(sheet.pdfs()[0])
    solutions = pdf_text(sheet.pdfs()[1])
    for question in spec.questions:
        title = re.sub(r"\s+", " ", question.title)
        assert title in questions and title in solutions, title
    for section in {q.section for q in spec.questions if q.section}:
        assert section in solutions
    assert solutions.count("Worked solution.") == len(spec.questions)
    assert "Worked solution." not in questions


@pytest.fixture(scope="module")
def primer_slides(tmp_path_factory):
    if not pdf_module.tex_available():
        return None
    folder = tmp_path_factory.mktemp("primer-slides")
    return build(PRIMER, folder / "build", template="beamer", pdf=True, skip_unavailable=WHILE_KINDS_LAND)


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _every_question_worked(sheet) -> None:
    """Each of the primer's questions has its worked solution (a build prints only verified ones)."""
    spec = read_spec(str(PRIMER), skip_unavailable=WHILE_KINDS_LAND)
    assert len(sheet.answers) == len(spec.questions)
    assert all(answer.solution.strip() for answer in sheet.answers)


# The budgets at the default detail: what a lecturer would hand out or project.
EXAM_PAGES = 30
SLIDES = 90


def test_the_primer_solutions_fit_the_page_budget_at_the_default_detail(require_tex, primer_built):
    sheet = primer_built.sheets[0]
    _every_question_worked(sheet)
    assert _pages(sheet.pdfs()[1]) <= EXAM_PAGES


def test_the_primer_slides_fit_the_slide_budget_at_the_default_detail(require_tex, primer_slides):
    sheet = primer_slides.sheets[0]
    _every_question_worked(sheet)
    solutions = pdf_text(sheet.pdfs()[1])
    spec = read_spec(str(PRIMER), skip_unavailable=WHILE_KINDS_LAND)
    for number, question in enumerate(spec.questions, start=1):
        title = re.sub(r"\s+", " ", question.title)
        assert f"{number}. {title}" in solutions, title  # its own frame, worked
    assert _pages(sheet.pdfs()[1]) <= SLIDES


def test_a_tex_error_fails_with_the_log_lines(require_tex, tmp_path):
    spec = write_spec(tmp_path, SMALL_SPEC)
    mine = tmp_path / "broken" / "documents"
    mine.mkdir(parents=True)
    (mine / "exam.tex.j2").write_text("\\documentclass{article}\n\\begin{document}\n\\undefinedmacro\n\\end{document}\n")
    with pytest.raises(pdf_module.TexFailed) as caught:
        build(spec, tmp_path / "out", pdf=True, user_templates=str(tmp_path / "broken"))
    message = str(caught.value)
    assert "! Undefined control sequence." in message and "\\undefinedmacro" in message


def test_tex_cannot_read_files_outside_the_build_folder(require_tex, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    tex = tmp_path / "build" / "peek.tex"
    tex.parent.mkdir()
    tex.write_text(f"\\documentclass{{article}}\n\\begin{{document}}\n\\input{{{secret}}}\n\\end{{document}}\n")
    with pytest.raises(pdf_module.TexFailed) as caught:
        pdf_module.compile_pdf(tex, timeout=60)
    assert "not found" in str(caught.value) and "TOPSECRET" not in str(caught.value)
    assert not tex.with_suffix(".pdf").exists()
    env = pdf_module.tex_environment()
    assert (env["openin_any"], env["openout_any"], env["shell_escape"]) == ("p", "p", "f")


def test_a_looping_tex_run_is_killed_at_its_timeout(require_tex, tmp_path):
    import time

    from symprimer.core.errors import BudgetExceeded

    tex = tmp_path / "loop.tex"
    tex.write_text("\\documentclass{article}\n\\begin{document}\n\\def\\a{\\a}\\a\n\\end{document}\n")
    start = time.monotonic()
    with pytest.raises(BudgetExceeded, match="did not finish within 2 s"):
        pdf_module.compile_pdf(tex, timeout=2)
    assert time.monotonic() - start < 3
