"""A student's LaTeX to SymPy: guard, course conventions, latex2sympy2-extended, meanings.

latex2sympy2-extended is used with ``lowercase_symbols=False`` (A and a differ),
``interpret_as_mixed_fractions=False`` (2\\frac{1}{2} is a product) and
``interpret_simple_eq_as_assignment=False`` (x = 1 stays an equation); its own normaliser runs
only its basic command clean-up (no unit stripping, no \\boxed extraction, no "fixing" of
malformed input).  ``variable_values`` is never given strings (it would call ``parse_expr``).
The converter is subclassed only to keep decimals exact and to read capital letters as square
matrices (so AB and BA stay different) and I as the identity beside matrices, and to parse in
ANTLR's two stages: the fast SLL prediction first, which either yields exactly the tree the full LL
prediction would or stops at a syntax error, and only then the full LL prediction (about six times
slower, and the one that reports the error a student sees).
"""
from __future__ import annotations

import re
from typing import Any

import sympy as sp
from antlr4.atn.PredictionMode import PredictionMode
from antlr4.error.ErrorListener import ErrorListener
from antlr4.error.ErrorStrategy import BailErrorStrategy
from antlr4.error.Errors import ParseCancellationException
from latex2sympy2_extended.latex2sympy2 import ConversionConfig, _Latex2Sympy
from latex2sympy2_extended.math_normalization import NormalizationConfig, normalize_latex

from symprimer.parse.guard import DEFAULT_LATEX_CAPS, LatexCaps, guard_latex
from symprimer.parse.latex_quick import read_simple
from symprimer.parse.meaning import MATRIX_SIZE, Context, Definition, apply_function, rebuild
from symprimer.parse.names import symbol
from symprimer.parse.normalise import Slot, normalise, ordinary_latex, split_cases_rows, split_top_level
from symprimer.core.errors import InputError, SymprimerError, TooLarge, too_deep
from symprimer.parse.plain import Parsed

CONVERSION = ConversionConfig(
    lowercase_symbols=False,
    interpret_as_mixed_fractions=False,
    interpret_simple_eq_as_assignment=False,
    interpret_contains_as_eq=True,
)
NORMALISATION = NormalizationConfig(
    basic_latex=True, units=False, malformed_operators=False, nits=False, boxed="none", equations=False
)
MAX_SLOT_DEPTH = 8

_MATRIX_LETTER = re.compile(r"(?<![\\a-z{])[A-HJ-Z](?![a-z}])")  # AB, AI: products of matrices
_SET_PREFIX = re.compile(r"^\s*(?:\\lambda|[A-Za-z])(?:_\{?\w+\}?)?\s*\\in\s*")
_MATH_DELIMITERS = re.compile(r"^\s*(?:\$\$?|\\\[|\\\()|(?:\$\$?|\\\]|\\\))\s*$")
_INDEX_I = re.compile(r"\\sum|\\prod|_\s*\{?\s*i")
_BRACED_SET = re.compile(r"^\s*\\\{(.*)\\\}\s*$", re.S)


class _AskTheFullParse(ErrorListener):
    """In the fast stage any error, even the lexer's, hands the text to the full LL parse."""

    def syntaxError(self, recognizer: Any, offendingSymbol: Any, line: int, column: int, msg: str, e: Any) -> None:
        raise ParseCancellationException(msg)


class _CourseConverter(_Latex2Sympy):
    """latex2sympy's converter with exact decimals and order-keeping capital letters."""

    def __init__(self, matrix_context: bool, two_stage: bool = True) -> None:
        super().__init__(variable_values=None, is_real=None, convert_degrees=False, config=CONVERSION)
        self.matrix_context = matrix_context
        self.two_stage = two_stage  # False: the full LL prediction only (the tests' reference)
        self.fast_prediction = two_stage

    def parse(self, latex_str: str) -> Any:
        """SLL first; at its first syntax error, the full LL parse decides (and words any error)."""
        self.fast_prediction = self.two_stage
        try:
            return super().parse(latex_str)
        except ParseCancellationException:
            self.fast_prediction = False
            return super().parse(latex_str)

    def create_parser(self, latex_str: str) -> Any:
        parser = super().create_parser(latex_str)
        if self.fast_prediction:
            parser._interp.predictionMode = PredictionMode.SLL
            parser._errHandler = BailErrorStrategy()
            parser.removeErrorListeners()  # a syntax error here only means: ask the LL parse
            lexer = parser.getTokenStream().tokenSource
            lexer.removeErrorListeners()
            lexer.addErrorListener(_AskTheFullParse())  # so the LL parse words every error
        return parser

    def parse_number(self, text: str) -> sp.Number:
        return sp.Rational(text.replace(",", ""))

    def convert_postfix_list(self, arr: Any, i: int = 0) -> Any:
        """Factors side by side are a product: ``2(3)`` is 6 (latex2sympy reads a whole number
        before a positive fraction as a mixed number, 5, whatever its configuration says)."""
        value = self.convert_postfix(arr[i])
        if isinstance(value, list):  # d/dx: what follows is differentiated
            if i == len(arr) - 1:
                raise Exception("Expected expression for derivative")
            return sp.Derivative(self.convert_postfix_list(arr, i + 1), value[0])
        if i == len(arr) - 1 or not isinstance(value, (sp.Expr, sp.Matrix)):
            return value
        rest = self.convert_postfix_list(arr, i + 1)
        if getattr(value, "is_Matrix", False) or getattr(rest, "is_Matrix", False):
            return self.mat_mul_flat(value, rest)
        return self.mul_flat(value, rest)

    def convert_atom_expr(self, atom_expr: Any) -> Any:
        value = super().convert_atom_expr(atom_expr)
        if isinstance(value, sp.Pow):
            base = self._as_matrix(value.base)
            if isinstance(base, sp.MatrixExpr):
                return sp.MatPow(base, value.exp)
            return sp.Pow(base, value.exp, evaluate=False)
        return self._as_matrix(value)

    def _as_matrix(self, value: Any) -> Any:
        if isinstance(value, sp.Symbol) and len(value.name) == 1 and value.name.isupper() and value.name != "I":
            return sp.MatrixSymbol(value.name, MATRIX_SIZE, MATRIX_SIZE)
        if value is sp.I and self.matrix_context:
            return sp.Identity(MATRIX_SIZE)
        return value


def parse_latex(
    text: str,
    *,
    what: str = "the answer",
    context: Context | None = None,
    caps: LatexCaps = DEFAULT_LATEX_CAPS,
) -> Parsed:
    """Read one answer: an expression, a matrix, an equation, or a list (tuple) of values."""
    text = ordinary_latex(_MATH_DELIMITERS.sub("", text)) if isinstance(text, str) else text
    guard_latex(text, what, caps)
    context = context or Context()
    matrix_context = bool(_MATRIX_LETTER.search(text) or "matrix}" in text)
    context = Context(context.definitions, matrix_context, not _INDEX_I.search(text))
    body = _SET_PREFIX.sub("", text.strip())
    braced = _BRACED_SET.match(body)
    if braced and "\\}" not in braced.group(1):
        body = braced.group(1)
    items = [item for item in split_top_level(body) if item.strip()]
    if len(items) > 1:
        values = tuple(_read(item, what, context, 0) for item in items)
        if _one_quantity(values):
            values = tuple(_strip_label(value) for value in values)
        else:
            values = tuple(_finish(value) for value in values)
        return Parsed(values, ("a list is compared as a multiset (order free, multiplicities count)",))
    value = _read(body, what, context, 0)
    if isinstance(value, sp.Equality) and isinstance(value.rhs, (tuple, sp.Tuple)):
        value = tuple(value.rhs)
    return Parsed(_finish(value), ())


INTERCHANGEABLE = ("lamda", "lambda", "sigma", "mu")  # eigenvalues, singular values: any order


def _one_quantity(values: tuple) -> bool:
    """``x = 1, x = 2`` (the values of one unknown) or ``\\lambda_1 = 3, \\lambda_2 = 1`` (values
    named in any order): the labels may go.  ``x = 2, y = 3`` is a system and keeps them."""
    names = {value.lhs for value in values if isinstance(value, sp.Equality) and isinstance(value.lhs, sp.Symbol)}
    if len(names) <= 1:
        return True
    return all(name.name.split("_")[0] in INTERCHANGEABLE for name in names)


def _strip_label(value: Any) -> Any:
    """``\\lambda_1 = 3`` in a list is the item 3."""
    if isinstance(value, sp.Equality) and isinstance(value.lhs, sp.Symbol):
        return _finish(value.rhs)
    return _finish(value)


def _finish(value: Any) -> Any:
    """Give Identity(n) the size of the explicit matrices beside it."""
    if isinstance(value, tuple):
        return tuple(_finish(v) for v in value)
    if isinstance(value, sp.Basic) and value.has(sp.Identity):
        sizes = {m.rows for m in value.atoms(sp.ImmutableMatrix, sp.MutableDenseMatrix)}
        if len(sizes) == 1:
            filled = value.xreplace({MATRIX_SIZE: sizes.pop()})
            done = filled.doit() if isinstance(filled, sp.MatrixExpr) else filled
            return sp.ImmutableMatrix(done.as_explicit()) if isinstance(done, sp.MatrixExpr) else done
    return value


def _read(text: str, what: str, context: Context, depth: int) -> Any:
    if depth > MAX_SLOT_DEPTH:
        raise TooLarge(f"{what} nests functions more than {MAX_SLOT_DEPTH} deep.")
    functions = frozenset(d.name for d in context.definitions if d.variable is not None)
    normalised = normalise(text, what, functions)
    slots = {slot.name: _slot_value(slot, what, context, depth) for slot in normalised.slots}
    tree = _convert(normalised.text, what, context.matrix_context)
    try:
        return rebuild(tree, slots, context)
    except SymprimerError:
        raise
    except (TypeError, ValueError, AttributeError, ArithmeticError, NotImplementedError):  # SymPy's matrix errors are ValueErrors
        raise InputError(f"{what} applies an operation to something it does not fit, such as a power of a matrix that is not square or a sum of matrices of different sizes.") from None


def _slot_value(slot: Slot, what: str, context: Context, depth: int) -> Any:
    if slot.kind == "cases":
        return _piecewise(slot.body, what, context, depth)
    if slot.kind == "derivative":
        variable = _read(slot.function, what, context, depth + 1)
        if not isinstance(variable, sp.Symbol):
            raise InputError(f"{what} differentiates with respect to {slot.function}, which is not a variable.")
        return sp.Derivative(_finish(_read(slot.body, what, context, depth + 1)), (variable, slot.order))
    argument = _finish(_read(slot.body, what, context, depth + 1))
    return apply_function(slot.function, slot.order, argument, context)


def _piecewise(body: str, what: str, context: Context, depth: int) -> sp.Piecewise:
    pieces = []
    for value_text, condition_text in split_cases_rows(body):
        value = _read(value_text, what, context, depth + 1)
        if not condition_text or re.fullmatch(r"(\\text\{\s*)?(otherwise|else|sonst)\s*\}?", condition_text):
            condition: Any = sp.true
        else:
            condition = _read(condition_text, what, context, depth + 1)
            if not isinstance(condition, (sp.core.relational.Relational, sp.logic.boolalg.Boolean)):
                raise InputError(f"{what} has a cases row whose condition {condition_text!r} is not a comparison.")
        pieces.append((value, condition))
    if not pieces:
        raise InputError(f"{what} has an empty cases block.")
    return sp.Piecewise(*pieces)


def _convert(text: str, what: str, matrix_context: bool) -> Any:
    try:
        cleaned = normalize_latex(text, NORMALISATION)
        converter = _CourseConverter(matrix_context)
        tree = read_simple(cleaned, converter)
        return converter.parse(cleaned) if tree is None else tree
    except SymprimerError:
        raise
    except RecursionError:
        raise too_deep(what) from None
    except Exception as error:  # latex2sympy reports syntax errors as bare Exceptions
        if type(error) is not Exception:
            raise InputError(f"{what} applies an operation (such as a norm or a matrix function) to something it does not fit.") from None
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise InputError(f"{what} could not be read as LaTeX mathematics ({first}).") from None


def parse_definition(text: str, *, context: Context | None = None) -> Definition:
    """``\\sigma(x)=\\frac{1}{1+e^{-x}}`` or ``A=\\begin{pmatrix}...`` for --let."""
    left, sep, right = text.partition("=")
    if not sep or not right.strip():
        raise InputError(f"--let {text!r} is not of the form name(x)=expression or name=value.")
    head = re.fullmatch(r"\s*\\?([A-Za-z]+)\s*(?:\(\s*\\?([A-Za-z]+)\s*\))?\s*", left)
    if head is None:
        raise InputError(f"--let {text!r}: the left side must be a name like \\sigma(x), f(x) or A.")
    name, variable = head.group(1), head.group(2)
    value = parse_latex(right, what=f"the definition of {name}", context=context).value
    if variable is None:
        return Definition(name, value)
    return Definition(name, value, symbol(variable))
