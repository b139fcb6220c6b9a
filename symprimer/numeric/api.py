"""The numeric front door: user strings in (parsed only by symprimer's safe parser), runs out.

Used by the ``descend`` and ``gradcheck`` commands and by the sheet builder.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np
import sympy as sp

from symprimer.core.errors import InputError, not_a_symbol_name, not_name_value
from symprimer.numeric.compile import CompiledFunction, compile_prepared, prepare_function
from symprimer.numeric.descent import DescentRun, StopRule, descend
from symprimer.numeric.finite import GradientCheck, Uncheckable, gradient_check
from symprimer.numeric.optimizers import make_optimizer
from symprimer.numeric.selection import pair_runs
from symprimer.numeric.surfaces import Surface, named_surface
from symprimer.parse.names import SYMBOL_NAME, symbol
from symprimer.parse.plain import parse_expression
from symprimer.runtime.budget import run_with_budget

MAX_STEPS = 1_000_000


def parse_assignments(text: str | Mapping, what: str) -> dict[str, float]:
    """``x=-1.5,y=2`` (or a mapping) to ``{"x": -1.5, "y": 2.0}``, order kept."""
    if isinstance(text, Mapping):
        items = [(str(k), v) for k, v in text.items()]
    else:
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{what} is empty; write it like x=1,y=-2.")
        items = []
        for part in text.split(","):
            name, sep, value = part.partition("=")
            if not sep:
                raise not_name_value(what, part.strip())
            items.append((name.strip(), value.strip()))
    values: dict[str, float] = {}
    for name, value in items:
        if not SYMBOL_NAME.match(name):
            raise not_a_symbol_name(what, name)
        if name in values:
            raise InputError(f"{what} gives {name} twice.")
        values[name] = _number(value, f"the value of {name} in {what}")
    return values


def _number(value, what: str) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        parsed = parse_expression(str(value), what=what).value
        if parsed.free_symbols:
            raise InputError(f"{what} must be a number, not {value!r}.")
        try:
            number = float(sp.N(parsed))
        except TypeError:
            raise InputError(f"{what} is not a real number.") from None
    if not np.isfinite(number):
        raise InputError(f"{what} must be a finite number.")
    return number


def parse_names(text: str | Sequence[str], what: str) -> tuple[str, ...]:
    names = [n.strip() for n in (text.split(",") if isinstance(text, str) else text) if n.strip()]
    if not names:
        raise InputError(f"{what} names no variable.")
    for name in names:
        if not SYMBOL_NAME.match(name):
            raise not_a_symbol_name(what, name)
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class FunctionProblem:
    """A parsed function of named variables, compiled, with its surface if it is a named one."""

    text: str
    expression: sp.Expr
    compiled: CompiledFunction
    surface: Surface | None

    @property
    def variables(self) -> tuple[str, ...]:
        return self.compiled.names

    def grid_value(self) -> Callable:
        return self.compiled._value


def parse_function(text: str, what: str = "the function") -> tuple[sp.Expr, Surface | None]:
    surface = named_surface(text)
    formula = surface.formula if surface is not None else text
    return parse_expression(formula, what=what).value, surface


def _prepare(text: str, variables: Sequence[str], constants: Mapping[str, float] | None):
    expression, surface = parse_function(text)
    if not isinstance(expression, sp.Expr) or expression.is_Matrix:
        raise InputError("the function must be a single scalar expression.")
    fixed = {symbol(name): value for name, value in (constants or {}).items()}
    return expression, surface, prepare_function(expression, [symbol(v) for v in variables], fixed)


def function_problem(
    text: str, variables: Sequence[str], constants: Mapping[str, float] | None = None, budget=None
) -> FunctionProblem:
    """Parse ``text`` (or a ``<Named>`` surface), differentiate it (under ``budget`` in a
    killable child when one is given) and compile it over ``variables``."""
    if budget is None:
        expression, surface, prepared = _prepare(text, variables, constants)
    else:
        expression, surface, prepared = run_with_budget(
            _prepare, text, tuple(variables), constants, budget=budget, what="differentiating the function"
        )
    return FunctionProblem(text, expression, compile_prepared(prepared), surface)


@dataclass(frozen=True)
class FunctionDescent:
    problem: FunctionProblem
    start: tuple[float, ...]
    runs: tuple[DescentRun, ...]
    convention: str
    stop: StopRule


def descend_function(
    function: str,
    start: str | Mapping | None = None,
    optimizers: Sequence[str] = ("sgd",),
    learning_rates: Sequence[float | None] = (None,),
    steps: int = 100,
    convention: str = "pytorch",
    momentum: float | None = None,
    gradient_tolerance: float | None = None,
    loss_tolerance: float | None = None,
    progress: Callable[[int], None] | None = None,
    budget=None,
    deadline: float | None = None,
    sweep: bool = False,
    **settings,
) -> FunctionDescent:
    """Runs from the same start, the optimisers and learning rates paired up as
    ``selection.pair_runs`` reads them (every combination with ``sweep``); None lr = the
    optimiser's default."""
    if not 0 <= steps <= MAX_STEPS:
        raise InputError(f"--steps {steps}: the number of steps must be between 0 and {MAX_STEPS}.")
    if start is None:
        surface = named_surface(function)
        if surface is None:
            raise InputError("--start is needed, e.g. --start x=1,y=-2.")
        start = dict(zip(surface.variables, surface.start))
    point = parse_assignments(start, "--start")
    problem = function_problem(function, tuple(point), budget=budget)
    stop = StopRule(steps, gradient_tolerance, loss_tolerance)
    runs = []
    for name, lr in pair_runs(optimizers, learning_rates, sweep):
        config = make_optimizer(name, convention, lr=lr, momentum=momentum, **settings)
        runs.append(
            descend(
                problem.compiled.value, problem.compiled.gradient, tuple(point.values()), config, stop,
                problem.variables, progress, deadline,
            )
        )
    return FunctionDescent(problem, tuple(point.values()), tuple(runs), convention, stop)


def check_gradient(
    function: str,
    wrt: str | Sequence[str],
    at: str | Mapping,
    scheme: str = "central",
    tolerance: float | None = None,
    budget=None,
    step: float | None = None,
) -> tuple[FunctionProblem, GradientCheck]:
    """Analytic vs finite-difference gradient of ``function`` in ``wrt`` at the point ``at``
    (which also fixes every other symbol); ``Uncheckable`` (exit 2) where the numbers there
    overflow floating point or are not numbers."""
    variables = parse_names(wrt, "--wrt")
    values = parse_assignments(at, "--at")
    missing = [v for v in variables if v not in values]
    if missing:
        raise InputError(f"--at gives no value for {', '.join(missing)}, which --wrt names.")
    constants = {k: v for k, v in values.items() if k not in variables}
    problem = function_problem(function, variables, constants, budget=budget)
    point = [values[v] for v in variables]
    check = gradient_check(problem.compiled.value, problem.compiled.gradient, point, variables, scheme, tolerance, step)
    if check.reason is not None:
        raise Uncheckable(check, problem)
    return problem, check
