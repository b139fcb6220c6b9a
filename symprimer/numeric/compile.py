"""Derived expressions compiled to NumPy functions (value and gradient) with CSE.

The one place the numeric side differentiates: ``symbolic_gradient``.  It uses the calculus
engine's ``gradient_expressions`` when that exists and ``sympy.diff`` otherwise, so switching
is one line.  Symbols are made real before differentiating (so |x|' is sign(x), not a complex
formula), and every compiled expression goes through ``numerically_safe`` (PyTorch's kink
convention, overflow-safe log-sigmoid).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import sympy as sp

from symprimer.core.errors import InputError
from symprimer.numeric.functions import NUMPY_FUNCTIONS, numerically_safe


def _calculus_gradient():
    try:
        from symprimer.calculus.gradient import gradient_expressions  # local: guarded by the except below
    except ImportError:
        return None
    return gradient_expressions


def symbolic_gradient(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> tuple[sp.Expr, ...]:
    """The partial derivatives of ``expr`` with respect to each variable, in order."""
    engine = _calculus_gradient()
    if engine is not None:
        try:
            return tuple(engine(expr, tuple(variables)))
        except (NotImplementedError, AssertionError, InputError):
            pass  # an expression the rule engine does not cover: sympy.diff below
    return tuple(sp.diff(expr, variable) for variable in variables)


def realify(expr: sp.Expr, names: Sequence[sp.Symbol] = ()) -> tuple[sp.Expr, dict[sp.Symbol, sp.Symbol]]:
    """``expr`` with each free symbol replaced by a real symbol of the same name."""
    symbols = set(expr.free_symbols) | set(names)
    mapping = {s: sp.Symbol(s.name, real=True) for s in symbols if not s.is_real}
    return expr.xreplace(mapping), mapping


def lambdify_safe(arguments: Sequence, expressions, *, cse: bool = True) -> Callable:
    """lambdify symprimer-built expressions (never a user string) with the NumPy namespace."""
    if isinstance(expressions, (list, tuple)):
        prepared = [numerically_safe(e) for e in expressions]
    else:
        prepared = numerically_safe(expressions)
    # dummify: a user symbol named like a NumPy function (select, where, ...) cannot shadow it
    return sp.lambdify(list(arguments), prepared, modules=[dict(NUMPY_FUNCTIONS), "numpy"], cse=cse, dummify=True)


def _number(value) -> sp.Expr:
    return sp.Float(value) if isinstance(value, float) else sp.Integer(value) if isinstance(value, int) else value


@dataclass(frozen=True)
class CompiledFunction:
    """f(x) and grad f(x) over ``variables``, with ``constants`` substituted (e.g. data)."""

    expression: sp.Expr
    variables: tuple[sp.Symbol, ...]
    gradient_expressions: tuple[sp.Expr, ...]
    _value: Callable
    _gradient: Callable
    general_gradient: tuple[sp.Expr, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.variables)

    def value(self, point: np.ndarray) -> float:
        with np.errstate(all="ignore"):
            return float(self._value(*point))

    def gradient(self, point: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(self._gradient(*point), dtype=float)


@dataclass(frozen=True)
class PreparedFunction:
    """The symbolic half of compiling (picklable, so it can run under a budget in a child)."""

    expression: sp.Expr
    variables: tuple[sp.Symbol, ...]
    gradient: tuple[sp.Expr, ...]
    general_gradient: tuple[sp.Expr, ...] = ()


def prepare_function(expr: sp.Expr, variables: Sequence[sp.Symbol], constants: dict | None = None) -> PreparedFunction:
    """Make symbols real, substitute ``constants`` and differentiate."""
    real, mapping = realify(expr, variables)
    real_vars = tuple(mapping.get(v, v) for v in variables)
    fixed = {mapping.get(k, k): _number(v) for k, v in (constants or {}).items()}
    missing = sorted(s.name for s in real.free_symbols - set(real_vars) - set(fixed))
    if missing:
        raise InputError(
            f"the function uses {', '.join(missing)}, which {'has' if len(missing) == 1 else 'have'} no value "
            "(give one in --start or --at)."
        )
    general = symbolic_gradient(real, real_vars)
    return PreparedFunction(real.xreplace(fixed), real_vars, tuple(g.xreplace(fixed) for g in general), general)


def compile_prepared(prepared: PreparedFunction) -> CompiledFunction:
    """lambdify value and gradient (with CSE)."""
    return CompiledFunction(
        expression=prepared.expression,
        variables=prepared.variables,
        gradient_expressions=prepared.gradient,
        _value=lambdify_safe(prepared.variables, prepared.expression),
        _gradient=lambdify_safe(prepared.variables, list(prepared.gradient)),
        general_gradient=prepared.general_gradient or prepared.gradient,
    )


def compile_function(
    expr: sp.Expr, variables: Sequence[sp.Symbol], constants: dict | None = None
) -> CompiledFunction:
    """Compile a parsed scalar expression of ``variables`` (other symbols fixed by ``constants``)."""
    return compile_prepared(prepare_function(expr, variables, constants))
