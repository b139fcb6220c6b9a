"""Shared test helpers: every derivation a test builds must verify at every node."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from symprimer.core.steps import Derivation


def assert_fully_verified(derivation: Derivation) -> None:
    """Every node of the tree passes its own verify(); names the first that does not."""
    for step in derivation.walk():
        assert step.verify_self(), f"step {step.rule!r} does not verify: {step.before!r} {step.relation} {step.after!r}"
    assert derivation.verified


@pytest.fixture
def fully_verified():
    return assert_fully_verified


def tex_available() -> bool:
    return all(shutil.which(tool) for tool in ("pdflatex", "latexmk"))


@pytest.fixture
def require_tex():
    """TeX is required: in CI its absence fails the run; elsewhere the test is skipped."""
    if not tex_available():
        if os.environ.get("CI"):
            pytest.fail("CI needs pdflatex and latexmk (run .ci/setup).")
        pytest.skip("no TeX engine on this machine (run .ci/setup)")


def assert_matches_golden(path: Path, text: str) -> None:
    """Compare with a golden snapshot; SYMPRIMER_UPDATE_GOLDEN=1 rewrites it first."""
    if os.environ.get("SYMPRIMER_UPDATE_GOLDEN") == "1":
        path.write_text(text)
    assert path.exists(), f"missing snapshot {path.name}; create it with SYMPRIMER_UPDATE_GOLDEN=1"
    assert text == path.read_text()


FRAGMENT_DOCUMENT = (
    "\\documentclass{article}\n\\usepackage{amsmath,amssymb,mathtools}\n\\begin{document}\n%s\n\\end{document}\n"
)


def compile_fragment(tmp_path: Path, stem: str, body: str) -> Path:
    """Typeset a LaTeX fragment with pdflatex (shell escape off); fail with TeX's '!' lines."""
    source = tmp_path / f"{stem}.tex"
    source.write_text(FRAGMENT_DOCUMENT % body)
    result = subprocess.run(
        ["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", source.name],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    errors = [line for line in result.stdout.splitlines() if line.startswith("!")]
    assert result.returncode == 0, errors[:5] or result.stdout[-2000:]
    pdf = tmp_path / f"{stem}.pdf"
    assert pdf.stat().st_size > 1000
    return pdf
