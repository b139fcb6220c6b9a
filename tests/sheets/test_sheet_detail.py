"""The detail of a sheet's worked solutions: a sheet field, a question key and --detail.

A question's own key wins over the sheet's field, which --detail (the build option) replaces;
standard is the default.  Every level prints a verified tree, so the answers do not change.
"""
from __future__ import annotations

import re
import subprocess

import pytest

from conftest import tex_available
from sheet_helpers import build, write_spec
from dataclasses import replace

from symprimer.core.errors import InputError
from symprimer.sheets.spec import parse_spec

SPEC = """\
title: Detail
seed: 3
{sheet}questions:
  - kind: inverse
    matrix: [[1, -1, 1], [1, 0, 1], [2, -2, 3]]
  - kind: inverse
    matrix: [[2, 1], [5, 3]]
{question}
"""


def _spec(sheet: str = "", question: str = "") -> str:
    return SPEC.format(sheet=sheet, question=question)


def _levels(spec) -> list:
    return [dict(q.options).get("detail") for q in spec.questions]


def test_standard_is_the_default_and_a_question_keeps_its_own_level():
    spec = parse_spec(_spec(question="    detail: full"))
    assert spec.detail == ""  # not set: the template's default
    assert _levels(spec.at_detail(None)) == ["standard", "full"]
    assert _levels(replace(spec, template="beamer").at_detail(None)) == ["brief", "full"]  # slides: key lines
    assert _levels(spec.at_detail("brief")) == ["brief", "full"]  # --detail replaces the sheet's field only


def test_the_sheet_field_sets_every_question_without_its_own():
    spec = parse_spec(_spec(sheet="detail: brief\n"))
    assert spec.detail == "brief" and _levels(spec.at_detail(None)) == ["brief", "brief"]


@pytest.mark.parametrize("sheet, question, line", [
    ("detail: everything\n", "", 3),
    ("", "    detail: 3", 8),
])
def test_a_bad_level_is_named_with_its_line(sheet, question, line):
    with pytest.raises(InputError, match=rf"^line {line}: .*detail .* must be one of brief, standard, full\."):
        parse_spec(_spec(sheet=sheet, question=question))


def test_a_numeric_question_passes_its_level_to_its_worked_gradient():
    text = "title: t\nquestions:\n  - kind: gradcheck\n    expression: x**2*y\n    wrt: [x, y]\n    at: x=1,y=2\n    detail: brief\n"
    (question,) = parse_spec(text).at_detail(None).questions
    assert dict(question.options)["detail"] == "brief"


def _items(tex: str) -> int:
    return len(re.findall(r"\\item\b", tex))


def test_the_levels_print_the_same_answers_with_less_working(tmp_path):
    spec_path = write_spec(tmp_path, _spec())
    texts = {}
    for level in ("brief", "standard", "full"):
        report = build(spec_path, tmp_path / level, detail=level)
        (sheet,) = report.sheets
        texts[level] = sheet.solutions_tex.read_text()
        answers = [answer.result_sympy for answer in sheet.answers]
        if level != "brief":
            assert answers == previous
        previous = answers
    assert _items(texts["brief"]) < _items(texts["standard"]) < _items(texts["full"])
    assert "adj" in texts["standard"]  # the 2x2 shortcut, named on the board


def _pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.mark.skipif(not tex_available(), reason="no TeX engine on this machine (run .ci/setup)")
def test_the_primer_on_the_board_is_far_shorter_than_in_full(tmp_path, require_tex):
    """The primer's exam solutions at the default detail against full detail, in the same run.

    Standard folds the working a lecturer does not write: at most 70% of the full pages.  The
    issue's absolute budget (30 pages) is tested with the primer's PDF in test_sheet_pdf.py.
    """
    from pathlib import Path

    primer = Path(__file__).resolve().parents[2] / "examples" / "primer.yaml"
    pages = {}
    for level in ("standard", "full"):
        report = build(primer, tmp_path / level, detail=level, pdf=True)
        (sheet,) = report.sheets
        pages[level] = _pages(sheet.pdfs()[1])
    assert pages["standard"] <= 0.7 * pages["full"], pages


def test_the_sheet_command_takes_detail_and_refuses_an_unknown_level(tmp_path, capsys):
    from symprimer.cli import main

    spec_path = write_spec(tmp_path, _spec())
    written = {}
    for level in ("brief", "full"):
        assert main(["sheet", str(spec_path), "-o", str(tmp_path / level), "--detail", level, "--quiet"]) == 0
        written[level] = _items((tmp_path / level / "sheet-solutions.tex").read_text())
    assert written["brief"] < written["full"]
    with pytest.raises(SystemExit) as stop:
        main(["sheet", str(spec_path), "-o", str(tmp_path / "x"), "--detail", "most"])
    assert stop.value.code == 2
