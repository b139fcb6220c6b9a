"""The loss catalogue: definition in the prediction (f or p) and label y, use, derivative.

Names are PyTorch's functional names where one exists.  ``derivative`` is the hand form of
dL/d(prediction); ``through`` gives the hand form of dL/dz when the prediction is an output
function of logits z.  The categorical cross-entropy is a vector loss over K classes and is
built by ``cce_symbols``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Callable

import sympy as sp

from symprimer.core.functions import numpy_modules, sigmoid
from symprimer.render.handform import written_difference, written_product

f = sp.Symbol("f", real=True)
p = sp.Symbol("p", positive=True)
y = sp.Symbol("y", real=True)
z = sp.Symbol("z", real=True)
delta = sp.Symbol("delta", positive=True)
DEFAULT_CLASSES = 3
MAX_CLASSES = 6


@dataclass(frozen=True)
class Numpy:
    """dL/d(prediction) as a NumPy callable of (prediction, y), defaults substituted."""

    loss: Callable
    derivative: Callable


@dataclass(frozen=True)
class Loss:
    name: str
    title: str
    definition: sp.Expr
    prediction: sp.Symbol
    derivative: sp.Expr  # hand form of dL/d(prediction)
    use: str
    labels: str
    convexity: str
    hand_text: str = ""
    through: tuple[tuple[str, sp.Expr], ...] = ()  # output function -> hand form of dL/dz
    parameters: tuple[tuple[sp.Symbol, sp.Expr, str], ...] = ()
    kink_values: tuple[tuple[tuple[sp.Expr, sp.Expr], sp.Expr], ...] = ()  # (prediction, y) -> dL there
    kink_text: str = ""
    second_derivative: sp.Expr | None = None  # hand form of d2L/d(prediction)2, where convexity is shown by it

    @property
    def defaults(self) -> dict:
        return {symbol: value for symbol, value, _ in self.parameters}

    @property
    def label(self) -> sp.Symbol:
        return y

    @property
    def numpy(self) -> Numpy:
        return _compiled(self.name)


@lru_cache(maxsize=None)
def _compiled(name: str) -> Numpy:
    entry = LOSSES[name]
    if entry.name == "cce":
        labels, probabilities = cce_symbols(DEFAULT_CLASSES)
        loss = cce_definition(DEFAULT_CLASSES)
        gradient = sp.ImmutableMatrix([-yj / pj for yj, pj in zip(labels, probabilities)])
        return Numpy(
            sp.lambdify((probabilities, labels), loss, numpy_modules()),
            sp.lambdify((probabilities, labels), gradient, numpy_modules()),
        )
    variables = (entry.prediction, y)
    return Numpy(
        sp.lambdify(variables, entry.definition.subs(entry.defaults), numpy_modules()),
        sp.lambdify(variables, entry.derivative.subs(entry.defaults), numpy_modules()),
    )


def cce_symbols(classes: int) -> tuple[tuple[sp.Symbol, ...], tuple[sp.Symbol, ...]]:
    """Labels y_1..y_K and predicted probabilities p_1..p_K."""
    labels = sp.symbols(f"y_1:{classes + 1}", real=True)
    probabilities = sp.symbols(f"p_1:{classes + 1}", positive=True)
    return labels, probabilities


def cce_definition(classes: int) -> sp.Expr:
    labels, probabilities = cce_symbols(classes)
    return -sp.Add(*(yj * sp.log(pj) for yj, pj in zip(labels, probabilities)))


_residual = f - y
_score = written_product(y, f)  # y f(x): the label, then the score
_margin = written_difference(1, _score)

_ENTRIES = (
    Loss(
        "zero_one", "zero-one (misclassification) loss", sp.Piecewise((0, _score > 0), (1, True)), f, sp.Integer(0),
        r"classification: counts mistakes (score $f$, label $y \in \{-1, +1\}$; a mistake when $y f \leq 0$)",
        r"$y \in \{-1, +1\}$", "not convex (a step)",
        kink_text="it jumps where $y f = 0$ and has no derivative there",
    ),
    Loss(
        "squared", "squared loss", _residual**2, f, written_product(2, f - y), "regression", "$y$ real",
        r"convex: $\frac{\partial^{2} L}{\partial f^{2}} = 2 > 0$", hand_text="Hand form: take out the common factor $2$.",
        through=(("identity", written_product(2, z - y)),), second_derivative=sp.Integer(2),
    ),
    Loss(
        "absolute", "absolute (L1) loss", sp.Abs(_residual), f, sp.sign(f - y),
        "regression, robust to outliers", "$y$ real", "convex (the absolute value of an affine function)",
        kink_values=(((y, y), sp.Integer(0)),),
        kink_text=r"at $f = y$ there is a kink; PyTorch takes $\operatorname{sgn}(0) = 0$",
    ),
    Loss(
        "bce", "binary cross-entropy", -y * sp.log(p) - (1 - y) * sp.log(1 - p), p, (p - y) / (p * (1 - p)),
        r"binary classification ($p$ = predicted probability of class $1$)", r"$y \in \{0, 1\}$ (or in $[0, 1]$)",
        r"convex in $p$: $\frac{\partial^{2} L}{\partial p^{2}} = \frac{y}{p^{2}} + \frac{1 - y}{(1 - p)^{2}} \geq 0$",
        hand_text=r"Hand form: $-\frac{y}{p} + \frac{1 - y}{1 - p} = \frac{p - y}{p(1 - p)}$.",
        through=(("sigmoid", sigmoid(z) - y),), second_derivative=y / p**2 + (1 - y) / (1 - p) ** 2,
    ),
    Loss(
        "cce", "categorical cross-entropy", cce_definition(DEFAULT_CLASSES), p, -y / p,
        r"multi-class classification ($p_{j}$ = predicted probability of class $j$)",
        r"$y_{1}, \ldots, y_{K}$ a one-hot (or probability) vector: $\sum_{j} y_{j} = 1$",
        r"convex in the logits $z$ (the Hessian $\operatorname{diag}(p) - p p^{T}$ is positive semi-definite)",
        through=(("softmax", p - y),),
    ),
    Loss(
        "hinge", "binary hinge loss", sp.Max(0, _margin), f, sp.Piecewise((-y, _score < 1), (0, True)),
        r"binary classification with a margin (score $f$, label $y \in \{-1, +1\}$)", r"$y \in \{-1, +1\}$",
        "convex (the maximum of affine functions)",
        kink_values=(((sp.Integer(1), sp.Integer(1)), sp.Integer(0)),),
        kink_text="at the margin $y f = 1$ there is a kink; PyTorch (as for ReLU) takes $0$ there",
    ),
    Loss(
        "squared_hinge", "squared hinge loss", sp.Max(0, _margin) ** 2, f, -2 * y * sp.Max(0, _margin),
        r"binary classification with a smooth margin (label $y \in \{-1, +1\}$)", r"$y \in \{-1, +1\}$",
        "convex (the square of a non-negative convex function)",
        hand_text=r"Hand form: the piecewise factor times $\max(0, 1 - y f)$ is $-2 y \max(0, 1 - y f)$.",
        kink_values=(((sp.Integer(1), sp.Integer(1)), sp.Integer(0)),),
        kink_text="at $y f = 1$ both sides give $0$, so the derivative is continuous ($C^{1}$)",
    ),
    Loss(
        "huber", "Huber loss", sp.Piecewise((_residual**2 / 2, sp.Abs(_residual) <= delta), (delta * (sp.Abs(_residual) - delta / 2), True)),
        f, sp.Piecewise((f - y, sp.Abs(f - y) <= delta), (delta * sp.sign(f - y), True)),
        "regression: squared near $0$, linear (robust) in the tails", "$y$ real",
        r"convex ($C^{1}$, second derivative $1$ inside $|f - y| \leq \delta$ and $0$ outside)",
        parameters=((delta, sp.Integer(1), r"the switch point (PyTorch's default $\delta = 1$)"),),
    ),
    Loss(
        "log_cosh", "log-cosh loss", sp.log(sp.cosh(_residual)), f, sp.tanh(f - y), "regression (smooth, like Huber)",
        "$y$ real", r"convex: $\frac{\partial^{2} L}{\partial f^{2}} = 1 - \tanh^{2}(f - y) > 0$",
        hand_text=r"Hand form: $\frac{\sinh}{\cosh} = \tanh$.", second_derivative=1 - sp.tanh(f - y) ** 2,
    ),
)

LOSSES = MappingProxyType({entry.name: entry for entry in _ENTRIES})
