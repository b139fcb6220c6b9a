"""Descent on functions and on models: stopping, divergence, learning on data."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from symprimer.core.errors import InputError
from symprimer.numeric.api import descend_function
from symprimer.numeric.data import batches, read_csv, synthetic, targets_for
from symprimer.numeric.optimizers import make_optimizer
from symprimer.numeric.training import Schedule, train

POINTS = Path(__file__).resolve().parents[2] / "examples" / "data" / "points.csv"


def test_trajectory_starts_at_the_start_in_the_order_given():
    descent = descend_function("x**2 + 10*y**2", "y=1,x=2", ["sgd"], [0.01], 5)
    run = descent.runs[0]
    assert descent.problem.variables == ("y", "x")
    assert run.trajectory.shape == (6, 2) and list(run.trajectory[0]) == [1.0, 2.0]
    # one SGD step by hand: (y, x) - 0.01 * (20 y, 2 x)
    assert np.allclose(run.trajectory[1], [1 - 0.2, 2 - 0.04], rtol=1e-15)
    assert run.losses[0] == 14.0


def test_gradient_tolerance_stops_early():
    run = descend_function("x**2", "x=1", ["sgd"], [0.25], 1000, gradient_tolerance=1e-6).runs[0]
    assert run.stopped_by == "gradient_tolerance" and run.steps_taken < 1000
    assert abs(2 * run.final[0]) <= 1e-6


def test_loss_tolerance_stops_early():
    run = descend_function("(x-3)**2", "x=0", ["adam"], [0.1], 5000, loss_tolerance=1e-12).runs[0]
    assert run.stopped_by == "loss_tolerance" and run.steps_taken < 5000


@pytest.mark.parametrize("lr", [1.5, 10.0])
def test_a_too_large_learning_rate_is_reported_as_divergence(lr):
    run = descend_function("x**2 + y**2", "x=3,y=1", ["sgd"], [lr], 200).runs[0]
    assert run.diverged and run.stopped_by == "diverged"
    assert "learning rate" in run.divergence and f"{lr:g}" in run.divergence
    assert run.steps_taken < 200


def test_a_good_learning_rate_is_not_divergence():
    run = descend_function("<Rosenbrock>", None, ["adam"], [0.02], 300).runs[0]
    assert not run.diverged and run.losses[-1] < run.losses[0]


def test_named_surface_gives_its_default_start():
    descent = descend_function("<beale>", None, ["sgd"], [None], 3)
    assert descent.start == (1.0, 1.5) and descent.runs[0].optimizer.lr == 1e-3


def test_minibatch_logistic_regression_learns_on_seeded_data():
    data = synthetic("logistic", 400, seed=7)
    targets, _ = targets_for("logistic", data)
    run = train("logistic", data, make_optimizer("sgd", lr=0.1), Schedule(epochs=15, batch_size=16, seed=7))
    assert run.losses[-1] < 0.5 * run.losses[0] and run.losses[0] == pytest.approx(np.log(2))
    assert run.accuracy(data.inputs, targets) > 0.9
    assert len(run.trajectory) == 1 + 15 * 25  # one point per mini-batch step, start included
    again = train("logistic", data, make_optimizer("sgd", lr=0.1), Schedule(epochs=15, batch_size=16, seed=7))
    assert np.array_equal(run.trajectory, again.trajectory)  # seeded shuffling


def test_batch_stochastic_and_minibatch_take_the_expected_numbers_of_steps():
    data = synthetic("linear", 30, seed=1)
    for size, steps, mode in [(None, 2, "batch"), (1, 60, "stochastic"), (8, 8, "mini-batch")]:
        schedule = Schedule(epochs=2, batch_size=size, seed=0)
        run = train("linear", data, make_optimizer("sgd", lr=0.05), schedule)
        assert len(run.trajectory) - 1 == steps and schedule.describe(30) == mode


def test_full_batch_linear_regression_matches_least_squares():
    data = synthetic("linear", 200, seed=3)
    run = train("linear", data, make_optimizer("sgd", lr=0.1), Schedule(epochs=500))
    design = np.hstack([data.inputs, np.ones((200, 1))])
    exact, *_ = np.linalg.lstsq(design, data.labels, rcond=None)
    assert np.allclose(run.weights, exact, atol=1e-6)


def test_softmax_learns_three_classes():
    data = synthetic("softmax", 300, seed=2)
    targets, classes = targets_for("softmax", data)
    run = train("softmax", data, make_optimizer("adam", lr=0.05), Schedule(epochs=30, batch_size=32))
    assert classes == 3 and run.accuracy(data.inputs, targets) > 0.8


def test_model_divergence_is_reported_per_epoch():
    data = synthetic("linear", 100, seed=0)
    run = train("linear", data, make_optimizer("sgd", lr=3.0), Schedule(epochs=30))
    assert run.diverged and "epoch" in run.divergence and "learning rate 3" in run.divergence


def test_batches_cover_every_sample_once():
    rng = np.random.default_rng(0)
    parts = batches(10, 3, rng)
    assert [len(p) for p in parts] == [3, 3, 3, 1]
    assert sorted(np.concatenate(parts)) == list(range(10))


def test_example_points_csv_reads(tmp_path):
    data = read_csv(str(POINTS))
    assert data.inputs.shape[1] == 2 and set(np.unique(data.labels)) == {0.0, 1.0}
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,y\n1,0\nfoo,1\n")
    with pytest.raises(InputError, match="row 3"):
        read_csv(str(bad))
    with pytest.raises(InputError, match="does not exist"):
        read_csv(str(tmp_path / "missing.csv"))
    labels = tmp_path / "labels.csv"
    labels.write_text("x1,y\n1,0\n2,3\n")
    with pytest.raises(InputError, match="0 or 1"):
        targets_for("logistic", read_csv(str(labels)))


def test_model_stops_on_gradient_tolerance():
    data = synthetic("linear", 100, seed=4)
    run = train("linear", data, make_optimizer("sgd", lr=0.2), Schedule(epochs=2000, gradient_tolerance=1e-8))
    assert run.stopped_by == "gradient_tolerance" and len(run.losses) < 2001
    targets, _ = targets_for("linear", data)
    assert np.linalg.norm(run.model.gradient(run.weights, data.inputs, targets)) <= 1e-8
