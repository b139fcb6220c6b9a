import sympy as sp
import pytest
from hypothesis import given, settings, strategies as st

from symprimer.core.errors import InputError, TooLarge
from symprimer.parse.plain import parse_expression

x, y, a = sp.symbols("x y a")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("x**2*exp(x)", x**2 * sp.exp(x)),
        ("2x^2 + 1/2", 2 * x**2 + sp.Rational(1, 2)),
        ("0.5*x", x / 2),
        ("log(1+exp(x))", sp.log(1 + sp.exp(x))),
        ("sqrt(2) + I", sp.sqrt(2) + sp.I),
        ("x_1 + alpha", sp.Symbol("x_1") + sp.Symbol("alpha")),
        ("Abs(x) + max(x, 0)", sp.Abs(x) + sp.Max(x, 0)),
        ("-(a - y)", y - a),
        ("log(8, 2)", sp.Integer(3)),
    ],
)
def test_reads_plain_mathematics(text, expected):
    assert sp.simplify(parse_expression(text).value - expected) == 0


def test_decimal_is_exact_and_said():
    parsed = parse_expression("0.1 + 0.2")
    assert parsed.value == sp.Rational(3, 10)
    assert any("0.1" in note for note in parsed.notes)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("__import__('os').system('ls')", "character"),
        ("x.__class__", "attribute"),
        ("foo(x)", "unknown function 'foo'"),
        ("lambda: 1", "character ':'"),
        ("x if x else y", "conditional"),
        ("1.5e3", "scientific notation"),
        ("[1,2][0]", "indexing"),
        ("exp(x, y)", "takes 1"),
        ("1/0", "divides by zero"),
        ("", "empty"),
        ("x @ y", "character"),
    ],
)
def test_refuses_what_is_not_mathematics(text, fragment):
    with pytest.raises(InputError) as info:
        parse_expression(text)
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    "text",
    ["2**2**2**2**2", "9**9**9", "x**100000", "exp(" * 60 + "x" + ")" * 60, "1" * 500, "+".join(["x"] * 3000)],
)
def test_hostile_sizes_are_refused(text):
    with pytest.raises(TooLarge):
        parse_expression(text)


@settings(max_examples=60, deadline=None)
@given(st.integers(-10**6, 10**6), st.integers(1, 10**4))
def test_fractions_read_exactly(numerator, denominator):
    assert parse_expression(f"{numerator}/{denominator}").value == sp.Rational(numerator, denominator)
