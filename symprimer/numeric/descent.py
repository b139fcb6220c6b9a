"""Gradient descent on a compiled function: trajectory, losses, stopping and divergence.

The loop is pure: each step calls ``optimizer_step`` on an immutable state and appends the
new point; stopping is decided by ``StopRule`` and divergence by ``divergence_reason``.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from symprimer.core.errors import BudgetExceeded
from symprimer.numeric.optimizers import OptimizerConfig, initial_state, optimizer_step


def check_deadline(deadline: float | None, what: str = "the descent") -> None:
    """Raise ``BudgetExceeded`` once ``time.monotonic()`` passes ``deadline`` (None: no limit)."""
    if deadline is not None and time.monotonic() > deadline:
        raise BudgetExceeded(f"{what} did not finish within its time budget; use fewer steps or epochs, or raise --timeout.")


@dataclass(frozen=True)
class StopRule:
    """Stop after ``steps`` updates, or earlier when the gradient norm or the change in loss is small."""

    steps: int = 100
    gradient_tolerance: float | None = None
    loss_tolerance: float | None = None


@dataclass(frozen=True)
class DescentRun:
    """One optimiser's run: ``trajectory[k]`` is x_k (x_0 the start), ``losses[k]`` = f(x_k)."""

    optimizer: OptimizerConfig
    variables: tuple[str, ...]
    trajectory: np.ndarray
    losses: tuple[float, ...]
    stopped_by: str
    divergence: str | None = None

    @property
    def diverged(self) -> bool:
        return self.divergence is not None

    @property
    def steps_taken(self) -> int:
        return len(self.trajectory) - 1

    @property
    def final(self) -> np.ndarray:
        return self.trajectory[-1]


GROWTH_WINDOW = 20
BLOW_UP_FACTOR = 1e8


def divergence_reason(
    losses: Sequence[float], point: np.ndarray, lr: float, label: str, unit: str = "step"
) -> str | None:
    """A plain-words reason when the run has diverged (loss not finite, exploding or growing
    steadily), naming the learning rate as the likely cause; None while it has not."""
    current = losses[-1]
    step = len(losses) - 1
    hint = f"the learning rate {lr:g} is probably too large; try a smaller --lr (e.g. {lr / 10:g})"
    if not math.isfinite(current) or not np.all(np.isfinite(point)):
        return f"{label} diverged at {unit} {step}: the loss became {'NaN' if math.isnan(current) else 'infinite'}; {hint}."
    start = abs(losses[0])
    if abs(current) > BLOW_UP_FACTOR * max(1.0, start):
        return f"{label} diverged at {unit} {step}: the loss grew to {current:.3g} from {losses[0]:.3g} at the start; {hint}."
    if len(losses) > GROWTH_WINDOW:
        window = losses[-GROWTH_WINDOW - 1 :]
        growing = all(b > a for a, b in zip(window, window[1:]))
        if growing and current > 10 * max(start, 1e-12):
            return (
                f"{label} diverged: the loss grew at every one of the last {GROWTH_WINDOW} {unit}s, "
                f"to {current:.3g} from {losses[0]:.3g} at the start; {hint}."
            )
    return None


def descend(
    value: Callable[[np.ndarray], float],
    gradient: Callable[[np.ndarray], np.ndarray],
    start: Sequence[float],
    config: OptimizerConfig,
    stop: StopRule = StopRule(),
    variables: Sequence[str] = (),
    progress: Callable[[int], None] | None = None,
    deadline: float | None = None,
) -> DescentRun:
    """Run ``config`` from ``start`` on f = ``value`` with grad f = ``gradient``."""
    point = np.asarray(start, dtype=float)
    state = initial_state()
    points = [point]
    losses = [value(point)]
    stopped_by, reason = "steps", None
    reason = divergence_reason(losses, point, config.lr, config.label)
    for _ in range(stop.steps if reason is None else 0):
        grad = gradient(point)
        if stop.gradient_tolerance is not None and float(np.linalg.norm(grad)) <= stop.gradient_tolerance:
            stopped_by = "gradient_tolerance"
            break
        point, state = optimizer_step(config, state, point, grad, gradient)
        points.append(point)
        if deadline is not None and len(points) % 256 == 0:
            check_deadline(deadline)
        losses.append(value(point))
        if progress is not None:
            progress(1)
        reason = divergence_reason(losses, point, config.lr, config.label)
        if reason is not None:
            stopped_by = "diverged"
            break
        if stop.loss_tolerance is not None and abs(losses[-1] - losses[-2]) <= stop.loss_tolerance:
            stopped_by = "loss_tolerance"
            break
    return DescentRun(config, tuple(variables), np.array(points), tuple(losses), stopped_by, reason)


def iterate(gradient: Callable[[np.ndarray], np.ndarray], start: np.ndarray, config: OptimizerConfig, steps: int) -> np.ndarray:
    """The bare loop (no losses, no checks): the final point after ``steps`` updates."""
    point = np.asarray(start, dtype=float)
    state = initial_state()
    for _ in range(steps):
        point, state = optimizer_step(config, state, point, gradient(point), gradient)
    return point
