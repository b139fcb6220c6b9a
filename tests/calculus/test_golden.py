"""Golden LaTeX snapshots of whole worked solutions, and one real pdflatex build of them.

Regenerate with SYMPRIMER_UPDATE_GOLDEN=1 after a deliberate change, and read the diff.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_fully_verified, assert_matches_golden, compile_fragment
from symprimer.api import derive
from symprimer.nn.tables import catalogue_table
from symprimer.render.latex import render_latex

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "activation_sigmoid": ("activation", ("sigmoid",), {}),
    "activation_tanh": ("activation", ("tanh",), {}),
    "activation_relu_at_0": ("activation", ("relu",), {"at": "0"}),
    "loss_bce_through_sigmoid": ("loss", ("bce",), {"through": "sigmoid"}),
    "loss_cce_through_softmax": ("loss", ("cce",), {"through": "softmax", "classes": 3}),
}


def _render(name: str) -> str:
    kind, inputs, options = CASES[name]
    derivation = derive(kind, *inputs, **options)
    assert_fully_verified(derivation)
    return render_latex(derivation)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_snapshot(name):
    assert_matches_golden(GOLDEN / f"{name}.tex", _render(name))


@pytest.mark.tex
def test_golden_snapshots_compile_with_pdflatex(require_tex, tmp_path):
    body = "\n\\bigskip\n".join((GOLDEN / f"{name}.tex").read_text() for name in sorted(CASES))
    body += "\n\\bigskip\n" + catalogue_table("activations", "latex") + catalogue_table("losses", "latex")
    compile_fragment(tmp_path, "calculus_golden", body)
