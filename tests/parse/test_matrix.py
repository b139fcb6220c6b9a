import sympy as sp
import pytest
from hypothesis import given, settings, strategies as st

from symprimer.core.errors import InputError, TooLarge
from symprimer.parse.matrix import parse_matrix

a, b, alpha = sp.symbols("a b alpha")
EXPECTED = sp.ImmutableMatrix([[1, sp.Rational(1, 2)], [2 * a, sp.sqrt(2) * alpha]])


@pytest.mark.parametrize(
    "text",
    [
        "[[1, 1/2], [2*a, sqrt(2)*alpha]]",
        "1 1/2; 2a sqrt(2)*alpha",
        "1, 0.5; 2*a, sqrt(2)*alpha",
        r"\begin{pmatrix} 1 & \frac{1}{2} \\ 2a & \sqrt{2}\alpha \end{pmatrix}",
        r"\begin{bmatrix} 1 & \frac12 \\ 2 a & \sqrt{2} \alpha \end{bmatrix}",
    ],
)
def test_three_forms_read_the_same(text):
    assert parse_matrix(text).value == EXPECTED


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[[1,2],[3]]", "ragged rows: row 1 has 2 entries but row 2 has 1"),
        ("1 2; 3", "ragged rows"),
        ("[[1,[2]],[3,4]]", "nested list"),
        (r"\begin{pmatrix} \input{x} \end{pmatrix}", r"\input"),
        ("[[foo(1)]]", "unknown function 'foo'"),
        ("1 2;;3 4", "row 2"),
    ],
)
def test_bad_matrices_named(text, fragment):
    with pytest.raises(InputError) as info:
        parse_matrix(text)
    assert fragment in str(info.value)


def test_size_cap():
    big = "[" + ",".join("[" + ",".join(["1"] * 13) + "]" for _ in range(13)) + "]"
    with pytest.raises(TooLarge):
        parse_matrix(big)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(-50, 50), min_size=3, max_size=3), min_size=1, max_size=4))
def test_literal_round_trip(rows):
    text = "; ".join(" ".join(str(v) for v in row) for row in rows)
    assert parse_matrix(text).value == sp.ImmutableMatrix(rows)
    assert parse_matrix(str(rows)).value == sp.ImmutableMatrix(rows)


@pytest.mark.parametrize(
    "text, rows",
    [("[[1,2],[3,4]]", [[1, 2], [3, 4]]), ("[[ -1 , +2 ], [0, 10]]", [[-1, 2], [0, 10]]), ("[[7]]", [[7]])],
)
def test_whole_number_matrices_read_the_same_by_the_short_route(text, rows):
    from symprimer.parse.plain import parse_value

    assert parse_matrix(text).value.tolist() == rows
    assert parse_value(text).value == rows  # the full whitelist parser agrees


def test_the_short_route_still_applies_the_digit_cap():
    with pytest.raises(TooLarge):
        parse_matrix("[[" + "9" * 80 + ",1],[2,3]]")
