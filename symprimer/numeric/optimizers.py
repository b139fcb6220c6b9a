"""The optimisers as frozen configs and pure step functions over an immutable state.

Two conventions per optimiser:

* ``pytorch`` (default): the update rules, defaults and floating-point order of operations of
  ``torch.optim`` (single-tensor path), so trajectories match PyTorch step for step;
* ``textbook``: the forms of Ruder (2016) and Sutskever et al. (2013), e.g. Nesterov's
  gradient taken at the look-ahead point and epsilon inside the square root.

A step function maps ``(config, state, params, gradient, gradient_at)`` to
``(new_params, new_state)``; ``gradient`` is the gradient at ``params`` and ``gradient_at``
evaluates it elsewhere (only textbook Nesterov needs that).  Nothing is updated in place.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Callable, Mapping

import numpy as np

from symprimer.core.errors import InputError

CONVENTIONS = ("pytorch", "textbook")


@dataclass(frozen=True)
class OptimizerConfig:
    """One optimiser's settings; fields that a given optimiser does not use are ignored."""

    name: str
    lr: float
    convention: str = "pytorch"
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    alpha: float = 0.99
    rho: float = 0.9
    eps: float = 1e-8
    weight_decay: float = 0.0

    @property
    def label(self) -> str:
        return f"{DISPLAY_NAMES[self.name]} (lr={self.lr:g})"

    def settings(self) -> dict:
        used = USED_FIELDS[self.name]
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in used}


@dataclass(frozen=True)
class OptimizerState:
    """Step count and the optimiser's running quantities (momentum buffer, averages, ...)."""

    step: int = 0
    slots: Mapping[str, np.ndarray] = field(default_factory=dict)

    def slot(self, name: str, like: np.ndarray) -> np.ndarray:
        return self.slots.get(name, np.zeros_like(like))


def _state(state: OptimizerState, **slots) -> OptimizerState:
    return OptimizerState(step=state.step + 1, slots=MappingProxyType({**state.slots, **slots}))


# ---- PyTorch forms (operation order as in torch/optim/*.py, single-tensor path) ----


def _sgd(c, s, p, g, at):
    return p + (-c.lr) * g, _state(s)


def _momentum_torch(c, s, p, g, at):
    buf = g.copy() if s.step == 0 else s.slots["buf"] * c.momentum + g
    return p + (-c.lr) * buf, _state(s, buf=buf)


def _nesterov_torch(c, s, p, g, at):
    buf = g.copy() if s.step == 0 else s.slots["buf"] * c.momentum + g
    direction = g + c.momentum * buf
    return p + (-c.lr) * direction, _state(s, buf=buf)


def _adagrad_torch(c, s, p, g, at):
    total = s.slot("sum", p) + 1 * g * g
    std = np.sqrt(total) + c.eps
    return p + (-c.lr) * g / std, _state(s, sum=total)


def _adadelta_torch(c, s, p, g, at):
    square_avg = s.slot("square_avg", p) * c.rho + (1 - c.rho) * g * g
    std = np.sqrt(square_avg + c.eps)
    delta = np.sqrt(s.slot("acc_delta", p) + c.eps) / std * g
    acc_delta = s.slot("acc_delta", p) * c.rho + (1 - c.rho) * delta * delta
    return p + (-c.lr) * delta, _state(s, square_avg=square_avg, acc_delta=acc_delta)


def _rmsprop_torch(c, s, p, g, at):
    square_avg = s.slot("square_avg", p) * c.alpha + (1 - c.alpha) * g * g
    avg = np.sqrt(square_avg) + c.eps
    return p + (-c.lr) * g / avg, _state(s, square_avg=square_avg)


def _lerp(start: np.ndarray, end: np.ndarray, weight: float) -> np.ndarray:
    """torch.lerp's two-branch formula (it matters in the last bit)."""
    if abs(weight) < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1 - weight)


def _adam_core(c, s, p, g):
    exp_avg = _lerp(s.slot("exp_avg", p), g, 1 - c.beta1)
    exp_avg_sq = s.slot("exp_avg_sq", p) * c.beta2 + (1 - c.beta2) * g * g
    step = s.step + 1
    bias_correction1 = 1 - c.beta1**step
    bias_correction2 = 1 - c.beta2**step
    step_size = c.lr / bias_correction1
    denom = np.sqrt(exp_avg_sq) / math.sqrt(bias_correction2) + c.eps
    return p + (-step_size) * exp_avg / denom, _state(s, exp_avg=exp_avg, exp_avg_sq=exp_avg_sq)


def _adam_torch(c, s, p, g, at):
    return _adam_core(c, s, p, g)


def _adamw_torch(c, s, p, g, at):
    return _adam_core(c, s, p * (1 - c.lr * c.weight_decay), g)


# ---- textbook forms (Ruder 2016; Sutskever et al. 2013) ----


def _momentum_textbook(c, s, p, g, at):
    velocity = c.momentum * s.slot("v", p) + c.lr * g
    return p - velocity, _state(s, v=velocity)


def _nesterov_textbook(c, s, p, g, at):
    previous = s.slot("v", p)
    velocity = c.momentum * previous + c.lr * at(p - c.momentum * previous)
    return p - velocity, _state(s, v=velocity)


def _adagrad_textbook(c, s, p, g, at):
    total = s.slot("G", p) + g * g
    return p - c.lr / np.sqrt(total + c.eps) * g, _state(s, G=total)


def _adadelta_textbook(c, s, p, g, at):
    eg2 = c.rho * s.slot("Eg2", p) + (1 - c.rho) * g * g
    edx2 = s.slot("Edx2", p)
    delta = -np.sqrt(edx2 + c.eps) / np.sqrt(eg2 + c.eps) * g
    return p + delta, _state(s, Eg2=eg2, Edx2=c.rho * edx2 + (1 - c.rho) * delta * delta)


def _rmsprop_textbook(c, s, p, g, at):
    eg2 = c.alpha * s.slot("Eg2", p) + (1 - c.alpha) * g * g
    return p - c.lr / np.sqrt(eg2 + c.eps) * g, _state(s, Eg2=eg2)


def _adam_textbook_core(c, s, p, g, decay: float):
    m = c.beta1 * s.slot("m", p) + (1 - c.beta1) * g
    v = c.beta2 * s.slot("v", p) + (1 - c.beta2) * g * g
    t = s.step + 1
    m_hat = m / (1 - c.beta1**t)
    v_hat = v / (1 - c.beta2**t)
    return p - c.lr * (m_hat / (np.sqrt(v_hat) + c.eps) + decay * p), _state(s, m=m, v=v)


def _adam_textbook(c, s, p, g, at):
    return _adam_textbook_core(c, s, p, g, 0.0)


def _adamw_textbook(c, s, p, g, at):
    return _adam_textbook_core(c, s, p, g, c.weight_decay)


StepFunction = Callable[..., tuple[np.ndarray, OptimizerState]]

STEP_FUNCTIONS: Mapping[tuple[str, str], StepFunction] = MappingProxyType(
    {
        ("sgd", "pytorch"): _sgd,
        ("sgd", "textbook"): _sgd,
        ("momentum", "pytorch"): _momentum_torch,
        ("momentum", "textbook"): _momentum_textbook,
        ("nesterov", "pytorch"): _nesterov_torch,
        ("nesterov", "textbook"): _nesterov_textbook,
        ("adagrad", "pytorch"): _adagrad_torch,
        ("adagrad", "textbook"): _adagrad_textbook,
        ("adadelta", "pytorch"): _adadelta_torch,
        ("adadelta", "textbook"): _adadelta_textbook,
        ("rmsprop", "pytorch"): _rmsprop_torch,
        ("rmsprop", "textbook"): _rmsprop_textbook,
        ("adam", "pytorch"): _adam_torch,
        ("adam", "textbook"): _adam_textbook,
        ("adamw", "pytorch"): _adamw_torch,
        ("adamw", "textbook"): _adamw_textbook,
    }
)

DISPLAY_NAMES = MappingProxyType(
    {
        "sgd": "SGD",
        "momentum": "Momentum",
        "nesterov": "Nesterov",
        "adagrad": "Adagrad",
        "adadelta": "Adadelta",
        "rmsprop": "RMSprop",
        "adam": "Adam",
        "adamw": "AdamW",
    }
)
OPTIMIZERS = tuple(DISPLAY_NAMES)

USED_FIELDS = MappingProxyType(
    {
        "sgd": ("lr",),
        "momentum": ("lr", "momentum"),
        "nesterov": ("lr", "momentum"),
        "adagrad": ("lr", "eps"),
        "adadelta": ("lr", "rho", "eps"),
        "rmsprop": ("lr", "alpha", "eps"),
        "adam": ("lr", "beta1", "beta2", "eps"),
        "adamw": ("lr", "beta1", "beta2", "eps", "weight_decay"),
    }
)

# Defaults per convention: PyTorch's constructor defaults; the textbook values of Ruder (2016).
DEFAULTS = MappingProxyType(
    {
        "pytorch": {
            "sgd": dict(lr=1e-3),
            "momentum": dict(lr=1e-3, momentum=0.9),
            "nesterov": dict(lr=1e-3, momentum=0.9),
            "adagrad": dict(lr=1e-2, eps=1e-10),
            "adadelta": dict(lr=1.0, rho=0.9, eps=1e-6),
            "rmsprop": dict(lr=1e-2, alpha=0.99, eps=1e-8),
            "adam": dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8),
            "adamw": dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2),
        },
        "textbook": {
            "sgd": dict(lr=1e-2),
            "momentum": dict(lr=1e-2, momentum=0.9),
            "nesterov": dict(lr=1e-2, momentum=0.9),
            "adagrad": dict(lr=1e-2, eps=1e-8),
            "adadelta": dict(lr=1.0, rho=0.9, eps=1e-6),
            "rmsprop": dict(lr=1e-3, alpha=0.9, eps=1e-8),
            "adam": dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8),
            "adamw": dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2),
        },
    }
)


def make_optimizer(name: str, convention: str = "pytorch", **overrides) -> OptimizerConfig:
    """The config for ``name`` with the convention's defaults; ``None`` overrides are ignored."""
    key = name.strip().lower()
    if key not in DISPLAY_NAMES:
        raise InputError(f"the optimiser {name!r} is not known; choose from {', '.join(OPTIMIZERS)}.")
    if convention not in CONVENTIONS:
        raise InputError(f"the convention {convention!r} is not known; choose pytorch or textbook.")
    settings = {**DEFAULTS[convention][key], **{k: v for k, v in overrides.items() if v is not None}}
    config = OptimizerConfig(name=key, convention=convention, **settings)
    _validate(config)
    return config


def _validate(config: OptimizerConfig) -> None:
    if not (config.lr > 0 and math.isfinite(config.lr)):
        raise InputError(f"the learning rate {config.lr!r} must be a positive number.")
    for name in ("momentum", "beta1", "beta2", "alpha", "rho"):
        value = getattr(config, name)
        if name in USED_FIELDS[config.name] and not 0 <= value < 1:
            raise InputError(f"{name} = {value!r} must be at least 0 and less than 1.")
    if config.eps < 0:
        raise InputError(f"eps = {config.eps!r} must not be negative.")


def initial_state() -> OptimizerState:
    return OptimizerState()


def optimizer_step(config: OptimizerConfig, state: OptimizerState, params, gradient, gradient_at):
    """One update: ``(new_params, new_state)``."""
    return STEP_FUNCTIONS[(config.name, config.convention)](config, state, params, gradient, gradient_at)


def with_lr(config: OptimizerConfig, lr: float) -> OptimizerConfig:
    return replace(config, lr=lr)
