"""Cross-question folding: a sub-derivation an earlier question already works out in full (the
same 2x2 determinant, the same derivative of the sigmoid, the eigenvalues of the same matrix) is
written in a later question's standard solution as its line, "As in Question N", as a lecturer
refers back on the board.

Each question is derived in its own worker, so this is a second pass, over one variant's
answers in question order, after all of them are derived.  It only hides working in a view
(``symprimer.render.views.refer_back``): every answer was verified whole before it got here.
Full solutions keep everything; brief ones show no working to fold.
"""
from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Mapping, Sequence

from symprimer.render.views import refer_back
from symprimer.sheets.answers import Answer, solution_fragment

References = Mapping[tuple[int, ...], int]  # a step's path in a solution -> the question to refer to


def cross_references(numbers: Sequence[int], answers: Sequence[Answer]) -> tuple[References, ...]:
    """For each question, its sub-derivations that an earlier question shows in full, each
    mapped to the number of the first question that shows it."""
    first_shown: dict[tuple, int] = {}
    references = []
    for number, answer in zip(numbers, answers):
        folds: dict[tuple[int, ...], int] = {}
        for point in answer.fold_points:
            if any(point.path[: len(path)] == path for path in folds):
                continue  # inside working this question now refers to
            owner = first_shown.get(point.key)
            if answer.worked and owner is not None and owner != number:
                folds[point.path] = owner
            else:
                first_shown.setdefault(point.key, number)
        references.append(MappingProxyType(folds))
    return tuple(references)


def folded_answers(numbers: Sequence[int], answers: Sequence[Answer], user_dir: str | None = None) -> list[Answer]:
    """The answers of one variant, each later repeat of a sub-derivation referring back to the
    question that works it out (rendered again only where something folds)."""
    return [
        replace(answer, solution=solution_fragment(refer_back(answer.worked_view(), folds), user_dir)) if folds else answer
        for answer, folds in zip(answers, cross_references(numbers, answers))
    ]
