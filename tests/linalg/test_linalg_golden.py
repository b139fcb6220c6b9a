"""Golden .tex snapshots of whole worked solutions, and one real pdflatex run over them.

Regenerate after an intended change with: SYMPRIMER_UPDATE_GOLDEN=1 pytest tests/linalg
"""
from pathlib import Path

import pytest

from conftest import assert_matches_golden, compile_fragment
from symprimer.api import derive
from symprimer.render.formats import render

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "det_2x2": ("det", ("[[1,2],[3,4]]",), {}),
    "det_3x3_laplace": ("det", ("[[2,1,0],[1,3,1],[0,1,2]]",), {}),
    "inverse_3x3_adjoint": ("inverse", ("[[1,2,0],[0,1,3],[2,0,1]]",), {}),
    "inverse_letters": ("inverse", ("[[a,b,c],[x,y,z],[m,l,p]]",), {}),
    "cofactors_letters": ("cofactors", ("[[a,b,c],[x,y,z],[m,l,p]]",), {}),
    "det_letters_col2": ("det", ("[[a,b,c],[x,y,z],[m,l,p]]",), {"along": "col2"}),
}


def _latex(name: str) -> str:
    kind, inputs, options = CASES[name]
    derivation = derive(kind, *inputs, **options)
    assert derivation.verified
    return render(derivation, "latex")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_snapshot(name):
    assert_matches_golden(GOLDEN / f"{name}.tex", _latex(name))


EVERY_RULE = [
    ("transpose", ("[[1,I],[-I,2]]",), {}),
    ("transpose", ("[[0,2],[-2,0]]",), {}),
    ("matmul", ("[[a,b,c],[x,y,z]]", "[[d,m],[l,p],[1,2]]"), {}),
    ("laws", ("[[1,2],[3,4]]", "[[0,1],[1,1]]"), {}),
    ("det", ("[[0,2,4],[1,3,1],[2,1,2]]",), {"method": "elimination"}),
    ("det", ("[[1,0,2],[0,3,0],[4,0,5]]",), {}),
    ("inverse", ("[[0,1,2],[1,0,3],[4,-3,8]]",), {"method": "gauss-jordan"}),
    ("inverse", ("[[1,2],[2,4]]",), {}),
    ("inverse", ("[[a,b],[c,d]]",), {}),
]


def test_snapshots_and_every_step_template_compile_with_pdflatex(require_tex, tmp_path):
    """One pdflatex run over the golden snapshots and a derivation of every kind and method."""
    parts = [(GOLDEN / f"{name}.tex").read_text() for name in sorted(CASES)]
    parts += [render(derive(kind, *inputs, **options), "latex") for kind, inputs, options in EVERY_RULE]
    compile_fragment(tmp_path, "linalg", "\n\\clearpage\n".join(parts))
