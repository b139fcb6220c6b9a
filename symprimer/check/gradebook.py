"""The gradebook: every result of a class, kept in SQLite as it arrives.

One row per submission digest, key-entry digest and question holds the verdict, marks, reason
and how long the check took; each is committed when its check finishes (WAL mode), so an
interrupted run keeps everything it finished and the next run grades only what is new or
changed.  The class as last seen (its students in order, what each submitted, the key's
questions and points) is kept beside the results, so marks and reports can be exported again
without grading.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from typing import Iterable

from symprimer.check.results import MISSING, PENDING, UNGRADABLE, QuestionResult, StudentResult
from symprimer.core.errors import InputError, not_a_plain_file

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    submission TEXT NOT NULL, entry TEXT NOT NULL, question TEXT NOT NULL,
    verdict TEXT NOT NULL, marks REAL NOT NULL, points REAL NOT NULL, reason TEXT NOT NULL,
    read_as TEXT NOT NULL, diagnosis TEXT NOT NULL, first_invalid INTEGER,
    seconds REAL NOT NULL, graded_at REAL NOT NULL,
    PRIMARY KEY (submission, entry, question));
CREATE TABLE IF NOT EXISTS roster (
    position INTEGER PRIMARY KEY, student TEXT NOT NULL, submission TEXT NOT NULL,
    variant INTEGER, problem TEXT NOT NULL, questions TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS class (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Slot:
    """One question of one student: which key entry it is graded against and whether it was answered."""

    question: str
    entry: str
    points: float
    answered: bool


@dataclass(frozen=True)
class Enrolled:
    """One student as last submitted."""

    student: str
    submission: str
    variant: int | None
    problem: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class ClassSheet:
    """What an export needs besides the results: the key's title and its questions with points."""

    title: str
    questions: tuple[tuple[str, float], ...]

    @property
    def total(self) -> float:
        return sum(points for _, points in self.questions)


class Gradebook:
    """A gradebook file (or ``":memory:"`` for a run that keeps nothing)."""

    def __init__(self, path: str) -> None:
        self.path = path
        if path != ":memory:":
            if os.path.islink(path) or os.path.isdir(path):
                raise not_a_plain_file(f"the gradebook {path}")
            if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
                raise InputError(f"the folder of the gradebook {path} does not exist.")
        try:
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise InputError(f"the gradebook {path} could not be opened as a SQLite file ({error}).") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Gradebook":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def graded(self, wanted: Iterable[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
        """Which (submission, entry, question) triples already have a result."""
        rows = self._db.execute("SELECT submission, entry, question FROM results")
        return set(wanted) & {tuple(row) for row in rows}

    def record(self, triples: Iterable[tuple[str, str]], result: QuestionResult, seconds: float) -> None:
        """Keep one result for each (submission, entry) it answers, committed at once."""
        now = time.time()
        rows = [
            (submission, entry, result.question, result.verdict, result.marks, result.points, result.reason,
             result.read_as, result.diagnosis, result.first_invalid, seconds, now)
            for submission, entry in triples
        ]
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)

    def enrol(self, sheet: ClassSheet, students: list[Enrolled]) -> None:
        """Replace the class as last seen: its key's questions and its students in order."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("DELETE FROM roster")
            self._db.execute("INSERT OR REPLACE INTO class VALUES ('sheet', ?)", (json.dumps([sheet.title, sheet.questions]),))
            self._db.executemany(
                "INSERT INTO roster VALUES (?,?,?,?,?,?)",
                [
                    (i, s.student, s.submission, s.variant, s.problem, json.dumps([[t.question, t.entry, t.points, t.answered] for t in s.slots]))
                    for i, s in enumerate(students)
                ],
            )

    def sheet(self) -> ClassSheet:
        row = self._db.execute("SELECT value FROM class WHERE name = 'sheet'").fetchone()
        if row is None:
            raise InputError(f"the gradebook {self.path} holds no class yet; run symprimer grade first.")
        title, questions = json.loads(row[0])
        return ClassSheet(title, tuple((q, float(p)) for q, p in questions))

    def students(self) -> list[StudentResult]:
        """Every student as last seen, with what is graded so far (``pending`` where not yet)."""
        found = {
            (row[0], row[1], row[2]): QuestionResult(row[2], *row[3:10])
            for row in self._db.execute(
                "SELECT submission, entry, question, verdict, reason, marks, points, read_as, diagnosis, first_invalid FROM results"
            )
        }
        students = []
        for student, submission, variant, problem, questions in self._db.execute(
            "SELECT student, submission, variant, problem, questions FROM roster ORDER BY position"
        ):
            slots = [Slot(q, e, float(p), bool(a)) for q, e, p, a in json.loads(questions)]
            rows = tuple(_slot_result(slot, submission, problem, found) for slot in slots)
            students.append(StudentResult(student, rows, variant, problem))
        return students

    def timings(self) -> tuple[int, float]:
        """How many results the gradebook holds and the seconds they took in all."""
        count, seconds = self._db.execute("SELECT COUNT(*), COALESCE(SUM(seconds), 0) FROM results").fetchone()
        return int(count), float(seconds)


def _slot_result(slot: Slot, submission: str, problem: str, found: dict) -> QuestionResult:
    if problem:
        return QuestionResult(slot.question, UNGRADABLE, problem, 0.0, slot.points)
    if not slot.answered:
        return QuestionResult(slot.question, MISSING, "no answer was given.", 0.0, slot.points)
    return found.get((submission, slot.entry, slot.question)) or QuestionResult(
        slot.question, PENDING, "not graded yet; run symprimer grade again to finish.", 0.0, slot.points
    )


def beside(csv_path: str) -> str:
    """The gradebook's default place: beside the CSV, named after it (grades.csv -> grades.sqlite)."""
    stem, _ = os.path.splitext(csv_path)
    return stem + ".sqlite"
