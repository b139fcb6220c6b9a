"""Typical answers read once in the parent before worker processes fork.

latex2sympy's ANTLR parser learns its prediction tables (DFA cache) as it reads; a forked
child starts with what the parent had learnt, so reading a few typical answers first roughly
halves the parsing time of every budgeted check that follows.
"""
from __future__ import annotations

import gc

from symprimer.core.errors import SymprimerError
from symprimer.parse.latex import parse_latex

TYPICAL_ANSWERS = (
    r"\sigma(x)(1-\sigma(x))",
    r"\frac{e^{-x}}{(1+e^{-x})^2}",
    r"\frac{d}{dx}\sigma(3x)",
    r"1-\tanh^2 x",
    r"\frac{e^{2x}-1}{e^{2x}+1}",
    r"\log(1+e^x) - x",
    r"\max(0, 1 - yz)",
    r"\begin{cases} x & x > 0 \\ 0 & \text{otherwise}\end{cases}",
    r"-(y\log p + (1-y)\log(1-p))",
    r"\frac{\partial}{\partial p}\left(-y\ln p - (1-y)\ln(1-p)\right)",
    r"-\log\frac{e^{z_1}}{e^{z_1}+e^{z_2}+e^{z_3}}",
    r"\frac{p - y}{p(1-p)}",
    r"2x(wx+b-y)",
    r"\det\begin{pmatrix}1&2\\3&4\end{pmatrix}",
    r"\begin{vmatrix}a&b\\c&d\end{vmatrix}",
    r"\begin{pmatrix}1&2\\3&4\end{pmatrix}^{-1}",
    r"\frac{1}{ad-bc}\begin{pmatrix}d&-b\\-c&a\end{pmatrix}",
    r"\operatorname{adj}(A)",
    r"(AB)^T",
    r"B^{-1}A^{-1}",
    r"\lambda = 1, 3",
    r"\lambda^2 - 4\lambda + 3 = 0",
    r"\det(\lambda I - A)",
    r"\frac{\partial}{\partial x}(x^2 y + \sin(xy))",
    r"\frac{x\cos x - \sin x}{x^2}",
    r"\frac{1}{x\ln 2}",
    r"\sqrt{x^2}",
    r"0.5x + 10^{-3}",
    r"\hat{y} - y",
    r"\tanh'(x)",
)


def warm_up() -> None:
    """Read the typical answers (errors ignored: only the parser's tables matter here)."""
    for text in TYPICAL_ANSWERS:
        try:
            parse_latex(text)
        except SymprimerError:
            pass


COLLECTOR_THRESHOLDS = (50_000, 20, 100)  # Python's defaults are (700, 10, 10)


def settle_heap() -> None:
    """A check builds and drops many small SymPy trees: the garbage collector runs less often
    (about a sixth less CPU per check), and what is loaded by now (SymPy, the parser's tables, the
    key) is frozen out of its scans, so forked workers never walk it again."""
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
