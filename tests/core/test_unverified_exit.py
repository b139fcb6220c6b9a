"""Exit 4 for a derivation whose step did not check out; exit 1 explained in JSON too; a sheet
that refuses an unverified solution names the question (issue 15)."""
from __future__ import annotations

import json

import pytest
import sympy as sp

from symprimer import api
from symprimer.cli import main
from symprimer.core.errors import SymprimerError, Unverified
from symprimer.core.steps import Derivation, Step


def _wrongly_derived(kind: str, *inputs: str, **options) -> Derivation:
    """A derivation with one false step (1 + 1 = 3): what a deriver bug would produce."""
    step = Step("evaluate", "Add.", sp.Add(1, 1, evaluate=False), sp.Integer(3))
    return Derivation(kind, "Add the numbers.", (), (step,), sp.Integer(3))


def test_an_unverified_derivation_exits_4_and_still_shows_the_work(monkeypatch, capsys):
    monkeypatch.setattr(api, "derive", _wrongly_derived)
    assert main(["derive", "det", "[[1]]"]) == Unverified.exit_code == 4
    assert "NOT VERIFIED" in capsys.readouterr().out


def test_an_unverified_derivation_exits_4_in_json_with_verified_false(monkeypatch, capsys):
    monkeypatch.setattr(api, "derive", _wrongly_derived)
    assert main(["derive", "det", "[[1]]", "--format", "json"]) == 4
    assert json.loads(capsys.readouterr().out)["verified"] is False


def test_a_verified_derivation_exits_0(capsys):
    assert main(["derive", "det", "[[1,2],[3,4]]"]) == 0


def test_exit_1_in_json_is_one_json_object_with_its_explanation(capsys):
    status = main(["derive", "diagonalise", "[[0,0,1],[1,0,0],[0,1,3]]", "--format", "json"])
    out = capsys.readouterr().out
    if status == 0:
        pytest.fail("this matrix has no closed-form eigenvalues; diagonalise must say no")
    assert status == 1
    data = json.loads(out)  # one object: the work as far as it goes, with the reason it stops
    assert data["answer_exists"] is False and data["verified"] is True
    assert any("closed form" in note for note in data["notes"])


def test_a_sheet_refuses_an_unverified_solution_naming_the_question(tmp_path, monkeypatch):
    from symprimer.runtime.budget import Budget
    from symprimer.sheets import answers
    from symprimer.sheets.build import BuildOptions, build_sheets
    from symprimer.sheets.spec import read_spec

    spec_path = tmp_path / "sheet.yaml"
    spec_path.write_text("title: T\nquestions:\n  - kind: det\n    matrix: [[1, 2], [3, 4]]\n", encoding="utf-8")
    monkeypatch.setattr(answers, "derive", _wrongly_derived)  # the name the sheet builder calls
    spec = read_spec(str(spec_path))
    with pytest.raises(SymprimerError) as error:
        build_sheets(spec, BuildOptions(out_dir=str(tmp_path / "out"), workers=1, budget=Budget(seconds=60)))
    assert error.value.exit_code == 4
    assert "question 1" in str(error.value) and "did not verify" in str(error.value)
