"""What the course's names mean once latex2sympy has read the text (see ``normalise``).

``rebuild`` walks latex2sympy's unevaluated tree and builds the value again with this
project's meanings: ``e`` is Euler's number, ``|M|`` of a matrix is its determinant, a matrix to
the power -1 is evaluated, ``\\hat{y}`` is the symbol y-hat, capital letters are square matrices,
decimals stay exact.  ``apply_function`` gives ``\\sigma``, ``ReLU``, ``adj``... their meaning.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce
from typing import Any, Callable

import sympy as sp

from symprimer.core.errors import InputError, TooLarge
from symprimer.core.functions import NN_FUNCTIONS
from symprimer.parse.names import symbol

MATRIX_SIZE = sp.Symbol("n", integer=True, positive=True)
MAX_EXPONENT = 1000


@dataclass(frozen=True)
class Definition:
    """``--let "\\sigma(x)=..."`` (a function of one variable) or ``--let "A=..."`` (a value)."""

    name: str
    value: Any
    variable: sp.Symbol | None = None

    def apply(self, argument: Any) -> Any:
        if self.variable is None:
            raise InputError(f"{self.name} is defined as a value, not as a function of one variable.")
        return self.value.xreplace({self.variable: argument})


@dataclass(frozen=True)
class Context:
    """How names are read: definitions from --let, and whether I is the identity matrix."""

    definitions: tuple[Definition, ...] = ()
    matrix_context: bool = False
    imaginary_i: bool = True  # i is the imaginary unit unless it indexes a sum or subscript

    def definition(self, name: str) -> Definition | None:
        for item in self.definitions:
            if item.name == name:
                return item
        return None


def sigmoid(u: Any) -> sp.Expr:
    """The catalogue's sigmoid (prints as \\sigma, doit gives 1/(1+e^-u)), else the quotient itself."""
    function = NN_FUNCTIONS.get("sigmoid")
    return function(u) if function is not None else 1 / (1 + sp.exp(-u))


def _relu(u: Any) -> sp.Expr:
    return sp.Max(0, u)


def _softplus(u: Any) -> sp.Expr:
    return sp.log(1 + sp.exp(u))


def _adjugate(m: Any) -> Any:
    if isinstance(m, sp.MatrixBase):
        return sp.ImmutableMatrix(m.adjugate())
    if is_matrix(m):
        return sp.Determinant(m) * sp.Inverse(m)
    raise InputError("adj is applied to something that is not a matrix.")


def _determinant(m: Any) -> Any:
    if is_matrix(m):
        return sp.Determinant(m)
    raise InputError("det is applied to something that is not a matrix.")


def _trace(m: Any) -> Any:
    if isinstance(m, sp.MatrixBase):
        return m.trace()
    if is_matrix(m):
        return sp.Trace(m)
    raise InputError("tr is applied to something that is not a matrix.")


FUNCTION_MEANINGS: dict[str, Callable[[Any], Any]] = {
    "sigma": sigmoid,
    "sigmoid": sigmoid,
    "ReLU": _relu,
    "relu": _relu,
    "softplus": _softplus,
    "adj": _adjugate,
    "det": _determinant,
    "tr": _trace,
    "trace": _trace,
    "sech": sp.sech,
    "csch": sp.csch,
    "coth": sp.coth,
    "sgn": sp.sign,
    **{name: getattr(sp, name) for name in ("sin", "cos", "tan", "exp", "sinh", "cosh", "tanh")},
    "ln": sp.log,
    "log": sp.log,
    "arcsin": sp.asin,
    "arccos": sp.acos,
    "arctan": sp.atan,
    "sign": sp.sign,
}


def is_matrix(value: Any) -> bool:
    return isinstance(value, (sp.MatrixBase, sp.MatrixExpr))


def apply_function(name: str, order: int, argument: Any, context: Context) -> Any:
    """The value of ``name`` with ``order`` primes applied to ``argument``."""
    definition = context.definition(name)
    if definition is not None:
        meaning: Callable[[Any], Any] = definition.apply
    elif name in FUNCTION_MEANINGS:
        meaning = FUNCTION_MEANINGS[name]
    elif len(name) == 1:
        meaning = sp.Function(name)
    else:
        raise InputError(f"the function {name} is not known; define it with --let.")
    if order == 0:
        return meaning(argument)
    if is_matrix(argument):
        raise InputError(f"{name}' is applied to a matrix.")
    t = sp.Dummy("t")
    derivative = sp.diff(meaning(t), t, order)
    return derivative.subs(t, argument)


def rename_symbol(name: str, context: Context) -> Any:
    """The value a symbol name stands for."""
    definition = context.definition(name)
    if definition is not None and definition.variable is None:
        return definition.value
    if name == "e":
        return sp.E
    if name == "i" and context.imaginary_i:
        return sp.I
    if name == "I" and context.matrix_context:
        return sp.Identity(MATRIX_SIZE)
    if len(name) == 1 and name.isupper() and name != "I":
        return sp.MatrixSymbol(name, MATRIX_SIZE, MATRIX_SIZE)
    return symbol(_plain_name(name))


def _plain_name(name: str) -> str:
    """``hat{y}_i`` -> ``yhat_i`` (SymPy prints it as \\hat{y}_{i}); ``boldsymbol{w}`` -> ``w``."""
    head, _, sub = name.partition("_")
    sub = sub.strip("{}")
    for accent in ("hat", "bar", "tilde", "dot"):
        if head.startswith(accent + "{") and head.endswith("}"):
            head = head[len(accent) + 1 : -1] + accent
    for style in ("boldsymbol{", "math{", "bm{", "vec{"):
        if head.startswith(style) and head.endswith("}"):
            head = head[len(style) : -1]
    head = head.replace("\\", "")
    return f"{head}_{sub}" if sub else head


def rebuild(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    """Build latex2sympy's tree again with the course's meanings (see module doc)."""
    handler = _HANDLERS.get(type(expr))
    if handler is None:
        for kind, candidate in _BASE_HANDLERS:
            if isinstance(expr, kind):
                handler = candidate
                break
    if handler is None:
        raise InputError(f"the answer contains {type(expr).__name__}, which the checker does not compare.")
    return handler(expr, slots, context)


def _args(expr: Any, slots: dict[str, Any], context: Context) -> list:
    return [rebuild(arg, slots, context) for arg in expr.args]


def _symbol(expr: sp.Symbol, slots: dict[str, Any], context: Context) -> Any:
    if expr.name in slots:
        return slots[expr.name]
    return rename_symbol(expr.name, context)


def _matrix_symbol(expr: sp.MatrixSymbol, slots: dict[str, Any], context: Context) -> Any:
    return rename_symbol(expr.name, context)


def _number(expr: sp.Number, slots: dict[str, Any], context: Context) -> Any:
    return expr


def _float(expr: sp.Float, slots: dict[str, Any], context: Context) -> Any:
    return sp.Rational(str(expr))


def _add(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    return reduce(operator.add, _args(expr, slots, context))


def _mul(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    return reduce(operator.mul, _args(expr, slots, context))


def _pow(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    base, exponent = _args(expr, slots, context)
    if getattr(exponent, "is_number", False) and exponent.is_real and abs(exponent) > MAX_EXPONENT:
        raise TooLarge(f"the answer has the exponent {exponent}; the limit is {MAX_EXPONENT}.")
    if getattr(base, "is_number", False) and getattr(exponent, "is_number", False):
        if isinstance(base, sp.Pow) and base.exp.is_number and abs(base.exp * exponent) > MAX_EXPONENT:
            raise TooLarge("the answer has a power tower too large to work with.")
    if isinstance(base, sp.MatrixBase):
        if not (exponent.is_Integer and base.is_square):
            raise InputError("a matrix is raised to a power that is not an integer, or the matrix is not square.")
        if exponent < 0 and base.det() == 0:
            raise InputError("the answer inverts a singular matrix (its determinant is 0).")
        return sp.ImmutableMatrix(base**exponent)
    return base**exponent


def _abs(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    (inner,) = _args(expr, slots, context)
    return sp.Determinant(inner) if is_matrix(inner) else sp.Abs(inner)


def _log(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    args = _args(expr, slots, context)
    if len(args) == 2 and args[1] != sp.E:
        return sp.log(args[0]) / sp.log(args[1])
    return sp.log(args[0])


def _matrix(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    return sp.ImmutableMatrix(expr.rows, expr.cols, [rebuild(e, slots, context) for e in expr])


def _transpose(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    (inner,) = _args(expr, slots, context)
    return inner.T if is_matrix(inner) else inner


def _derivative(expr: sp.Derivative, slots: dict[str, Any], context: Context) -> Any:
    inner = rebuild(expr.expr, slots, context)
    variables = [(rebuild(v, slots, context), n) for v, n in expr.variable_count]
    if isinstance(inner, (sp.Symbol, sp.MatrixSymbol)) and all(inner != v for v, _ in variables):
        # dL/dw names the derivative of a quantity L(w), it is not 0
        inner = sp.Function(str(inner.name))(*[v for v, _ in variables])
    return sp.Derivative(inner, *variables)


def _relational(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    lhs, rhs = _args(expr, slots, context)
    return type(expr)(lhs, rhs, evaluate=False)


def _finite_set(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    return tuple(_args(expr, slots, context))


def _generic(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    name = getattr(expr.func, "__name__", "")
    if isinstance(expr, sp.core.function.AppliedUndef) and not name.isalpha():
        raise InputError(f"the answer applies {name.replace(chr(92) + 'text', '')}, which is not a known function.")
    return expr.func(*_args(expr, slots, context))


def _leaf(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    return expr


def _capital_i(expr: Any, slots: dict[str, Any], context: Context) -> Any:
    """latex2sympy reads a capital I as the imaginary unit; beside matrices it is the identity."""
    return sp.Identity(MATRIX_SIZE) if context.matrix_context else expr


_HANDLERS: dict[type, Callable[[Any, dict, Context], Any]] = {
    sp.Symbol: _symbol,
    sp.MatrixSymbol: _matrix_symbol,
    sp.Float: _float,
    sp.Add: _add,
    sp.Mul: _mul,
    sp.MatAdd: _add,
    sp.MatMul: _mul,
    sp.Pow: _pow,
    sp.MatPow: _pow,
    sp.Abs: _abs,
    sp.log: _log,
    sp.Transpose: _transpose,
    sp.Derivative: _derivative,
    sp.FiniteSet: _finite_set,
    sp.Tuple: _finite_set,
    sp.Identity: _leaf,
}

_BASE_HANDLERS: tuple[tuple[type, Callable[[Any, dict, Context], Any]], ...] = (
    (sp.MatrixBase, _matrix),
    (sp.Number, _number),
    (sp.NumberSymbol, _leaf),
    (sp.core.numbers.ImaginaryUnit, _capital_i),
    (sp.core.relational.Relational, _relational),
    (sp.FiniteSet, _finite_set),
    (sp.Sum, _generic),
    (sp.Product, _generic),
    (sp.Function, _generic),
    (sp.Inverse, _generic),
    (sp.Determinant, _generic),
    (sp.core.numbers.Infinity, _leaf),
    (sp.core.numbers.NegativeInfinity, _leaf),
    (sp.Dummy, _leaf),
    (sp.Basic, _generic),
)
