"""Descent on a model over data: full batch, stochastic (batch size 1) or mini-batch, by
epochs, with seeded shuffling; losses per epoch on the whole data set."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from symprimer.core.errors import InputError
from symprimer.numeric.data import Dataset, batches, targets_for
from symprimer.core.errors import TooLarge
from symprimer.numeric.descent import check_deadline, divergence_reason
from symprimer.numeric.models import CompiledModel, compile_model
from symprimer.numeric.optimizers import OptimizerConfig, initial_state, optimizer_step


MAX_UPDATES = 2_000_000  # every update's weights are kept for the trajectory


@dataclass(frozen=True)
class Schedule:
    epochs: int = 20
    batch_size: int | None = None  # None: the whole data set (batch gradient descent)
    seed: int = 0
    shuffle: bool = True
    loss_tolerance: float | None = None
    gradient_tolerance: float | None = None

    def describe(self, samples: int) -> str:
        size = self.batch_size or samples
        if size >= samples:
            return "batch"
        return "stochastic" if size == 1 else "mini-batch"


@dataclass(frozen=True)
class TrainingRun:
    """``trajectory[k]`` is the weights after k updates; ``losses[e]`` the mean loss after e epochs."""

    model: CompiledModel
    optimizer: OptimizerConfig
    schedule: Schedule
    trajectory: np.ndarray
    losses: tuple[float, ...]
    stopped_by: str
    divergence: str | None = None

    @property
    def diverged(self) -> bool:
        return self.divergence is not None

    @property
    def weights(self) -> np.ndarray:
        return self.trajectory[-1]

    def accuracy(self, inputs: np.ndarray, targets: np.ndarray) -> float | None:
        """Share of samples classified correctly (None for regression)."""
        matrix = self.weights.reshape(self.model.shape)
        scores = inputs @ matrix[:-1] + matrix[-1] if self.model.bias else inputs @ matrix
        if self.model.kind.task == "binary":
            return float(np.mean((scores[:, 0] > 0) == (targets > 0.5)))
        if self.model.kind.task == "classes":
            return float(np.mean(scores.argmax(axis=1) == targets.argmax(axis=1)))
        return None


def train(
    model_name: str,
    dataset: Dataset,
    config: OptimizerConfig,
    schedule: Schedule = Schedule(),
    progress: Callable[[int], None] | None = None,
    deadline: float | None = None,
) -> TrainingRun:
    """Fit the model from zero weights; each epoch visits every sample once."""
    if schedule.epochs < 1:
        raise InputError("--epochs must be at least 1.")
    if schedule.batch_size is not None and schedule.batch_size < 1:
        raise InputError("--batch-size must be at least 1.")
    targets, outputs = targets_for(model_name, dataset)
    model = compile_model(model_name, dataset.inputs.shape[1], outputs)
    inputs = dataset.inputs
    rng = np.random.default_rng(schedule.seed) if schedule.shuffle else None
    size = min(schedule.batch_size or dataset.size, dataset.size)
    updates = schedule.epochs * -(-dataset.size // size)
    if updates > MAX_UPDATES:
        raise TooLarge(f"{schedule.epochs} epochs of batches of {size} make {updates} updates; the limit is {MAX_UPDATES}.")
    weights = np.zeros(model.shape[0] * model.shape[1])
    state = initial_state()
    points, losses = [weights], [model.loss(weights, inputs, targets)]
    stopped_by, reason = "epochs", None
    for _ in range(schedule.epochs):
        for index in batches(dataset.size, size, rng):
            batch_x, batch_y = inputs[index], targets[index]

            def gradient_at(w, bx=batch_x, by=batch_y):
                return model.gradient(w, bx, by)

            weights, state = optimizer_step(config, state, weights, gradient_at(weights), gradient_at)
            points.append(weights)
        losses.append(model.loss(weights, inputs, targets))
        check_deadline(deadline, "the training")
        if progress is not None:
            progress(1)
        reason = divergence_reason(losses, weights, config.lr, config.label, unit="epoch")
        if reason is not None:
            stopped_by = "diverged"
            break
        if schedule.loss_tolerance is not None and abs(losses[-1] - losses[-2]) <= schedule.loss_tolerance:
            stopped_by = "loss_tolerance"
            break
        if schedule.gradient_tolerance is not None:
            if float(np.linalg.norm(model.gradient(weights, inputs, targets))) <= schedule.gradient_tolerance:
                stopped_by = "gradient_tolerance"
                break
    return TrainingRun(model, config, schedule, np.array(points), tuple(losses), stopped_by, reason)
