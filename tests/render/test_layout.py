"""Long displays are broken at relations and signs without changing their mathematics, and the
broken form compiles (with operator names such as log inside, which need braced cells)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.render.layout import LINE, SPFIT_DEFINITION, fit_displays, fitted, layout, split_relations, width
from symprimer.render.notation import to_latex

x, y = sp.symbols("x y")


def _tokens(latex: str) -> list[str]:
    """The mathematics of a display with the layout's own additions (alignment, spacing,
    braces, big delimiters) taken out: what must not change."""
    latex = re.sub(r"\\(?:begin|end)\{aligned\}|\\spfit|\\qquad|\\quad|&|\\\\|\{\}", " ", latex)
    latex = latex.replace(r"\bigl", r"\left").replace(r"\bigr", r"\right")
    return re.findall(r"\\[A-Za-z]+|[^\s{}]", latex)


def _long_chain(expr: sp.Expr) -> str:
    return f"{to_latex(sp.Derivative(expr, x))} = {to_latex(sp.diff(expr, x))} = {to_latex(sp.expand(sp.diff(expr, x)))}"


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 7), st.integers(-3, 3))
def test_layout_keeps_the_mathematics_and_shortens_every_line(power, shift):
    expr = sp.expand((x + y + shift) ** power) + sp.log(x)
    body = _long_chain(expr)
    laid_out = layout(body)
    assert _tokens(laid_out) == _tokens(body)
    if width(body) > LINE:
        lines = laid_out.split(r"\\")
        assert len(lines) > 1
        assert max(width(line.replace("&", "")) for line in lines) < width(body)


def test_a_short_display_is_left_alone():
    assert fit_displays(r"\[ x = 1 \]") == r"\[ x = 1 \]"
    assert fitted(r"\[ x = 1 \]") == r"\[ x = 1 \]"


def test_a_long_display_is_fitted_and_the_fragment_defines_spfit():
    body = _long_chain(sp.expand((x + y + 1) ** 5))
    out = fitted(rf"\[ {body} \]")
    assert out.startswith(SPFIT_DEFINITION) and r"\spfit{\begin{aligned}" in out


def test_split_relations_ignores_relations_inside_groups():
    terms, relations = split_relations(r"\left(a = b\right) = \frac{c = d}{2} \neq e")
    assert relations == ["=", r"\neq"] and terms[0] == r"\left(a = b\right)"


def test_a_matrix_is_measured_by_its_widest_row():
    assert width(r"\begin{pmatrix}1 & 2\\ 333333 & 4\end{pmatrix}") < width("1 & 2 333333 & 4") + 2


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_broken_displays_compile_without_overfull_boxes(tmp_path):
    bodies = [_long_chain(sp.expand((x + y + 1) ** 5) + sp.log(x) * sp.sin(y)),
              to_latex(sp.Matrix(2, 2, lambda i, j: sp.expand((x + i + j + 1) ** 6)))]
    fragment = fitted("\n".join(rf"\[ {body} \]" for body in bodies))
    tex = tmp_path / "fit.tex"
    tex.write_text("\\documentclass{article}\n\\usepackage{amsmath,amssymb,mathtools,graphicx}\n\\begin{document}\n"
                   + fragment + "\n\\end{document}\n")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", tex.name],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    log = (tmp_path / "fit.log").read_text(errors="replace")
    assert run.returncode == 0, log[-2000:]
    assert not [w for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt", log) if float(w) > 1]
