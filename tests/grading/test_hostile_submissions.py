"""Grading goes on past every kind of bad submission: each gets its own row and reason."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from symprimer.check.export import neutralise
from symprimer.check.report import report_name
from symprimer.cli import main

ROOT = Path(__file__).resolve().parents[2]
KEY = {"title": "Hostile", "questions": {"q1": r"\frac{1}{2}", "q2": {"answer": "x^2", "points": 2}}}
GOOD = "\\begin{answer}{q1} 0.5 \\end{answer}\n\\begin{answer}{q2} x \\cdot x \\end{answer}\n"


def _grade(args: list[str], timeout: float = 240) -> subprocess.CompletedProcess:
    """The command in its own process, so a hang fails the test instead of stalling the suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "symprimer", "grade", *args, "--no-progress"], capture_output=True, text=True, timeout=timeout, env=env)


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "subs"
    folder.mkdir()
    outside = root / "secret.tex"
    outside.write_text(GOOD, encoding="utf-8")
    (folder / "good.tex").write_text(GOOD, encoding="utf-8")
    (folder / "binary.tex").write_bytes(b"\\begin{answer}{q1} 1 \\end{answer}\x00\xff\xfe")
    (folder / "latin.tex").write_bytes("\\begin{answer}{q1} caf\u00e9 \\end{answer}".encode("latin-1"))
    (folder / "long.tex").write_text(GOOD + "%" * 250_000 + "\n\\begin{answer}{q1} 1/2 \\end{answer}\n", encoding="utf-8")
    (folder / "folder.tex").mkdir()
    os.mkfifo(folder / "fifo.tex")
    os.symlink(root / "nowhere.tex", folder / "dangling.tex")
    os.symlink(outside, folder / "outside.tex")
    os.symlink("/dev/urandom", folder / "random.tex")
    os.symlink(folder / "good.tex", folder / "inside.tex")
    (folder / "twovariants.tex").write_text("\\variant{2}\\variant{3}\n" + GOOD, encoding="utf-8")
    (folder / "bigvariant.tex").write_text("\\variant{99999}\n" + GOOD, encoding="utf-8")
    (folder / '=HYPERLINK("http-x","y").tex').write_text(GOOD, encoding="utf-8")
    key = root / "key.json"
    key.write_text(json.dumps(KEY), encoding="utf-8")
    out = root / "grades.csv"
    done = _grade([str(folder), "--key", str(key), "-o", str(out), "--workers", "2", "--timeout", "20"])
    return done, _rows(out), root


REASONS = {
    "binary": "binary",
    "latin": "UTF-8",
    "long": "too long",
    "folder": "folder",
    "fifo": "FIFO",
    "dangling": "dangling",
    "outside": "outside",
    "random": "outside",
    "twovariants": "more than one variant",
    "bigvariant": "variant",
}


def test_the_class_is_graded_past_every_bad_submission(hostile_class):
    done, rows, _ = hostile_class
    assert done.returncode == 0, done.stderr
    assert rows["good"]["total"] == "3" and rows["inside"]["total"] == "3"
    assert rows["'=HYPERLINK(\"http-x\",\"y\")"]["total"] == "3"  # neutralised, and graded


@pytest.mark.parametrize("student, reason", sorted(REASONS.items()))
def test_each_bad_submission_has_its_own_row_and_reason(hostile_class, student, reason):
    _, rows, _ = hostile_class
    row = rows[student]
    assert reason in row["note"], row
    assert (row["q1"], row["q2"], row["total"]) == ("", "", "0")


def test_reports_name_the_reason(hostile_class):
    _, _, root = hostile_class
    report = (root / "reports" / "fifo.md").read_text(encoding="utf-8")
    assert "Not graded" in report and "FIFO" in report


@pytest.mark.parametrize("cell", ['=HYPERLINK("x","y")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3", "\tx", "\rx"])
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell
    assert neutralise("ann") == "ann"


def test_csv_names_and_rows_are_safe(tmp_path):
    answers = tmp_path / "answers.csv"
    rows = [
        ["student", "variant", "q1"],
        ['=HYPERLINK("x","y")', "", "1/2"],
        ["+cmd|' /C calc'!A0", "", "1/2"],
        ["@SUM(A1:A9)", "", "1/2"],
        ["-2+3", "", "1/2"],
        ["form\ffeed", "", "1/2"],
        ["far", "v9999999", "1/2"],
        ["gus", "", "1/2"],
    ]
    with answers.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with answers.open("ab") as handle:
        handle.write(b"nul,,\x00\xff\n")
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"questions": {"q1": r"\frac{1}{2}"}}), encoding="utf-8")
    out = tmp_path / "g.csv"
    assert main(["grade", str(answers), "--key", str(key), "-o", str(out), "--workers", "1", "--no-progress"]) == 0
    graded = _rows(out)
    for name in ['=HYPERLINK("x","y")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3"]:
        assert graded["'" + name]["total"] == "1"
    assert graded["form\ffeed"]["total"] == "1" and graded["gus"]["total"] == "1"  # the form feed split nothing
    assert "variant" in graded["far"]["note"] and graded["far"]["total"] == "0"
    assert "binary" in graded["nul"]["note"]
    assert len(graded) == 8


def test_a_csv_field_over_the_limit_is_one_sentence(tmp_path, capsys):
    answers = tmp_path / "answers.csv"
    answers.write_text("student,q1\nann,\"" + "1" * 140_000 + "\"\n", encoding="utf-8")
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"questions": {"q1": "1"}}), encoding="utf-8")
    assert main(["grade", str(answers), "--key", str(key), "-o", str(tmp_path / "g.csv"), "--no-progress"]) == 2
    message = capsys.readouterr().err.strip()
    assert "line" in message and "field" in message and "\n" not in message


def test_a_key_with_nan_points_is_refused(tmp_path, capsys):
    answers = tmp_path / "answers.csv"
    answers.write_text("student,q1\nann,1\n", encoding="utf-8")
    key = tmp_path / "key.yaml"
    key.write_text("questions:\n  q1: {answer: '1', points: .nan}\n", encoding="utf-8")
    assert main(["grade", str(answers), "--key", str(key), "-o", str(tmp_path / "g.csv"), "--no-progress"]) == 2
    assert "points" in capsys.readouterr().err


def test_a_missing_output_folder_is_refused_before_grading(tmp_path, capsys):
    answers = tmp_path / "answers.csv"
    answers.write_text("student,q1\nann,1\n", encoding="utf-8")
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"questions": {"q1": "1"}}), encoding="utf-8")
    code = main(["grade", str(answers), "--key", str(key), "-o", str(tmp_path / "missing" / "grades.csv"), "--no-progress"])
    captured = capsys.readouterr()
    assert code == 2 and "does not exist" in captured.err and "graded" not in captured.out


@pytest.mark.parametrize("option", [["--timeout", "nan"], ["--timeout", "inf"], ["--timeout", "-1"], ["--memory", "-5"]])
def test_budget_options_are_validated(tmp_path, option, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["grade", str(tmp_path), "--key", "k.json", *option])
    assert stop.value.code == 2


def test_report_names_are_unique_per_student():
    names = {report_name(n) for n in ["a b", "a_b", "a/b", "a\\b", "..", "", "student"]}
    assert len(names) == 7


def test_latex_report_of_an_odd_symbol_compiles(tmp_path, require_tex):
    answers = tmp_path / "answers.csv"
    with answers.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["student", "q1"], ["ann", r"2x + \text{a%b}"], ["bob", r"2x + \text{a&b~c#d}"]])
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"questions": {"q1": "2x"}}), encoding="utf-8")
    reports = tmp_path / "reports"
    assert main(["grade", str(answers), "--key", str(key), "-o", str(tmp_path / "g.csv"), "--reports", str(reports),
                 "--report-format", "latex", "--workers", "1", "--no-progress"]) == 0
    for report in sorted(reports.glob("*.tex")):
        done = subprocess.run(["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", report.name],
                              cwd=reports, capture_output=True, timeout=120)
        assert done.returncode == 0, done.stdout[-2000:]
