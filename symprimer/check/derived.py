"""The result of a derivation named as one command string (``derive KIND INPUT... --option v``),
as a key entry or ``check --against`` names it."""
from __future__ import annotations

from typing import Any

from symprimer.api.arguments import derived_from_words


def derived_result(spec: str) -> Any:
    """Run ``derive`` on the words of ``spec`` and return its result."""
    return derived_from_words(spec).result
