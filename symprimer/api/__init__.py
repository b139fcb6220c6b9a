"""The library's entry points: ``derive(kind, *inputs, **options)`` returns a worked, verified
derivation (a ``Worked``, which displays itself in Jupyter and as text).

The names are loaded on first use (PEP 562) so that ``symprimer --help``, which reads the option
types in ``symprimer.api.values``, does not import SymPy.
"""
from __future__ import annotations

from typing import Any

__all__ = ["derive", "Worked"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from symprimer.api import derivations  # local: keeps symprimer --help fast (PEP 562; see the module docstring)

        return getattr(derivations, name)
    raise AttributeError(f"module 'symprimer.api' has no attribute {name!r}")
