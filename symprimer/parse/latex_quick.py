"""A quick reader for the common simple answers, tried before latex2sympy's ANTLR parser.

Most answers a class hands in are short sums and products of numbers, letters, fractions, roots,
powers, ``e^{..}``, a few elementary functions and small matrices.  The ANTLR parser reads them
in milliseconds; this whitelist recursive-descent reader reads them in a fraction of that.  It
follows latex2sympy's grammar for that subset and builds the very tree latex2sympy would (with
the converter's own builders: ``add_flat``, ``mul_flat``, ``mat_mul_flat``, its number and symbol
readers), so ``symprimer.parse.meaning.rebuild`` turns both into the same value.  Anything outside
the subset, or anything the grammar reads in a surprising way (``x(y)`` is a function call there,
``x^23`` is x to the 23rd, ``dx`` a differential), is "not mine": ``read_simple`` returns None and
the full parser reads the text.  It never evaluates text: tokens become SymPy objects one by one.
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from latex2sympy2_extended.symbols import get_symbol

from symprimer.parse.latex_tokens import NotMine, Token
from symprimer.parse.latex_tokens import tokens as read_tokens

FUNCTIONS = {
    "ln": lambda arg: sp.log(arg, sp.E, evaluate=False),
    "exp": lambda arg: sp.exp(arg, evaluate=False),
    **{name: (lambda f: lambda arg: f(arg, evaluate=False))(getattr(sp, name)) for name in ("sin", "cos", "tan", "sinh", "cosh", "tanh")},
}
_PRODUCT = frozenset({"*", r"\cdot", r"\times"})
_QUOTIENT = frozenset({"/", r"\div"})


def read_simple(text: str, converter: Any) -> Any | None:
    """latex2sympy's tree for ``text`` (already cleaned by its normaliser), or None when the text
    is not a simple answer.  ``converter`` supplies latex2sympy's tree builders."""
    try:
        tokens = read_tokens(text)
        if not tokens:
            return None
        reader = _Reader(tokens, converter)
        tree = reader.expression()
        if reader.position != len(tokens):
            return None
        return tree
    except (NotMine, RecursionError):
        return None


class _Reader:
    """Recursive descent over latex2sympy's grammar (expr, additive, mp, unary, postfix, exp, comp),
    restricted to the quick subset; ``nofunc`` is the grammar's ``*_nofunc`` variant used for a
    function's argument written without brackets (``\\ln 2x``)."""

    def __init__(self, tokens: list[Token], converter: Any) -> None:
        self.tokens = tokens
        self.position = 0
        self.build = converter

    # -- looking at tokens ----------------------------------------------------------------------
    def peek(self, offset: int = 0) -> Token | None:
        index = self.position + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def at(self, text: str) -> bool:
        token = self.peek()
        return token is not None and token.text == text

    def take(self, text: str) -> Token:
        token = self.peek()
        if token is None or token.text != text:
            raise NotMine()
        self.position += 1
        return token

    # -- the grammar ----------------------------------------------------------------------------
    def expression(self) -> Any:
        left = self.product(nofunc=False)
        while self.at("+") or self.at("-"):
            operator = self.take(self.peek().text).text
            right = self.product(nofunc=False)
            left = self._add(left, right) if operator == "+" else self._subtract(left, right)
        return left

    def product(self, nofunc: bool) -> Any:
        left = self.unary(nofunc)
        while self.peek() is not None and (self.peek().text in _PRODUCT or self.peek().text in _QUOTIENT):
            operator = self.take(self.peek().text).text
            right = self.unary(nofunc)
            left = self._multiply(left, right) if operator in _PRODUCT else self._divide(left, right)
        return left

    def unary(self, nofunc: bool) -> Any:
        if self.at("+"):
            self.take("+")
            return self.unary(nofunc)
        if self.at("-"):
            self.take("-")
            return self._negate(self.unary(nofunc))
        factors = [self.postfix(allow_function=True)]
        while self._starts_factor(allow_function=not nofunc):
            factors.append(self.postfix(allow_function=not nofunc))
        value = factors[-1]
        for factor in reversed(factors[:-1]):  # right-nested, as latex2sympy multiplies a run of factors
            value = self._multiply(factor, value)
        return value

    def postfix(self, allow_function: bool) -> Any:
        token = self.peek()
        if token is None:
            raise NotMine()
        if token.kind in ("letter", "greek", "accent") and token.text != "e":
            return self.atom()
        if token.kind == "number":
            self.position += 1
            return self._power_of(self.build.parse_number(token.text))
        if token.text == "(":
            self.take("(")
            inner = self.expression()
            self.take(")")
            return self._power_of(inner)
        if token.kind == "begin":
            return self.matrix()
        if token.text == r"\frac":
            return self._power_of(self.fraction())
        if not allow_function:
            raise NotMine()
        if token.text == "e":
            return self.exponential()
        if token.text == r"\sqrt":
            return self._power_of(self.root())
        if token.kind == "command" and token.text[1:] in FUNCTIONS:
            return self._power_of(self.function())
        raise NotMine()

    def _starts_factor(self, allow_function: bool) -> bool:
        token = self.peek()
        if token is None:
            return False
        if token.kind in ("letter", "greek", "accent", "number", "begin") or token.text in ("(", r"\frac"):
            return allow_function or token.text != "e"
        if token.text in ("{", "&", "}", ")", "+", "-", "^", "_") or token.kind in ("end", "row"):
            return False
        if token.text in _PRODUCT or token.text in _QUOTIENT:
            return False
        if token.text == r"\sqrt" or token.text[1:] in FUNCTIONS:
            return allow_function
        raise NotMine()

    def atom(self) -> Any:
        """A letter, Greek letter or accented letter, with an optional subscript and power; when a
        bracket follows, the grammar may read a function call, so only a bracketed sum or
        difference is taken (as a product)."""
        token = self.peek()
        self.position += 1
        name = token.value if token.kind in ("greek", "accent") else token.text
        subscript, power = "", None
        for _ in range(2):
            if self.at("_") and not subscript:
                subscript = self._subscript()
            elif self.at("^") and power is None:
                power = self._superscript()
            else:
                break
        if self.at("(") and not self._bracket_holds_a_sum():
            raise NotMine()
        if self.at("^"):
            raise NotMine()
        symbol = get_symbol(name.strip() + subscript, None, False)
        return symbol if power is None else sp.Pow(symbol, power, evaluate=False)

    def _subscript(self) -> str:
        """``_1``, ``_i``, ``_{12}``: the subscript's text (a bare ``_e`` is the exponential to the
        grammar, which it then refuses: not ours)."""
        self.take("_")
        token = self.peek()
        if token is not None and token.text == "{":
            self.take("{")
            parts = []
            while self.peek() is not None and self.peek().kind in ("letter", "number"):
                parts.append(self.peek().text)
                self.position += 1
            self.take("}")
            text = "".join(parts)
            if not text or "." in text:
                raise NotMine()
        elif token is not None and (token.kind == "letter" and token.text != "e" or token.kind == "number" and len(token.text) == 1):
            self.position += 1
            text = token.text
        else:
            raise NotMine()
        return f"_{{{text}}}" if len(text) > 1 else f"_{text}"

    def _superscript(self) -> Any:
        """``^{expr}``, or one digit or letter (``x^23`` is x to the 23rd to the grammar: not ours)."""
        self.take("^")
        token = self.peek()
        if token is None:
            raise NotMine()
        if token.text == "{":
            self.take("{")
            value = self.expression()
            self.take("}")
            return value
        if token.kind == "number" and len(token.text) == 1:
            self.position += 1
            return self.build.parse_number(token.text)
        if token.kind == "letter" and token.text != "e":
            self.position += 1
            if self.at("_") or self.at("^"):
                raise NotMine()
            return get_symbol(token.text, None, False)
        raise NotMine()

    def _power_of(self, base: Any) -> Any:
        if self.at("_"):
            raise NotMine()
        if not self.at("^"):
            return base
        if _is_matrix(base):
            raise NotMine()
        power = self._superscript()
        if self.at("^") or self.at("_"):
            raise NotMine()
        return sp.Pow(base, power, evaluate=False)

    def _bracket_holds_a_sum(self) -> bool:
        """Whether the bracket after a letter holds a top-level + or - after its first token (the
        grammar's function call wants a single atom or a comma list inside)."""
        depth, index = 0, self.position
        while index < len(self.tokens):
            text = self.tokens[index].text
            if text in ("(", "{"):
                depth += 1
            elif text in (")", "}"):
                depth -= 1
                if depth == 0:
                    return False
            elif depth == 1 and text in ("+", "-") and index > self.position + 1:
                return True
            index += 1
        return False

    def fraction(self) -> Any:
        self.take(r"\frac")
        top, bottom = self._braced(), self._braced()
        if _is_matrix(top) or _is_matrix(bottom):
            raise NotMine()
        if getattr(top, "is_Integer", False) and getattr(bottom, "is_Integer", False):
            return sp.Rational(top, bottom)
        return sp.Mul(top, sp.Pow(bottom, -1, evaluate=False), evaluate=False)

    def root(self) -> Any:
        """``\\sqrt{..}`` (a root of another degree, ``\\sqrt[3]{..}``, is the full reader's)."""
        self.take(r"\sqrt")
        base = self._braced()
        if _is_matrix(base):
            raise NotMine()
        return sp.Pow(base, sp.S.Half, evaluate=False)

    def _braced(self) -> Any:
        self.take("{")
        value = self.expression()
        self.take("}")
        return value

    def exponential(self) -> Any:
        """``e``, ``e^x``, ``e^{..}``: the exponential function (its value, as latex2sympy builds it)."""
        self.take("e")
        if self.at("_"):
            raise NotMine()
        argument = self._superscript() if self.at("^") else 1
        if self.at("^") or self.at("_"):
            raise NotMine()
        return sp.exp(argument)

    def function(self) -> Any:
        """``\\ln(..)``, ``\\sin^2 x``...: brackets, or the grammar's bracket-free argument."""
        name = self.peek().text[1:]
        self.position += 1
        power = None
        if self.at("^"):
            self.take("^")
            token = self.peek()
            if token is None or token.kind != "number" or len(token.text) != 1 or token.text == "0":
                raise NotMine()
            self.position += 1
            power = self.build.parse_number(token.text)
        if self.at("_"):
            raise NotMine()
        if self.at("("):
            self.take("(")
            argument = self.expression()
            self.take(")")
        else:
            argument = self.product(nofunc=True)
        if _is_matrix(argument):
            raise NotMine()
        value = FUNCTIONS[name](argument)
        return value if power is None else sp.Pow(value, power, evaluate=False)

    def matrix(self) -> Any:
        kind = self.peek().value
        self.position += 1
        rows: list[list[Any]] = [[]]
        while True:
            self.take("{")  # the course's normaliser braces every cell
            rows[-1].append(self.expression())
            self.take("}")
            token = self.peek()
            if token is None:
                raise NotMine()
            if token.text == "&":
                self.position += 1
            elif token.kind == "row":
                self.position += 1
                if self.peek() is not None and self.peek().kind == "end":
                    break
                rows.append([])
            elif token.kind == "end":
                break
            else:
                raise NotMine()
        end = self.peek()
        if end.text != rf"\end{{{kind}}}" or len({len(row) for row in rows}) != 1:
            raise NotMine()
        self.position += 1
        if any(_is_matrix(cell) for row in rows for cell in row):
            raise NotMine()
        if self.at("^") or self.at("_"):
            raise NotMine()
        return sp.Matrix(rows)

    # -- latex2sympy's ways of combining two values -------------------------------------------
    def _add(self, left: Any, right: Any) -> Any:
        if _is_matrix(left) or _is_matrix(right):
            return self.build.mat_add_flat(left, right)
        return self.build.add_flat(left, right)

    def _subtract(self, left: Any, right: Any) -> Any:
        if _is_matrix(left) or _is_matrix(right):
            return self.build.mat_add_flat(left, self.build.mat_mul_flat(-1, right))
        right = -right if getattr(right, "func", None) is not None and right.func.is_Number else self.build.mul_flat(-1, right)
        return self.build.add_flat(left, right)

    def _multiply(self, left: Any, right: Any) -> Any:
        if _is_matrix(left) or _is_matrix(right):
            return self.build.mat_mul_flat(left, right)
        return self.build.mul_flat(left, right)

    def _divide(self, left: Any, right: Any) -> Any:
        if _is_matrix(left) or _is_matrix(right):
            raise NotMine()
        if getattr(left, "is_Integer", False) and getattr(right, "is_Integer", False):
            return sp.Rational(left, right)
        return sp.Mul(left, sp.Pow(right, -1, evaluate=False), evaluate=False)

    def _negate(self, value: Any) -> Any:
        if _is_matrix(value):
            return self.build.mat_mul_flat(-1, value)
        if getattr(value, "func", None) is not None and value.func.is_Number:
            return -value
        return self.build.mul_flat(-1, value)


def _is_matrix(value: Any) -> bool:
    return bool(getattr(value, "is_Matrix", False))
