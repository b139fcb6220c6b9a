"""Check one answer against an expected one: read both, compare, diagnose, and say how it was read.

A worker checks many answers, so what is read or shown once is kept (bounded, least recently used
first out): answers by their text (identical answers are common in a class), --let definitions by
their text, and the LaTeX shown for a value (the key's answer is shown with every verdict).  Each
is a pure function of its key, so a kept result is exactly the one that would be computed again.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from symprimer.check.domain import refuse_colons, refuse_outside
from symprimer.check.equivalence import compare
from symprimer.check.mistakes import diagnose
from symprimer.parse.latex import parse_definition, parse_latex
from symprimer.parse.meaning import Context
from symprimer.check.numeric import NO_DOMAINS, Domains
from symprimer.check.verdict import EQUIVALENT, NOT_EQUIVALENT, UNDECIDED, UNPARSEABLE, Comparison, Verdict
from symprimer.core.errors import InputError, SymprimerError
from symprimer.parse.plain import parse_value
from symprimer.render.notation import to_latex


@dataclass(frozen=True)
class ReadOptions:
    """How answers are read: LaTeX (default) or plain text, and --let definitions (raw text);
    ``tolerance``: the relative error allowed for rounded numbers (None: exact, the default)."""

    plain: bool = False
    definitions: tuple[str, ...] = ()
    tolerance: Any = None
    labels: frozenset[str] = frozenset()  # variables that are 0/1 labels
    probabilities: frozenset[str] = frozenset()  # variables that are probabilities in (0, 1)

    def domains(self) -> Domains:
        return Domains(frozenset(self.labels), frozenset(self.probabilities))

    def context(self) -> Context:
        return _context_of(self.definitions)


READ_CACHE_SIZE = 1024  # answers kept per worker
SHOWN_CACHE_SIZE = 256


@lru_cache(maxsize=32)
def _context_of(definitions: tuple[str, ...]) -> Context:
    made: list = []
    for text in definitions:
        made.append(parse_definition(text, context=Context(tuple(made))))
    return Context(tuple(made))


def read(text: str, what: str, options: ReadOptions, context: Context | None = None) -> Any:
    """The parsed value of one answer (LaTeX through the course reader, or plain text), refused
    when it is outside what the checker compares (``symprimer.check.domain``)."""
    refuse_colons(text, what)
    context = context if context is not None else options.context()
    return refuse_outside(_read_text(text, options.plain, context, what), what)


@lru_cache(maxsize=READ_CACHE_SIZE)
def _read_text(text: str, plain: bool, context: Context, what: str) -> Any:
    """One reading, kept by text and by how it is named (an error, never kept, names its answer)."""
    if plain:
        value = parse_value(text, what=what).value
        return tuple(value) if isinstance(value, list) else value
    return parse_latex(text, what=what, context=context).value


def shown(value: Any) -> str:
    """``to_latex(value)``, kept for values met again (the key's answer, a repeated answer)."""
    try:
        return _shown(value)
    except TypeError:  # an unhashable value is shown afresh
        return to_latex(value)


_shown = lru_cache(maxsize=SHOWN_CACHE_SIZE)(to_latex)


def check_answer(expected: str, answer: str, options: ReadOptions = ReadOptions()) -> Verdict:
    """The verdict on ``answer`` against ``expected`` (both raw text)."""
    try:
        context = options.context()
    except InputError as error:
        return Verdict(UNPARSEABLE, str(error))
    try:
        expected_value = read(expected, "the expected answer", options, context)
    except InputError as error:
        return Verdict(UNPARSEABLE, str(error))
    try:
        answer_value = read(answer, "the answer", options, context)
    except InputError as error:
        return Verdict(UNPARSEABLE, str(error), expected_as=shown(expected_value))
    return check_values(expected_value, answer_value, tolerance=options.tolerance, domains=options.domains())


def check_values(expected: Any, answer: Any, source: Any = None, tolerance: Any = None, domains: Domains = NO_DOMAINS) -> Verdict:
    """The verdict on two parsed values; ``source`` is what both came from (for diagnosis)."""
    read_as, expected_as = shown(answer), shown(expected)
    try:
        outcome = compare(expected, answer, tolerance=tolerance, domains=domains)
    except SymprimerError as error:
        return Verdict(UNDECIDED, str(error), read_as=read_as, expected_as=expected_as)
    except (TypeError, ValueError, AttributeError, NotImplementedError, ArithmeticError, RecursionError) as error:
        reason = f"undecided: the two could not be compared ({type(error).__name__})."
        return Verdict(UNDECIDED, reason, read_as=read_as, expected_as=expected_as)
    return verdict_from(outcome, expected, answer, read_as, expected_as, source)


def verdict_from(outcome: Comparison, expected: Any, answer: Any, read_as: str, expected_as: str, source: Any = None) -> Verdict:
    if outcome.equal is True:
        return Verdict(EQUIVALENT, f"equivalent ({outcome.method}): {outcome.reason}.", outcome.method, read_as, expected_as)
    if outcome.equal is None:
        return Verdict(UNDECIDED, f"undecided: {outcome.reason}.", outcome.method, read_as, expected_as)
    reason = outcome.reason
    if outcome.counterexample is not None:
        reason = f"{reason}; {outcome.counterexample.sentence()}"
    return Verdict(
        NOT_EQUIVALENT,
        f"not equivalent: {reason}.",
        outcome.method,
        read_as,
        expected_as,
        outcome.counterexample,
        diagnose(expected, answer, source),
    )
