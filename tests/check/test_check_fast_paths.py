"""The checker's fast paths give exactly what the slow ones give.

The reader's two-stage parse (SLL, then LL at a syntax error) against the full LL parse alone,
on the corpus texts and on random small expressions; the mistake table's quick difference test
against the checker's own comparison; the probe at simple points before any algebra against the
comparison without it; what a worker keeps (readings, values at points, materialised values)
against the same worked out afresh.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from latex2sympy2_extended.math_normalization import normalize_latex

from symprimer.check import answer, equivalence, numeric
from symprimer.check.answer import ReadOptions, read
from symprimer.check.equivalence import compare
from symprimer.check.mistakes import MISTAKES, _same, find_mistake
from symprimer.check.numeric import differ_at_a_simple_point, evaluate
from symprimer.core.errors import InputError
from symprimer.exact.equality import materialise
from symprimer.parse.latex import NORMALISATION, _CourseConverter

HERE = Path(__file__).resolve().parent
TEXTS = sorted(
    {e[k] for name in ("corpus.yaml", "soundness_corpus.yaml") for e in yaml.safe_load((HERE / name).read_text(encoding="utf-8")) for k in ("expected", "answer") if isinstance(e.get(k), str)}
)


def _outcome(text: str, two_stage: bool) -> str:
    """What the converter makes of the text: the tree's srepr, or the error's words."""
    try:
        return sp.srepr(_CourseConverter(False, two_stage=two_stage).parse(normalize_latex(text, NORMALISATION)))
    except Exception as error:  # the converter reports syntax errors as bare Exceptions
        return f"{type(error).__name__}: {error}"


def test_the_corpus_texts_are_read_the_same_by_both_parses():
    assert len(TEXTS) > 100
    differing = [text for text in TEXTS if _outcome(text, True) != _outcome(text, False)]
    assert differing == []


def test_a_syntax_error_is_worded_by_the_full_parse():
    fast, full = _outcome(r"\frac{1}{", True), _outcome(r"\frac{1}{", False)
    assert full.startswith("Exception:")
    assert fast == full


_ATOMS = st.sampled_from(["x", "y", "2", "3", "\\frac{1}{2}", "0.5", "x_1", "\\pi"])


def _combine(inner: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "", "\\cdot "]), inner).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
        st.tuples(inner, st.integers(2, 3)).map(lambda t: f"({t[0]})^{{{t[1]}}}"),
        st.tuples(inner, st.integers(2, 3)).map(lambda t: f"{t[0]}^{t[1]}"),
        st.tuples(inner, inner).map(lambda t: f"\\frac{{{t[0]}}}{{{t[1]}}}"),
        inner.map(lambda t: f"\\left({t}\\right)"),
        inner.map(lambda t: f"\\sqrt{{{t}}}"),
        inner.map(lambda t: f"-{t}"),
    )


@settings(max_examples=60, deadline=None)
@given(st.recursive(_ATOMS, _combine, max_leaves=6))
def test_random_expressions_are_read_the_same_by_both_parses(text):
    assert _outcome(text, True) == _outcome(text, False)


_x, _y = sp.symbols("x y")
_SCALARS = st.builds(lambda a, b, n: a * _x**n + b * _y, st.integers(-4, 4), st.integers(-4, 4), st.integers(0, 3))


@settings(max_examples=40, deadline=None)
@given(_SCALARS, _SCALARS)
def test_a_simple_point_difference_is_claimed_only_for_different_values(left, right):
    differs = differ_at_a_simple_point(left, right)
    if sp.expand(left - right) == 0:  # the exact oracle
        assert not differs
    elif differs:
        assert compare(left, right).equal is False


@pytest.mark.parametrize(
    "correct, source, answer",
    [
        (3 * sp.cos(3 * _x), sp.Derivative(sp.sin(3 * _x), _x), sp.cos(3 * _x)),  # the chain factor forgotten
        (2 * _x * sp.exp(_x) + _x**2 * sp.exp(_x), sp.Derivative(_x**2 * sp.exp(_x), _x), 2 * _x * sp.exp(_x)),
    ],
)
def test_a_named_mistake_is_still_found(correct, source, answer):
    mistake = find_mistake(correct, answer, source)
    assert mistake is not None and mistake in MISTAKES
    assert compare(correct, answer).equal is False


def test_the_quick_test_only_ever_rules_out():
    assert _same(sp.sin(_x) ** 2 + sp.cos(_x) ** 2, sp.Integer(1))
    assert not _same(_x**2, _x**3)


# -- what a worker keeps, and the probe before the algebra ----------------------------------------

_PROBED = st.builds(
    lambda a, b, n, f: a * _x**n + b * f(_y),
    st.integers(-3, 3),
    st.integers(-3, 3),
    st.integers(0, 3),
    st.sampled_from([lambda v: v, sp.exp, lambda v: sp.log(1 + sp.exp(v)), lambda v: 1 / (1 + sp.exp(-v))]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_PROBED, _PROBED)
def test_the_probe_before_the_algebra_changes_no_comparison(monkeypatch, left, right):
    probed = compare(left, right)
    with monkeypatch.context() as patched:
        patched.setattr(equivalence, "PROBES", 0)
        assert compare(left, right) == probed
    if sp.simplify(left - right) == 0:  # the exact oracle
        assert probed.equal is True


def test_a_kept_value_at_a_point_is_the_value_worked_out_afresh():
    point = {_x: sp.Rational(1, 2), _y: sp.Integer(-1)}
    for expr in (sp.exp(_x) * _y, sp.sqrt(_x - 1), 1 / (_x - sp.Rational(1, 2))):
        assert numeric.value_at(expr, point, False) == evaluate(expr, point, False)
        assert numeric.value_at(expr, point, False) == evaluate(expr, point, False)  # the kept one


def test_a_kept_reading_is_the_reading_and_errors_still_name_their_answer():
    options = ReadOptions()
    first, again = read(r"\frac{x}{2} + y", "the answer", options), read(r"\frac{x}{2} + y", "the answer", options)
    assert first == again == _x / 2 + _y
    for what in ("the answer", "line 2 of the chain"):
        with pytest.raises(InputError, match=f"^{what}"):
            read(r"\frac{1}{", what, options)
    assert answer._read_text.cache_info().maxsize == answer.READ_CACHE_SIZE


def test_a_kept_materialised_value_is_the_value_worked_out_afresh():
    value = sp.Derivative(_x**3 * _y, _x)
    assert equivalence._kept(equivalence._MATERIALISED_KEPT, value) == materialise(value) == 3 * _x**2 * _y
    assert equivalence._kept(equivalence._MATERIALISED_KEPT, [value]) == materialise([value])  # unhashable: worked out afresh
    positive = sp.Symbol("x", positive=True)
    assert equivalence._kept(equivalence._PLAIN_KEPT, positive + 1) == _x + 1
