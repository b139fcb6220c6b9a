"""The LaTeX rendering of a derivation: one template per step rule, a generic one otherwise."""
from __future__ import annotations

from symprimer.render.environment import latex_environment
from symprimer.core.steps import Derivation, Step
from symprimer.render.views import REFERS_TO, without_repeat_prefix

GENERIC_STEP = "steps/_generic.tex.j2"
REFERENCE_STEP = "steps/_reference.tex.j2"  # a line whose working is written above or in another question


def step_template_name(rule: str, user_dir: str | None = None) -> str:
    env = latex_environment(user_dir)
    name = f"steps/{rule}.tex.j2"
    try:
        env.get_template(name)
    except Exception:  # jinja2.TemplateNotFound: fall back to the generic template
        return GENERIC_STEP
    return name


def step_latex(step: Step, user_dir: str | None = None, depth: int = 0) -> str:
    """The LaTeX of one step and its substeps (a fragment for a math-capable document)."""
    env = latex_environment(user_dir)
    template = env.get_template(step_template_name(step.rule, user_dir))
    substeps = [step_latex(sub, user_dir, depth + 1) for sub in step.substeps]
    where = step.param(REFERS_TO)
    if where is None:
        return template.render(step=step, substeps=substeps, depth=depth).strip()
    line = template.render(step=step.folded(step.substeps, text=without_repeat_prefix(step.text)), substeps=substeps, depth=depth)
    return env.get_template(REFERENCE_STEP).render(line=line.strip(), where=where).strip()


def render_latex(derivation: Derivation, user_dir: str | None = None) -> str:
    """The worked solution as a LaTeX fragment (``derivation.tex.j2``)."""
    env = latex_environment(user_dir)
    steps = [step_latex(step, user_dir) for step in derivation.steps]
    template = env.get_template("derivation.tex.j2")
    body = template.render(d=derivation, steps=steps).strip()
    return body + "\n"
