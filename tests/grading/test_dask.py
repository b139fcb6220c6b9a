"""``grade --scheduler``: the checks run on a Dask cluster the test starts, with the same marks and
the same gradebook (a second run resumes and checks nothing)."""
from __future__ import annotations

import csv
import json
import os

import pytest

from symprimer.cli import main


@pytest.fixture(scope="module")
def cluster():
    try:
        from distributed import LocalCluster
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI installs the dask extra (.ci/setup); distributed is missing.")
        pytest.skip("the optional dask extra is not installed")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running.scheduler_address


def _class(tmp_path):
    answers = tmp_path / "answers.csv"
    with answers.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "q1", "q2"])
        for s in range(12):
            writer.writerow([f"s{s}", rf"\frac{{{s % 3 + 1}}}{{2}}", rf"x^{{{s % 4}}}" if s % 5 else r"\frac{1}{"])
    key = tmp_path / "key.json"
    key.write_text(json.dumps({"questions": {"q1": r"\frac{1}{2}", "q2": {"answer": "x^2", "points": 2}}}), encoding="utf-8")
    return answers, key


def test_a_dask_run_gives_the_local_marks_and_resumes(tmp_path, cluster, capsys):
    answers, key = _class(tmp_path)
    local, remote = tmp_path / "local", tmp_path / "remote"
    local.mkdir()
    remote.mkdir()
    common = ["--key", str(key), "--no-progress", "--workers", "2"]
    assert main(["grade", str(answers), *common, "-o", str(local / "grades.csv")]) == 0
    assert main(["grade", str(answers), *common, "-o", str(remote / "grades.csv"), "--scheduler", cluster]) == 0
    assert (remote / "grades.csv").read_text(encoding="utf-8") == (local / "grades.csv").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["grade", str(answers), *common, "-o", str(remote / "grades.csv"), "--scheduler", cluster]) == 0
    assert "0 answer(s) graded (0 distinct check(s)), 24 skipped" in capsys.readouterr().out


def test_an_unreachable_scheduler_is_one_sentence(tmp_path, capsys):
    pytest.importorskip("distributed")
    answers, key = _class(tmp_path)
    code = main(["grade", str(answers), "--key", str(key), "--no-progress", "-o", str(tmp_path / "g.csv"), "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2 and "could not be reached" in capsys.readouterr().err
