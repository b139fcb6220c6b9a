"""Numeric stand-ins for the functions derived expressions use, and their NumPy meanings.

SymPy's ``Heaviside(0)`` is 1/2; PyTorch's sub-gradient at a kink is 0 (ReLU'(0) = 0), so
every Heaviside is swapped for ``step0`` (0 at 0) before compiling (the rule engine's
Piecewise derivatives already take 0 at kinks).  Logs of sigmoids and softmax probabilities
are rewritten to softplus / log-sum-exp forms that stay finite where the probability rounds
to 0 or 1.
"""
from __future__ import annotations

from types import MappingProxyType

import numpy as np
import sympy as sp


try:  # the catalogue's sigmoid (prints as sigma, differentiates to sigma (1 - sigma))
    from symprimer.core.functions import sigmoid
except ImportError:  # pragma: no cover - only before the catalogue exists

    class sigmoid(sp.Function):
        """The logistic sigmoid 1/(1+e^{-z}), differentiating to sigmoid (1 - sigmoid)."""

        def fdiff(self, argindex=1):
            return self * (1 - self)

        def _eval_rewrite_as_exp(self, arg, **kwargs):
            return 1 / (1 + sp.exp(-arg))

try:
    from symprimer.core.functions import softmax_component
except ImportError:  # pragma: no cover
    softmax_component = None


class softplus(sp.Function):
    """log(1 + e^z), used for log-sigmoid terms so that losses stay finite for large |z|."""

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return sp.log(1 + sp.exp(arg))


class step0(sp.Function):
    """The unit step with the value 0 at 0: PyTorch's sub-gradient convention at kinks."""

    def fdiff(self, argindex=1):
        return sp.S.Zero


def _np_sigmoid(z):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def _np_softplus(z):
    return np.logaddexp(0.0, z)


def _np_step0(z):
    return np.greater(z, 0) * 1.0


def _np_relu(z):
    return np.maximum(z, 0.0)


NUMPY_FUNCTIONS = MappingProxyType(
    {
        "sigmoid": _np_sigmoid,
        "softplus": _np_softplus,
        "step0": _np_step0,
        "relu": _np_relu,
        "ReLU": _np_relu,
    }
)


def _log_of_sigmoid(node) -> bool:
    return isinstance(node, sp.log) and _sigmoid_argument(node.args[0]) is not None


def _sigmoid_argument(inner):
    """u for sigmoid(u) (sign +1) or for 1 - sigmoid(u) (sign -1), else None."""
    if isinstance(inner, sigmoid):
        return (1, inner.args[0])
    if isinstance(inner, sp.Add) and len(inner.args) == 2 and sp.S.One in inner.args:
        rest = inner - 1
        if isinstance(-rest, sigmoid):
            return (-1, (-rest).args[0])
    return None


def _softplus_form(node):
    sign, argument = _sigmoid_argument(node.args[0])
    return -softplus(-sign * argument)


def _log_of_softmax(node) -> bool:
    return softmax_component is not None and isinstance(node, sp.log) and isinstance(node.args[0], softmax_component)


def _log_softmax_form(node):
    component = node.args[0]
    logits = component.logits
    return logits[component.index - 1] - sp.log(sp.Add(*(sp.exp(z) for z in logits)))


def numerically_safe(expr: sp.Expr) -> sp.Expr:
    """Heaviside(u) (any H0) becomes step0(u), DiracDelta becomes 0; log(sigmoid(u)) becomes -softplus(-u) and
    log(1 - sigmoid(u)) becomes -softplus(u), which stay finite where sigmoid rounds to 0 or 1."""
    expr = expr.replace(sp.Heaviside, lambda *args: step0(args[0]))
    expr = expr.replace(sp.DiracDelta, lambda *args: sp.S.Zero)  # autograd's derivative of a step
    expr = expr.replace(_log_of_softmax, _log_softmax_form)
    return expr.replace(_log_of_sigmoid, _softplus_form)
