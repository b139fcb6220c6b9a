"""Options checked as they are read, hostile inputs to derive/sheet: one sentence, exit 2."""
from __future__ import annotations

import argparse
import math
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostile_helpers import assert_one_sentence, run_main, write_spec
from symprimer.api import values as common  # the option checks every command uses

DERIVE = ["derive", "det", "[[1,2],[3,4]]"]
DESCEND = ["descend", "--function", "x**2+y**2", "--start", "x=1,y=1", "--steps", "3"]
GRADCHECK = ["gradcheck", "--function", "x**2*y", "--wrt", "x", "--at", "x=1,y=2"]

BAD_OPTIONS = [
    (DERIVE + ["--timeout", "nan"], "--timeout"),
    (DERIVE + ["--timeout", "inf"], "--timeout"),
    (DERIVE + ["--timeout", "-inf"], "--timeout"),
    (DERIVE + ["--timeout", "1e400"], "--timeout"),
    (DERIVE + ["--timeout", "0"], "--timeout"),
    (DERIVE + ["--timeout", "-3"], "--timeout"),
    (DERIVE + ["--timeout", "soon"], "--timeout"),
    (DERIVE + ["--memory", "-5"], "--memory"),
    (DERIVE + ["--memory", "0"], "--memory"),
    (DERIVE + ["--memory", "1.5"], "--memory"),
    (DERIVE + ["--memory", str(10**30)], "--memory"),
    (["derive", "loss", "cce", "--classes", "-1"], "--classes"),
    (DESCEND + ["--lr", "nan"], "--lr"),
    (DESCEND + ["--lr", "0.1,inf"], "--lr"),
    (DESCEND + ["--momentum", "nan"], "--momentum"),
    (DESCEND + ["--grad-tol", "-1"], "--grad-tol"),
    (DESCEND + ["--steps", "-4"], "--steps"),
    (DESCEND + ["--table", "0"], "--table"),
    (DESCEND + ["--plot", "/proc/self/x.png"], "/proc/self/x.png"),
    (DESCEND + ["--plot", "no-such-folder/x.png"], "no-such-folder"),
    (["descend", "--model", "linear", "--synthetic", "50", "--epochs", "0"], "--epochs"),
    (["descend", "--model", "linear", "--synthetic", "50", "--batch-size", "-2"], "--batch-size"),
    (GRADCHECK + ["--tolerance", "nan"], "--tolerance"),
    (GRADCHECK + ["--tolerance", "-1e-6"], "--tolerance"),
    (["sheet", "spec.yaml", "--tex-timeout", "inf"], "--tex-timeout"),
    (["sheet", "spec.yaml", "--variants", "-1"], "--variants"),
]


@pytest.mark.parametrize("argv, named", BAD_OPTIONS, ids=[" ".join(a[-2:]) for a, _ in BAD_OPTIONS])
def test_bad_options_are_refused_in_one_sentence(argv, named, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_spec(tmp_path)
    status, stderr = run_main(argv, capsys)
    assert status == 2
    assert_one_sentence(stderr, mentions=named)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_finite_numbers_read_back_exactly(value):
    assert common.finite_float(repr(value)) == value


@given(st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "1e999", "-1e999"]))
def test_non_finite_numbers_are_refused(text):
    assert not math.isfinite(float(text))
    with pytest.raises(argparse.ArgumentTypeError):
        common.finite_float(text)


@given(st.floats(min_value=1e-9, max_value=common.MAX_SECONDS))
def test_positive_time_budgets_pass_and_the_rest_do_not(value):
    assert common.seconds(repr(value)) == value
    with pytest.raises(argparse.ArgumentTypeError):
        common.seconds(repr(-value))


def test_a_tower_of_powers_is_one_sentence_not_an_internal_error(capsys):
    status, stderr = run_main(["derive", "diff", "x**(x**(x**(x**(x**(x**x)))))", "--timeout", "60"], capsys)
    assert status in (2, 3)
    assert_one_sentence(stderr)


def test_a_nul_byte_in_a_spec_is_one_sentence(tmp_path, capsys):
    spec = tmp_path / "nul.yaml"
    spec.write_bytes(b"title: T\x00\nseed: 1\nquestions:\n  - kind: det\n    matrix: [[1, 2], [3, 4]]\n")
    status, stderr = run_main(["sheet", str(spec), "-o", str(tmp_path / "out"), "--quiet"], capsys)
    assert status == 2
    assert_one_sentence(stderr, mentions="U+0000")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir])
def test_a_spec_that_is_a_fifo_or_folder_is_refused_without_waiting(tmp_path, capsys, make):
    spec = tmp_path / "spec.yaml"
    make(spec)
    status, stderr = run_main(["sheet", str(spec), "-o", str(tmp_path / "out"), "--quiet"], capsys)
    assert status == 2
    assert_one_sentence(stderr, mentions="not a regular file")
