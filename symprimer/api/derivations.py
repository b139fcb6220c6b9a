"""``derive(kind, *inputs, **options)`` and ``Worked``, the derivation it returns.

``Worked`` is the core ``Derivation`` value with its two displays (Jupyter's ``_repr_latex_`` and
``str``); they live here, above the renderers, so that the core value imports nothing above it."""
from __future__ import annotations

from importlib import import_module
from typing import Any

from symprimer.core.errors import InputError
from symprimer.core.kinds import KINDS
from symprimer.core.steps import Derivation
from symprimer.render.notebook import render_notebook
from symprimer.render.text import render_text
from symprimer.render.views import check_level, view


class Worked(Derivation):
    """A derivation as the library hands it out: the same value, shown as LaTeX in Jupyter and as
    text by ``str``."""

    @classmethod
    def of(cls, derivation: Derivation) -> "Worked":
        """The same derivation (same steps, same verdicts) as a ``Worked``."""
        if isinstance(derivation, cls):
            return derivation
        fields = {name: getattr(derivation, name) for name in derivation.__dataclass_fields__}
        return cls(**fields)

    def _repr_latex_(self) -> str:
        """Jupyter shows the worked solution as one MathJax block."""
        return render_notebook(self)

    def __str__(self) -> str:
        return render_text(self)


def derive(kind: str, *inputs: Any, detail: str | None = None, **options: Any) -> Worked:
    """Build the worked derivation of ``kind`` for the raw inputs (parsed safely inside).

    Inputs are the user's text; the matrix kinds also take a SymPy matrix built by code.
    ``detail`` (brief, standard or full) returns that view of the tree; without it the whole
    tree (full) comes back, which is what code that inspects steps wants.
    """
    level = None if detail is None else check_level(detail)
    spec = KINDS.get(kind)
    if spec is None:
        raise InputError(f"there is no derivation kind {kind!r}; the kinds are: {', '.join(KINDS)}.")
    low, high = spec.arity
    if not low <= len(inputs) <= high:
        wanted = str(low) if low == high else f"{low} to {high}"
        raise InputError(f"derive {kind} takes {wanted} input(s) ({spec.inputs}) but got {len(inputs)}.")
    unknown = sorted(name for name, value in options.items() if value is not None and name not in spec.options)
    if unknown:
        raise InputError(f"derive {kind} does not take the option(s) {', '.join('--' + u.replace('_', '-') for u in unknown)}.")
    relevant = {name: value for name, value in options.items() if value is not None}
    deriver = getattr(import_module(spec.module), spec.function)
    derivation = deriver(tuple(inputs), **relevant)
    return Worked.of(derivation if level is None else view(derivation, level))
