"""``symprimer sheet`` on the command line: files written, clear one-sentence errors."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from sheet_helpers import SMALL_SPEC, write_spec
from symprimer.runtime.budget import Budget
from symprimer.cli import main
from symprimer.core.errors import BudgetExceeded, SymprimerError
from symprimer.sheets.parallel import run_parallel


def test_sheet_writes_the_pair_and_says_so(tmp_path, capsys):
    spec = write_spec(tmp_path, SMALL_SPEC, "mine.yaml")
    assert main(["sheet", str(spec), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert f"wrote {tmp_path / 'out' / 'mine-questions.tex'}" in out
    assert (tmp_path / "out" / "mine-solutions.tex").exists()


def test_variants_are_summarised_in_one_line(tmp_path, capsys):
    spec = write_spec(tmp_path, SMALL_SPEC, "mine.yaml")
    assert main(["sheet", str(spec), "-o", str(tmp_path / "out"), "--variants", "4", "--seed", "3", "--quiet"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.count("\n") == 0 and "4 variants (8 .tex files)" in out
    assert (tmp_path / "out" / "mine-v04-solutions.tex").exists()


@pytest.mark.parametrize(
    "spec_text, extra, code, words",
    [
        ("title: x\nquestions:\n  - kind: det\n    matrix: [[1, 2], [3]]\n", [], 2, "line 4"),
        ("a: &a [1]\nquestions: [*a]\n", [], 2, "alias"),
        ("title: !!python/object/apply:os.system ['touch pwned']\n", [], 2, "python/object"),
        (SMALL_SPEC, ["--template", "poster"], 2, "no document template 'poster'"),
        (SMALL_SPEC, ["--templates", "/no/such/folder"], 2, "does not exist"),
        (SMALL_SPEC, ["--variants", "5000"], 2, "--variants"),
    ],
)
def test_bad_input_exits_with_one_sentence(tmp_path, capsys, spec_text, extra, code, words):
    spec = write_spec(tmp_path, spec_text)
    assert main(["sheet", str(spec), "-o", str(tmp_path / "out"), "--quiet", *extra]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "pwned").exists()


def test_byte_identical_across_processes_and_hash_seeds(tmp_path):
    spec = write_spec(tmp_path, SMALL_SPEC, "mine.yaml")
    outputs = []
    for hash_seed, workers in (("1", "2"), ("999", "1")):
        out = tmp_path / f"out{hash_seed}"
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        command = [sys.executable, "-m", "symprimer", "sheet", str(spec), "-o", str(out), "--variants", "2", "--workers", workers, "--quiet"]
        subprocess.run(command, check=True, env=env, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 4


def test_a_missing_spec_file(tmp_path, capsys):
    assert main(["sheet", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err


def _square(value):
    return value * value


def _sleepy(value):
    time.sleep(value)
    return value


def _refuse(value):
    if value == 3:
        raise SymprimerError("three is refused")
    return value


def test_parallel_results_keep_their_order():
    items = list(range(23))
    assert run_parallel(_square, items, workers=2, budget=Budget(5, 512), describe=str) == [i * i for i in items]


def test_parallel_error_names_its_item_and_keeps_its_status():
    with pytest.raises(SymprimerError) as caught:
        run_parallel(_refuse, [1, 2, 3, 4], workers=2, budget=Budget(5, 512), describe=lambda i: f"item {i}")
    assert str(caught.value) == "item 3: three is refused"


def test_parallel_time_budget_kills_the_child_within_budget():
    start = time.monotonic()
    with pytest.raises(BudgetExceeded, match="item 30"):
        run_parallel(_sleepy, [30], workers=1, budget=Budget(0.5, 512), describe=lambda i: f"item {i}")
    assert time.monotonic() - start < 1.5
