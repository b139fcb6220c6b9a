"""One notation: I for the identity and A^{*} for the conjugate transpose, in LaTeX and the terminal."""
from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.render.notation import LATEX_SETTINGS, CourseLatexPrinter, to_latex, to_text

A = sp.MatrixSymbol("A", 2, 2)
B = sp.MatrixSymbol("B", 2, 2)


def test_the_identity_is_I():
    lam = sp.Symbol("lambda")
    assert to_latex(lam * sp.Identity(2) - A) == r"\lambda I - A"
    assert "𝕀" not in to_text(lam * sp.Identity(2) - A) and "I" in to_text(sp.Identity(2))


def test_one_conjugate_transpose_symbol():
    assert to_latex(sp.Adjoint(A)) == "A^{*}"
    assert to_latex(sp.Adjoint(A * B)) == r"\left(A B\right)^{*}"
    assert "†" not in to_text(sp.Adjoint(A)) and "*" in to_text(sp.Adjoint(A))
    explicit = sp.Adjoint(sp.ImmutableMatrix([[1, sp.I], [2, 3]]))
    assert to_latex(explicit).endswith("^{*}") and sp.ImmutableMatrix(explicit.doit()) == sp.ImmutableMatrix([[1, 2], [-sp.I, 3]])


def test_a_dot_between_numbers_and_letters_juxtaposed():
    def written(*factors):
        return sp.Mul(*factors, evaluate=False)

    a, b = sp.symbols("a b")
    assert to_latex(written(1, -2)) == r"1 \cdot \left(-2\right)"
    assert to_latex(written(-1, 3)) == r"\left(-1\right) \cdot 3"
    assert to_latex(written(2, 3)) == r"2 \cdot 3"
    assert to_latex(written(a, b)) == "a b" and to_latex(3 * a) == "3 a"


@settings(max_examples=80, deadline=None)
@given(st.integers(-10**12, 10**12), st.integers(1, 10**6))
def test_a_rational_prints_as_the_course_printer_prints_it(p, q):
    """to_latex writes a lone rational without building a printer; the printer is the oracle."""
    number = sp.Rational(p, q)
    assert to_latex(number) == CourseLatexPrinter(LATEX_SETTINGS).doprint(number)
