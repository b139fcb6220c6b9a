"""Record float64 reference trajectories from torch.optim (kept in the repo, not run by the suite).

Run in a separate environment that has torch (torch is not a dependency of symprimer):

    python3 -m venv /tmp/torchvenv && /tmp/torchvenv/bin/pip install torch numpy
    /tmp/torchvenv/bin/python tests/numeric/record_torch_reference.py

It writes one JSON file per surface into tests/numeric/fixtures/: for every optimiser the
constructor settings, the start, the trajectory (start included, one point per step) and the
loss before each step.  The surfaces are written here with torch operations, independently
of symprimer's parser and compiler.
"""
from __future__ import annotations

import json
from pathlib import Path

import torch

STEPS = 50
FIXTURES = Path(__file__).parent / "fixtures"

SURFACES = {
    "bowl": (lambda x, y: x**2 + 10 * y**2, (-4.0, 2.0)),
    "rosenbrock": (lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2, (-1.5, 2.0)),
    "beale": (
        lambda x, y: (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2,
        (1.0, 1.5),
    ),
    "himmelblau": (lambda x, y: (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2, (0.0, 0.0)),
}

# symprimer name -> (torch class, extra constructor settings); lr chosen per surface below.
OPTIMIZERS = {
    "sgd": (torch.optim.SGD, {}),
    "momentum": (torch.optim.SGD, {"momentum": 0.9}),
    "nesterov": (torch.optim.SGD, {"momentum": 0.9, "nesterov": True}),
    "adagrad": (torch.optim.Adagrad, {}),
    "adadelta": (torch.optim.Adadelta, {}),
    "rmsprop": (torch.optim.RMSprop, {}),
    "adam": (torch.optim.Adam, {}),
    "adamw": (torch.optim.AdamW, {}),
}

LEARNING_RATES = {
    "bowl": {"sgd": 0.04, "momentum": 0.02, "nesterov": 0.02, "adagrad": 0.5, "adadelta": 1.0,
             "rmsprop": 0.05, "adam": 0.1, "adamw": 0.1},
    "rosenbrock": {"sgd": 1e-4, "momentum": 1e-4, "nesterov": 1e-4, "adagrad": 0.1, "adadelta": 1.0,
                   "rmsprop": 0.01, "adam": 0.05, "adamw": 0.05},
    "beale": {"sgd": 1e-3, "momentum": 1e-3, "nesterov": 1e-3, "adagrad": 0.1, "adadelta": 1.0,
              "rmsprop": 0.01, "adam": 0.01, "adamw": 0.01},
    "himmelblau": {"sgd": 0.005, "momentum": 0.002, "nesterov": 0.002, "adagrad": 0.3, "adadelta": 1.0,
                   "rmsprop": 0.05, "adam": 0.1, "adamw": 0.1},
}


def record(surface: str, name: str) -> dict:
    function, start = SURFACES[surface]
    cls, extra = OPTIMIZERS[name]
    lr = LEARNING_RATES[surface][name]
    point = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    optimizer = cls([point], lr=lr, foreach=False, **extra)
    trajectory, losses = [point.detach().tolist()], []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = function(point[0], point[1])
        loss.backward()
        losses.append(loss.item())
        optimizer.step()
        trajectory.append(point.detach().tolist())
    defaults = {k: v for k, v in optimizer.defaults.items() if isinstance(v, (int, float, bool, tuple)) and v is not None}
    return {"optimizer": name, "torch_class": cls.__name__, "lr": lr, "torch_settings": defaults,
            "trajectory": trajectory, "loss": losses}


def main() -> None:
    FIXTURES.mkdir(exist_ok=True)
    for surface, (_, start) in SURFACES.items():
        runs = [record(surface, name) for name in OPTIMIZERS]
        payload = {"surface": surface, "start": list(start), "steps": STEPS, "torch_version": torch.__version__,
                   "dtype": "float64", "runs": runs}
        path = FIXTURES / f"torch_{surface}.json"
        path.write_text(json.dumps(payload, indent=1) + "\n")
        print("wrote", path)


if __name__ == "__main__":
    main()
