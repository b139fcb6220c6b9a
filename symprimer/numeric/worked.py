"""``derive descent``: the first few gradient-descent iterations worked exactly, step by step.

For pen-and-paper questions: the gradient by the calculus engine's worked partials, then per
iteration the gradient at x_k, the update (SGD, or momentum with PyTorch's buffer) and the new
value of f, all in exact arithmetic so every step verifies exactly.
"""
from __future__ import annotations

import sympy as sp

from symprimer.calculus.worked import partial_step
from symprimer.core.errors import InputError, TooLarge, not_name_value
from symprimer.numeric.api import parse_function
from symprimer.parse.names import SYMBOL_NAME, symbol
from symprimer.parse.plain import parse_expression
from symprimer.core.steps import Derivation, Step
from symprimer.render.notation import to_latex

MAX_STEPS = 10
MAX_OPS = 120
OPTIMIZERS = ("sgd", "momentum")


def _exact(text: str, what: str) -> tuple[sp.Expr, tuple[str, ...]]:
    parsed = parse_expression(str(text), what=what)
    value = parsed.value
    if value.free_symbols or not value.is_real:
        raise InputError(f"{what} must be a real number, not {text!r}.")
    return value, parsed.notes


def _start(text: str | None, surface) -> tuple[list[sp.Symbol], list[sp.Expr], list[str]]:
    if text is None:
        if surface is None:
            raise InputError("derive descent needs --start, e.g. --start x=1,y=-2.")
        text = ",".join(f"{n}={sp.nsimplify(v)}" for n, v in zip(surface.variables, surface.start))
    names, values, notes = [], [], []
    for part in text.split(","):
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not SYMBOL_NAME.match(name):
            raise not_name_value("--start", part.strip())
        if symbol(name) in names:
            raise InputError(f"--start gives {name} twice.")
        number, read = _exact(value.strip(), f"the start value of {name}")
        names.append(symbol(name))
        values.append(number)
        notes.extend(read)
    return names, values, notes


def exact_point(text: str, symbols: dict[str, sp.Symbol]) -> dict[sp.Symbol, sp.Expr]:
    """``w1=0.3,x1=2`` as exact values (0.3 is 3/10) keyed by the function's own symbols."""
    point = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        name = name.strip()
        if not sep or not SYMBOL_NAME.match(name):
            raise not_name_value("the point", part.strip())
        point[symbols.get(name, symbol(name))] = _exact(value.strip(), f"the value of {name}")[0]
    return point


def _column(values) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(len(values), 1, list(values))


def _unevaluated_step(point, scale, direction) -> sp.MatAdd:
    """x - scale * d as one unevaluated vector sum, so the claim is the arithmetic shown."""
    return sp.MatAdd(point, sp.MatMul(-scale, direction, evaluate=False), evaluate=False)


EXACT_DECIMALS = 8  # a terminating decimal with more places is said approximately (the display is exact)


def _number_words(value: sp.Expr) -> str:
    """A terminating rational as a decimal (3/5 -> 0.6), as a lecturer writes iterates; one with
    more than EXACT_DECIMALS places as about six significant digits (15.1023...: the step's
    display below holds the exact fraction); else LaTeX."""
    if value.is_Rational and sp.factorint(value.q).keys() <= {2, 5}:
        twos, fives = sp.multiplicity(2, value.q), sp.multiplicity(5, value.q)
        if max(twos, fives) > EXACT_DECIMALS:
            return rf"\approx {format(float(value), '.6g')}"
        return format(sp.Float(value, 30), "f").rstrip("0").rstrip(".") or "0"
    return to_latex(value)


def _tuple_words(values) -> str:
    return "(" + ", ".join(_number_words(v) for v in values) + ")"


def _checked(value: sp.Expr, k: int) -> sp.Expr:
    """Exact values stay as SymPy made them (no simplify: it can take very long on nested
    exponentials); values past the size a person would work by hand are refused."""
    if not value.is_Rational and sp.count_ops(value) > MAX_OPS:
        raise TooLarge(
            f"the exact iterate x_{k} has grown too long to work by hand; use `symprimer descend` for numbers."
        )
    return value


def derive_descent(
    inputs: tuple[str, ...],
    start: str | None = None,
    lr: str | None = None,
    steps: int | None = None,
    optimizer: str | None = None,
    momentum: str | None = None,
) -> Derivation:
    """Exact iterates x_0, ..., x_steps of SGD (or momentum) on the function ``inputs[0]``."""
    f, surface = parse_function(inputs[0])
    variables, point, notes = _start(start, surface)
    missing = sorted(s.name for s in f.free_symbols - set(variables))
    if missing:
        raise InputError(f"the function uses {', '.join(missing)}, which --start gives no value.")
    eta, read = _exact(lr if lr is not None else "1/10", "the learning rate")
    notes.extend(read)
    if eta <= 0:
        raise InputError("the learning rate must be positive.")
    count = 3 if steps is None else int(steps)
    if not 1 <= count <= MAX_STEPS:
        raise InputError(f"derive descent works 1 to {MAX_STEPS} iterations by hand; use `symprimer descend` for more.")
    method = (optimizer or "sgd").lower()
    if method not in OPTIMIZERS:
        raise InputError(f"derive descent works {' and '.join(OPTIMIZERS)} exactly; use `symprimer descend` for {method}.")
    mu, read = _exact(momentum if momentum is not None else "9/10", "the momentum")
    notes.extend(read)

    partials, gradient_substeps = [], []
    for variable in variables:
        step, final = partial_step(f, variable, tuple(variables))
        gradient_substeps.append(step)
        partials.append(final)
    gradient = _column(partials)
    all_steps = [
        Step(
            "gradient",
            "The gradient of f, the vector of partial derivatives; descent steps against it.",
            _column([sp.Derivative(f, v) for v in variables]),
            gradient,
            substeps=tuple(gradient_substeps),
        )
    ]
    current = _column(point)
    trajectory, losses = [current], [f.subs(dict(zip(variables, point)))]
    buffer = None
    for k in range(count):
        values = dict(zip(variables, current))
        at_point = _column([sp.Subs(g, tuple(variables), tuple(current)) for g in partials])
        g_k = _column([_checked(g.subs(values), k) for g in partials])
        evaluate = Step("gradient_at_point", f"The gradient at $\\theta_{{{k}}} = {_tuple_words(current)}$.", at_point, g_k)
        substeps = [evaluate]
        direction, rule, along = g_k, "descent_update", f"\\nabla f(\\theta_{{{k}}})"
        if method == "momentum":
            new_buffer = g_k if buffer is None else _column([mu * b + g for b, g in zip(buffer, g_k)])
            before = g_k if buffer is None else _column(
                [sp.Add(sp.Mul(mu, b, evaluate=False), g, evaluate=False) for b, g in zip(buffer, g_k)]
            )
            substeps.append(
                Step("momentum_buffer", f"The momentum buffer $b_{{{k + 1}}} = \\mu b_{{{k}}} + \\nabla f(\\theta_{{{k}}})$ "
                     f"with $\\mu = {_number_words(mu)}$"
                     + (" (the first buffer is the gradient itself)." if buffer is None else "."), before, new_buffer)
            )
            buffer, direction, rule, along = new_buffer, new_buffer, "momentum_update", f"b_{{{k + 1}}}"
        following = _column([_checked(x - eta * d, k + 1) for x, d in zip(current, direction)])
        loss = _checked(f.subs(dict(zip(variables, following))), k + 1)
        change = "falls" if loss <= losses[-1] else "rises"
        text = (
            f"Iteration {k + 1}: $\\theta_{{{k + 1}}} = \\theta_{{{k}}} - \\eta\\, {along}$ with $\\eta = {_number_words(eta)}$, "
            f"so $\\theta_{{{k + 1}}} = {_tuple_words(following)}$; $f$ {change} from ${_number_words(losses[-1])}$ to "
            f"${_number_words(loss)}$."
        )
        substeps.append(Step("loss_at_point", f"$f$ at $\\theta_{{{k + 1}}}$.", sp.Subs(f, tuple(variables), tuple(following)), loss))
        params = (("k", k), ("eta", eta), ("eta_written", _number_words(eta)), ("point", current),
                  ("direction", direction), ("along", along), ("after_written", _tuple_words(following)),
                  ("loss_before", _number_words(losses[-1])), ("loss_after", _number_words(loss)), ("change", change))
        all_steps.append(Step(rule, text, _unevaluated_step(current, eta, direction), following,
                              substeps=tuple(substeps), params=params))
        current = following
        trajectory.append(current)
        losses.append(loss)

    names = ", ".join(v.name for v in variables)
    return Derivation(
        kind="descent",
        question=f"Starting from x_0 = ({', '.join(map(str, point))}) in ({names}), take {count} "
        f"{'SGD' if method == 'sgd' else 'momentum'} steps with learning rate {eta} on f.",
        given=(("f", f), ("x_0", _column(point))),
        steps=tuple(all_steps),
        result=current,
        result_label=f"x_{count}",
        notes=tuple(dict.fromkeys(notes)) + (
            ("Momentum uses PyTorch's buffer $b_{1} = \\nabla f(\\theta_{0})$, $b_{k} = \\mu b_{k-1} + \\nabla f(\\theta_{k-1})$.",) if method == "momentum" else ()
        ),
        details=(
            ("variables", [v.name for v in variables]),
            ("trajectory", [[str(x) for x in p] for p in trajectory]),
            ("losses", [str(v) for v in losses]),
            ("learning_rate", str(eta)),
            ("optimizer", method),
        ),
        source=inputs,
    )
