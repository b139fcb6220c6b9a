"""Issue 15: the checker never accepts a wrong answer, reads ordinary LaTeX, and says why.

Every pair of ``soundness_corpus.yaml`` is checked against its verdict; "refused" means anything
but equivalent.  The equation layer is cross-checked on random polynomials (hypothesis) against
SymPy's own ``solveset``.
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.check.answer import ReadOptions, check_answer
from symprimer.check.equivalence import compare
from symprimer.check.mistakes import find_mistake
from symprimer.check.verdict import EQUIVALENT

CORPUS = yaml.safe_load((Path(__file__).parent / "soundness_corpus.yaml").read_text(encoding="utf-8"))


def _options(entry: dict) -> ReadOptions:
    tolerance = entry.get("tolerance")
    fraction = Fraction(tolerance) if tolerance else None
    return ReadOptions(
        tolerance=sp.Rational(fraction.numerator, fraction.denominator) if fraction else None,
        labels=frozenset(entry.get("labels", "").split(",")) - {""},
        probabilities=frozenset(entry.get("probabilities", "").split(",")) - {""},
    )


@pytest.mark.parametrize("entry", CORPUS, ids=[f"{i}:{e['expected']}|{e['answer']}" for i, e in enumerate(CORPUS)])
def test_soundness_corpus(entry):
    verdict = check_answer(entry["expected"], entry["answer"], _options(entry))
    if entry["verdict"] == "refused":
        assert verdict.verdict != EQUIVALENT, verdict.reason
    else:
        assert verdict.verdict == entry["verdict"], verdict.reason
    if verdict.verdict == "unparseable":
        assert "write" in verdict.reason  # one sentence that says what to write instead
    if "tolerance" in entry and verdict.verdict == EQUIVALENT:
        assert verdict.method == "tolerance" and "tolerance" in verdict.reason


def test_the_corpus_holds_far_more_wrong_pairs_than_right_ones():
    wrong = [e for e in CORPUS if e["verdict"] != EQUIVALENT]
    assert len(wrong) >= 50


def test_no_false_accept_on_the_corpus_as_a_whole():
    false_accepts = [
        (e["expected"], e["answer"])
        for e in CORPUS
        if e["verdict"] != EQUIVALENT and check_answer(e["expected"], e["answer"], _options(e)).verdict == EQUIVALENT
    ]
    assert false_accepts == []


def test_equations_say_how_they_were_compared():
    verdict = check_answer("2x = 4", "x = 2")
    assert "equations" in verdict.reason


def test_an_equation_against_a_bare_value_names_the_mismatch():
    verdict = check_answer("7 = 11a+c", "11a+c")
    assert "equation" in verdict.reason and verdict.verdict == "not_equivalent"


def test_counterexamples_use_small_integers_first():
    verdict = check_answer("x^2", "x^3")
    assert verdict.counterexample is not None
    (name, value), = verdict.counterexample.point
    assert name == "x" and sp.Rational(value).q == 1 and abs(sp.Rational(value)) <= 5


def test_counterexamples_respect_declared_domains():
    options = ReadOptions(labels=frozenset({"y"}), probabilities=frozenset({"p"}))
    verdict = check_answer("-y\\log p", "y\\log p", options)
    point = dict(verdict.counterexample.point)
    assert sp.Rational(point["y"]) in (0, 1)
    assert 0 < sp.Rational(point["p"]) < 1


@pytest.mark.parametrize(
    "expected, answer, name",
    [
        (r"\sigma(z) - y", r"y - \sigma(z)", "swapped_subtraction"),
        (r"p - y", r"y - p", "swapped_subtraction"),
        (r"a - b + c", r"a + b + c", "sign_error"),
    ],
)
def test_the_mistake_table_names_sign_slips(expected, answer, name):
    from symprimer.check.answer import read

    read_expected, read_answer = read(expected, "e", ReadOptions()), read(answer, "a", ReadOptions())
    mistake = find_mistake(read_expected, read_answer)
    assert mistake is not None and mistake.name == name
    assert check_answer(expected, answer).diagnosis == mistake.sentence


_x = sp.Symbol("x")
_coefficients = st.integers(min_value=-4, max_value=4)


@settings(max_examples=25, deadline=None)
@given(st.lists(_coefficients, min_size=2, max_size=3), st.integers(min_value=1, max_value=5), st.integers(min_value=-3, max_value=3))
def test_random_polynomial_equations_agree_with_solveset(coefficients, factor, shift):
    """Eq(p, 0) against Eq(c p, 0) and against Eq(p, k): the verdict matches SymPy's solution sets."""
    p = sum(c * _x**k for k, c in enumerate(coefficients)) + _x ** len(coefficients)
    scaled = compare(sp.Eq(p, 0), sp.Eq(factor * p, 0))
    assert scaled.equal is True
    shifted = compare(sp.Eq(p, 0), sp.Eq(p, shift))
    same_sets = sp.solveset(p, _x, sp.S.Complexes) == sp.solveset(p - shift, _x, sp.S.Complexes)
    if same_sets:
        assert shifted.equal is not False
    else:
        assert shifted.equal is not True  # never equivalent when the solution sets differ


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=1, max_value=6), st.integers(min_value=1, max_value=6))
def test_matrix_equations_with_different_multiples_never_agree(a, b):
    B, C = sp.MatrixSymbol("B", 3, 3), sp.MatrixSymbol("C", 3, 3)
    outcome = compare(sp.Eq(B, a * C), sp.Eq(B, b * C))
    assert outcome.equal is (a == b)
