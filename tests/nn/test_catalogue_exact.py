"""Every equality the catalogue derivations claim is proved by exact algebra: with the seeded
numeric spot-check switched off they still verify, and no exact layer proves a step whose
right-hand side was altered (on every branch, or on one branch of a piecewise result)."""
from __future__ import annotations

import pytest
import sympy as sp

import symprimer.exact.equality as equality
from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.nn.activations import ACTIVATIONS
from symprimer.nn.losses import LOSSES
from symprimer.core.steps import Step

CATALOGUE = (
    [("activation", name, {}) for name in ACTIVATIONS]
    + [("loss", name, {}) for name in LOSSES]
    + [("loss", "bce", {"through": "sigmoid"}), ("loss", "cce", {"through": "softmax", "classes": 3})]
)
NUDGE = sp.Rational(1, 7)


@pytest.fixture
def no_spot_check(monkeypatch):
    """Only the exact layers may call two sides equal."""
    monkeypatch.setattr(equality, "numerically_zero", lambda expr, points=equality.SPOT_POINTS: False)


@pytest.mark.parametrize("kind, name, options", CATALOGUE, ids=lambda v: str(v))
def test_catalogue_verifies_by_exact_algebra_alone(no_spot_check, kind, name, options):
    assert_fully_verified(derive(kind, name, **options))


def _last_branch_nudged(expr: sp.Expr) -> sp.Expr:
    def nudge(*pairs):
        *kept, (value, condition) = pairs
        return sp.Piecewise(*kept, (value + NUDGE, condition))

    return expr.replace(sp.Piecewise, nudge)


def _differs_somewhere(a: sp.Expr, b: sp.Expr) -> bool:
    """The oracle: a and b differ at one of a few fixed points (a branch change can be invisible,
    as in max(0, 1 - y f) times a piecewise factor)."""
    symbols = sorted((a - b).free_symbols, key=lambda s: s.name)
    points = ([sp.Rational(3, 7)] * len(symbols), [sp.Rational(-5, 3)] * len(symbols),
              [sp.Rational(k, 4) * (-1) ** k for k in range(1, len(symbols) + 1)])
    return any(abs(complex(sp.N((a - b).doit().subs(dict(zip(symbols, values))), 30))) > 1e-12 for values in points)


def _wrong_versions(after: sp.Expr) -> list[sp.Expr]:
    wrong = [after + NUDGE]
    if after.has(sp.Piecewise):
        wrong.append(_last_branch_nudged(after))
    return [w for w in wrong if _differs_somewhere(w, after)]


@pytest.mark.parametrize("kind, name, options", CATALOGUE, ids=lambda v: str(v))
def test_no_exact_layer_proves_an_altered_step(no_spot_check, kind, name, options):
    claims = [
        step for step in derive(kind, name, **options).walk()
        if step.relation == "=" and isinstance(step.after, sp.Expr) and not isinstance(step.after, sp.MatrixBase)
    ]
    assert claims
    for step in claims:
        for wrong in _wrong_versions(step.after):
            altered = Step(step.rule, step.text, step.before, wrong)
            assert not altered.verify_self(), f"{step.rule}: {step.before} = {wrong} was accepted"
