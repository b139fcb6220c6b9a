"""The Jupyter rendering of a derivation: one display-maths block MathJax can lay out.

MathJax typesets maths only (no ``enumerate``, no paragraphs), so the worked solution becomes
an ``aligned`` block: each step's sentence as text, its claim below it, indented by depth.
MathJax shows ``\text{}`` content literally, so prose keeps ``_`` and ``^`` as typed; only
characters that would end the text or start a command are replaced.  (This block is for the
notebook; LaTeX documents use ``render_latex``.)
"""
from __future__ import annotations

from symprimer.render.notation import RELATION_LATEX, to_latex
from symprimer.render.prose import prose_unicode
from symprimer.core.steps import Derivation, Step

_TEXT_SAFE = str.maketrans({"\\": "/", "{": "(", "}": ")", "$": "", "&": "and", "%": " percent", "#": "no."})


def mathjax_text(text: str) -> str:
    """Prose for ``\\text{...}``: characters MathJax would read as TeX replaced."""
    return r"\text{%s}" % prose_unicode(text).translate(_TEXT_SAFE)


def render_notebook(derivation: Derivation) -> str:
    rows = [r"&" + mathjax_text(derivation.question)]
    rows += [rf"&{name} = {to_latex(value)}" for name, value in derivation.given]
    for number, step in enumerate(derivation.steps, start=1):
        rows += _step_rows(step, str(number), 0)
    if derivation.answer_exists:
        label = mathjax_text((derivation.result_label or "Result") + ":")
        rows.append(rf"&{label}\ \boxed{{{to_latex(derivation.result)}}}")
    verdict = "every step verified" if derivation.verified else "NOT all steps verified"
    rows.append("&" + mathjax_text(f"({verdict})"))
    return "$$\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}$$"


def _step_rows(step: Step, number: str, depth: int) -> list[str]:
    indent = r"\quad " * depth
    rows = [rf"&{indent}" + mathjax_text(f"{number}. {step.text}")]
    if step.before is not None and step.after is not None:
        claim = f"{to_latex(step.before)} {RELATION_LATEX[step.relation]} {to_latex(step.after)}"
        rows.append(rf"&{indent}\qquad {claim}")
    elif step.after is not None or step.before is not None:
        rows.append(rf"&{indent}\qquad {to_latex(step.after if step.after is not None else step.before)}")
    for index, sub in enumerate(step.substeps, start=1):
        rows += _step_rows(sub, f"{number}.{index}", depth + 1)
    return rows
