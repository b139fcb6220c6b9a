"""The written-form printer against SymPy's own LaTeX printer on the same expressions.

Run: python benchmarks/handform_printing.py [repeats]
Both printers print the same expressions (a 4x4 symbolic determinant, a logistic-loss partial
derivative, a multinomial, a derivation's rendered steps) in the same run; the ratio is printed.
"""
from __future__ import annotations

import sys
import time

import sympy as sp
from sympy.printing.latex import LatexPrinter

from symprimer.api import derive
from symprimer.render.handprint import HandLatexPrinter
from symprimer.render.notation import LATEX_SETTINGS


def expressions() -> list[sp.Basic]:
    y, x = sp.symbols("y x")
    weights = sp.symbols("w0:6")
    shown = [sp.Matrix(4, 4, sp.symbols("a0:16")).det(), sp.expand((x + y + 1) ** 6)]
    shown.append(sp.diff(sp.log(1 + sp.exp(-y * sum(weights))), weights[1]))
    for step in derive("cofactors", "[[a,b,c],[x,y,z],[m,l,p]]").walk():
        shown.extend(value for value in (step.before, step.after) if isinstance(value, sp.Basic))
    return shown


def seconds(printer: type, shown: list[sp.Basic], repeats: int) -> float:
    start = time.perf_counter()
    for _ in range(repeats):
        for value in shown:
            printer(LATEX_SETTINGS).doprint(value)
    return time.perf_counter() - start


def main(repeats: int = 10) -> None:
    shown = expressions()
    baseline = seconds(LatexPrinter, shown, repeats)
    hand = seconds(HandLatexPrinter, shown, repeats)
    print(f"{len(shown)} expressions x {repeats}: SymPy's LaTeX {baseline:.3f}s, written form {hand:.3f}s, "
          f"ratio {hand / baseline:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
