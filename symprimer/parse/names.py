"""The whitelist: which function names and constants plain input may use.

Anything not in these tables is refused by the parser with a sentence naming it.
"""
from __future__ import annotations

import re
from types import MappingProxyType

import sympy as sp

from symprimer.core.functions import NN_FUNCTIONS

FUNCTIONS = MappingProxyType(
    {
        "sqrt": sp.sqrt,
        "exp": sp.exp,
        "log": sp.log,
        "ln": sp.log,
        "sin": sp.sin,
        "cos": sp.cos,
        "tan": sp.tan,
        "cot": sp.cot,
        "sec": sp.sec,
        "csc": sp.csc,
        "asin": sp.asin,
        "acos": sp.acos,
        "atan": sp.atan,
        "arcsin": sp.asin,
        "arccos": sp.acos,
        "arctan": sp.atan,
        "sinh": sp.sinh,
        "cosh": sp.cosh,
        "tanh": sp.tanh,
        "sech": sp.sech,
        "csch": sp.csch,
        "coth": sp.coth,
        "asinh": sp.asinh,
        "acosh": sp.acosh,
        "atanh": sp.atanh,
        "Abs": sp.Abs,
        "abs": sp.Abs,
        "Max": sp.Max,
        "max": sp.Max,
        "Min": sp.Min,
        "min": sp.Min,
        "erf": sp.erf,
        "erfc": sp.erfc,
        "sign": sp.sign,
        "conjugate": sp.conjugate,
        "conj": sp.conjugate,
        "re": sp.re,
        "im": sp.im,
        "Heaviside": sp.Heaviside,
        **NN_FUNCTIONS,
    }
)

# Arity limits keep calls like log(x, 2) (base 2) legal while refusing nonsense.
ARITY = MappingProxyType({"log": (1, 2), "Max": (2, 8), "max": (2, 8), "Min": (2, 8), "min": (2, 8), "Heaviside": (1, 2)})

CONSTANTS = MappingProxyType(
    {
        "I": sp.I,
        "pi": sp.pi,
        "E": sp.E,
        "oo": sp.oo,
        "inf": sp.oo,
    }
)

# Names SymPy would read as something other than a plain symbol when sympify reads our output
# back; we store them under a safe spelling.
RESERVED_SYMBOLS = MappingProxyType({"lambda": "lamda", "S": "S_", "N": "N_", "O": "O_", "Q": "Q_"})

SYMBOL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)?$")
MAX_SYMBOL_LENGTH = 24


def symbol(name: str) -> sp.Symbol:
    """The symbol for a validated name (no assumptions: matrices may be complex)."""
    return sp.Symbol(RESERVED_SYMBOLS.get(name, name))
