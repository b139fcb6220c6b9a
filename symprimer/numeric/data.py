"""Data for model descent: a CSV file (features..., label) or seeded synthetic data, and
seeded mini-batches."""
from __future__ import annotations

import csv
import os
import stat
from array import array
from dataclasses import dataclass

import numpy as np

from symprimer.core.errors import InputError
from symprimer.parse.numbers import finite_number

MAX_ROWS = 1_000_000
MAX_COLUMNS = 1_000
MAX_CELLS = 20_000_000  # 160 MB of float64 in the parent
MAX_CLASSES = 1_000
MAX_ONE_HOT = 20_000_000  # 160 MB of targets
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
    return finite_number(cell, f"{path}, row {row}, column {column!r}")


def read_csv(path: str, max_rows: int = MAX_ROWS) -> Dataset:
    """A CSV with a header row; the label is the column named y/label/target/class, else the last.

    The file is streamed: rows are parsed one at a time into a flat array of floats and the
    row cap (data rows, not counting the header) applies while reading, so a huge file is
    refused after ``max_rows`` rows rather than read whole.  Run it under a memory budget.
    """
    _check_data_file(path)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return _parse(csv.reader(handle), path, max_rows)
    except UnicodeDecodeError:
        raise InputError(f"the data file {path} is not UTF-8 text (is it a binary file?).") from None
    except csv.Error as error:
        raise InputError(f"the data file {path} cannot be read as CSV ({_csv_reason(error)}).") from None
    except OSError as error:
        raise InputError(f"the data file {path} cannot be read ({error.strerror or error}).") from None


def _check_data_file(path: str) -> None:
    """Only a regular file: a FIFO or device would block or never end."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"the data file {path} does not exist.") from None
    except OSError as error:
        raise InputError(f"the data file {path} cannot be read ({error.strerror or error}).") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"the data file {path} is not a regular file.")


def _csv_reason(error: csv.Error) -> str:
    text = str(error)
    if "NUL" in text:
        return "it contains a NUL byte, so it is not a text file"
    return text.rstrip(".")


def _parse(rows, path: str, max_rows: int) -> Dataset:
    header = [name.strip() for name in next(rows, [])]
    if len(header) < 2:
        raise InputError(f"the data file {path} needs a header row naming at least one feature column and a label column.")
    if any(not name.isprintable() for name in header):
        raise InputError(f"the header of the data file {path} holds control characters (is it a binary file?).")
    if len(header) > MAX_COLUMNS:
        raise InputError(f"the data file {path} has {len(header)} columns; the limit is {MAX_COLUMNS}.")
    values = array("d")
    count = 0
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        count += 1
        if count > max_rows:
            raise InputError(f"the data file {path} has more than {max_rows} data rows; the limit is {max_rows}.")
        if count * len(header) > MAX_CELLS:
            raise InputError(f"the data file {path} has more than {MAX_CELLS} values; the limit keeps training within memory.")
        if len(row) != len(header):
            raise InputError(f"{path}, row {number}: {len(row)} values, but the header names {len(header)} columns.")
        values.extend(_number(cell.strip(), path, number, header[i]) for i, cell in enumerate(row))
    if count == 0:
        raise InputError(f"the data file {path} needs a header row and at least one data row.")
    table = np.frombuffer(values, dtype=float).reshape(count, len(header)).copy()
    lowered = [name.lower() for name in header]
    label_index = next((lowered.index(n) for n in LABEL_NAMES if n in lowered), len(header) - 1)
    features = [i for i in range(len(header)) if i != label_index]
    return Dataset(table[:, features], table[:, label_index], tuple(header[i] for i in features), path)


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
    if labels.max() >= MAX_CLASSES:
        raise InputError(
            f"the labels in {dataset.source} go up to {labels.max():.0f}; the softmax model takes at most "
            f"{MAX_CLASSES} classes (labels 0 to {MAX_CLASSES - 1})."
        )
    classes = max(2, int(labels.max()) + 1)
    if len(labels) * classes > MAX_ONE_HOT:
        raise InputError(
            f"{len(labels)} samples with {classes} classes make {len(labels) * classes} one-hot targets; "
            f"the limit is {MAX_ONE_HOT}, so use fewer samples or classes."
        )
    one_hot = np.zeros((len(labels), classes))
    one_hot[np.arange(len(labels)), labels.astype(int)] = 1.0
    return one_hot, classes


def batches(samples: int, batch_size: int, rng: np.random.Generator | None):
    """Index arrays for one epoch: shuffled with ``rng`` when given, in order otherwise."""
    order = rng.permutation(samples) if rng is not None else np.arange(samples)
    return [order[i : i + batch_size] for i in range(0, samples, batch_size)]
