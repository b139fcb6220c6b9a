"""Grade many submissions against a key, in parallel, each check in a killable budgeted child.

A submission is a ``.tex`` file per student whose answers are marked
``\\begin{answer}{q1} ... \\end{answer}`` (or ``\\answer{q1}{...}``), or one row per student of a
CSV file with a ``student`` column and one column per question.  An answer written as a chain
(an align*, or several lines joined by '=') is checked step by step and its last line against
the key.  Marks: full points when right (and every step holds), half when the final answer is
right but a step in between is wrong, none otherwise.
"""
from __future__ import annotations

import csv
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Iterable

from symprimer.budget import Budget, run_with_budget
from symprimer.check.key import Key, KeyEntry
from symprimer.check.verdict import EQUIVALENT, UNDECIDED, UNPARSEABLE
from symprimer.errors import BudgetExceeded, InputError, SymprimerError

MAX_SUBMISSION_BYTES = 200_000
_ANSWER_ENV = re.compile(r"\\begin\{answer\}\s*\{([^{}]{1,40})\}(.*?)\\end\{answer\}", re.S)
_ANSWER_MACRO = re.compile(r"\\answer\s*\{([^{}]{1,40})\}\s*\{")
_CHAIN_ENVIRONMENT = re.compile(r"\\begin\{(?:align\*?|aligned|equation\*?)\}")
_VARIANT_MACRO = re.compile(r"\\variant\s*\{\s*([^{}]{0,12}?)\s*\}")
MAX_VARIANT = 10_000


@dataclass(frozen=True)
class Submission:
    student: str
    answers: tuple[tuple[str, str], ...]  # (question id, raw text)
    variant: int | None = None  # the student's sheet variant (\variant{k}, or a CSV column)


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

    @property
    def total(self) -> float:
        return sum(r.marks for r in self.results)


def load_submissions(path: str) -> list[Submission]:
    """A folder of .tex files (one per student) or a CSV of answers."""
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if n.endswith(".tex"))
        if not names:
            raise InputError(f"the folder {path} holds no .tex submissions.")
        return [_tex_submission(os.path.splitext(n)[0], _read_text(os.path.join(path, n))) for n in names]
    if path.endswith(".csv"):
        return _csv_submissions(_read_text(path), path)
    raise InputError(f"{path} is neither a folder of .tex files nor a .csv file of answers.")


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read(MAX_SUBMISSION_BYTES)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path} could not be read ({error.__class__.__name__}).") from None


def _tex_submission(student: str, text: str) -> Submission:
    named = _VARIANT_MACRO.findall(text)
    if len(set(named)) > 1:
        raise InputError(f"the submission of {student} names more than one variant ({', '.join(sorted(set(named)))}).")
    return Submission(student, tuple(answers_in_tex(text)), _variant(named[0], student) if named else None)


def _variant(text: str, student: str) -> int:
    """A variant id as written by the student: a whole number from 1."""
    cleaned = text.strip().lstrip("vV")  # "3", or "v03" as the sheet's header prints it
    if not cleaned.isdigit() or not 1 <= int(cleaned) <= MAX_VARIANT:
        raise InputError(f"the submission of {student} names the variant {text!r}; write the sheet's variant number, like \\variant{{3}}.")
    return int(cleaned)


def answers_in_tex(text: str) -> list[tuple[str, str]]:
    found = [(m.group(1).strip(), m.group(2).strip()) for m in _ANSWER_ENV.finditer(text)]
    for match in _ANSWER_MACRO.finditer(text):
        end = _closing_brace(text, match.end() - 1)
        if end is not None:
            found.append((match.group(1).strip(), text[match.end() : end].strip()))
    return found


def _closing_brace(text: str, start: int) -> int | None:
    depth = 0
    for index in range(start, min(len(text), start + MAX_SUBMISSION_BYTES)):
        if text[index] == "{" and text[index - 1] != "\\":
            depth += 1
        elif text[index] == "}" and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index
    return None


def _csv_submissions(text: str, path: str) -> list[Submission]:
    rows = list(csv.DictReader(text.splitlines()))
    if not rows or "student" not in rows[0]:
        raise InputError(f"the CSV {path} needs a header row with a 'student' column and one column per question.")
    return [
        Submission(
            row["student"],
            tuple((q, a) for q, a in row.items() if q not in ("student", "variant") and q is not None and a and a.strip()),
            _variant(row["variant"], row["student"]) if (row.get("variant") or "").strip() else None,
        )
        for row in rows
    ]


def expected_values(key: Key, budget: Budget) -> dict[str, Any]:
    """Each key answer read (or derived) once before the workers start: all in one budgeted
    child, with the per-answer time budget for each entry."""
    entries = tuple(entry for entry in key.entries if not entry.property)
    if not entries:
        return {}
    whole = Budget(seconds=budget.seconds * len(entries), memory_mb=budget.memory_mb)
    return run_with_budget(_key_values, entries, budget=whole, what="reading the answer key")


def _key_values(entries: tuple[KeyEntry, ...]) -> dict[str, Any]:
    return {entry.question: _key_value(entry) for entry in entries}


def _key_value(entry: KeyEntry) -> Any:
    from symprimer.check.answer import ReadOptions, read
    from symprimer.commands.check import _derived_result

    if entry.derive:
        return _derived_result(entry.derive)
    options = ReadOptions(plain=entry.plain, definitions=entry.definitions)
    return read(entry.answer, f"the key's answer to {entry.question}", options)


def grade_answer(entry: KeyEntry, expected: Any, text: str) -> QuestionResult:
    """Check one answer (runs inside a budgeted child)."""
    from symprimer.check.answer import ReadOptions, check_values, read
    from symprimer.check.chain import check_chain

    options = ReadOptions(plain=entry.plain, definitions=entry.definitions)
    if entry.property:
        from symprimer.check.properties import PROPERTIES
        from symprimer.parse.matrix import parse_matrix

        verdict = PROPERTIES[entry.property](parse_matrix(entry.of, what="the key's matrix").value, read(text, "the answer", options))
        return _result(entry, verdict.verdict, verdict.reason, verdict.read_as, verdict.diagnosis)
    if expected is None:
        expected = read(entry.answer, f"the key's answer to {entry.question}", options)
    if _is_chain(text) and not entry.plain:
        chain = check_chain(text, options, expected)
        final_right = chain.against is not None and chain.against.verdict == EQUIVALENT
        marks = entry.points if chain.verdict == EQUIVALENT else (entry.points / 2 if final_right and chain.first_invalid else 0.0)
        diagnosis = next((s.verdict.diagnosis for s in chain.steps if s.verdict.diagnosis), "") or (chain.against.diagnosis if chain.against else "")
        return QuestionResult(entry.question, chain.verdict, chain.reason, marks, entry.points, " = ".join(chain.read_as), diagnosis, chain.first_invalid)
    verdict = check_values(expected, read(text, "the answer", options))
    return _result(entry, verdict.verdict, verdict.reason, verdict.read_as, verdict.diagnosis)


def _is_chain(text: str) -> bool:
    """An align/equation block, several lines (outside matrices) joined by '=', or a = b = c."""
    if _CHAIN_ENVIRONMENT.search(text):
        return True
    flat = re.sub(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", " ", text, flags=re.S)
    return flat.count("=") >= 2 or ("=" in flat and ("\\\\" in flat or "\n" in flat.strip()))


def _result(entry: KeyEntry, verdict: str, reason: str, read_as: str = "", diagnosis: str = "") -> QuestionResult:
    marks = entry.points if verdict == EQUIVALENT else 0.0
    return QuestionResult(entry.question, verdict, reason, marks, entry.points, read_as, diagnosis)


def _budgeted(entry: KeyEntry, expected: Any, text: str, budget: Budget) -> QuestionResult:
    """One check in its own killable child; budget and input failures become verdicts."""
    try:
        return run_with_budget(grade_answer, entry, expected, text, budget=budget, what=f"checking {entry.question}")
    except BudgetExceeded as error:
        return _result(entry, UNDECIDED, f"undecided: {error}")
    except InputError as error:
        return _result(entry, UNPARSEABLE, str(error))
    except SymprimerError as error:
        return _result(entry, UNDECIDED, f"undecided: {error}")


def grade_all(submissions: list[Submission], key: Key, *, workers: int = 2, budget: Budget | None = None, progress: bool = True) -> list[StudentResult]:
    """Every student's answers checked in ``workers`` processes, results in submission order."""
    budget = budget or Budget(seconds=10, memory_mb=2048)
    _warm_up()
    keys = {v: key.for_variant(v) for v in sorted({s.variant or 1 for s in submissions})}
    expected = {v: expected_values(k, budget) for v, k in keys.items()}  # each variant's key read once
    tasks = []
    for s_index, submission in enumerate(submissions):
        answers, variant = dict(submission.answers), submission.variant or 1
        for entry in keys[variant].entries:
            if entry.question in answers:
                tasks.append((s_index, entry, expected[variant].get(entry.question), answers[entry.question]))
    found: dict[tuple[int, str], QuestionResult] = {}
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context) as pool:
        futures = {pool.submit(_budgeted, entry, value, text, budget): (s_index, entry.question) for s_index, entry, value, text in tasks}
        for future in _progress(as_completed(futures), len(futures), progress):
            found[futures[future]] = future.result()
    results = []
    for s_index, submission in enumerate(submissions):
        rows = tuple(
            found.get((s_index, entry.question)) or QuestionResult(entry.question, "missing", "no answer was given.", 0.0, entry.points)
            for entry in keys[submission.variant or 1].entries
        )
        results.append(StudentResult(submission.student, rows, submission.variant))
    return results


def _warm_up() -> None:
    """Import and exercise the reader once, so forked workers start with it ready."""
    from symprimer.check.answer import check_answer
    from symprimer.check.warmup import warm_up

    warm_up()
    check_answer(r"\frac{1}{2}x^2", r"\sigma(x)")


def _progress(items: Iterable, total: int, enabled: bool) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc="checking", unit="answer", disable=None)


def write_grades_csv(results: list[StudentResult], key: Key, path: str) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", *(e.question for e in key.entries), "total", "max"])
        for student in results:
            writer.writerow([student.student, *(_number(r.marks) for r in student.results), _number(student.total), _number(key.total)])


def _number(value: float) -> str:
    return f"{value:g}"


