"""The outcome of a check: a verdict, one sentence why, and what was read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EQUIVALENT = "equivalent"
NOT_EQUIVALENT = "not_equivalent"
UNPARSEABLE = "unparseable"
UNDECIDED = "undecided"

EXIT_CODES = {EQUIVALENT: 0, NOT_EQUIVALENT: 1, UNPARSEABLE: 2, UNDECIDED: 3}


@dataclass(frozen=True)
class Counterexample:
    """A point where the two sides differ, with both values (as text)."""

    point: tuple[tuple[str, str], ...]
    expected: str
    answer: str
    where: str = ""  # e.g. "entry (1, 2)" for matrices

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"point": dict(self.point), "expected": self.expected, "answer": self.answer}
        if self.where:
            data["where"] = self.where
        return data

    def sentence(self) -> str:
        at = ", ".join(f"{name} = {value}" for name, value in self.point)
        place = f" at {at}" if at else ""
        where = f" ({self.where})" if self.where else ""
        return f"they differ{place}{where}: expected {self.expected}, answer gives {self.answer}"


@dataclass(frozen=True)
class Comparison:
    """What the equivalence engine found: equal (True/False/None), how, and a counterexample."""

    equal: bool | None
    method: str  # "symbolic", "numeric", "property", "exact"
    reason: str
    counterexample: Counterexample | None = None


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reason: str
    method: str = ""
    read_as: str = ""
    expected_as: str = ""
    counterexample: Counterexample | None = None
    diagnosis: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def as_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "method": self.method or None,
            "read_as": self.read_as,
            "expected_as": self.expected_as,
            "counterexample": self.counterexample.as_json() if self.counterexample else None,
            "diagnosis": self.diagnosis or None,
            "notes": list(self.notes),
        }
