"""The course's conventions, stated once at the start of a document rather than after each answer.

A single derivation (``derive``) still carries the notes it needs; a sheet drops the notes that
are conventions (``is_convention``) from its worked solutions and prints ``DOCUMENT_CONVENTIONS``
once, before the first question.
"""
from __future__ import annotations

NATURAL_LOG = r"$\log$ is the natural logarithm."
PYTORCH_KINK_PREFIX = "PyTorch convention: "

DOCUMENT_CONVENTIONS = (
    r"$\log$ is the natural logarithm; $\log_{2}$ and $\log_{10}$ are written out.",
    r"$\sigma(z) = \frac{1}{1 + e^{-z}}$ is the logistic sigmoid.",
    r"$I$ is the identity matrix; $A^{T}$ is the transpose and $A^{*}$ the conjugate transpose of $A$.",
    "At a kink, where a function has no derivative, the value PyTorch uses is taken and stated.",
)


def is_convention(note: object) -> bool:
    """True for a note the document's conventions already state."""
    text = str(note)
    return text == NATURAL_LOG or text.startswith(PYTORCH_KINK_PREFIX)
