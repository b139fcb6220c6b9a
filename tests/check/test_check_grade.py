"""``symprimer grade``: a folder or CSV of submissions, a key, parallel budgeted checks, marks + reports."""
from __future__ import annotations

import csv
import json

import pytest

from symprimer.check.grade import answers_in_tex, load_submissions
from symprimer.check.key import key_from_data, load_key
from symprimer.cli import main
from symprimer.core.errors import InputError

KEY = {
    "title": "Sheet 1",
    "questions": {
        "q1": r"\frac{e^{-x}}{(1+e^{-x})^2}",
        "q2": {"derive": "det [[1,2],[3,4]]", "points": 2},
        "q3": {"answer": "x**2*exp(x)", "format": "plain"},
        "q4": {"property": "inverse", "of": "[[1,2],[3,4]]"},
    },
}

SUBMISSIONS = {
    "alice": r"""
\begin{answer}{q1} $\sigma(x)(1-\sigma(x))$ \end{answer}
\begin{answer}{q2}
\begin{align*}\begin{vmatrix}1&2\\3&4\end{vmatrix} &= 1\cdot 4 - 2\cdot 3 \\ &= -2\end{align*}
\end{answer}
\begin{answer}{q3} x^2*exp(x) \end{answer}
\begin{answer}{q4} \begin{pmatrix}-2&1\\1.5&-0.5\end{pmatrix} \end{answer}
""",
    "bob": r"""
\answer{q1}{\sigma^2(x)}
\answer{q2}{\input{/etc/passwd}}
\answer{q3}{__import__('os').system('ls')}
\answer{q4}{\begin{pmatrix}4&-2\\-3&1\end{pmatrix}}
""",
    "carol": r"""
\answer{q1}{2^{2^{2^{2^{2}}}}}
\answer{q2}{\begin{vmatrix}1&2\\3&4\end{vmatrix} = 4 + 6 \\ = 10}
""",
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("grade")
    folder = tmp_path / "subs"
    folder.mkdir()
    for student, text in SUBMISSIONS.items():
        (folder / f"{student}.tex").write_text(text, encoding="utf-8")
    key = tmp_path / "key.json"
    key.write_text(json.dumps(KEY), encoding="utf-8")
    out = tmp_path / "grades.csv"
    code = main(["grade", str(folder), "--key", str(key), "-o", str(out), "--workers", "2", "--no-progress", "--timeout", "5"])
    rows = {row["student"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    return code, rows, tmp_path / "reports"


def test_marks(graded):
    code, rows, _ = graded
    assert code == 0
    assert rows["alice"] == {"student": "alice", "q1": "1", "q2": "2", "q3": "1", "q4": "1", "total": "5", "max": "5", "note": ""}
    assert rows["bob"]["total"] == "0" and rows["carol"]["total"] == "0"


def test_reports(graded):
    _, _, reports = graded
    bob = (reports / "bob.md").read_text(encoding="utf-8")
    assert "| q2 | unparseable |" in bob and r"\input" in bob
    assert "| q4 | not_equivalent |" in bob
    carol = (reports / "carol.md").read_text(encoding="utf-8")
    assert "First invalid step: 1." in carol and "sign-chart" in carol
    assert "| q3 | missing |" in carol
    alice = (reports / "alice.md").read_text(encoding="utf-8")
    assert "**5 / 5**" in alice and r"\sigma\left(x\right)" in alice


def test_csv_submissions(tmp_path):
    answers = tmp_path / "answers.csv"
    with answers.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "q1", "q3"])
        writer.writerow(["dan", r"\frac{1}{(1+e^{-x})(1+e^{x})}", "exp(x)*x^2"])
        writer.writerow(["eve", r"\frac{1}{1+e^{-x}}", ""])
    key = tmp_path / "key.yaml"
    key.write_text("questions:\n  q1: '\\sigma(x)(1-\\sigma(x))'\n  q3: {answer: 'x^2*exp(x)', format: plain, points: 3}\n", encoding="utf-8")
    out = tmp_path / "g.csv"
    assert main(["grade", str(answers), "--key", str(key), "-o", str(out), "--workers", "1", "--no-progress"]) == 0
    rows = {row["student"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["dan"]["total"] == "4" and rows["eve"]["total"] == "0" and rows["eve"]["max"] == "4"


def test_answers_in_tex_both_forms():
    found = answers_in_tex(r"\begin{answer}{a} x \end{answer} \answer{b}{\frac{1}{2}}")
    assert found == [("a", "x"), ("b", r"\frac{1}{2}")]


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"questions": {}},
        {"questions": {"q1": {"points": 2}}},
        {"questions": {"q1": {"answer": "x", "format": "word"}}},
        {"questions": {"q1": {"answer": "x", "points": -1}}},
        {"questions": {"q1": {"answer": "x", "colour": "red"}}},
    ],
)
def test_bad_keys(data):
    with pytest.raises(InputError):
        key_from_data(data)


def test_key_file_types(tmp_path):
    bad = tmp_path / "key.txt"
    bad.write_text("q1: x", encoding="utf-8")
    with pytest.raises(InputError):
        load_key(str(bad))
    broken = tmp_path / "key.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(InputError):
        load_key(str(broken))


def test_submissions_must_exist(tmp_path):
    with pytest.raises(InputError):
        load_submissions(str(tmp_path))


def test_sheet_spec_as_key(tmp_path):
    spec = tmp_path / "sheet.yaml"
    spec.write_text(
        "title: Mini sheet\nquestions:\n  - {kind: det, matrix: [[1,2],[3,4]], points: 2}\n  - {kind: inverse, matrix: [[2,1],[1,1]]}\n",
        encoding="utf-8",
    )
    key = load_key(str(spec))
    assert [(e.question, e.points) for e in key.entries] == [("q1", 2.0), ("q2", 1.0)]
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "student,q1,q2\nfay,-2,\"\\begin{pmatrix}1&-1\\\\-1&2\\end{pmatrix}\"\ngus,2,\"\\begin{pmatrix}1&1\\\\1&2\\end{pmatrix}\"\n",
        encoding="utf-8",
    )
    out = tmp_path / "g.csv"
    assert main(["grade", str(answers), "--key", str(spec), "-o", str(out), "--workers", "2", "--no-progress"]) == 0
    rows = {row["student"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert (rows["fay"]["total"], rows["gus"]["total"]) == ("3", "0")


@pytest.mark.parametrize(
    "text, verdict, marks",
    [
        (r"\begin{vmatrix}1&2\\3&4\end{vmatrix} = 4 - 6 = -2", "equivalent", 2.0),
        (r"\begin{vmatrix}1&2\\3&4\end{vmatrix} = 4 + 6 = -2", "not_equivalent", 1.0),  # final right, a step wrong
        (r"\det M = -2", "equivalent", 2.0),  # a labelled single answer
        (r"-2", "equivalent", 2.0),
        (r"2", "not_equivalent", 0.0),
    ],
)
def test_one_answer_forms_and_marks(text, verdict, marks):
    import sympy as sp

    from symprimer.check.grade import grade_answer
    from symprimer.check.key import KeyEntry

    result = grade_answer(KeyEntry("q", answer="-2", points=2), sp.Integer(-2), text)
    assert (result.verdict, result.marks) == (verdict, marks), result.reason


def test_latex_reports_escape_student_names_and_compile_safely(tmp_path, require_tex):
    import subprocess

    answers = tmp_path / "answers.csv"
    answers.write_text("student,q1\n\"x_&#$%{}\\input\",\\sigma(x)\n", encoding="utf-8")
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"title": "T & C", "questions": {"q1": r"\sigma(x)(1-\sigma(x))"}}), encoding="utf-8")
    reports = tmp_path / "reports"
    code = main(["grade", str(answers), "--key", str(key), "-o", str(tmp_path / "g.csv"), "--reports", str(reports),
                 "--report-format", "latex", "--workers", "1", "--no-progress"])
    assert code == 0
    (report,) = reports.glob("*.tex")
    text = report.read_text(encoding="utf-8")
    assert r"\input" not in text.replace(r"\textbackslash{}input", "")
    done = subprocess.run(["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", report.name],
                          cwd=reports, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]


def test_an_unreadable_key_answer_names_its_question(tmp_path, capsys):
    answers = tmp_path / "answers.csv"
    answers.write_text("student,q7\nann,x\n", encoding="utf-8")
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"questions": {"q7": r"\frac{1}{"}}), encoding="utf-8")
    code = main(["grade", str(answers), "--key", str(key), "-o", str(tmp_path / "g.csv"), "--no-progress"])
    assert code == 2
    assert "q7" in capsys.readouterr().err


def test_each_student_is_graded_against_the_numbers_of_their_own_variant(tmp_path):
    from symprimer.api import derive
    from symprimer.render.notation import to_latex

    spec = tmp_path / "sheet.yaml"
    spec.write_text(
        "title: Variants\nseed: 40\nquestions:\n"
        "  - {kind: det, matrix: {random: {shape: 2x2, property: integer, entries: [-9, 9]}}, points: 2}\n",
        encoding="utf-8",
    )
    key = load_key(str(spec))
    answers = {v: derive(*_derive_words(key.for_variant(v).entries[0].derive)).result for v in (1, 2, 3)}
    assert len(set(answers.values())) > 1  # the variants really differ
    folder = tmp_path / "subs"
    folder.mkdir()
    for student, variant, answered in (("ann", 2, 2), ("bob", 3, 2), ("cat", None, 1), ("dan", 3, 3)):
        mark = f"\\variant{{{variant}}}\n" if variant else ""
        body = to_latex(answers[answered])
        (folder / f"{student}.tex").write_text(f"{mark}\\begin{{answer}}{{q1}} {body} \\end{{answer}}\n", encoding="utf-8")
    out = tmp_path / "g.csv"
    assert main(["grade", str(folder), "--key", str(spec), "-o", str(out), "--workers", "2", "--no-progress"]) == 0
    totals = {row["student"]: row["total"] for row in csv.DictReader(out.open(encoding="utf-8"))}
    expected_bob = "2" if answers[2] == answers[3] else "0"
    assert totals == {"ann": "2", "bob": expected_bob, "cat": "2", "dan": "2"}


def _derive_words(command: str) -> tuple[str, ...]:
    import shlex

    return tuple(shlex.split(command))


@pytest.mark.parametrize("written", ["\\variant{0}", "\\variant{x}", "\\variant{2}\\variant{3}"])
def test_a_bad_variant_mark_is_named(tmp_path, written):
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "eve.tex").write_text(f"{written}\n\\begin{{answer}}{{q1}} 1 \\end{{answer}}\n", encoding="utf-8")
    (eve,) = load_submissions(str(folder))
    assert "eve" in eve.problem and "variant" in eve.problem and eve.answers == ()


def test_a_csv_variant_column_picks_the_key_and_is_not_an_answer(tmp_path):
    from symprimer.check.grade import load_submissions as load

    answers = tmp_path / "a.csv"
    answers.write_text("student,variant,q1\nann,v02,5\nbob,,6\n", encoding="utf-8")
    ann, bob = load(str(answers))
    assert (ann.variant, ann.answers) == (2, (("q1", "5"),))
    assert (bob.variant, bob.answers) == (None, (("q1", "6"),))
