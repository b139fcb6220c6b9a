"""Golden .tex snapshots of eigen (2x2, 3x3) and SVD (2x3) worked solutions, compiled once by pdflatex.

Regenerate after an intended change with: SYMPRIMER_UPDATE_GOLDEN=1 pytest tests/linalg/test_eigen_golden.py
"""
import os
import subprocess
from pathlib import Path

import pytest

from conftest import assert_fully_verified
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
    path = GOLDEN / f"{name}.tex"
    text = _latex(name)
    if os.environ.get("SYMPRIMER_UPDATE_GOLDEN") == "1":
        path.write_text(text)
    assert path.exists(), f"missing snapshot {path}; run with SYMPRIMER_UPDATE_GOLDEN=1"
    assert text == path.read_text()


def test_snapshots_compile_with_pdflatex(require_tex, tmp_path):
    body = "\n\\clearpage\n".join((GOLDEN / f"{name}.tex").read_text() for name in sorted(CASES))
    document = tmp_path / "eigen.tex"
    document.write_text(
        "\\documentclass{article}\n\\usepackage{amsmath,amssymb,mathtools}\n\\begin{document}\n"
        + body
        + "\n\\end{document}\n"
    )
    result = subprocess.run(
        ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", document.name],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    errors = [line for line in result.stdout.splitlines() if line.startswith("!")]
    assert result.returncode == 0, errors[:5]
    assert (tmp_path / "eigen.pdf").stat().st_size > 1000
