"""Choose a renderer by name: a dispatch table over the output formats."""
from __future__ import annotations

from types import MappingProxyType
from typing import Callable

from symprimer.render.jsonout import render_json
from symprimer.render.latex import render_latex
from symprimer.render.text import render_text
from symprimer.core.steps import Derivation

RENDERERS: MappingProxyType[str, Callable[[Derivation], str]] = MappingProxyType(
    {"text": render_text, "latex": render_latex, "json": lambda d: render_json(d) + "\n"}
)


def render(derivation: Derivation, fmt: str) -> str:
    return RENDERERS[fmt](derivation)
