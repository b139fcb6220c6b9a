"""Models for descent on data: linear (squared error), logistic (BCE through sigmoid) and
softmax (cross-entropy through softmax), each compiled in matrix form.

Only the per-sample loss l(z, y) of the model's score z is derived symbolically; the chain
rule through the linear score z = X~ W (X~ = [X, 1], the bias as a last row of W) is applied
in matrix form, so the mean loss over N samples has the gradient

    grad_W L = X~^T G / N,   G[n, k] = dl/dz_k (z_n, y_n),

with G evaluated elementwise on whole columns (vectorised, CSE'd) and the product by BLAS.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable

import numpy as np
import sympy as sp

from symprimer.core.errors import InputError
from symprimer.core.functions import softmax_probability
from symprimer.nn.losses import LOSSES, cce_definition, cce_symbols, f, p, y
from symprimer.numeric.compile import lambdify_safe, symbolic_gradient
from symprimer.numeric.functions import sigmoid


@dataclass(frozen=True)
class LossForm:
    """A per-sample loss of scores ``z`` (K of them) and targets ``y`` (K of them)."""

    name: str
    expression: sp.Expr
    scores: tuple[sp.Symbol, ...]
    targets: tuple[sp.Symbol, ...]
    shift_invariant: bool = False


def _squared(classes: int) -> LossForm:
    """The catalogue's squared loss (f - y)^2 with the score z as the prediction."""
    z = sp.Symbol("z", real=True)
    return LossForm("squared error", LOSSES["squared"].definition.xreplace({f: z}), (z,), (y,))


def _bce(classes: int) -> LossForm:
    """The catalogue's binary cross-entropy with p = sigmoid(z)."""
    z = sp.Symbol("z", real=True)
    return LossForm("binary cross-entropy", LOSSES["bce"].definition.xreplace({p: sigmoid(z)}), (z,), (y,))


def _cce(classes: int) -> LossForm:
    """The catalogue's categorical cross-entropy with p_j = softmax_j(z_1, ..., z_K)."""
    z = sp.symbols(f"z_1:{classes + 1}", real=True)
    labels, probabilities = cce_symbols(classes)
    substitution = {pj: softmax_probability(sp.Integer(j + 1), *z) for j, pj in enumerate(probabilities)}
    loss = cce_definition(classes).xreplace(substitution)
    return LossForm("categorical cross-entropy", loss, tuple(z), tuple(labels), shift_invariant=True)


@dataclass(frozen=True)
class ModelKind:
    name: str
    loss: Callable[[int], LossForm]
    prediction: str
    task: str  # "regression", "binary" or "classes"


MODELS = MappingProxyType(
    {
        "linear": ModelKind("linear", _squared, "z = X w + b", "regression"),
        "logistic": ModelKind("logistic", _bce, "p = sigmoid(X w + b)", "binary"),
        "softmax": ModelKind("softmax", _cce, "p = softmax(X W + b)", "classes"),
    }
)


@dataclass(frozen=True)
class CompiledModel:
    """Mean loss and its gradient over the weight matrix W of shape (features + 1, outputs)."""

    kind: ModelKind
    form: LossForm
    features: int
    outputs: int
    bias: bool
    score_gradient: tuple[sp.Expr, ...]
    _loss: Callable
    _dloss: Callable

    @property
    def shape(self) -> tuple[int, int]:
        return (self.features + int(self.bias), self.outputs)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        rows = [f"w{i + 1}" for i in range(self.features)] + ["b"] * self.bias
        if self.outputs == 1:
            return tuple(rows)
        return tuple(f"{r}_{k + 1}" for r in rows for k in range(self.outputs))

    def _score_columns(self, weights: np.ndarray, inputs: np.ndarray) -> list[np.ndarray]:
        """The scores z_k as K contiguous columns (matrix-vector products where K = 1: faster)."""
        matrix = weights.reshape(self.shape)
        weight, offset = (matrix[:-1], matrix[-1]) if self.bias else (matrix, 0.0)
        if self.outputs == 1:
            return [inputs @ weight[:, 0] + offset[0] if self.bias else inputs @ weight[:, 0]]
        scores = inputs @ weight + offset
        if self.form.shift_invariant:
            scores = scores - scores.max(axis=1, keepdims=True)
        return list(np.ascontiguousarray(scores.T))

    def loss(self, weights: np.ndarray, inputs: np.ndarray, targets: np.ndarray) -> float:
        """The mean per-sample loss over the rows of ``inputs``."""
        with np.errstate(all="ignore"):
            values = self._loss(*self._score_columns(weights, inputs), *_columns(targets))
        return float(np.mean(values))

    def gradient(self, weights: np.ndarray, inputs: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """X~^T G / N, flattened like ``weights``."""
        count = len(inputs)
        with np.errstate(all="ignore"):
            columns = self._dloss(*self._score_columns(weights, inputs), *_columns(targets))
        if len(columns) == 1:
            rows = np.broadcast_to(columns[0], (count,))[None, :]
        else:
            rows = np.array([np.broadcast_to(c, (count,)) for c in columns])
        weight_part = (rows @ inputs) / count  # divide the d-vector, not the N-vector
        if not self.bias:
            return weight_part.T.ravel()
        return np.vstack([weight_part.T, rows.sum(axis=1)[None, :] / count]).ravel()


def _columns(targets: np.ndarray) -> np.ndarray:
    return targets.reshape(len(targets), -1).T


def compile_model(name: str, features: int, outputs: int = 1, bias: bool = True) -> CompiledModel:
    """Derive dl/dz for the model's loss and compile loss and derivative to NumPy."""
    kind = MODELS.get(name)
    if kind is None:
        raise InputError(f"the model {name!r} is not known; choose from {', '.join(MODELS)}.")
    form = kind.loss(outputs)
    derivative = symbolic_gradient(form.expression, form.scores)
    derivative = tuple(sp.expand(d) for d in derivative)
    arguments = form.scores + form.targets
    return CompiledModel(
        kind, form, features, outputs, bias, derivative,
        lambdify_safe(arguments, form.expression),
        lambdify_safe(arguments, list(derivative)),
    )
