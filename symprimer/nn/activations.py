"""The activation catalogue: definition, hand-form derivative and PyTorch's conventions.

Names are PyTorch's functional names.  Parameters keep readable symbols (``alpha``, ``a``,
``lamda``) with PyTorch's defaults in ``parameters``; the NumPy evaluations are lambdified
from these expressions (with the defaults substituted), never from user text.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Callable

import sympy as sp

from symprimer.core.functions import normal_cdf, normal_pdf, numpy_modules, sigmoid, softmax_component
from symprimer.render.handform import written_decimal, written_product, written_sum

x = sp.Symbol("x", real=True)
alpha = sp.Symbol("alpha", positive=True)
a = sp.Symbol("a", real=True)
lamda = sp.Symbol("lamda", positive=True)

SELU_ALPHA = sp.Float("1.6732632423543772848170429916717", 30)
SELU_SCALE = sp.Float("1.0507009873554804934193349852946", 30)
LEAKY_SLOPE = written_decimal("0.01")  # PyTorch's default negative_slope, printed as given
PRELU_SLOPE = written_decimal("0.25")  # PyTorch's initial PReLU slope
SOFTMAX_CLASSES = 3
Z = sp.symbols(f"z_1:{SOFTMAX_CLASSES + 1}", real=True)


@dataclass(frozen=True)
class Numpy:
    """The entry's function and derivative as NumPy callables of x (defaults substituted)."""

    function: Callable
    derivative: Callable


@dataclass(frozen=True)
class Activation:
    name: str
    title: str
    definition: sp.Expr
    derivative: sp.Expr  # the hand form
    value_range: str
    monotonicity: str
    continuity: str
    hand_text: str = ""
    parameters: tuple[tuple[sp.Symbol, sp.Expr, str], ...] = ()  # symbol, PyTorch default, meaning
    kink_values: tuple[tuple[sp.Expr, sp.Expr], ...] = ()  # point -> derivative PyTorch uses there
    convention: str = ""
    variable: sp.Symbol = x

    @property
    def defaults(self) -> dict:
        return {symbol: value for symbol, value, _ in self.parameters}

    @property
    def kinks(self) -> tuple[sp.Expr, ...]:
        return tuple(point for point, _ in self.kink_values)

    @property
    def numpy(self) -> Numpy:
        return _compiled(self.name)


@lru_cache(maxsize=None)
def _compiled(name: str) -> Numpy:
    entry = ACTIVATIONS[name]
    variables = entry.variable if entry.name != "softmax" else Z
    function = sp.lambdify(variables, entry.definition.subs(entry.defaults), numpy_modules())
    derivative = sp.lambdify(variables, entry.derivative.subs(entry.defaults), numpy_modules())
    return Numpy(function, derivative)


def _step(condition_value: sp.Expr, otherwise: sp.Expr) -> sp.Expr:
    return sp.Piecewise((condition_value, x > 0), (otherwise, True))


def _softmax_jacobian() -> sp.ImmutableMatrix:
    s = [softmax_component(i, *Z) for i in range(1, SOFTMAX_CLASSES + 1)]
    return sp.ImmutableMatrix(
        SOFTMAX_CLASSES, SOFTMAX_CLASSES, lambda i, j: s[i] * ((1 if i == j else 0) - s[j])
    )


_ENTRIES = (
    Activation("identity", "identity", x, sp.Integer(1), r"$(-\infty, \infty)$", "increasing", r"smooth ($C^{\infty}$)"),
    Activation(
        "binary_step", "binary step", sp.Piecewise((1, x >= 0), (0, True)), sp.Integer(0), r"$\{0, 1\}$",
        "non-decreasing", "discontinuous at 0 (a jump)",
        hand_text="The step is constant on each side, so its derivative is 0 wherever it exists.",
        kink_values=((sp.Integer(0), sp.Integer(0)),),
        convention="at the jump $x = 0$ there is no derivative; the value $0$ is used (so no gradient flows)",
    ),
    Activation(
        "sigmoid", "logistic sigmoid", 1 / (1 + sp.exp(-x)), sigmoid(x) * (1 - sigmoid(x)), "$(0, 1)$",
        "increasing", r"smooth ($C^{\infty}$)",
        hand_text=(r"Hand form: $\frac{e^{-x}}{(1 + e^{-x})^{2}} = \sigma(x)\bigl(1 - \sigma(x)\bigr)$, "
                   r"since $1 - \sigma(x) = \frac{e^{-x}}{1 + e^{-x}}$."),
    ),
    Activation(
        "tanh", "hyperbolic tangent", sp.tanh(x), 1 - sp.tanh(x) ** 2, "$(-1, 1)$", "increasing", r"smooth ($C^{\infty}$)",
    ),
    Activation(
        "relu", "rectified linear unit", sp.Max(0, x), _step(sp.Integer(1), sp.Integer(0)), r"$[0, \infty)$",
        "non-decreasing", "$C^{0}$ (a kink at $0$)",
        kink_values=((sp.Integer(0), sp.Integer(0)),),
        convention=r"$\operatorname{ReLU}'(0) = 0$, as in PyTorch (the gradient passes only where $x > 0$)",
    ),
    Activation(
        "leaky_relu", "leaky ReLU", _step(x, LEAKY_SLOPE * x), _step(sp.Integer(1), LEAKY_SLOPE),
        r"$(-\infty, \infty)$", "increasing", "$C^{0}$ (a kink at $0$)",
        kink_values=((sp.Integer(0), LEAKY_SLOPE),),
        convention="the derivative at $0$ is the negative slope $0.01$ (PyTorch's default), as in PyTorch",
    ),
    Activation(
        "prelu", "parametric ReLU", _step(x, a * x), _step(sp.Integer(1), a), r"$(-\infty, \infty)$ for $0 < a < 1$",
        "increasing for $a > 0$", "$C^{0}$ (a kink at $0$ unless $a = 1$)",
        parameters=((a, PRELU_SLOPE, "the learned slope for $x < 0$ (PyTorch initialises it to $0.25$)"),),
        kink_values=((sp.Integer(0), a),),
        convention="the derivative at $0$ is the slope $a$, as in PyTorch (the gradient is $1$ only where $x > 0$)",
    ),
    Activation(
        "elu", "exponential linear unit", _step(x, alpha * (sp.exp(x) - 1)), _step(sp.Integer(1), alpha * sp.exp(x)),
        r"$(-\alpha, \infty)$", "increasing", r"$C^{1}$ when $\alpha = 1$, else $C^{0}$ (a kink at $0$)",
        parameters=((alpha, sp.Integer(1), r"the saturation value $-\alpha$ as $x \to -\infty$ (PyTorch default $1$)"),),
        kink_values=((sp.Integer(0), alpha),),
        convention=r"the derivative at $0$ is $\alpha e^{0} = \alpha$ (PyTorch uses the branch $x \leq 0$ there; $1$ for $\alpha = 1$)",
    ),
    Activation(
        "selu", "scaled ELU", lamda * _step(x, alpha * (sp.exp(x) - 1)), _step(lamda, lamda * alpha * sp.exp(x)),
        r"$(-\lambda \alpha, \infty)$", "increasing", "$C^{0}$ (a kink at $0$)",
        parameters=(
            (alpha, SELU_ALPHA, r"PyTorch's fixed SELU $\alpha = 1.6732632423543772\ldots$"),
            (lamda, SELU_SCALE, r"PyTorch's fixed SELU scale $\lambda = 1.0507009873554804\ldots$"),
        ),
        kink_values=((sp.Integer(0), lamda * alpha),),
        convention=r"the derivative at $0$ is $\lambda \alpha \approx 1.7581$, PyTorch's branch $x \leq 0$",
    ),
    Activation(
        "softplus", "softplus", sp.log(1 + sp.exp(x)), sigmoid(x), r"$(0, \infty)$", "increasing", r"smooth ($C^{\infty}$)",
        hand_text=r"Hand form: $\frac{e^{x}}{1 + e^{x}} = \frac{1}{1 + e^{-x}} = \sigma(x)$.",
        convention=(r"PyTorch's softplus ($\beta = 1$) switches to $x$ above the threshold $20$ (derivative $1$), "
                    r"where $\sigma(x)$ is within $e^{-20}$ of $1$"),
    ),
    Activation(
        "softsign", "softsign", x / (1 + sp.Abs(x)), 1 / (1 + sp.Abs(x)) ** 2, "$(-1, 1)$", "increasing",
        "$C^{1}$ (the second derivative jumps at $0$)",
        hand_text=r"Hand form: $x \operatorname{sgn}(x) = |x|$, so the numerator $1 + |x| - x \operatorname{sgn}(x)$ is $1$.",
        kink_values=((sp.Integer(0), sp.Integer(1)),),
        convention=r"$\operatorname{softsign}'(0) = 1$: the one-sided derivatives agree, so the first derivative has no kink",
    ),
    Activation(
        "gelu", "Gaussian error linear unit (exact)", x * (1 + sp.erf(x / sp.sqrt(2))) / 2,
        written_sum(normal_cdf(x), written_product(x, normal_pdf(x))),
        r"about $[-0.17, \infty)$", "not monotonic (a minimum near $x = -0.75$)", r"smooth ($C^{\infty}$)",
        hand_text="Hand form: $\\operatorname{GELU}'(x) = \\Phi(x) + x\\phi(x)$, with $\\Phi$ the standard normal "
        "distribution function and $\\phi$ its density.",
        convention="PyTorch's default, the exact form with the error function (not the approximation by tanh)",
    ),
    Activation(
        "silu", "SiLU / swish", x * sigmoid(x),
        written_product(sigmoid(x), written_sum(1, written_product(x, 1 - sigmoid(x)))),
        r"about $[-0.28, \infty)$", "not monotonic (a minimum near $x = -1.28$)", r"smooth ($C^{\infty}$)",
        hand_text=r"Hand form: $\sigma + x \sigma (1 - \sigma) = \sigma(x)\bigl(1 + x\bigl(1 - \sigma(x)\bigr)\bigr)$.",
    ),
    Activation(
        "gaussian", "Gaussian", sp.exp(-x**2), -2 * x * sp.exp(-x**2), "$(0, 1]$",
        "increasing for $x < 0$, decreasing for $x > 0$", r"smooth ($C^{\infty}$)",
    ),
    Activation(
        "softmax", "softmax ($K = 3$ logits)",
        sp.ImmutableMatrix([softmax_component(i, *Z).as_quotient() for i in range(1, SOFTMAX_CLASSES + 1)]),
        _softmax_jacobian(), r"each $s_{i} \in (0, 1)$, $\sum_{i} s_{i} = 1$", "$s_{i}$ increases in $z_{i}$, decreases in $z_{j}$",
        r"smooth ($C^{\infty}$)",
        hand_text=r"Hand form: $\frac{\partial s_{i}}{\partial z_{j}} = s_{i} (\delta_{ij} - s_{j})$.",
        variable=Z[0],
    ),
)

ACTIVATIONS = MappingProxyType({entry.name: entry for entry in _ENTRIES})
