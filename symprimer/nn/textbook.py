"""The algebra from the rules' result to a catalogue entry's textbook form.

A hand-form rewrite is shown as the lines a lecturer writes (issue 14), each a verified step;
an entry whose rewrite is one line (take out a common factor) needs no working here.
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Callable

import sympy as sp

from symprimer.calculus.handforms import Line, working_steps
from symprimer.core.functions import normal_cdf, normal_pdf, sigmoid, softmax_component
from symprimer.render.handform import written_difference, written_fraction, written_product, written_sum
from symprimer.render.notation import to_latex
from symprimer.core.steps import Step


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


def _silu_working(raw: sp.Expr, hand: sp.Expr) -> tuple[Line, ...]:
    """SiLU'(x) = sigma + x sigma(1 - sigma): write both terms as sigma times the rest, take it out."""
    (x,) = raw.free_symbols
    s = sigmoid(x)
    return (
        Line("factor", f"Write each term as ${to_latex(s)}$ times the rest:",
             written_sum(written_product(s, 1), written_product(s, x, 1 - s))),
        Line("factor", f"Take out the common factor ${to_latex(s)}$:", hand),
    )


WORKING: MappingProxyType[str, Callable[[sp.Expr, sp.Expr], tuple[Line, ...]]] = MappingProxyType(
    {"gelu": _gelu_working, "silu": _silu_working, "bce": _bce_working}
)


def textbook_working(name: str, raw: sp.Expr, hand: sp.Expr) -> tuple[Step, ...]:
    """The verified lines from ``raw`` to ``hand`` for the catalogue entry ``name`` (none if one line)."""
    working = WORKING.get(name)
    return working_steps(raw, working(raw, hand)) if working else ()


def softmax_working(i: int, j: int, logits: tuple[sp.Symbol, ...], raw: sp.Expr, hand: sp.Expr) -> tuple[Step, ...]:
    """The quotient rule's ds_i/dz_j to s_i(delta_ij - s_j) (1-based i, j), line by line: one factor
    of the squared denominator under each part, then recognise s_i = e^{z_i} / sum_k e^{z_k}."""
    total = sp.Add(*(sp.exp(z) for z in logits))
    s_i, s_j = (softmax_component(k, *logits) for k in (i, j))
    share_i, share_j = (written_fraction(sp.exp(logits[k - 1]), total) for k in (i, j))
    recognise = f"Recognise ${to_latex(s_i)} = {to_latex(share_i)}$"
    if i == j:
        lines = (
            Line("factor", f"Take ${to_latex(sp.exp(logits[i - 1]))}$ out of the numerator and put one factor of the "
                 "squared denominator under each part:",
                 written_product(share_i, written_fraction(written_difference(total, sp.exp(logits[i - 1])), total))),
            Line("simplify", "Divide each term of the second numerator by its denominator:",
                 written_product(share_i, written_difference(1, share_i))),
            Line("substitution", recognise + " in both places:", hand),
        )
    else:
        lines = (
            Line("factor", "Put one factor of the squared denominator under each exponential:",
                 sp.Mul(-1, written_product(share_i, share_j), evaluate=False)),
            Line("substitution", f"{recognise} and ${to_latex(s_j)} = {to_latex(share_j)}$:", hand),
        )
    return working_steps(raw, lines)
