"""One reader of a finite decimal (data files, learning-rate lists): value, or one sentence."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from symprimer.core.errors import InputError
from symprimer.parse.numbers import finite_number


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_written_float_reads_back_as_itself(value):
    assert finite_number(repr(value), "x") == value  # oracle: Python's own repr round trip


@pytest.mark.parametrize("text, words", [("nan", "not a finite number"), ("-inf", "not a finite number"),
                                         ("0.1.2", "not a number"), ("", "not a number")])
def test_what_is_not_a_finite_number_is_refused_naming_where(text, words):
    with pytest.raises(InputError) as refused:
        finite_number(text, "--lr")
    assert str(refused.value) == f"--lr: {text!r} is {words}."
