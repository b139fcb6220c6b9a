"""symprimer's optimisers against trajectories recorded from torch.optim in float64.

The fixtures were written by record_torch_reference.py (torch is not needed to run this).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from symprimer.numeric.api import function_problem
from symprimer.numeric.descent import StopRule, descend
from symprimer.numeric.optimizers import make_optimizer
from symprimer.numeric.surfaces import SURFACES

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("torch_*.json"))
RTOL = 1e-9


def _cases():
    for path in FIXTURES:
        payload = json.loads(path.read_text())
        for run in payload["runs"]:
            yield pytest.param(payload, run, id=f"{payload['surface']}-{run['optimizer']}")


def _config(run: dict):
    settings = run["torch_settings"]
    overrides = {"lr": run["lr"]}
    if "betas" in settings:
        overrides.update(beta1=settings["betas"][0], beta2=settings["betas"][1])
    for name in ("eps", "rho", "alpha"):
        if name in settings:
            overrides[name] = settings[name]
    if run["optimizer"] in ("momentum", "nesterov"):
        overrides["momentum"] = settings["momentum"]
    if run["optimizer"] == "adamw":
        overrides["weight_decay"] = settings["weight_decay"]
    return make_optimizer(run["optimizer"], "pytorch", **overrides)


def test_fixtures_cover_every_optimiser_on_three_surfaces():
    surfaces = {json.loads(p.read_text())["surface"] for p in FIXTURES}
    assert {"bowl", "rosenbrock", "beale"} <= surfaces
    for path in FIXTURES:
        names = {run["optimizer"] for run in json.loads(path.read_text())["runs"]}
        assert {"sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam"} <= names


@pytest.mark.parametrize("payload, run", list(_cases()))
def test_trajectory_matches_torch(payload, run):
    surface = SURFACES[payload["surface"]]
    problem = function_problem(f"<{surface.name}>", surface.variables)
    config = _config(run)
    result = descend(problem.compiled.value, problem.compiled.gradient, payload["start"], config, StopRule(payload["steps"]))
    expected = np.array(run["trajectory"])
    assert result.trajectory.shape == expected.shape
    # relative to the size of each point (a coordinate that passes through 0 has no relative error of its own)
    scale = np.maximum(np.abs(expected).max(axis=1, keepdims=True), 1e-300)
    assert np.all(np.abs(result.trajectory - expected) <= RTOL * scale), np.abs(result.trajectory - expected).max()
    losses = np.array(run["loss"])
    assert np.allclose(result.losses[: len(losses)], losses, rtol=RTOL, atol=0)
    # the run must actually move: a fixture that sits still would prove nothing
    assert np.linalg.norm(expected[-1] - expected[0]) > 1e-3
