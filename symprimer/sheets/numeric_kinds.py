"""Sheet-only question kinds served by the numeric side (``descend``, ``gradcheck``).

They are available only once ``symprimer.numeric`` provides the functions they need; until
then a spec that asks for them is told the kind is not available.
"""
from __future__ import annotations


def available() -> dict[str, tuple[str, ...]]:
    """kind -> option names, for the numeric kinds this installation can serve."""
    return {}


def answerers() -> dict:
    """kind -> function(job, user_dir=, figure_dir=) -> Answer, for the available numeric kinds."""
    return {}
