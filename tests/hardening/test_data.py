"""descend --data: streamed with the row cap applied while reading; hostile files refused."""
from __future__ import annotations

import csv
import itertools
import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile_helpers import assert_one_sentence, run_main
from symprimer.core.errors import InputError
from symprimer.numeric import data

MODEL = ["descend", "--model", "softmax", "--epochs", "1", "--data"]


def descend_on(path, capsys, model: str = "softmax") -> tuple[int, str]:
    return run_main(["descend", "--model", model, "--epochs", "1", "--data", str(path)], capsys)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 6)), min_size=3, max_size=3),
        min_size=1, max_size=30,
    )
)
def test_a_csv_reads_as_numpy_reads_it(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "d.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["a", "b", "y"])
        writer.writerows(rows)
    expected = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    dataset = data.read_csv(str(path))
    assert np.array_equal(dataset.inputs, expected[:, :2])
    assert np.array_equal(dataset.labels, expected[:, 2])
    assert dataset.feature_names == ("a", "b")


def test_exactly_the_cap_of_data_rows_is_accepted_and_one_more_is_not(tmp_path):
    path = tmp_path / "cap.csv"
    rows = data.MAX_ROWS
    with path.open("w") as handle:
        handle.write("x,y\n")
        handle.writelines(f"{i % 7},{i % 2}\n" for i in range(rows))
    dataset = data.read_csv(str(path))
    assert dataset.size == rows
    assert dataset.labels.sum() == rows // 2
    with path.open("a") as handle:
        handle.write("1,1\n")
    with pytest.raises(InputError, match=f"more than {rows} data rows"):
        data.read_csv(str(path))


def test_the_cap_applies_while_reading_so_endless_input_stops():
    endless = itertools.chain([["x", "y"]], itertools.repeat(["1", "0"]))
    with pytest.raises(InputError, match="more than 1000 data rows"):
        data._parse(endless, "endless.csv", max_rows=1000)


def test_one_hot_targets_agree_with_the_identity_matrix():
    labels = np.array([0, 2, 1, 2, 0], dtype=float)
    dataset = data.Dataset(np.zeros((5, 1)), labels, ("x",), "t")
    targets, classes = data.targets_for("softmax", dataset)
    assert classes == 3
    assert np.array_equal(targets, np.eye(3)[labels.astype(int)])


def test_a_huge_class_label_is_refused_before_any_allocation(tmp_path, capsys):
    path = tmp_path / "labels.csv"
    path.write_text("x,y\n1,0\n2,100000\n")
    status, stderr = descend_on(path, capsys)
    assert status == 2
    assert_one_sentence(stderr, mentions="classes")


@pytest.mark.parametrize(
    "content, says",
    [
        (bytes(range(256)) * 20, "UTF-8"),
        (b"x,y\x00\n1,0\n", "control characters"),
        (b"x,y\n1,\x000\n", "not a number"),
        (b"x,y\n" + b"1," + b"9" * 200_000 + b"\n", "field"),
        (b"x,y\n1,nan\n", "finite"),
        (b"x,y\n", "at least one data row"),
        (b"", "header"),
        (b"only\n1\n", "header"),
    ],
    ids=["binary", "nul-header", "nul-cell", "huge-field", "nan", "no-rows", "empty", "one-column"],
)
def test_hostile_files_are_one_sentence(tmp_path, capsys, content, says):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    status, stderr = descend_on(path, capsys, model="logistic")
    assert status == 2
    assert_one_sentence(stderr, mentions=says)


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "dangling", "missing"])
def test_special_files_are_refused_without_waiting(tmp_path, capsys, kind):
    path = tmp_path / "special.csv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "dangling":
        path.symlink_to(tmp_path / "nowhere.csv")
    status, stderr = descend_on(path, capsys, model="logistic")
    assert status == 2
    assert_one_sentence(stderr, mentions="data file")


def test_many_samples_times_many_classes_is_refused_before_allocating():
    samples = data.MAX_ONE_HOT // 500 + 1
    labels = np.arange(samples, dtype=float) % 600
    dataset = data.Dataset(np.zeros((samples, 1)), labels, ("x",), "big")
    assert samples * 600 > data.MAX_ONE_HOT
    with pytest.raises(InputError, match="one-hot"):
        data.targets_for("softmax", dataset)


def test_wide_and_long_data_is_refused_while_reading():
    width = 500
    header = [f"x{i}" for i in range(width - 1)] + ["y"]
    rows = itertools.chain([header], itertools.repeat(["1"] * width))
    with pytest.raises(InputError, match="values"):
        data._parse(rows, "wide.csv", max_rows=data.MAX_ROWS)
