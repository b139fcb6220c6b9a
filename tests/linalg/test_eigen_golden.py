"""Golden .tex snapshots of eigen (2x2, 3x3) and SVD (2x3) worked solutions, compiled once by pdflatex.

Regenerate after an intended change with: SYMPRIMER_UPDATE_GOLDEN=1 pytest tests/linalg/test_eigen_golden.py
"""
from pathlib import Path

import pytest

from conftest import assert_fully_verified, assert_matches_golden, compile_fragment
from symprimer.api import derive
from symprimer.render.formats import render

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "eigen_2x2": ("eigen", ("[[2,1],[1,2]]",), {}),
    "eigen_3x3": ("eigen", ("[[2,0,1],[0,3,0],[1,0,2]]",), {}),
    "eigen_defective": ("eigen", ("[[1,1],[0,1]]",), {}),
    "svd_2x3": ("svd", ("[[3,2,2],[2,3,-2]]",), {}),
}


def _latex(name: str) -> str:
    kind, inputs, options = CASES[name]
    derivation = derive(kind, *inputs, **options)
    assert_fully_verified(derivation)
    return render(derivation, "latex")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_snapshot(name):
    assert_matches_golden(GOLDEN / f"{name}.tex", _latex(name))


def test_snapshots_compile_with_pdflatex(require_tex, tmp_path):
    body = "\n\\clearpage\n".join((GOLDEN / f"{name}.tex").read_text() for name in sorted(CASES))
    compile_fragment(tmp_path, "eigen", body)
