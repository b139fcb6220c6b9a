"""The course's conventions, stated once at the start of a document rather than after each answer.

A single derivation (``derive``) still carries the notes it needs; a sheet drops the notes that
are conventions (``is_convention``) from its worked solutions and states them once, before the
first question (``templates/documents/_conventions.tex.j2``).
"""
from __future__ import annotations

NATURAL_LOG = r"$\log$ is the natural logarithm."
PYTORCH_KINK_PREFIX = "PyTorch convention: "

def is_convention(note: object) -> bool:
    """True for a note the document's conventions already state."""
    text = str(note)
    return text == NATURAL_LOG or text.startswith(PYTORCH_KINK_PREFIX)
