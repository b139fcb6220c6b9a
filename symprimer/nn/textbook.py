"""The algebra from the rules' result to a catalogue entry's textbook form.

A hand-form rewrite is shown as the lines a lecturer writes (issue 14), each a verified step;
an entry whose rewrite is one line (take out a common factor) needs no working here.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Callable

import sympy as sp

from symprimer.calculus.handforms import Line, working_steps
from symprimer.nn.functions import normal_cdf, normal_pdf
from symprimer.render.handform import written_difference, written_fraction, written_product, written_sum
from symprimer.render.notation import to_latex
from symprimer.steps import Step


def _gelu_working(raw: sp.Expr, hand: sp.Expr) -> tuple[Line, ...]:
    """GELU'(x): group the erf term with its constant, then name Phi and phi."""
    (x,) = raw.free_symbols
    cdf_form = written_product(sp.Rational(1, 2), 1 + sp.erf(x / sp.sqrt(2)))
    pdf_form = sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi)
    return (
        Line("factor", "Take the constant with the $\\operatorname{erf}$ term:", written_sum(cdf_form, written_product(x, pdf_form))),
        Line("substitution", f"Recognise the standard normal distribution function ${to_latex(normal_cdf(x))} = {to_latex(cdf_form)}$ "
             f"and its density ${to_latex(normal_pdf(x))} = {to_latex(pdf_form)}$:", hand),
    )


def _bce_working(raw: sp.Expr, hand: sp.Expr) -> tuple[Line, ...]:
    """dL/dp of the binary cross-entropy: one fraction over p(1 - p), then the numerator multiplied out."""
    p = next(symbol for symbol in raw.free_symbols if symbol.name == "p")
    y = next(symbol for symbol in raw.free_symbols if symbol.name == "y")
    denominator = written_product(p, 1 - p)
    numerator = written_difference(written_product(1 - y, p), written_product(y, 1 - p))
    return (
        Line("simplify", f"Write both fractions over the common denominator ${to_latex(denominator)}$:",
             written_fraction(numerator, denominator)),
        Line("expand", f"Multiply out the numerator: ${to_latex(numerator)} = {to_latex(p - y)}$, the terms in "
             f"${to_latex(written_product(y, p))}$ cancelling:", hand),
    )


WORKING: MappingProxyType[str, Callable[[sp.Expr, sp.Expr], tuple[Line, ...]]] = MappingProxyType(
    {"gelu": _gelu_working, "bce": _bce_working}
)


def textbook_working(name: str, raw: sp.Expr, hand: sp.Expr) -> tuple[Step, ...]:
    """The verified lines from ``raw`` to ``hand`` for the catalogue entry ``name`` (none if one line)."""
    working = WORKING.get(name)
    return working_steps(raw, working(raw, hand)) if working else ()
