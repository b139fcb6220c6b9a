"""Neural-network functions the plain parser may name (sigmoid, relu, ...).

``sigmoid`` is a SymPy function of its own so it prints as ``\\sigma`` and differentiates to
the hand form sigma(1 - sigma); ``doit`` rewrites it to 1/(1 + e^-x) so the step verifier in
``symprimer.exact.equality`` (which ``doit``s both sides) decides equalities involving it exactly.
The other names expand at parse time into elementary SymPy expressions.
"""
from __future__ import annotations

import math
from types import MappingProxyType

import sympy as sp
from sympy.printing.pretty.stringpict import prettyForm


class sigmoid(sp.Function):
    """The logistic sigmoid sigma(x) = 1 / (1 + e^-x), printed as \\sigma."""

    nargs = 1

    @classmethod
    def eval(cls, arg):  # safe: SymPy's evaluation hook, not Python eval
        if arg.is_zero:
            return sp.Rational(1, 2)
        if arg is sp.oo:
            return sp.Integer(1)
        if arg is sp.S.NegativeInfinity:
            return sp.Integer(0)
        return None

    def fdiff(self, argindex=1):
        return self * (1 - self)

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return 1 / (1 + sp.exp(-arg))

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return 1 / (1 + sp.exp(-arg))

    def _eval_evalf(self, prec):
        return (1 / (1 + sp.exp(-self.args[0])))._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        return True if self.args[0].is_real else None

    def _latex(self, printer, exp=None):
        body = r"\sigma\left(%s\right)" % printer._print(self.args[0])
        return body if exp is None else r"\sigma^{%s}\left(%s\right)" % (exp, printer._print(self.args[0]))

    def _pretty(self, printer):
        inner = printer._print(self.args[0])
        return prettyForm(*prettyForm(*inner.parens()).left("σ"))

    def _numpycode(self, printer):
        arg = printer._print(self.args[0])
        return "1/(1 + %s(-(%s)))" % (printer._module_format("numpy.exp"), arg)

    def _pythoncode(self, printer):
        return printer._print(1 / (1 + sp.exp(-self.args[0])))

    _mpmathcode = _pythoncode


class softmax_component(sp.Function):
    """s_i = e^{z_i} / sum_k e^{z_k}: arguments (i, z_1, ..., z_K), printed as s_i.

    ``doit`` gives the quotient of exponentials so the verifier can decide equalities; the
    derivative is the softmax Jacobian entry s_i (delta_ij - s_j).
    """

    letter = "s"

    @classmethod
    def eval(cls, index, *logits):  # safe: SymPy's evaluation hook, not Python eval
        if not index.is_Integer or not 1 <= int(index) <= len(logits):
            raise ValueError("softmax_component needs an index between 1 and the number of logits")
        return None

    @property
    def index(self) -> int:
        return int(self.args[0])

    @property
    def logits(self) -> tuple:
        return self.args[1:]

    def fdiff(self, argindex=1):
        j = argindex - 1
        if j == 0:
            raise sp.ArgumentIndexError(self, argindex)
        delta = 1 if j == self.index else 0
        return self * (delta - self.func(sp.Integer(j), *self.logits))

    def as_quotient(self) -> sp.Expr:
        return sp.exp(self.logits[self.index - 1]) / sp.Add(*(sp.exp(z) for z in self.logits))

    def doit(self, **hints):
        return self.as_quotient().doit(**hints) if hints.get("deep", True) else self.as_quotient()

    def _eval_rewrite_as_exp(self, index, *logits, **kwargs):
        return self.as_quotient()

    def _eval_evalf(self, prec):
        return self.as_quotient()._eval_evalf(prec)

    def _eval_is_positive(self):
        return True if all(z.is_real for z in self.logits) else None

    def _latex(self, printer, exp=None):
        body = "%s_{%d}" % (self.letter, self.index)
        return body if exp is None else "%s^{%s}" % (body, exp)

    def _sympystr(self, printer):
        return "%s_%d" % (self.letter, self.index)

    def _pretty(self, printer):
        return prettyForm("%s_%d" % (self.letter, self.index))

    def _numpycode(self, printer):
        return printer._print(self.as_quotient())

    _pythoncode = _numpycode
    _mpmathcode = _numpycode


class softmax_probability(softmax_component):
    """The same s_i, printed p_i where it is a predicted class probability (losses)."""

    letter = "p"


class _NamedElementary(sp.Function):
    """A function written by its textbook name (Phi, phi) whose value is an elementary form.

    ``doit`` and ``rewrite(exp)`` give the elementary form, so the verifier decides equalities
    involving it exactly and lambdify compiles that form.
    """

    nargs = 1
    latex_name = ""
    pretty_name = ""
    str_name = ""

    @classmethod
    def elementary(cls, arg: sp.Expr) -> sp.Expr:
        raise NotImplementedError

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return self.elementary(arg)

    def _eval_rewrite_as_exp(self, arg, **kwargs):
        return self.elementary(arg)

    def _eval_evalf(self, prec):
        return self.elementary(self.args[0])._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        power = "" if exp is None else "^{%s}" % exp
        return r"%s%s\left(%s\right)" % (self.latex_name, power, printer._print(self.args[0]))

    def _pretty(self, printer):
        inner = printer._print(self.args[0])
        return prettyForm(*prettyForm(*inner.parens()).left(self.pretty_name))

    def _sympystr(self, printer):
        return "%s(%s)" % (self.str_name, printer._print(self.args[0]))

    def _numpycode(self, printer):
        return printer._print(self.elementary(self.args[0]))

    _pythoncode = _numpycode
    _mpmathcode = _numpycode


class normal_cdf(_NamedElementary):
    """Phi(x) = (1 + erf(x / sqrt 2)) / 2, the standard normal distribution function."""

    latex_name = r"\Phi"
    pretty_name = "Φ"
    str_name = "Phi"

    @classmethod
    def elementary(cls, arg: sp.Expr) -> sp.Expr:
        return (1 + sp.erf(arg / sp.sqrt(2))) / 2

    def fdiff(self, argindex=1):
        return normal_pdf(self.args[0])


class normal_pdf(_NamedElementary):
    """phi(x) = e^(-x^2/2) / sqrt(2 pi), the standard normal density."""

    latex_name = r"\phi"
    pretty_name = "φ"
    str_name = "phi"

    @classmethod
    def elementary(cls, arg: sp.Expr) -> sp.Expr:
        return sp.exp(-arg**2 / 2) / sp.sqrt(2 * sp.pi)

    def fdiff(self, argindex=1):
        return -self.args[0] * self


def _vectorised_erf():
    """erf for NumPy arrays without SciPy: math.erf applied elementwise."""
    import numpy as np  # local: derivations import this module and never need NumPy (~0.1 s)

    return np.vectorize(math.erf, otypes=[float])


def numpy_modules() -> list:
    """The lambdify modules for catalogue expressions: NumPy, plus an elementwise erf."""
    return [{"erf": _vectorised_erf()}, "numpy"]


def relu(x: sp.Expr) -> sp.Expr:
    return sp.Max(0, x)


def softplus(x: sp.Expr) -> sp.Expr:
    return sp.log(1 + sp.exp(x))


def silu(x: sp.Expr) -> sp.Expr:
    return x * sigmoid(x)


def gelu(x: sp.Expr) -> sp.Expr:
    return x * (1 + sp.erf(x / sp.sqrt(2))) / 2


def softsign(x: sp.Expr) -> sp.Expr:
    return x / (1 + sp.Abs(x))


def gaussian(x: sp.Expr) -> sp.Expr:
    return sp.exp(-x**2)


NN_FUNCTIONS = MappingProxyType(
    {
        "sigmoid": sigmoid,
        "relu": relu,
        "ReLU": relu,
        "softplus": softplus,
        "silu": silu,
        "swish": silu,
        "gelu": gelu,
        "softsign": softsign,
        "gaussian": gaussian,
    }
)
