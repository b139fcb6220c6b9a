"""Optimiser and learning-rate lists pair up; a sweep over every combination only on request."""
from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.cli import main
from symprimer.core.errors import InputError
from symprimer.numeric.selection import pair_runs

NAMES = st.sampled_from(["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
RATES = st.floats(min_value=1e-4, max_value=1.0, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, RATES), min_size=2, max_size=5, unique=True))
def test_equal_lists_pair_in_order(pairs):
    names, rates = [n for n, _ in pairs], [r for _, r in pairs]
    assert pair_runs(names, rates) == tuple(pairs)


@settings(max_examples=40, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=5, unique=True), RATES)
def test_one_rate_applies_to_every_optimiser(names, rate):
    assert pair_runs(names, [rate]) == tuple((n, rate) for n in names)


@settings(max_examples=40, deadline=None)
@given(NAMES, st.lists(RATES, min_size=1, max_size=5, unique=True))
def test_one_optimiser_runs_with_every_rate(name, rates):
    assert pair_runs([name], rates) == tuple((name, r) for r in rates)


@settings(max_examples=40, deadline=None)
@given(st.lists(NAMES, min_size=2, max_size=4, unique=True), st.lists(RATES, min_size=2, max_size=4, unique=True))
def test_a_sweep_runs_every_combination(names, rates):
    assert pair_runs(names, rates, sweep=True) == tuple(itertools.product(names, rates))


@settings(max_examples=40, deadline=None)
@given(st.lists(NAMES, min_size=2, max_size=5), st.lists(RATES, min_size=2, max_size=5))
def test_lists_of_different_lengths_are_refused(names, rates):
    if len(names) == len(rates):
        return
    with pytest.raises(InputError) as error:
        pair_runs(names, rates)
    message = str(error.value)
    assert f"{len(names)} optimisers" in message and f"{len(rates)} learning rates" in message and "--sweep" in message


def test_the_issue_example_runs_three_paired_runs(capsys):
    code = main(["descend", "--function", "<Beale>", "--start", "x=1,y=1.5", "--optimizer", "sgd,momentum,adam",
                 "--lr", "0.005,0.005,0.05", "--steps", "20", "--json"])
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert code == 0
    assert [(run["optimizer"], run["lr"]) for run in runs] == [("sgd", 0.005), ("momentum", 0.005), ("adam", 0.05)]


def test_sweep_flag_runs_the_cartesian_product(capsys):
    code = main(["descend", "--function", "x**2 + y**2", "--start", "x=1,y=1", "--optimizer", "sgd,adam",
                 "--lr", "0.1,0.01", "--steps", "5", "--sweep", "--json"])
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert code == 0
    assert [(run["optimizer"], run["lr"]) for run in runs] == list(itertools.product(["sgd", "adam"], [0.1, 0.01]))


@pytest.mark.parametrize("mode", [["--function", "x**2", "--start", "x=1"], ["--model", "linear", "--synthetic", "20"]])
def test_mismatched_lists_exit_2_in_one_sentence(mode, capsys):
    code = main(["descend", *mode, "--optimizer", "sgd,momentum,adam", "--lr", "0.1,0.01"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and "Traceback" not in err
    assert err.count("\n") == 0 and "3 optimisers but --lr gives 2 learning rates" in err
