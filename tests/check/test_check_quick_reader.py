"""The quick reader (symprimer.parse.latex_quick) reads exactly what the full ANTLR reader reads.

Every text is read twice through ``parse_latex``: once as the checker does (quick reader first)
and once with the quick reader switched off.  The two outcomes (the value's srepr, or the error's
words) must be identical, on the answer corpora and on random LaTeX built from the quick reader's
subset and the constructs just outside it.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from latex2sympy2_extended.math_normalization import normalize_latex

import symprimer.parse.latex as latex
from symprimer.core.errors import SymprimerError
from symprimer.parse.latex import NORMALISATION, _CourseConverter, parse_latex
from symprimer.parse.latex_quick import read_simple
from symprimer.parse.normalise import normalise, ordinary_latex

HERE = Path(__file__).resolve().parent
TEXTS = sorted(
    {
        e[k]
        for name in ("corpus.yaml", "soundness_corpus.yaml")
        for e in yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
        for k in ("expected", "answer")
        if isinstance(e.get(k), str) and not e.get("plain")
    }
)


def _outcome(text: str) -> str:
    try:
        return sp.srepr(parse_latex(text).value)
    except SymprimerError as error:
        return f"{type(error).__name__}: {error}"


def _both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """(with the quick reader, full reader only)."""
    quick = _outcome(text)
    with monkeypatch.context() as patched:
        patched.setattr(latex, "read_simple", lambda cleaned, converter: None)
        full = _outcome(text)
    return quick, full


def _quick_reads(text: str) -> bool:
    """Whether the quick reader takes the text as the reader hands it over (course conventions applied)."""
    course = normalise(ordinary_latex(text), "the answer").text
    return read_simple(normalize_latex(course, NORMALISATION), _CourseConverter(False)) is not None


def test_the_corpus_texts_are_read_the_same_by_both_readers(monkeypatch):
    differing = [(text, *_both(text, monkeypatch)) for text in TEXTS]
    assert [d for d in differing if d[1] != d[2]] == []


def test_the_quick_reader_takes_the_simple_corpus_answers():
    simple = [r"\frac{e^{-x}}{(1+e^{-x})^2}", r"2x(wx+b-y)", r"-\frac{y}{p} + \frac{1-y}{1-p}", r"\begin{pmatrix}4&-2\\-3&1\end{pmatrix}"]
    assert all(_quick_reads(text) for text in simple)
    assert sum(_quick_reads(text) for text in TEXTS) > len(TEXTS) / 3


@pytest.mark.parametrize(
    "text",
    [r"x(y)", r"x^23", r"2 dx", r"AB", r"x!", r"\sqrt[3]{x}", r"\log_2 x", r"|x|", r"x = 2", r"1, 2", r"e^{x}^{2}", r"x_12", r"\lambda(2)", r"x_e"],
)
def test_what_the_grammar_reads_in_a_surprising_way_is_left_to_the_full_reader(text):
    assert not _quick_reads(text)


def test_a_whole_number_before_a_bracket_is_a_product_in_both_readers(monkeypatch):
    for text, value in ((r"2(3)", 6), (r"-2(3)", -6), (r"(2)(3)", 6), (r"2\left(\frac{1}{2}\right)", 1)):
        quick, full = _both(text, monkeypatch)
        assert quick == full == sp.srepr(sp.Integer(value))


_LETTERS = st.sampled_from(["x", "y", "p", "w", "b", "z", "a", "c", "i", "d", "e", "t", "r"])
_NUMBERS = st.sampled_from(["2", "3", "10", "007", "0.5", ".5", "3.25", "1"])
_NAMED = st.sampled_from([r"\lambda", r"\mu", r"\pi", r"\alpha", r"\sigma", r"\hat{y}", r"\bar{x}", r"\text{t}", "A", "I", "E"])
_SUBSCRIPTS = st.sampled_from(["", "", "_1", "_{12}", "_i", "_{ij}", "_2", "_e", "_{e}", "_d", "_{1e}", "_x^2", "^{2}_1"])
_ATOMS = st.one_of(
    st.tuples(st.one_of(_LETTERS, _NAMED), _SUBSCRIPTS).map("".join),
    _NUMBERS,
)
_JOINS = st.sampled_from(["+", "-", "", " ", r"\cdot ", r"\times ", "*", "/", " - ", " + "])
_POWERS = st.sampled_from(["^2", "^{2}", "^{-1}", "^x", "^{n+1}", "^23", "^{1/2}", "^{0.5}"])
_FUNCTIONS = st.sampled_from([r"\ln", r"\log", r"\sin", r"\exp", r"\tanh", r"\cos^2", r"\ln^{2}", r"\sigma"])


def _combine(inner: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.tuples(inner, _JOINS, inner).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
        st.tuples(inner, _POWERS).map(lambda t: f"({t[0]}){t[1]}"),
        st.tuples(_LETTERS, _POWERS).map("".join),
        st.tuples(inner, inner).map(lambda t: f"\\frac{{{t[0]}}}{{{t[1]}}}"),
        inner.map(lambda t: f"\\left({t}\\right)"),
        inner.map(lambda t: f"({t})"),
        st.tuples(_LETTERS, inner).map(lambda t: f"{t[0]}({t[1]})"),
        inner.map(lambda t: f"\\sqrt{{{t}}}"),
        inner.map(lambda t: f"e^{{{t}}}"),
        st.tuples(_FUNCTIONS, inner).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(_FUNCTIONS, _ATOMS, inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(st.sampled_from(["-", "+", "- ", "--"]), inner).map("".join),
        st.tuples(st.sampled_from(["pmatrix", "bmatrix"]), inner, inner).map(lambda t: f"\\begin{{{t[0]}}}{t[1]}&{t[2]}\\\\1&{t[1]}\\end{{{t[0]}}}"),
        st.tuples(inner, inner).map(lambda t: f"{t[0]}\\begin{{pmatrix}}{t[1]}\\\\x\\end{{pmatrix}}"),
    )


_ANSWERS = st.recursive(_ATOMS, _combine, max_leaves=7)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_ANSWERS)
def test_random_answers_are_read_the_same_by_both_readers(monkeypatch, text):
    quick, full = _both(text, monkeypatch)
    assert quick == full
