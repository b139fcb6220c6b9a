"""Assembling a question or solution document from the answers: values in, LaTeX out.

The document templates (``templates/documents/<name>.tex.j2``) get two frozen values,
``sheet`` and ``questions``; all computation happened before, all prose is in the templates.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import jinja2

from symprimer.core.errors import InputError
from symprimer.core.kinds import KINDS
from symprimer.render.environment import latex_environment
from symprimer.sheets.answers import Answer
from symprimer.sheets.marking import marked_by_grade, question_points
from symprimer.sheets.questions import QuestionSpec
from symprimer.sheets.space import sized_space
from symprimer.sheets.spec import SheetSpec

BUILTIN_TEMPLATES = ("exam", "handout", "beamer")
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---", "…": "..."})
# Characters derivers and lecturers write in prose, declared for pdflatex by the preamble.
UNICODE_TEXT = {
    **{ch: "\\ensuremath{\\%s}" % name for ch, name in zip("αβγδεηθκλμνπρστφχψωΓΔΘΛΣΦΨΩ", (
        "alpha beta gamma delta varepsilon eta theta kappa lambda mu nu pi rho sigma tau varphi chi psi omega "
        "Gamma Delta Theta Lambda Sigma Phi Psi Omega").split())},
    "∂": "\\ensuremath{\\partial}", "∇": "\\ensuremath{\\nabla}", "−": "\\ensuremath{-}",
    "×": "\\ensuremath{\\times}", "≠": "\\ensuremath{\\neq}", "≤": "\\ensuremath{\\leq}",
    "≥": "\\ensuremath{\\geq}", "→": "\\ensuremath{\\to}", "∞": "\\ensuremath{\\infty}",
    "≈": "\\ensuremath{\\approx}", "∈": "\\ensuremath{\\in}", "√": "\\ensuremath{\\surd}",
    "∑": "\\ensuremath{\\sum}", "ᵀ": "\\textsuperscript{T}", "⁻": "\\textsuperscript{-}",
    "⋅": "\\ensuremath{\\cdot}", "∗": "*", "₁": "\\textsubscript{1}", "₂": "\\textsubscript{2}",
}
UNICODE_DECLARATIONS = tuple((f"{ord(ch):04X}", latex) for ch, latex in sorted(UNICODE_TEXT.items()))


@dataclass(frozen=True)
class SheetQuestion:
    number: int
    title: str
    section: str
    points: int | None
    prompt: str
    given: tuple[tuple[str, str], ...]
    question_extra: str
    solution: str
    figure: str
    answer_exists: bool
    result_label: str
    result_latex: str
    space: str = ""  # a checked TeX length, or "" for no answer room
    by_hand: bool = False  # True when symprimer grade leaves this question to a person
    question_figure: str = ""  # a figure printed with the question (file in the build folder)


@dataclass(frozen=True)
class SheetDocument:
    title: str
    author: str
    course: str
    date: str
    template: str
    answers: bool  # True for the solution sheet
    variant_label: str  # e.g. "Variant v03, seed 2028"; empty for a single sheet
    total_points: int  # the points symprimer grade marks out of (the key built from this spec)
    questions: tuple[SheetQuestion, ...]
    variant_number: int | None = None  # what a student writes as \variant{k} when answering
    hand_points: int = 0  # points of the questions a person marks, outside the graded total

    @property
    def variant_short(self) -> str:
        """The variant as the running header shows it (``Variant 3``): short enough to fit."""
        return f"Variant {self.variant_number}" if self.variant_number is not None else ""


def printable(text: str) -> str:
    """User text reduced to characters pdflatex can typeset (others become '?')."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHY)
    return "".join(ch if ch in "\n\t" or ch in UNICODE_TEXT or (ch.isprintable() and ord(ch) < 0x180) else "?" for ch in text)


def default_title(kind: str) -> str:
    summary = KINDS[kind].summary if kind in KINDS else kind
    return summary[:1].upper() + summary[1:]


def sheet_question(spec: QuestionSpec, answer: Answer, space: str = "", shown: Answer | None = None) -> SheetQuestion:
    """One question as the templates print it, with the worked solution of ``shown`` (the answer
    as folded across questions; ``answer`` itself when None).  Its answer room is the spec's
    ``space`` (the question's, else the sheet's) or else sized from the whole worked solution,
    which a student answering this question alone writes out."""
    return SheetQuestion(
        number=spec.number,
        title=printable(spec.title or default_title(spec.kind)),
        section=printable(spec.section),
        points=question_points(spec),
        prompt=printable(spec.prompt or answer.question),
        given=answer.given,
        question_extra=answer.question_extra,
        solution=(shown or answer).solution,
        figure=answer.figure,
        answer_exists=answer.answer_exists,
        result_label=printable(answer.result_label),
        result_latex=answer.result_latex,
        space=spec.space or space or sized_space(answer.solution, bool(answer.figure)),
        by_hand=not marked_by_grade(spec),
        question_figure=answer.question_figure,
    )


def sheet_document(
    spec: SheetSpec,
    answers: list[Answer],
    *,
    solutions: bool,
    variant_label: str,
    variant_number: int | None = None,
    shown: list[Answer] | None = None,
) -> SheetDocument:
    """One sheet; ``shown`` are the answers whose worked solutions it prints (folded across
    questions), ``answers`` when None."""
    shown = shown or answers
    questions = tuple(sheet_question(q, a, spec.space, s) for q, a, s in zip(spec.questions, answers, shown))
    return SheetDocument(
        title=printable(spec.title),
        author=printable(spec.author),
        course=printable(spec.course),
        date=printable(spec.date),
        template=spec.template,
        answers=solutions,
        variant_label=variant_label,
        total_points=sum(q.points for q in questions if not q.by_hand),
        questions=questions,
        variant_number=variant_number,
        hand_points=sum(q.points for q in questions if q.by_hand),
    )


def render_document(document: SheetDocument, user_dir: str | None = None) -> str:
    """The whole ``.tex`` file of one sheet, from ``documents/<template>.tex.j2``."""
    env = latex_environment(user_dir)
    name = f"documents/{document.template}.tex.j2"
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise InputError(
            f"there is no document template {document.template!r} (built in: {', '.join(BUILTIN_TEMPLATES)}; "
            f"or put {name} in your --templates folder)."
        ) from None
    except jinja2.TemplateSyntaxError as error:
        raise InputError(f"the template {error.name or name} has a syntax error on line {error.lineno}: {error.message}.") from None
    try:
        return template.render(sheet=document, questions=document.questions, unicode_text=UNICODE_DECLARATIONS).lstrip("\n")
    except jinja2.UndefinedError as error:
        raise InputError(f"the template {name} uses an undefined value ({error.message}).") from None
