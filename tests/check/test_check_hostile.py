"""Hostile answers end as unparseable (2) or undecided (3) within the budget + 1 s; nothing runs."""
from __future__ import annotations

import json
import time

import pytest

from symprimer.cli import main

BUDGET = 3.0

SYMBOLIC_12 = r"\det\begin{pmatrix}" + r"\\".join(
    "&".join(f"a_{{{i}{j}}}" if (i + j) % 2 else f"b_{{{i}{j}}}" for j in range(12)) for i in range(12)
) + r"\end{pmatrix}"

HOSTILE = [
    "__import__('os').system('touch /tmp/symprimer-pwned')",
    r"\input{/etc/passwd}",
    r"\include{/etc/passwd}",
    r"\immediate\write18{touch /tmp/symprimer-pwned}",
    r"\def\a{\a\a}\a",
    r"\catcode`\{=12",
    r"\csname input\endcsname",
    "(" * 200 + "x" + ")" * 200,
    r"\frac{1}{" * 50 + "x" + "}" * 50,
    "2^{2^{2^{2^{2^{2}}}}}",
    "9^{9^{9}}",
    r"10^{10^{5}}",
    "x" * 10000,
    r"\sigma(" * 12 + "x" + ")" * 12,
    SYMBOLIC_12,
    r"(x+1)^{999}(x-1)^{999}",
]


@pytest.mark.parametrize("answer", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_answer_finishes_within_budget(answer, capsys):
    start = time.monotonic()
    code = main(["check", "--expected", "x", "--answer", answer, "--json", "--timeout", str(BUDGET)])
    elapsed = time.monotonic() - start
    data = json.loads(capsys.readouterr().out)
    assert elapsed < BUDGET + 1.0
    assert code in (1, 2, 3)
    assert data["verdict"] in ("unparseable", "undecided", "not_equivalent")
    if code == 2:
        assert data["reason"]


def test_nothing_was_executed():
    import os

    assert not os.path.exists("/tmp/symprimer-pwned")


def test_hostile_submissions_in_a_grading_run(tmp_path):
    import csv

    folder = tmp_path / "subs"
    folder.mkdir()
    for index, answer in enumerate(HOSTILE):
        (folder / f"s{index:02d}.tex").write_text(f"\\begin{{answer}}{{q1}}{answer}\\end{{answer}}", encoding="utf-8")
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"questions": {"q1": "x"}}), encoding="utf-8")
    out = tmp_path / "g.csv"
    start = time.monotonic()
    code = main(["grade", str(folder), "--key", str(key), "-o", str(out), "--workers", "2", "--timeout", str(BUDGET), "--no-progress"])
    elapsed = time.monotonic() - start
    assert code == 0
    assert [row["total"] for row in csv.DictReader(out.open(encoding="utf-8"))] == ["0"] * len(HOSTILE)
    reports = (tmp_path / "reports").glob("*.md")
    verdicts = {line.split("|")[2].strip() for path in reports for line in path.read_text().splitlines() if line.startswith("| q1 |")}
    assert verdicts <= {"unparseable", "undecided", "not_equivalent"}
    assert elapsed < len(HOSTILE) * (BUDGET + 1)
