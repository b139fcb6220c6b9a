"""The values grading produces: one question's result and one student's."""
from __future__ import annotations

from dataclasses import dataclass

MISSING = "missing"  # no answer was given
PENDING = "pending"  # not graded yet (an interrupted run)
UNGRADABLE = "ungradable"  # the submission itself could not be read


@dataclass(frozen=True)
class QuestionResult:
    question: str
    verdict: str
    reason: str
    marks: float
    points: float
    read_as: str = ""
    diagnosis: str = ""
    first_invalid: int | None = None


@dataclass(frozen=True)
class StudentResult:
    student: str
    results: tuple[QuestionResult, ...]
    variant: int | None = None
    problem: str = ""  # why the submission could not be graded ("" when it could)

    @property
    def total(self) -> float:
        return sum(r.marks for r in self.results)

    @property
    def pending(self) -> int:
        return sum(r.verdict == PENDING for r in self.results)

    @property
    def note(self) -> str:
        """What the marks do not say: why nothing was graded, or how much is still to grade."""
        if self.problem:
            return self.problem
        if self.pending:
            return f"{self.pending} answer(s) not graded yet; run symprimer grade again to finish."
        return ""
