"""Plain-text mathematics to SymPy by a whitelist walk over Python's AST.

The raw string is only ever handed to ``ast.parse`` (which builds a tree and runs nothing);
each node is then translated by a dispatch table that admits numbers, names, arithmetic and
the functions of ``symprimer.parse.names``.  Everything else is refused with one sentence.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

import sympy as sp

from symprimer.core.errors import InputError, TooLarge, too_deep, too_long
from symprimer.parse.names import (
    ARITY,
    CONSTANTS,
    FUNCTIONS,
    MAX_SYMBOL_LENGTH,
    SYMBOL_NAME,
    symbol,
)


@dataclass(frozen=True)
class Caps:
    """Limits that keep hostile input from exhausting time or memory."""

    length: int = 4000
    depth: int = 40
    nodes: int = 4000
    digits: int = 60
    exponent: int = 256


DEFAULT_CAPS = Caps()


@dataclass(frozen=True)
class Parsed:
    """A parsed value plus the notes on how it was read (e.g. decimals made exact)."""

    value: Any
    notes: tuple[str, ...] = ()


_IMPLICIT_NUMBER_TIMES = re.compile(r"(?<![A-Za-z_0-9.])(\d+(?:\.\d+)?)\s*(?=[A-Za-z(])")
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9_+\-*/^().,\[\]\s]")
_SCIENTIFIC = re.compile(r"(?<![A-Za-z_0-9])\d+(?:\.\d*)?[eE][+-]?\d")


def parse_expression(text: str, *, what: str = "the expression", caps: Caps = DEFAULT_CAPS) -> Parsed:
    """Parse one scalar expression, e.g. ``x**2*exp(x)`` or ``2x^2 + 1/2``."""
    parsed = parse_value(text, what=what, caps=caps)
    if isinstance(parsed.value, list):
        raise InputError(f"{what} is a list or matrix, but a single expression was expected.")
    return parsed


def parse_value(text: str, *, what: str = "the input", caps: Caps = DEFAULT_CAPS) -> Parsed:
    """Parse an expression or a (nested) list of expressions."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{what} is empty.")
    if len(text) > caps.length:
        raise too_long(what, len(text), caps.length)
    bad = _UNSAFE_CHARS.search(text)
    if bad:
        raise InputError(f"{what} contains the character {bad.group()!r}, which is not part of plain mathematics here.")
    scientific = _SCIENTIFIC.search(text)
    if scientific:
        raise InputError(
            f"{what} uses scientific notation ({scientific.group()}...); write the number out, e.g. 1500 for 1.5e3."
        )
    source = _IMPLICIT_NUMBER_TIMES.sub(r"\1*", text.strip()).replace("^", "**")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError:
        raise InputError(f"{what} {text.strip()!r} is not a well-formed expression.") from None
    except (RecursionError, MemoryError, ValueError):
        raise too_deep(what) from None
    count = sum(1 for _ in ast.walk(tree))
    if count > caps.nodes:
        raise TooLarge(f"{what} has {count} parts; the limit is {caps.nodes}.")
    walker = _Walker(what, caps, source)
    value = walker.visit(tree.body, depth=0)
    return Parsed(value, tuple(dict.fromkeys(walker.notes)))


class _Walker:
    """Translate whitelisted AST nodes; refuse all others."""

    def __init__(self, what: str, caps: Caps, source: str) -> None:
        self.what = what
        self.source = source
        self.caps = caps
        self.notes: list[str] = []
        self.table: dict[type, Callable[[Any, int], Any]] = {
            ast.Constant: self._constant,
            ast.Name: self._name,
            ast.BinOp: self._binop,
            ast.UnaryOp: self._unaryop,
            ast.Call: self._call,
            ast.List: self._list,
            ast.Tuple: self._list,
        }

    def visit(self, node: ast.AST, depth: int) -> Any:
        if depth > self.caps.depth:
            raise TooLarge(f"{self.what} is nested more than {self.caps.depth} levels deep.")
        handler = self.table.get(type(node))
        if handler is None:
            raise InputError(f"{self.what} uses {_describe(node)}, which is not allowed in mathematics input.")
        return handler(node, depth + 1)

    def _constant(self, node: ast.Constant, depth: int) -> sp.Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"{self.what} contains {value!r}, which is not a number or a name.")
        if isinstance(value, int):
            if len(str(abs(value))) > self.caps.digits:
                raise TooLarge(f"{self.what} has a number with more than {self.caps.digits} digits.")
            return sp.Integer(value)
        literal = ast.get_source_segment(self.source, node)  # the decimal as typed (slow: only for decimals)
        text = repr(value) if literal is None else literal
        if "e" in text.lower() or "inf" in text or "nan" in text:
            raise InputError(f"{self.what} uses the number {text}; write it out without an exponent (e.g. 1500, not 1.5e3).")
        exact = Fraction(text)
        if len(text) > self.caps.digits:
            raise TooLarge(f"{self.what} has a number with more than {self.caps.digits} digits.")
        rational = sp.Rational(exact.numerator, exact.denominator)
        self.notes.append(f"the decimal {text} is read exactly as {rational}")
        return rational

    def _name(self, node: ast.Name, depth: int) -> sp.Expr:
        name = node.id
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name in FUNCTIONS:
            raise InputError(f"{self.what} uses the function name {name!r} without an argument.")
        if len(name) > MAX_SYMBOL_LENGTH or not SYMBOL_NAME.match(name):
            raise InputError(
                f"{self.what} uses the name {name!r}; symbol names are letters and digits with at most one "
                "subscript, like a, x_1 or alpha."
            )
        return symbol(name)

    def _binop(self, node: ast.BinOp, depth: int) -> sp.Expr:
        operation = _BINARY.get(type(node.op))
        if operation is None:
            raise InputError(f"{self.what} uses the operator {_describe(node.op)}, which is not allowed.")
        left = self._scalar(self.visit(node.left, depth), "an arithmetic operand")
        right = self._scalar(self.visit(node.right, depth), "an arithmetic operand")
        if isinstance(node.op, ast.Pow):
            self._check_power(left, right)
        if isinstance(node.op, ast.Div) and right == 0:
            raise InputError(f"{self.what} divides by zero.")
        return operation(left, right)

    def _check_power(self, base: sp.Expr, exponent: sp.Expr) -> None:
        if exponent.is_number:
            if abs(exponent) > self.caps.exponent:
                raise TooLarge(f"{self.what} has the exponent {exponent}; the limit is {self.caps.exponent}.")
            if base.is_number and base.is_Rational and exponent.is_Integer:
                digits = (len(str(abs(base.p))) + len(str(base.q))) * abs(int(exponent))
                if digits > 4 * self.caps.digits:
                    raise TooLarge(f"{self.what} has a power {base}^{exponent} with too many digits.")
        elif exponent.count_ops() > 40:
            raise TooLarge(f"{self.what} has an exponent too complicated to work with.")

    def _unaryop(self, node: ast.UnaryOp, depth: int) -> sp.Expr:
        operand = self._scalar(self.visit(node.operand, depth), "a signed operand")
        if isinstance(node.op, ast.USub):
            return -operand
        if isinstance(node.op, ast.UAdd):
            return operand
        raise InputError(f"{self.what} uses the operator {_describe(node.op)}, which is not allowed.")

    def _call(self, node: ast.Call, depth: int) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            raise InputError(f"{self.what} calls something that is not a plain function name.")
        name = node.func.id
        function = FUNCTIONS.get(name)
        if function is None:
            raise InputError(f"{self.what} uses the unknown function {name!r}.")
        if node.keywords:
            raise InputError(f"{self.what} passes a keyword argument to {name}, which is not allowed.")
        low, high = ARITY.get(name, (1, 1))
        if not low <= len(node.args) <= high:
            expected = str(low) if low == high else f"{low} to {high}"
            raise InputError(f"{self.what} calls {name} with {len(node.args)} arguments; it takes {expected}.")
        args = [self._scalar(self.visit(arg, depth), f"the argument of {name}") for arg in node.args]
        if name in ("log", "ln") and len(args) == 2:
            self.notes.append(f"log(a, b) is read as the logarithm of a to base b")
        return function(*args)

    def _list(self, node: ast.List | ast.Tuple, depth: int) -> list:
        return [self.visit(element, depth) for element in node.elts]

    def _scalar(self, value: Any, role: str) -> sp.Expr:
        if isinstance(value, list):
            raise InputError(f"{self.what} uses a list as {role}; only numbers and expressions may appear there.")
        return value


_BINARY: dict[type, Callable[[sp.Expr, sp.Expr], sp.Expr]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}


def _describe(node: ast.AST) -> str:
    return {
        ast.Attribute: "attribute access",
        ast.Subscript: "indexing",
        ast.Lambda: "a lambda",
        ast.Compare: "a comparison",
        ast.BoolOp: "a logical operator",
        ast.Dict: "a dictionary",
        ast.Set: "a set",
        ast.ListComp: "a comprehension",
        ast.GeneratorExp: "a generator",
        ast.JoinedStr: "a formatted string",
        ast.Starred: "star-unpacking",
        ast.IfExp: "a conditional expression",
        ast.NamedExpr: "an assignment",
        ast.FloorDiv: "// (floor division)",
        ast.Mod: "% (remainder)",
        ast.MatMult: "@ (matrix product)",
        ast.BitXor: "^",
        ast.BitAnd: "&",
        ast.BitOr: "|",
        ast.LShift: "<<",
        ast.RShift: ">>",
        ast.Invert: "~",
        ast.Not: "not",
    }.get(type(node), type(node).__name__.lower())
