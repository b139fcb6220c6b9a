"""The printers of the written form: LaTeX, the terminal picture and one line of plain text.

Each applies ``render.handform``'s policy (term and factor order, signs, decimals, written
forms kept as built) on top of SymPy's own printer for everything else.
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.stringpict import prettyForm, stringPict
from sympy.printing.str import StrPrinter

from symprimer.render.handform import (
    decimal_digits,
    dot_between,
    fraction_parts,
    given_decimal,
    is_negation,
    leads_with_minus,
    negative_number,
    ordered_factors,
    sign_absorbed,
    signed_terms,
    split_fraction,
    written_order,
    written_relation,
)


class HandLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the written order, signs and decimals of the board."""

    def _print_Add(self, expr: Any, order: Any = None) -> str:
        pieces = []
        for index, term in enumerate(signed_terms(expr)):
            tex = self._print(term.body)
            if term.bracketed or self._needs_add_brackets(term.body) or term.body.is_Add:
                tex = r"\left(%s\right)" % tex
            if index:
                tex = (" - " if term.minus else " + ") + tex
            pieces.append(tex)
        return "".join(pieces)

    def _print_Mul(self, expr: Any) -> str:
        if not isinstance(expr, sp.Mul):  # SymPy's Pow printing passes powers through here
            return super()._print_Mul(expr)
        if written_order(expr):
            return self._written_product(expr)
        absorbed = sign_absorbed(expr)
        if expr.could_extract_minus_sign() and not absorbed:
            inner = -expr
            tex = self._print(inner)
            return "- " + (r"\left(%s\right)" % tex if inner.is_Add else tex)
        numerator, denominator = fraction_parts(absorbed or ordered_factors(expr))
        top = self._joined(numerator) if numerator else "1"
        if not denominator:
            return top
        return r"\frac{%s}{%s}" % (top, self._joined(denominator))

    def _written_product(self, expr: sp.Mul) -> str:
        fraction = split_fraction(expr)
        if fraction:
            return r"\frac{%s}{%s}" % (self._print(fraction[0]), self._print(fraction[1]))
        if is_negation(expr):
            inner = expr.args[1]
            tex = self._print(inner)
            if inner.is_Add or leads_with_minus(inner):
                tex = r"\left(%s\right)" % tex
            return "- " + tex
        return self._joined(expr.args)

    def _print_factor(self, factor: sp.Expr) -> str:
        return (factor.is_Rational and decimal_digits(factor)) or self._print(factor)

    def _print_UnevaluatedExpr(self, expr: Any) -> str:
        return given_decimal(expr) or super()._print_UnevaluatedExpr(expr)

    def _print_Relational(self, expr: Any) -> str:
        return super()._print_Relational(written_relation(expr))

    def _joined(self, factors: Any) -> str:
        tex = ""
        for index, factor in enumerate(factors):
            piece = self._print_factor(factor)
            last = index == len(factors) - 1
            if len(factors) > 1 and (
                self._needs_mul_brackets(factor, first=index == 0, last=last)
                or negative_number(factor)
                or (index and leads_with_minus(factor))
            ):
                piece = r"\left(%s\right)" % piece
            if index:
                tex += r" \cdot " if dot_between(factors[index - 1], factor) else " "
            tex += piece
        return tex


class HandPrettyPrinter(PrettyPrinter):
    """SymPy's terminal printer with the same written order, signs and decimals."""

    def _print_Add(self, expr: Any, order: Any = None) -> Any:
        result = None
        for term in signed_terms(expr):
            form = self._print(term.body)
            if term.bracketed or term.body.is_Add:
                form = prettyForm(*form.parens())
            if result is None:
                result = form
            else:
                result = prettyForm(*result.right(" - " if term.minus else " + ", form))
        result.binding = prettyForm.ADD
        return result

    def _print_Mul(self, product: Any) -> Any:
        if written_order(product):
            return self._written_product(product)
        absorbed = sign_absorbed(product)
        if product.could_extract_minus_sign() and not absorbed:
            inner = self._print(-product)
            if inner.binding > prettyForm.NEG or inner.binding == prettyForm.ADD:
                inner = prettyForm(*inner.parens())
            return prettyForm(binding=prettyForm.NEG, *stringPict.next("-", inner))
        numerator, denominator = fraction_parts(absorbed or ordered_factors(product))
        top = prettyForm.__mul__(*[self._print_factor(f) for f in numerator]) if numerator else self._print(sp.S.One)
        if not denominator:
            return top
        return top / prettyForm.__mul__(*[self._print(f) for f in denominator])

    def _print_factor(self, factor: sp.Expr) -> Any:
        digits = factor.is_Rational and decimal_digits(factor)
        return prettyForm(digits) if digits else self._print(factor)

    def _print_UnevaluatedExpr(self, expr: Any) -> Any:
        digits = given_decimal(expr)
        return prettyForm(digits) if digits else super()._print_UnevaluatedExpr(expr)

    def _print_Relational(self, expr: Any) -> Any:
        return super()._print_Relational(written_relation(expr))

    def _written_product(self, product: sp.Mul) -> Any:
        """A written product (e.g. (-1)^(1+2)·(-3)·|M|) factor by factor, negatives in brackets."""
        fraction = split_fraction(product)
        if fraction:
            return prettyForm.__truediv__(self._print(fraction[0]), self._print(fraction[1]))
        if is_negation(product):
            inner = self._print(product.args[1])
            if product.args[1].is_Add or leads_with_minus(product.args[1]):
                inner = prettyForm(*inner.parens())
            return prettyForm(binding=prettyForm.NEG, *stringPict.next("-", inner))
        forms = []
        for index, factor in enumerate(product.args):
            form = self._print(factor)
            if negative_number(factor) or factor.is_Add or (index and leads_with_minus(factor)):
                form = prettyForm(*form.parens())
            forms.append(form)
        result = forms[0]
        for form in forms[1:]:
            result = prettyForm(*result.right("⋅", form))
        result.binding = prettyForm.MUL
        return result


class HandStrPrinter(StrPrinter):
    """One line of plain text in the written form (``sigmoid(z) - y``, ``2*(f - y)``), for tables
    and messages where a multi-line picture does not fit.  Not meant to be read back by sympify
    (``to_sympy_string`` is)."""

    def _print_Add(self, expr: Any, order: Any = None) -> str:
        pieces = []
        for index, term in enumerate(signed_terms(expr)):
            text = self._print(term.body)
            if term.bracketed or term.body.is_Add:
                text = f"({text})"
            pieces.append(text if not index else (" - " if term.minus else " + ") + text)
        return "".join(pieces)

    def _print_Mul(self, expr: Any) -> str:
        if written_order(expr):
            fraction = split_fraction(expr)
            if fraction:
                top, bottom = (self._print(part) for part in fraction)
                return f"({top})/({bottom})"
            if is_negation(expr):
                inner = expr.args[1]
                text = self._print(inner)
                return "-" + (f"({text})" if inner.is_Add or leads_with_minus(inner) else text)
            return "*".join(
                f"({self._print(f)})" if f.is_Add or negative_number(f) or (i and leads_with_minus(f)) else self._print(f)
                for i, f in enumerate(expr.args)
            )
        absorbed = sign_absorbed(expr)
        if expr.could_extract_minus_sign() and not absorbed:
            inner = -expr
            return "-" + (f"({self._print(inner)})" if inner.is_Add else self._print(inner))
        numerator, denominator = fraction_parts(absorbed or ordered_factors(expr))
        several = len(numerator) > 1 or bool(denominator)
        top = "*".join(self._factor(f, several) for f in numerator) or "1"
        if not denominator:
            return top
        bottom = "*".join(self._factor(f, len(denominator) > 1) for f in denominator)
        return f"{top}/({bottom})" if len(denominator) > 1 or denominator[0].is_Add else f"{top}/{bottom}"

    def _print_UnevaluatedExpr(self, expr: Any) -> str:
        return given_decimal(expr) or super()._print_UnevaluatedExpr(expr)

    def _print_Relational(self, expr: Any) -> str:
        return super()._print_Relational(written_relation(expr))

    def _factor(self, factor: sp.Expr, bracket_sums: bool) -> str:
        digits = factor.is_Rational and decimal_digits(factor)
        if digits:
            return digits
        text = self._print(factor)
        return f"({text})" if bracket_sums and factor.is_Add else text


def hand_string(value: Any) -> str:
    """The written form on one line of plain text."""
    return HandStrPrinter().doprint(value)
