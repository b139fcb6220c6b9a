"""The course's LaTeX conventions, each read and compared with a value built independently."""
from __future__ import annotations

import pytest
import sympy as sp

from symprimer.check.answer import ReadOptions, read
from symprimer.parse.meaning import Context
from symprimer.core.errors import InputError, TooLarge
from symprimer.parse.latex import parse_definition, parse_latex

x, y, w, b, z = sp.symbols("x y w b z")
lam = sp.Symbol("lamda")


def value(text, **kw):
    return parse_latex(text, **kw).value


def same(a, b):
    return sp.simplify(sp.sympify(a).doit() - sp.sympify(b)) == 0


@pytest.mark.parametrize(
    "latex, oracle",
    [
        (r"\log x", sp.log(x)),
        (r"\ln x", sp.log(x)),
        (r"\log_2 x", sp.log(x, 2)),
        (r"\log_{10}(x)", sp.log(x, 10)),
        (r"e", sp.E),
        (r"e^{x}", sp.exp(x)),
        (r"\mathrm{e}^{x}", sp.exp(x)),
        (r"\tanh^2 x", sp.tanh(x) ** 2),
        (r"\sigma(x)", 1 / (1 + sp.exp(-x))),
        (r"\sigma(w^T x + b)", 1 / (1 + sp.exp(-(w * x + b)))),
        (r"\sigma^2(x)", 1 / (1 + sp.exp(-x)) ** 2),
        (r"\sigma'(x)", sp.exp(-x) / (1 + sp.exp(-x)) ** 2),
        (r"\operatorname{ReLU}(x)", sp.Max(0, x)),
        (r"\operatorname{softplus}(x)", sp.log(1 + sp.exp(x))),
        (r"\frac{\partial}{\partial w}\left(\frac{1}{2}(wx-y)^2\right)", (w * x - y) * x),
        (r"\frac{d}{dx} x^3", 3 * x**2),
        (r"\frac{\mathrm{d}}{\mathrm{d}x} x^3", 3 * x**2),
        (r"0.25x", x / 4),
        (r"\frac{1}{2}x", x / 2),
        (r"2\frac{1}{2}", 1),  # not a mixed fraction
        (r"\left(x + 1\right)^{2}", (x + 1) ** 2),
        (r"\frac12 x", x / 2),
        (r"\max\{0, x\}", sp.Max(0, x)),
        (r"\frac{d^2}{dx^2} \sin x", -sp.sin(x)),
        (r"\frac{\partial^2}{\partial x^2} x^3 y", 6 * x * y),
        (r"\tanh'(x)", 1 - sp.tanh(x) ** 2),
        (r"\sigma\left(x\right)", 1 / (1 + sp.exp(-x))),
        (r"i^2", -1),
        (r"\sum_{i=1}^{3} i", 6),
    ],
)
def test_scalar_conventions(latex, oracle):
    assert same(value(latex), oracle)


def test_sigma_without_argument_is_a_symbol():
    assert value(r"\sigma^2") == sp.Symbol("sigma") ** 2


def test_hat_y_is_its_own_symbol():
    read_value = value(r"\hat{y} - y")
    assert read_value.free_symbols == {sp.Symbol("yhat"), y}
    assert sp.latex(sp.Symbol("yhat")) == r"\hat{y}"


def test_subscripted_partial_derivative():
    z1, z2 = sp.symbols("z_1 z_2")
    got = value(r"\frac{\partial}{\partial z_1}\left(-\log\frac{e^{z_1}}{e^{z_1}+e^{z_2}}\right)")
    oracle = sp.diff(-sp.log(sp.exp(z1) / (sp.exp(z1) + sp.exp(z2))), z1)
    assert same(got, oracle)


def test_prime_of_undefined_function_is_a_derivative():
    got = value("f'(x)")
    assert got == sp.Derivative(sp.Function("f")(x), x)


def test_cases_is_piecewise():
    got = value(r"\begin{cases} x & x > 0 \\ 0 & \text{otherwise}\end{cases}")
    assert isinstance(got, sp.Piecewise)
    for point in (-2, sp.Rational(3, 7), 5):
        assert got.subs(x, point) == max(0, point)


M = sp.Matrix([[1, 2], [3, 4]])


@pytest.mark.parametrize(
    "latex, oracle",
    [
        (r"\det\begin{pmatrix}1&2\\3&4\end{pmatrix}", M.det()),
        (r"\begin{vmatrix}1&2\\3&4\end{vmatrix}", M.det()),
        (r"\left|\begin{pmatrix}1&2\\3&4\end{pmatrix}\right|", M.det()),
        (r"\begin{pmatrix}1&2\\3&4\end{pmatrix}^{-1}", M.inv()),
        (r"\begin{bmatrix}1&2\\3&4\end{bmatrix}^T", M.T),
        (r"\begin{pmatrix}1&2\\3&4\end{pmatrix}^{\top}", M.T),
        (r"\begin{pmatrix}1&2\\3&4\end{pmatrix}^{\mathsf{T}}", M.T),
        (r"\operatorname{adj}\begin{pmatrix}1&2\\3&4\end{pmatrix}", M.adjugate()),
        (r"\lambda I - \begin{pmatrix}1&2\\3&4\end{pmatrix}", lam * sp.eye(2) - M),
        (r"\operatorname{tr}\begin{pmatrix}1&2\\3&4\end{pmatrix}", M.trace()),
        (r"\begin{pmatrix}1&2\\3&4\end{pmatrix}\begin{pmatrix}a\\d\end{pmatrix}", M * sp.Matrix(sp.symbols("a d"))),
    ],
)
def test_matrix_conventions(latex, oracle):
    got = value(latex)
    got = got.doit() if isinstance(got, sp.Basic) else got
    assert sp.simplify(sp.Matrix([got]) - sp.Matrix([oracle])) == sp.zeros(*sp.Matrix([oracle]).shape)


def test_capital_letters_are_noncommuting_matrices():
    ab, ba = value("AB"), value("BA")
    assert ab != ba
    assert isinstance(value("A^T"), sp.Transpose)
    assert isinstance(value("|A|"), sp.Determinant)
    assert isinstance(value(r"\det A"), sp.Determinant)


@pytest.mark.parametrize(
    "latex, items",
    [
        (r"\{1, 3\}", (1, 3)),
        (r"\lambda = 1, 3", (1, 3)),
        (r"\lambda_1 = 1, \lambda_2 = 3", (1, 3)),
        (r"\lambda \in \{2, 2, 5\}", (2, 2, 5)),
        (r"x = \pm 2", (-2, 2)),
    ],
)
def test_lists_of_eigenvalues(latex, items):
    got = value(latex)
    assert sorted(got) == sorted(sp.Integer(i) for i in items)


def test_let_redefines_sigma():
    definition = parse_definition(r"\sigma(t)=\tanh(t)")
    got = value(r"\sigma(2x)", context=Context((definition,)))
    assert got == sp.tanh(2 * x)


def test_let_binds_a_matrix():
    options = ReadOptions(definitions=(r"K=\begin{pmatrix}1&2\\3&4\end{pmatrix}",))
    assert read(r"\det K", "the answer", options).doit() == -2


def test_plain_reading():
    assert read("x^2*exp(x)", "the answer", ReadOptions(plain=True)) == x**2 * sp.exp(x)


@pytest.mark.parametrize(
    "latex, hint",
    [
        ("0,5", "decimal point"),
        ("0{,}5", "decimal point"),
        ("1,234", "decimal point"),  # one comma group may be a decimal comma
        ("1.5e3", "10^{3}"),
        ("2E-4", "10^{3}"),
    ],
)
def test_ambiguous_numbers_are_refused_with_advice(latex, hint):
    with pytest.raises(InputError) as error:
        parse_latex(latex)
    assert hint in str(error.value)


@pytest.mark.parametrize(
    "latex",
    [
        r"\input{/etc/passwd}",
        r"\include{secret}",
        r"\write18{rm -rf /}",
        r"\immediate\write18{ls}",
        r"\def\x{1}\x",
        r"\catcode`\^=12",
        r"\csname input\endcsname{/etc/passwd}",
        r"\openin5=/etc/passwd",
        r"\newcommand{\x}{1}",
        r"\begin{verbatim}x\end{verbatim}",
        "__import__('os').system('ls')",
        "x#1",
    ],
)
def test_hostile_commands_are_refused(latex):
    with pytest.raises(InputError):
        parse_latex(latex)


@pytest.mark.parametrize(
    "latex",
    [
        "(" * 40 + "x" + ")" * 40,
        "2^{2^{2^{2^{2}}}}",
        "x" * 5000,
        "1" * 80,
        "10^{10^{5}}",
    ],
)
def test_caps(latex):
    with pytest.raises(TooLarge):
        parse_latex(latex)


def test_unsupported_operations_say_so_in_one_sentence():
    with pytest.raises(InputError) as error:
        parse_latex(r"\|x\|^2")
    assert "operation" in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("latex", [r"e^{x\begin{pmatrix}2\\x\end{pmatrix}}", r"\begin{pmatrix}1&2\end{pmatrix} + \begin{pmatrix}1\\2\end{pmatrix}"])
def test_an_operation_a_matrix_does_not_fit_is_unreadable_in_one_sentence(latex):
    with pytest.raises(InputError, match="does not fit"):
        value(latex)


@pytest.mark.parametrize("latex, factors", [(r"2(3)", (2, 3)), (r"-2(3)", (-2, 3)), (r"(2)(3)", (2, 3)), (r"2 3", (2, 3)), (r"2(\frac{1}{2})", (2, sp.Rational(1, 2)))])
def test_numbers_side_by_side_are_a_product_never_a_mixed_number(latex, factors):
    assert value(latex) == sp.Mul(*factors)
