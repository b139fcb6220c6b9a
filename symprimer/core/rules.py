"""The fixed vocabulary of rule names a step may carry, each with what it means.

A per-rule LaTeX template may exist under ``templates/steps/<rule>.tex.j2``; a rule without
one is rendered by the generic step template.  Add a rule here before using it.
"""
from __future__ import annotations

from types import MappingProxyType

from symprimer.core.calculus_rules import CALCULUS_RULES
from symprimer.core.linalg_rules import EIGEN_RULES, LINALG_RULES
from symprimer.core.numeric_rules import NUMERIC_RULES

CORE_RULES = MappingProxyType(
    {
        # bookkeeping
        "given": "the input as read",
        "definition": "a definition or named formula applied to the input",
        "substitution": "a value or name substituted",
        "simplify": "algebraic simplification",
        "expand": "multiply out",
        "factor": "factorise",
        "evaluate": "arithmetic carried out",
        "conclusion": "the answer, stated",
        "check": "a result checked against its defining property",
        "statement": "a fact stated about the input",
        "convention": "a convention of the course applied",
        "exact_decimal": "a decimal read as an exact fraction",
    }
)

RULES = MappingProxyType(
    {**CORE_RULES, **LINALG_RULES, **EIGEN_RULES, **CALCULUS_RULES, **NUMERIC_RULES}
)


def describe(rule: str) -> str:
    return RULES[rule]
