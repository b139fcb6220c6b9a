"""The typesetting filters and tests the LaTeX templates use, registered by the environment."""
from __future__ import annotations

from types import MappingProxyType

from symprimer.render.conventions import is_convention
from symprimer.render.layout import fitted
from symprimer.render.prompts import prompt_latex
from symprimer.render.prose import prose_latex

TYPESETTING_FILTERS = MappingProxyType({
    "say": prose_latex,  # a sentence with $...$ maths made by code
    "prompt": prompt_latex,  # a lecturer's text whose $...$ maths is read and re-rendered
    "fitted": fitted,  # displays broken or set smaller so that they stay on the page
})
TYPESETTING_TESTS = MappingProxyType({"convention": is_convention})
