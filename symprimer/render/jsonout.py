"""The JSON contract of ``derive --format json`` (see DESIGN.md section 3)."""
from __future__ import annotations

import json
from typing import Any

from symprimer.render.latex import step_latex
from symprimer.render.notation import to_latex, to_sympy_string
from symprimer.render.prose import prose_latex, prose_unicode
from symprimer.core.steps import Derivation, Step


def derivation_to_dict(derivation: Derivation) -> dict[str, Any]:
    result: dict[str, Any] = {
        "latex": to_latex(derivation.result),
        "sympy": to_sympy_string(derivation.result),
    }
    for name, value in derivation.details:
        result[name] = jsonable(value)
    return {
        "kind": derivation.kind,
        "input": [v if isinstance(v, str) else to_sympy_string(v) for v in derivation.source]
        or [to_sympy_string(v) for _, v in derivation.given],
        "given": {name: to_sympy_string(value) for name, value in derivation.given},
        "question": prose_unicode(derivation.question),
        "question_latex": prose_latex(derivation.question),
        "result": result,
        "answer_exists": derivation.answer_exists,
        "notes": [prose_unicode(note) for note in derivation.notes],
        "notes_latex": [prose_latex(note) for note in derivation.notes],
        "detail": derivation.level,
        "steps": [step_to_dict(step) for step in derivation.steps],
        "verified": derivation.verified,
    }


def step_to_dict(step: Step) -> dict[str, Any]:
    return {
        "rule": step.rule,
        "text": prose_unicode(step.text),
        "text_latex": prose_latex(step.text),
        "latex": step_latex(step),
        "relation": step.relation,
        "before": to_sympy_string(step.before),
        "after": to_sympy_string(step.after),
        "verified": step.verify_self(),
        "substeps": [step_to_dict(sub) for sub in step.substeps],
    }


def jsonable(value: Any) -> Any:
    """Plain JSON for detail values: numbers and strings kept, SymPy values as strings."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return to_sympy_string(value)


def render_json(derivation: Derivation) -> str:
    return json.dumps(derivation_to_dict(derivation), indent=2, ensure_ascii=False)
