"""The derivative table of the elementary functions: f -> f'(u), with the rule it belongs to.

One row per function class, looked up by ``type(expr)``; the differentiator adds the chain
rule when the argument is not the variable itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable

import sympy as sp

from symprimer.core.functions import sigmoid


@dataclass(frozen=True)
class Elementary:
    """The outer derivative of one function, as the course's table states it."""

    rule: str
    name: str
    derivative: Callable[[sp.Expr], sp.Expr]
    kink: str = ""  # a sentence when the function has a kink or jump
    note: str = ""  # the table entry in words, when it has a second common form


def _sqrt_over(expr: sp.Expr) -> sp.Expr:
    return 1 / sp.sqrt(expr)


ELEMENTARY = MappingProxyType(
    {
        sp.exp: Elementary("exp_rule", "the exponential", sp.exp),
        sp.log: Elementary("log_rule", "the natural logarithm", lambda u: 1 / u),
        sp.sin: Elementary("trig_rule", "sine", sp.cos),
        sp.cos: Elementary("trig_rule", "cosine", lambda u: -sp.sin(u)),
        sp.tan: Elementary("trig_rule", "tangent", lambda u: sp.sec(u) ** 2),
        sp.sec: Elementary("trig_rule", "secant", lambda u: sp.sec(u) * sp.tan(u)),
        sp.csc: Elementary("trig_rule", "cosecant", lambda u: -sp.csc(u) * sp.cot(u)),
        sp.cot: Elementary("trig_rule", "cotangent", lambda u: -sp.csc(u) ** 2),
        sp.asin: Elementary("trig_rule", "arcsine", lambda u: _sqrt_over(1 - u**2)),
        sp.acos: Elementary("trig_rule", "arccosine", lambda u: -_sqrt_over(1 - u**2)),
        sp.atan: Elementary("trig_rule", "arctangent", lambda u: 1 / (1 + u**2)),
        sp.sinh: Elementary("hyperbolic_rule", "hyperbolic sine", sp.cosh),
        sp.cosh: Elementary("hyperbolic_rule", "hyperbolic cosine", sp.sinh),
        sp.tanh: Elementary("hyperbolic_rule", "hyperbolic tangent", lambda u: 1 - sp.tanh(u) ** 2, note=r"$1 - \tanh^{2} u$, also written $\operatorname{sech}^{2} u$"),
        sp.sech: Elementary("hyperbolic_rule", "hyperbolic secant", lambda u: -sp.sech(u) * sp.tanh(u)),
        sp.csch: Elementary("hyperbolic_rule", "hyperbolic cosecant", lambda u: -sp.csch(u) * sp.coth(u)),
        sp.coth: Elementary("hyperbolic_rule", "hyperbolic cotangent", lambda u: -sp.csch(u) ** 2),
        sp.asinh: Elementary("hyperbolic_rule", "inverse hyperbolic sine", lambda u: _sqrt_over(u**2 + 1)),
        sp.acosh: Elementary(
            "hyperbolic_rule", "inverse hyperbolic cosine", lambda u: _sqrt_over(u - 1) * _sqrt_over(u + 1),
            # 1/sqrt(u^2 - 1) alone has the wrong sign for u < -1, where SymPy's arcosh is complex
            note=r"$\frac{1}{\sqrt{u - 1} \sqrt{u + 1}}$, which is $\frac{1}{\sqrt{u^{2} - 1}}$ for $u > 1$, where $\operatorname{arcosh} u$ is real",
        ),
        sp.atanh: Elementary("hyperbolic_rule", "inverse hyperbolic tangent", lambda u: 1 / (1 - u**2)),
        sp.erf: Elementary("erf_rule", "the error function", lambda u: 2 / sp.sqrt(sp.pi) * sp.exp(-u**2)),
        sp.erfc: Elementary("erf_rule", "the complementary error function", lambda u: -2 / sp.sqrt(sp.pi) * sp.exp(-u**2)),
        sigmoid: Elementary("sigmoid_rule", "the sigmoid", lambda u: sigmoid(u) * (1 - sigmoid(u))),
        sp.Abs: Elementary(
            "abs_rule", "the absolute value", sp.sign,
            kink=r"$|u|$ has a kink at $u = 0$, where it is not differentiable (PyTorch takes $\operatorname{sgn}(0) = 0$)",
        ),
        sp.sign: Elementary(
            "sign_rule", "the sign function", lambda u: sp.Integer(0),
            kink=r"$\operatorname{sgn}(u)$ jumps at $u = 0$, where it has no derivative",
        ),
    }
)
