"""Deriving one question and rendering its pieces: what a worker process hands back.

Only a derivation whose every step verified is printed; anything else stops the build, so a
sheet never carries an unchecked answer.
"""
from __future__ import annotations

import pickle
import zlib
from dataclasses import dataclass, field

import jinja2

from symprimer.api import derive
from symprimer.core.errors import InputError, Unverified
from symprimer.render.environment import latex_environment
from symprimer.render.jsonout import jsonable
from symprimer.render.latex import step_latex
from symprimer.render.notation import to_latex, to_sympy_string
from symprimer.render.views import fold_points
from symprimer.runtime.child import dumps
from symprimer.sheets import numeric_kinds
from symprimer.sheets.variants import DeriveJob


@dataclass(frozen=True)
class Answer:
    """The rendered question and worked solution of one derive call (plain strings), with what
    the sheet's second pass needs to fold a sub-derivation an earlier question already shows:
    where this solution shows working (``fold_points``) and, when a question could be folded,
    the verified view itself to render again (``worked``: kept pickled and compressed, as most
    are never folded and a thousand variants' trees would fill the parent's memory)."""

    kind: str
    inputs: tuple[str, ...]
    question: str  # the deriver's question sentence (plain text, escaped by the template)
    given: tuple[tuple[str, str], ...]  # (name, LaTeX of the value)
    solution: str  # the worked solution, a LaTeX fragment
    result_label: str
    result_latex: str
    result_sympy: str
    answer_exists: bool
    figure: str = ""  # a figure file name inside the build folder, if the question has one
    question_extra: str = ""  # LaTeX shown with the question (e.g. an optimiser's update rule)
    details: tuple[tuple[str, object], ...] = ()  # the derivation's JSON result fields (U, S, V, ...)
    question_figure: str = ""  # a figure the question itself shows (a contour plot to draw on)
    fold_points: tuple = ()  # symprimer.render.views.FoldPoint of each sub-derivation shown in full
    worked: bytes = field(default=b"", compare=False, repr=False)  # see ``worked_view``

    @property
    def figures(self) -> tuple[str, ...]:
        """The figure files (in the build folder) the question and solution sheets include."""
        return tuple(name for name in (self.figure, self.question_figure) if name)

    def worked_view(self):
        """The verified standard view this solution printed (None: nothing of it can fold)."""
        return pickle.loads(zlib.decompress(self.worked)) if self.worked else None


def derive_answer(job: DeriveJob, user_dir: str | None = None) -> Answer:
    """Derive ``job`` with the library, insist that it verified, and render it."""
    derivation = derive(job.kind, *job.inputs, **dict(job.options))
    if not derivation.verified:
        rules = ", ".join(sorted({step.rule for step in derivation.failures()}))
        raise Unverified(f"the worked solution did not verify (rules {rules}), so it is not printed.")
    points = fold_points(derivation)
    return Answer(
        kind=job.kind,
        inputs=job.inputs,
        question=derivation.question,
        given=tuple((name, to_latex(value)) for name, value in derivation.given),
        solution=solution_fragment(derivation, user_dir),
        result_label=derivation.result_label or "Result",
        result_latex=to_latex(derivation.result),
        result_sympy=to_sympy_string(derivation.result),
        answer_exists=derivation.answer_exists,
        details=tuple((name, jsonable(value)) for name, value in derivation.details),
        fold_points=points,
        worked=zlib.compress(dumps(derivation), 1) if points and derivation.level == "standard" else b"",  # full never folds
    )


def answer_for(job: DeriveJob, user_dir: str | None = None, figure_dir: str = "") -> Answer:
    """Dispatch: the numeric sheet kinds have their own answerer, every other kind derives."""
    answerer = numeric_kinds.answerers().get(job.kind)
    try:
        if answerer is not None:
            return answerer(job, user_dir=user_dir, figure_dir=figure_dir)
        return derive_answer(job, user_dir)
    except jinja2.TemplateError as error:
        raise InputError(f"a template could not render its worked solution ({type(error).__name__}: {error}).") from None


def solution_fragment(derivation, user_dir: str | None = None) -> str:
    """The worked solution without its given values (the sheet prints them with the question)."""
    steps = [step_latex(step, user_dir) for step in derivation.steps]
    template = latex_environment(user_dir).get_template("derivation.tex.j2")
    return template.render(d=derivation, steps=steps, show_given=False).strip()
