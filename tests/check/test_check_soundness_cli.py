"""Issue 15 through the command line: minus-sign values, --tolerance, JSON verdicts, help text."""
from __future__ import annotations

import json

import pytest

from symprimer.cli import main


@pytest.mark.parametrize(
    "argv, status",
    [
        (["check", "--expected", "-2(y-f)", "--answer", "2(f-y)"], 0),
        (["check", "--expected", "-x", "--answer", "-x"], 0),
        (["check", "--expected", "-x", "--answer", "x"], 1),
        (["check", "--expected", "A = 1", "--answer", "A = 2"], 1),
        (["check", "--expected", "12:00", "--answer", "1:00"], 2),
        (["check", "--expected", "1000", "--answer", "1 000"], 0),
        (["check", "--expected", r"\frac{1}{12}", "--answer", "0.0833333333333333"], 1),
        (["check", "--expected", r"\frac{1}{12}", "--answer", "0.0833333333333333", "--tolerance", "1e-9"], 0),
        (["check", "--expected", "1", "--answer", "1", "--tolerance", "abc"], 2),
        (["check", "--expected", "1", "--answer", "1", "--labels", "y;z"], 2),
    ],
)
def test_check_exit_status(argv, status, capsys):
    assert main(argv) == status
    assert "Traceback" not in capsys.readouterr().err


def test_the_verdict_says_when_a_tolerance_was_used(capsys):
    main(["check", "--expected", r"\frac{1}{12}", "--answer", "0.0833333333333333", "--tolerance", "1e-9", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "equivalent" and data["method"] == "tolerance" and "tolerance" in data["reason"]


def test_derive_takes_an_expression_that_begins_with_a_minus_sign(capsys):
    assert main(["derive", "diff", "-x**2", "--wrt", "x", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verified"] is True and data["result"]["sympy"] == "-2*x"


def test_grade_help_prints_the_variant_command(capsys):
    with pytest.raises(SystemExit):
        main(["grade", "--help"])
    out = capsys.readouterr().out
    assert r"\variant{3}" in out and "\v" not in out
