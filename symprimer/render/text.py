"""The plain-text rendering of a derivation, for the terminal."""
from __future__ import annotations

import textwrap

import sympy as sp

from symprimer.render.notation import text_relation, to_text
from symprimer.render.prose import prose_unicode
from symprimer.core.steps import Derivation, Step


def render_text(derivation: Derivation) -> str:
    lines = [prose_unicode(derivation.question), ""]
    for name, value in derivation.given:
        lines.append(_indent(text_relation_or_value(name, value), 2))
    if derivation.given:
        lines.append("")
    for number, step in enumerate(derivation.steps, start=1):
        lines.extend(_step_lines(step, str(number), 0))
    lines.append("")
    label = prose_unicode(derivation.result_label or "Result")
    lines.append(f"{label}:")
    lines.append(_indent(to_text(derivation.result), 2))
    for note in derivation.notes:
        lines.append(f"Note: {prose_unicode(note)}")
    lines.append("Verified: every step checked." if derivation.verified else _failed(derivation))
    return "\n".join(lines) + "\n"


def text_relation_or_value(name: str, value: object) -> str:
    return text_relation(sp.Symbol(name), "=", value)


def _step_lines(step: Step, number: str, depth: int) -> list[str]:
    pad = "   " * depth
    lines = textwrap.wrap(f"{number}. {prose_unicode(step.text)}", width=96, initial_indent=pad, subsequent_indent=pad + "   ")
    if step.before is not None or step.after is not None:
        lines.append(_indent(_claim(step), len(pad) + 5))
    for index, sub in enumerate(step.substeps, start=1):
        lines.extend(_step_lines(sub, f"{number}.{index}", depth + 1))
    return lines


def _claim(step: Step) -> str:
    if step.before is None:
        return to_text(step.after)
    if step.after is None:
        return to_text(step.before)
    return text_relation(step.before, step.relation, step.after)


def _failed(derivation: Derivation) -> str:
    rules = ", ".join(sorted({step.rule for step in derivation.failures()}))
    return f"NOT VERIFIED: the steps of rule(s) {rules} did not check out."


def _indent(text: str, width: int) -> str:
    return textwrap.indent(text, " " * width)
