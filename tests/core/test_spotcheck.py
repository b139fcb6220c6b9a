"""The one numeric spot-check shared by step verification and the checker (issue 15, item 7)."""
from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symprimer.check.numeric import compare_at_points
from symprimer.exact.equality import numerically_zero
from symprimer.exact.spotcheck import Domains, sample_points

x, y = sp.symbols("x y")


def test_points_are_seeded_non_integer_and_near_zero_without_far():
    first = list(sample_points([x, y], "seed", positive=False, far=False))
    assert first == list(sample_points([x, y], "seed", positive=False, far=False))
    assert all(abs(v) < 5 and not v.is_Integer for point in first for v in point.values())
    assert any(abs(v) > 5 for point in sample_points([x], "seed", positive=False) for v in point.values())


def test_declared_domains_keep_points_inside():
    domains = Domains(labels=frozenset({"y"}), probabilities=frozenset({"x"}))
    for point in sample_points([x, y], "seed", positive=False, domains=domains):
        assert 0 < point[x] < 1 and point[y] in (0, 1)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(min_value=-5, max_value=5), min_size=1, max_size=4), st.integers(min_value=1, max_value=9))
def test_both_users_agree_with_exact_algebra(coefficients, shift):
    """Oracle: SymPy's expand decides p - expand(p) = 0 and p - expand(p) + 1/shift != 0."""
    p = sum(c * (x + 1) ** k for k, c in enumerate(coefficients))
    assert sp.expand(p - sp.expand(p)) == 0
    assert numerically_zero(p - sp.expand(p))
    assert not numerically_zero(p - sp.expand(p) + sp.Rational(1, shift))
    agreed, differing = compare_at_points(p, sp.expand(p), "seed")
    assert differing is None and agreed > 0
    _, differing = compare_at_points(p, sp.expand(p) + sp.Rational(1, shift), "seed")
    assert differing is not None
