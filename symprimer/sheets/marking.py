"""How each question of a sheet is marked: its points, and the derive call whose result is the
expected answer (or none, when the answer is a comparison or a picture a person marks).

The question sheet prints these points and totals the ones ``symprimer grade`` marks; the
grading key built from the same spec (``check.key.key_from_sheet_spec``) takes its entries
from here too, so the two totals cannot drift apart.
"""
from __future__ import annotations

from typing import Any, Callable

from symprimer.core.kinds import KINDS
from symprimer.numeric.worked import MAX_STEPS as HAND_DESCENT_STEPS, OPTIMIZERS as HAND_OPTIMIZERS
from symprimer.sheets.questions import QuestionSpec
from symprimer.sheets.variants import DeriveJob

DEFAULT_POINTS = 1  # a question without a points key is worth one point, on the sheet and in grade


def question_points(question: QuestionSpec) -> int:
    return DEFAULT_POINTS if question.points is None else question.points


def _single(value: Any) -> bool:
    return value is None or "," not in str(value)


def _descend_call(job: DeriveJob) -> tuple[str, ...] | None:
    """``descent`` works the iterates exactly: its final iterate is the expected answer when the
    question is plain or momentum descent on a formula, one learning rate, a few steps."""
    options = dict(job.options)
    optimizer = str(options.get("optimizer", "sgd")).strip().lower()
    steps = options.get("steps", 20)
    plain = (
        "model" not in options and len(job.inputs) == 1 and optimizer in HAND_OPTIMIZERS
        and _single(options.get("lr")) and str(options.get("convention", "pytorch")) == "pytorch"
        and str(steps).isdigit() and 1 <= int(str(steps)) <= HAND_DESCENT_STEPS
    )
    if not plain:
        return None
    call = ["descent", job.inputs[0], "--steps", str(steps), "--optimizer", optimizer]
    for name in ("start", "lr", "momentum"):
        if name in options:
            call += [f"--{name}", str(options[name])]
    return tuple(call)


def _gradcheck_call(job: DeriveJob) -> tuple[str, ...] | None:
    """The analytic gradient the check is about is what can be marked."""
    options = dict(job.options)
    if len(job.inputs) != 1 or "wrt" not in options:
        return None
    return ("grad", job.inputs[0], "--wrt", str(options["wrt"]))


NUMERIC_CALLS: dict[str, Callable[[DeriveJob], tuple[str, ...] | None]] = {
    "descend": _descend_call,
    "gradcheck": _gradcheck_call,
}


def marking_call(job: DeriveJob) -> tuple[str, ...] | None:
    """The ``derive`` argv whose result the key expects, or None when the question is marked by hand."""
    if job.kind in NUMERIC_CALLS:
        return NUMERIC_CALLS[job.kind](job)
    if job.kind not in KINDS:
        return None
    options = [word for name, value in job.options for word in (f"--{name.replace('_', '-')}", str(value))]
    return (job.kind, *job.inputs, *options)


def marked_by_grade(question: QuestionSpec) -> bool:
    """Whether ``symprimer grade`` marks this question (it depends on the kind and options, never
    on the drawn numbers, so every variant of a sheet has the same total)."""
    placeholders = tuple("" for _ in question.inputs)
    return marking_call(DeriveJob(question.kind, placeholders, question.options)) is not None
