"""Shared test helpers: every derivation a test builds must verify at every node."""
from __future__ import annotations

import os
import shutil

import pytest

from symprimer.steps import Derivation


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
