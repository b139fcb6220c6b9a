"""Grade a class against a key: every distinct answer checked once, in warm budgeted workers,
each result kept in the gradebook as it arrives.

An answer written as a chain (an align*, or several lines joined by '=') is checked step by
step and its last line against the key.  Marks: full points when right (and every step holds),
half when the final answer is right but a step in between is wrong, none otherwise.  What is
already in the gradebook for the same submission and key entry is not checked again.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from tqdm import tqdm

from symprimer.check.answer import ReadOptions, check_answer as check_one, check_values, read
from symprimer.check.chain import check_chain
from symprimer.check.derived import derived_result
from symprimer.check.properties import PROPERTIES
from symprimer.check.warmup import settle_heap, warm_up
from symprimer.parse.matrix import parse_matrix
from symprimer.runtime.budget import Budget
from symprimer.check.gradebook import ClassSheet, Enrolled, Gradebook, Slot
from symprimer.check.key import Key, KeyEntry
from symprimer.check.results import QuestionResult, StudentResult
from symprimer.check.submissions import MAX_SUBMISSION_BYTES, Submission, answers_in_tex, load_submissions  # noqa: F401
from symprimer.check.verdict import EQUIVALENT, UNDECIDED, UNPARSEABLE
from symprimer.core.errors import BudgetExceeded, InputError, SymprimerError
from symprimer.runtime.pool import Done, run_budgeted

GRADER_VERSION = "2"  # part of every key-entry digest: a change in how answers are marked regrades
_CHAIN_ENVIRONMENT = re.compile(r"\\begin\{(?:align\*?|aligned|equation\*?)\}")

Runner = Callable[..., Iterator[Done]]  # run_budgeted's signature: (work, items, *, workers, budget, what)


@dataclass(frozen=True)
class Check:
    """One distinct answer to one key entry, with the entry's expected value read beforehand."""

    entry: KeyEntry
    expected: Any
    text: str


@dataclass(frozen=True)
class Summary:
    checked: int  # distinct checks run (identical answers to one key entry share one check)
    graded: int  # students' answers graded in this run
    skipped: int  # students' answers already in the gradebook, not checked again


def entry_digest(entry: KeyEntry) -> str:
    return hashlib.sha256(f"{GRADER_VERSION}:{entry!r}".encode("utf-8", "surrogatepass")).hexdigest()


def grade_all(submissions: list[Submission], key: Key, *, workers: int = 2, budget: Budget | None = None, progress: bool = True) -> list[StudentResult]:
    """Every student's results, in submission order, from a gradebook kept only in memory."""
    with Gradebook(":memory:") as book:
        grade_class(submissions, key, book, workers=workers, budget=budget, progress=progress)
        return book.students()


def grade_class(
    submissions: list[Submission],
    key: Key,
    book: Gradebook,
    *,
    workers: int = 2,
    budget: Budget | None = None,
    progress: bool = True,
    runner: Runner = run_budgeted,
) -> Summary:
    """Enrol the class in the gradebook, then check what it does not hold yet, recording each
    result as it arrives (an interruption loses only the checks running at that moment)."""
    budget = budget or Budget(seconds=10, memory_mb=2048)
    keys = {v: key.for_variant(v) for v in sorted({s.variant or 1 for s in submissions if not s.problem})} or {1: key}
    book.enrol(ClassSheet(key.title, tuple((e.question, e.points) for e in key.entries)), [_enrolled(s, keys, key) for s in submissions])
    wanted: dict[tuple[str, str, str], tuple[int, KeyEntry, str]] = {}
    answers_of: list[tuple[str, str, str]] = []  # one per student answer (identical submissions share a triple)
    for submission in submissions:
        if submission.problem:
            continue
        answers, variant = dict(submission.answers), submission.variant or 1
        for entry in keys[variant].entries:
            if entry.question in answers:
                triple = (submission.digest, entry_digest(entry), entry.question)
                wanted[triple] = (variant, entry, answers[entry.question].strip())
                answers_of.append(triple)
    done = book.graded(wanted)
    skipped = sum(triple in done for triple in answers_of)
    checks: dict[tuple[str, str], list[tuple[str, str]]] = {}
    first: dict[tuple[str, str], tuple[int, KeyEntry, str]] = {}
    for triple, (variant, entry, text) in wanted.items():
        if triple not in done:
            checks.setdefault((triple[1], text), []).append(triple[:2])
            first.setdefault((triple[1], text), (variant, entry, text))
    if not checks:
        return Summary(0, 0, skipped)
    _warm_up()
    expected = expected_values({v: keys[v] for v in {variant for variant, _, _ in first.values()}}, budget, workers)
    items = [Check(entry, expected[variant].get(entry.question), text) for variant, entry, text in first.values()]
    targets = list(checks.values())
    with _progress(len(items), progress) as bar:
        for finished in runner(check_answer, items, workers=workers, budget=budget, what=lambda c: f"checking {c.entry.question}"):
            book.record(targets[finished.position], _outcome(items[finished.position].entry, finished), finished.seconds)
            bar.update(1)
    return Summary(len(items), len(answers_of) - skipped, skipped)


def _enrolled(submission: Submission, keys: dict[int, Key], key: Key) -> Enrolled:
    entries = key.entries if submission.problem else keys[submission.variant or 1].entries
    answered = {q for q, _ in submission.answers}
    slots = tuple(Slot(e.question, entry_digest(e), e.points, e.question in answered) for e in entries)
    return Enrolled(submission.student, submission.digest, submission.variant, submission.problem, slots)


def expected_values(keys: dict[int, Key], budget: Budget, workers: int = 1) -> dict[int, dict[str, Any]]:
    """Each variant's key answers read (or derived) once, before any answer is checked."""
    variants = sorted(keys)
    items = [tuple(e for e in keys[v].entries if not e.property) for v in variants]
    longest = max((len(entries) for entries in items), default=1) or 1
    whole = Budget(seconds=budget.seconds * longest, memory_mb=budget.memory_mb)
    found: dict[int, dict[str, Any]] = {}
    for done in run_budgeted(_key_values, items, workers=workers, budget=whole, what=lambda _: "reading the answer key"):
        if not done.ok:
            raise done.value
        found[variants[done.position]] = done.value
    return found


def _key_values(entries: tuple[KeyEntry, ...]) -> dict[str, Any]:
    """Each entry's expected value; entries asking for the same thing are read once."""
    read: dict[tuple, Any] = {}
    for entry in entries:
        wanted = (entry.answer, entry.derive, entry.plain, entry.definitions)
        if wanted not in read:
            read[wanted] = _key_value(entry)
    return {entry.question: read[(entry.answer, entry.derive, entry.plain, entry.definitions)] for entry in entries}


def _key_value(entry: KeyEntry) -> Any:
    if entry.derive:
        return derived_result(entry.derive)
    options = ReadOptions(entry.plain, entry.definitions, labels=frozenset(entry.labels), probabilities=frozenset(entry.probabilities))
    return read(entry.answer, f"the key's answer to {entry.question}", options)


def check_answer(check: Check) -> QuestionResult:
    """One check in a worker: input and budget failures become verdicts, never the run's end."""
    try:
        return grade_answer(check.entry, check.expected, check.text)
    except BudgetExceeded as error:
        return _result(check.entry, UNDECIDED, f"undecided: {error}")
    except InputError as error:
        return _result(check.entry, UNPARSEABLE, str(error))
    except SymprimerError as error:
        return _result(check.entry, UNDECIDED, f"undecided: {error}")


def _outcome(entry: KeyEntry, finished: Done) -> QuestionResult:
    if finished.ok:
        return finished.value
    return _result(entry, UNDECIDED, f"undecided: {finished.value}")


def grade_answer(entry: KeyEntry, expected: Any, text: str) -> QuestionResult:
    """Check one answer against one key entry."""
    options = ReadOptions(entry.plain, entry.definitions, labels=frozenset(entry.labels), probabilities=frozenset(entry.probabilities))
    if entry.property:
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
    verdict = check_values(expected, read(text, "the answer", options), domains=options.domains())
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


def _warm_up() -> None:
    """Import and exercise the reader once, so forked workers start with it ready."""
    warm_up()
    check_one(r"\frac{1}{2}x^2", r"\sigma(x)")
    settle_heap()


def _progress(total: int, enabled: bool) -> Any:
    """A progress bar with rate and time left, on a terminal only."""
    return tqdm(total=total, desc="checking", unit="check", disable=None if enabled else True, smoothing=0.1)
