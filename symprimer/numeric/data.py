"""Data for model descent: a CSV file (features..., label) or seeded synthetic data, and
seeded mini-batches."""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from symprimer.errors import InputError

MAX_ROWS = 1_000_000
LABEL_NAMES = ("y", "label", "target", "class")


@dataclass(frozen=True)
class Dataset:
    """Inputs X (N x d), targets as given (N,) and the names of the feature columns."""

    inputs: np.ndarray
    labels: np.ndarray
    feature_names: tuple[str, ...]
    source: str

    @property
    def size(self) -> int:
        return len(self.inputs)


def _number(cell: str, path: str, row: int, column: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        raise InputError(f"{path}, row {row}, column {column!r}: {cell!r} is not a number.") from None
    if not math.isfinite(value):
        raise InputError(f"{path}, row {row}, column {column!r}: {cell!r} is not a finite number.")
    return value


def read_csv(path: str) -> Dataset:
    """A CSV with a header row; the label is the column named y/label/target/class, else the last."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"the data file {path} does not exist.")
    with file.open(newline="") as handle:
        rows = list(csv.reader(handle))
    if len(rows) < 2:
        raise InputError(f"the data file {path} needs a header row and at least one data row.")
    if len(rows) > MAX_ROWS:
        raise InputError(f"the data file {path} has {len(rows)} rows; the limit is {MAX_ROWS}.")
    header = [name.strip() for name in rows[0]]
    if len(header) < 2:
        raise InputError(f"the data file {path} needs at least one feature column and a label column.")
    lowered = [name.lower() for name in header]
    label_index = next((lowered.index(n) for n in LABEL_NAMES if n in lowered), len(header) - 1)
    table = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(f"{path}, row {number}: {len(row)} values, but the header names {len(header)} columns.")
        table.append([_number(cell.strip(), path, number, header[i]) for i, cell in enumerate(row)])
    values = np.array(table, dtype=float)
    features = [i for i in range(len(header)) if i != label_index]
    return Dataset(values[:, features], values[:, label_index], tuple(header[i] for i in features), path)


def synthetic(model: str, samples: int, seed: int, features: int = 2, classes: int = 3) -> Dataset:
    """Seeded data a model can learn: Gaussian blobs (one per class) or a noisy line."""
    if not 2 <= samples <= MAX_ROWS:
        raise InputError(f"--synthetic {samples}: the number of samples must be between 2 and {MAX_ROWS}.")
    rng = np.random.default_rng(seed)
    names = tuple(f"x{i + 1}" for i in range(features))
    if model == "linear":
        inputs = rng.normal(size=(samples, features))
        weights = rng.uniform(-2, 2, size=features)
        labels = inputs @ weights + 0.5 + 0.1 * rng.normal(size=samples)
        return Dataset(inputs, labels, names, f"synthetic({samples}, seed={seed})")
    count = 2 if model == "logistic" else classes
    labels = rng.integers(0, count, size=samples)
    centres = rng.normal(scale=3.0, size=(count, features))
    inputs = centres[labels] + rng.normal(size=(samples, features))
    return Dataset(inputs, labels.astype(float), names, f"synthetic({samples}, seed={seed})")


def targets_for(model: str, dataset: Dataset) -> tuple[np.ndarray, int]:
    """Targets as the model's loss wants them, and the number of outputs."""
    labels = dataset.labels
    if model == "linear":
        return labels, 1
    if not np.all(labels == np.round(labels)) or labels.min() < 0:
        raise InputError(f"the labels in {dataset.source} must be class numbers 0, 1, 2, ... for the {model} model.")
    if model == "logistic":
        if labels.max() > 1:
            raise InputError(f"the labels in {dataset.source} must be 0 or 1 for the logistic model; use softmax for more classes.")
        return labels, 1
    classes = max(2, int(labels.max()) + 1)
    return np.eye(classes)[labels.astype(int)], classes


def batches(samples: int, batch_size: int, rng: np.random.Generator | None):
    """Index arrays for one epoch: shuffled with ``rng`` when given, in order otherwise."""
    order = rng.permutation(samples) if rng is not None else np.arange(samples)
    return [order[i : i + batch_size] for i in range(0, samples, batch_size)]
