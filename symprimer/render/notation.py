"""How mathematics is printed: one place for LaTeX, plain-text and SymPy-string forms."""
from __future__ import annotations

import re
from typing import Any

import sympy as sp
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.stringpict import prettyForm
from sympy.printing.str import StrPrinter

from symprimer.render.handform import written_order  # noqa: F401 (re-exported)
from symprimer.render.handprint import HandLatexPrinter, HandPrettyPrinter

LATEX_SETTINGS = {"mat_str": "pmatrix", "mat_delim": "", "ln_notation": False, "imaginary_unit": "i"}
RELATION_LATEX = {"=": "=", "!=": "\\neq", ":=": "\\coloneqq"}
RELATION_TEXT = {"=": "=", "!=": "≠", ":=": ":="}
_BETWEEN_NUMBERS = re.compile(r"(?<=[\d)}]) (?=[\d]|\\left\(|\\frac)")


class CourseLatexPrinter(HandLatexPrinter):
    """The written form (``render.handprint``) with the deck's determinant bars: |A| of an
    explicit matrix is a vmatrix."""

    def _print_Mul(self, expr: Any) -> str:
        """A product of numbers written out (unevaluated) has a dot between every two factors,
        ``1 \\cdot (-2)`` as ``2 \\cdot 3``; letters stay juxtaposed."""
        printed = super()._print_Mul(expr)
        if expr.is_number and expr.func(*expr.args) != expr:
            printed = _BETWEEN_NUMBERS.sub(r" \\cdot ", printed)
        return printed

    def _print_Identity(self, expr: Any) -> str:
        """The identity is I, as the deck writes it (SymPy's default is a blackboard-bold I)."""
        return "I"

    def _print_Adjoint(self, expr: Any) -> str:
        """One conjugate-transpose symbol everywhere, prose and displays alike: A^{*}."""
        arg = expr.arg
        base = self._print(arg)
        if not (isinstance(arg, sp.MatrixSymbol) or isinstance(arg, sp.MatrixBase)):
            base = r"\left(" + base + r"\right)"
        return base + "^{*}"

    def _print_Determinant(self, expr: Any) -> str:
        arg = expr.arg
        if isinstance(arg, sp.MatrixBase):
            rows = r" \\ ".join(" & ".join(self._print(e) for e in arg.row(i)) for i in range(arg.rows))
            return r"\begin{vmatrix}" + rows + r"\end{vmatrix}"
        return r"\det\left(" + self._print(arg) + r"\right)"


class OneLineStrPrinter(StrPrinter):
    """SymPy's str form with matrices kept on one line as Matrix([[...]])."""

    def _print_MatrixBase(self, expr: Any) -> str:
        return "Matrix(%s)" % self._print(expr.tolist())

    _print_ImmutableDenseMatrix = _print_MatrixBase
    _print_MutableDenseMatrix = _print_MatrixBase


def to_latex(value: Any) -> str:
    """LaTeX of a value as SymPy prints it, in the course's notation (pmatrix, natural log)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ",\\ ".join(to_latex(v) for v in value)
    if isinstance(value, sp.Rational):  # as the printer writes it, without building a printer
        return _rational_latex(value)
    return CourseLatexPrinter(LATEX_SETTINGS).doprint(value)


def _rational_latex(number: sp.Rational) -> str:
    """-3, \\frac{2}{13} or - \\frac{2}{13}: a row operation's prose prints many of these."""
    p, q = int(number.p), int(number.q)
    if q == 1:
        return str(p)
    return ("- " if p < 0 else "") + f"\\frac{{{abs(p)}}}{{{q}}}"


def to_sympy_string(value: Any) -> str:
    """A string that ``sympy.sympify`` reads back to the same value."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "[%s]" % ", ".join(to_sympy_string(v) for v in value)
    return OneLineStrPrinter({"full_prec": True}).doprint(elementary(value))


def elementary(value: Any) -> Any:
    """The course's own functions (sigmoid, softmax s_i) written out in exp, so that
    ``sympify`` of the printed string gives back the same value, not an unknown name."""
    if not isinstance(value, sp.Basic):
        return value
    own = {f for f in value.atoms(sp.Function) if type(f).__module__ == _COURSE_FUNCTIONS}
    if not own:
        return value
    return value.xreplace({f: f.rewrite(sp.exp) for f in own})


_COURSE_FUNCTIONS = "symprimer.core.functions"


class CoursePrettyPrinter(HandPrettyPrinter):
    """The terminal printer in the written form (``render.handprint``), with I and A^*."""

    def _print_Identity(self, expr: Any) -> Any:
        return prettyForm("I")

    def _print_Adjoint(self, expr: Any) -> Any:
        arg = expr.arg
        form = self._print(arg)
        if not (isinstance(arg, sp.MatrixSymbol) or isinstance(arg, sp.MatrixBase)):
            form = prettyForm(*form.parens())
        return form ** prettyForm("*")


def to_text(value: Any) -> str:
    """A readable multi-line picture of a value for the terminal."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(to_text(v) for v in value)
    return CoursePrettyPrinter({"use_unicode": True, "wrap_line": False}).doprint(value)


def text_relation(before: Any, relation: str, after: Any) -> str:
    """``before = after`` drawn side by side, with matrices and fractions aligned."""
    printer = CoursePrettyPrinter({"use_unicode": True, "wrap_line": False})
    left = printer.doprint(before) if not isinstance(before, (list, tuple)) else to_text(before)
    right = printer.doprint(after) if not isinstance(after, (list, tuple)) else to_text(after)
    if "\n" not in left and "\n" not in right:
        return f"{left} {RELATION_TEXT[relation]} {right}"
    form = prettyForm(*_form(before, printer).right(f" {RELATION_TEXT[relation]} ", _form(after, printer)))
    return form.render(wrap_line=False)


def _form(value: Any, printer: PrettyPrinter) -> prettyForm:
    if isinstance(value, (list, tuple)):
        return prettyForm(to_text(value))
    return printer._print(sp.sympify(value) if not isinstance(value, sp.Basic) else value)  # safe: our own values
