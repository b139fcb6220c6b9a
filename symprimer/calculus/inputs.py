"""Reading the calculus inputs: the function, ``--wrt`` variables and an ``--at`` point.

Calculus works over the reals, so every symbol the parser returns is replaced by a real
symbol of the same name (then |x|' is sign(x), not SymPy's complex form).
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symprimer.core.errors import InputError
from symprimer.parse.names import RESERVED_SYMBOLS
from symprimer.parse.plain import parse_expression, parse_value


@dataclass(frozen=True)
class FunctionInput:
    """A parsed function with the notes on how it was read."""

    expr: sp.Expr
    notes: tuple[str, ...]


def realify(expr: sp.Basic) -> sp.Basic:
    """The same expression with every symbol declared real."""
    mapping = {s: sp.Symbol(s.name, real=True) for s in expr.free_symbols if isinstance(s, sp.Symbol) and not s.is_real}
    return expr.xreplace(mapping) if mapping else expr


def read_function(text: str, what: str = "the function") -> FunctionInput:
    parsed = parse_expression(text, what=what)
    expr = realify(sp.sympify(parsed.value))  # safe: a value the whitelist parser built
    return FunctionInput(expr, parsed.notes)


def read_functions(text: str, what: str = "the functions") -> FunctionInput:
    """A vector of functions ``[f1, f2, ...]`` (for the Jacobian); a single one is a 1-vector."""
    parsed = parse_value(text, what=what)
    value = parsed.value if isinstance(parsed.value, list) else [parsed.value]
    if any(isinstance(item, list) for item in value):
        raise InputError(f"{what} must be a flat list like [x*y, x + y], not a nested one.")
    return FunctionInput(realify(sp.ImmutableMatrix(value)), parsed.notes)


def read_variables(text: str | None, expr: sp.Basic, *, single: bool = False) -> tuple[sp.Symbol, ...]:
    """The ``--wrt`` variables (comma separated), each required to occur in ``expr``."""
    present = {s.name: s for s in expr.free_symbols}
    if text is None:
        if "x" in present and single:
            return (present["x"],)
        if len(present) == 1 or not single:
            if not present:
                raise InputError("the function has no variable to differentiate with respect to.")
            return tuple(sorted(present.values(), key=lambda s: s.name))
        raise InputError(
            f"the function has the variables {', '.join(sorted(present))}; say which one with --wrt."
        )
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise InputError("--wrt is empty; give a variable name such as x (or x,y for several).")
    missing = [name for name in names if _canonical(name) not in present]
    if missing:
        raise InputError(f"the --wrt variable {missing[0]!r} does not occur in the function {expr}.")
    if single and len(names) > 1:
        raise InputError(f"derive diff takes one --wrt variable, not {len(names)}; use derive grad for several.")
    if len(set(names)) != len(names):
        raise InputError(f"--wrt names a variable twice ({text}).")
    return tuple(present[_canonical(name)] for name in names)


def _canonical(name: str) -> str:
    return RESERVED_SYMBOLS.get(name, name)


def read_point(text: str, what: str = "the point given by --at") -> sp.Expr:
    """A real number (exact) such as 0, 1/2, -1 or pi."""
    parsed = parse_expression(text, what=what)
    value = sp.sympify(parsed.value)  # safe: built by the whitelist parser
    if value.free_symbols or not value.is_real:
        raise InputError(f"{what} must be a real number such as 0 or 1/2, not {text!r}.")
    return value
