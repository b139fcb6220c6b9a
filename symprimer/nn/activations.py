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

from symprimer.nn.functions import normal_cdf, normal_pdf, numpy_modules, sigmoid, softmax_component
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
    Activation("identity", "identity", x, sp.Integer(1), "(-inf, inf)", "increasing", "smooth (C-infinity)"),
    Activation(
        "binary_step", "binary step", sp.Piecewise((1, x >= 0), (0, True)), sp.Integer(0), "{0, 1}",
        "non-decreasing", "discontinuous at 0 (a jump)",
        hand_text="The step is constant on each side, so its derivative is 0 wherever it exists.",
        kink_values=((sp.Integer(0), sp.Integer(0)),),
        convention="at the jump x = 0 there is no derivative; the value 0 is used (so no gradient flows)",
    ),
    Activation(
        "sigmoid", "logistic sigmoid", 1 / (1 + sp.exp(-x)), sigmoid(x) * (1 - sigmoid(x)), "(0, 1)",
        "increasing", "smooth (C-infinity)",
        hand_text="Hand form: e^-x/(1 + e^-x)^2 = sigma(x)(1 - sigma(x)), since 1 - sigma(x) = e^-x/(1 + e^-x).",
    ),
    Activation(
        "tanh", "hyperbolic tangent", sp.tanh(x), 1 - sp.tanh(x) ** 2, "(-1, 1)", "increasing", "smooth (C-infinity)",
    ),
    Activation(
        "relu", "rectified linear unit", sp.Max(0, x), _step(sp.Integer(1), sp.Integer(0)), "[0, inf)",
        "non-decreasing", "C0 (a kink at 0)",
        kink_values=((sp.Integer(0), sp.Integer(0)),),
        convention="ReLU'(0) = 0, as in PyTorch (threshold_backward passes the gradient only where x > 0)",
    ),
    Activation(
        "leaky_relu", "leaky ReLU", _step(x, LEAKY_SLOPE * x), _step(sp.Integer(1), LEAKY_SLOPE),
        "(-inf, inf)", "increasing", "C0 (a kink at 0)",
        kink_values=((sp.Integer(0), LEAKY_SLOPE),),
        convention="the derivative at 0 is the negative slope 0.01 (PyTorch's default negative_slope), as in PyTorch",
    ),
    Activation(
        "prelu", "parametric ReLU", _step(x, a * x), _step(sp.Integer(1), a), "(-inf, inf) for 0 < a < 1",
        "increasing for a > 0", "C0 (a kink at 0 unless a = 1)",
        parameters=((a, PRELU_SLOPE, "the learned slope for x < 0 (PyTorch initialises it to 0.25)"),),
        kink_values=((sp.Integer(0), a),),
        convention="the derivative at 0 is the slope a, as in PyTorch (the gradient is 1 only where x > 0)",
    ),
    Activation(
        "elu", "exponential linear unit", _step(x, alpha * (sp.exp(x) - 1)), _step(sp.Integer(1), alpha * sp.exp(x)),
        "(-alpha, inf)", "increasing", "C1 when alpha = 1, else C0 (a kink at 0)",
        parameters=((alpha, sp.Integer(1), "the saturation value -alpha for x -> -inf (PyTorch default 1)"),),
        kink_values=((sp.Integer(0), alpha),),
        convention="the derivative at 0 is alpha e^0 = alpha (PyTorch uses the x <= 0 branch at 0; 1 for alpha = 1)",
    ),
    Activation(
        "selu", "scaled ELU", lamda * _step(x, alpha * (sp.exp(x) - 1)), _step(lamda, lamda * alpha * sp.exp(x)),
        "(-lamda alpha, inf)", "increasing", "C0 (a kink at 0)",
        parameters=(
            (alpha, SELU_ALPHA, "PyTorch's fixed SELU alpha 1.6732632423543772..."),
            (lamda, SELU_SCALE, "PyTorch's fixed SELU scale 1.0507009873554804..."),
        ),
        kink_values=((sp.Integer(0), lamda * alpha),),
        convention="the derivative at 0 is lamda alpha (about 1.7581), PyTorch's x <= 0 branch",
    ),
    Activation(
        "softplus", "softplus", sp.log(1 + sp.exp(x)), sigmoid(x), "(0, inf)", "increasing", "smooth (C-infinity)",
        hand_text="Hand form: e^x/(1 + e^x) = 1/(1 + e^-x) = sigma(x).",
        convention="PyTorch's softplus (beta = 1) switches to x above threshold 20 (derivative 1), where sigma(x) is within e^-20 of 1",
    ),
    Activation(
        "softsign", "softsign", x / (1 + sp.Abs(x)), 1 / (1 + sp.Abs(x)) ** 2, "(-1, 1)", "increasing",
        "C1 (the second derivative jumps at 0)",
        hand_text="Hand form: x sign(x) = |x|, so the numerator 1 + |x| - x sign(x) is 1.",
        kink_values=((sp.Integer(0), sp.Integer(1)),),
        convention="softsign'(0) = 1: the one-sided derivatives agree, so there is no real kink in the first derivative",
    ),
    Activation(
        "gelu", "Gaussian error linear unit (exact)", x * (1 + sp.erf(x / sp.sqrt(2))) / 2,
        written_sum(normal_cdf(x), written_product(x, normal_pdf(x))),
        "about [-0.17, inf)", "not monotonic (a minimum near x = -0.75)", "smooth (C-infinity)",
        hand_text="Hand form: $\\operatorname{GELU}'(x) = \\Phi(x) + x\\phi(x)$, with $\\Phi$ the standard normal "
        "distribution function and $\\phi$ its density.",
        convention="PyTorch's default approximate='none' (the erf form), not the tanh approximation",
    ),
    Activation(
        "silu", "SiLU / swish", x * sigmoid(x),
        written_product(sigmoid(x), written_sum(1, written_product(x, 1 - sigmoid(x)))),
        "about [-0.28, inf)", "not monotonic (a minimum near x = -1.28)", "smooth (C-infinity)",
        hand_text="Hand form: take out the common factor $\\sigma(x)$.",
    ),
    Activation(
        "gaussian", "Gaussian", sp.exp(-x**2), -2 * x * sp.exp(-x**2), "(0, 1]",
        "increasing for x < 0, decreasing for x > 0", "smooth (C-infinity)",
    ),
    Activation(
        "softmax", "softmax (K = 3 logits)",
        sp.ImmutableMatrix([softmax_component(i, *Z).as_quotient() for i in range(1, SOFTMAX_CLASSES + 1)]),
        _softmax_jacobian(), "each s_i in (0, 1), sum_i s_i = 1", "s_i increases in z_i, decreases in z_j",
        "smooth (C-infinity)",
        hand_text="Hand form: ds_i/dz_j = s_i (delta_ij - s_j).",
        variable=Z[0],
    ),
)

ACTIVATIONS = MappingProxyType({entry.name: entry for entry in _ENTRIES})
