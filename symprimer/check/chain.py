"""Check a hand derivation: a chain ``E0 = E1 = E2 ...`` from align*/equation or plain '=' lines.

Each step i compares E_i with E_{i-1} as written (so one slip is reported once, where it
happens); ``first_invalid`` is the 1-based index of the first step that fails.  A line that
starts with a left side of its own (``f'(x) &= ...`` after ``f(x) &= ...``) starts a new
equation: no step joins it to the line before, and a quantity named and worked out earlier
(``f(x) = x^2 sin x``) is put in where a later equation names it again (``f'(x)``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp

from symprimer.check.answer import ReadOptions, check_values, read
from symprimer.parse.normalise import split_top_level
from symprimer.check.verdict import EQUIVALENT, EXIT_CODES, NOT_EQUIVALENT, UNDECIDED, UNPARSEABLE, Verdict
from symprimer.core.errors import InputError
from symprimer.render.notation import to_latex

MAX_STEPS = 60
_ENVIRONMENT = re.compile(r"\\begin\{(align\*?|equation\*?|aligned|gather\*?|split)\}(.*?)\\end\{\1\}", re.S)
_DECORATION = re.compile(r"\\(?:label|tag|text|textrm|intertext)\s*\{[^{}]*\}|\\(?:nonumber|notag|quad|qquad)(?![A-Za-z])")
_DOLLARS = re.compile(r"^\s*\${1,2}|\${1,2}\s*$")
_RELATIONS_NOT_EQUAL = re.compile(r"(?<![<>!\\])=(?!=)")


@dataclass(frozen=True)
class StepVerdict:
    index: int
    source: str
    target: str
    verdict: Verdict

    def as_json(self) -> dict[str, Any]:
        return {"index": self.index, "from": self.source, "to": self.target, **self.verdict.as_json()}


@dataclass(frozen=True)
class ChainVerdict:
    verdict: str
    reason: str
    steps: tuple[StepVerdict, ...]
    first_invalid: int | None
    read_as: tuple[str, ...] = ()
    against: Verdict | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]

    def as_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "counterexample": next((s.verdict.counterexample.as_json() for s in self.steps if s.verdict.counterexample), None),
            "first_invalid": self.first_invalid,
            "steps": [step.as_json() for step in self.steps],
            "read_as": list(self.read_as),
            "against": self.against.as_json() if self.against else None,
            "notes": list(self.notes),
        }


def split_chain(text: str) -> list[str]:
    """The expressions of a chain, in order, as LaTeX text (every equation's, one after another)."""
    return [part for equation in split_equations(text) for part in equation]


def split_equations(text: str) -> list[list[str]]:
    """The chain's equations, each the list of its sides in order, as LaTeX text."""
    found = _ENVIRONMENT.findall(text)
    body = "\n\\\\\n".join(content for _, content in found) if found else text
    body = "\n".join(line for line in _DECORATION.sub(" ", body).splitlines() if not line.strip().startswith("%"))
    equations: list[list[str]] = []
    for row in _rows(body, lines_are_rows=not found):
        joined = " ".join(_DOLLARS.sub("", row).split())
        if not joined:
            continue
        pieces = [piece.strip() for piece in _split_equals(joined)]
        if equations and (len(pieces) < 2 or not pieces[0]):
            continuing = equations[-1]  # "&= ..." or a line broken inside an expression
            if pieces[0]:
                continuing[-1] = f"{continuing[-1]} {pieces[0]}"
            continuing.extend(pieces[1:])
        else:
            equations.append(pieces)
    parts = [part for equation in equations for part in equation]
    if any(not part for part in parts):
        raise InputError("the chain has an '=' with nothing on one side.")
    if not any(len(equation) >= 2 for equation in equations):
        raise InputError("the chain has no '=' sign; write one expression per line joined by '='.")
    if len(parts) > MAX_STEPS + 1:
        raise InputError(f"the chain has {len(parts) - 1} steps; the limit is {MAX_STEPS}.")
    return equations


def _rows(text: str, lines_are_rows: bool) -> list[str]:
    """The rows of the chain: split at its own line breaks (``\\\\``, and newlines in plain
    text), alignment marks dropped; those inside a matrix or cases block are kept."""
    rows, out, depth, index = [], [], 0, 0
    while index < len(text):
        if text.startswith(r"\begin{", index):
            depth += 1
        elif text.startswith(r"\end{", index):
            depth -= 1
        if depth == 0 and (text.startswith(r"\\", index) or (lines_are_rows and text[index] == "\n")):
            rows.append("".join(out))
            out = []
            index += 1 if text[index] == "\n" else 2
            continue
        out.append(" " if depth == 0 and text[index] in "&\n" else text[index])
        index += 1
    rows.append("".join(out))
    return rows


def _split_equals(text: str) -> list[str]:
    marker = "\x00"
    return split_top_level(_RELATIONS_NOT_EQUAL.sub(marker, text), marker)


def check_chain(text: str, options: ReadOptions = ReadOptions(), against: Any = None) -> ChainVerdict:
    """Judge every step of the chain in ``text``; ``against`` is an expected final value."""
    try:
        equations = split_equations(text)
        context = options.context()
    except InputError as error:
        return ChainVerdict(UNPARSEABLE, str(error), (), None)
    parts = [part for equation in equations for part in equation]
    values: list[Any] = []
    for index, part in enumerate(parts):
        try:
            values.append(read(part, f"line {index + 1} of the chain ({_clip(part)})", options, context))
        except InputError as error:
            return ChainVerdict(UNPARSEABLE, str(error), (), None, tuple(to_latex(v) for v in values))
    steps: list[StepVerdict] = []
    notes: list[str] = []
    known: dict[Any, Any] = {}  # quantities named and worked out in an earlier equation
    start = 0
    for equation in equations:
        indices = range(start, start + len(equation))
        start += len(equation)
        head = values[indices[0]]
        first = indices[0] + 1
        if is_label(head):
            worked = _put_in(head, known)
            if worked is None:
                notes.append(f"line {indices[0] + 1} ({_clip(parts[indices[0]])}) names the quantity being worked out, "
                             f"so step {indices[0] + 1} is not checked")
                first += 1
            else:
                values[indices[0]] = worked
            if len(indices) > 1 and head not in known:
                known[head] = values[indices[1]]
        elif indices[0] > 0:
            notes.append(f"line {indices[0] + 1} starts a new equation, so no step joins it to line {indices[0]}")
        steps.extend(
            StepVerdict(i, parts[i - 1], parts[i], check_values(values[i - 1], values[i], values[i - 1], options.tolerance, options.domains()))
            for i in range(first, indices[-1] + 1)
        )
    against_verdict = check_values(against, values[-1], None, options.tolerance, options.domains()) if against is not None else None
    outcome = _summarise(tuple(steps), tuple(to_latex(v) for v in values), against_verdict)
    return replace(outcome, notes=outcome.notes + tuple(notes)) if notes else outcome


def _put_in(label: Any, known: dict[Any, Any]) -> Any:
    """The named quantity with what earlier equations worked out for it put in (None if the
    chain never said what it is): ``f'(x)`` after ``f(x) = x^2 sin x`` is its derivative."""
    if not known or label in known:
        return None
    worked = label
    for name, value in known.items():
        worked = worked.subs(name, value)
    if worked == label or (isinstance(worked, sp.Basic) and worked.atoms(sp.core.function.AppliedUndef)):
        return None
    return worked.doit() if isinstance(worked, sp.Basic) else worked


def is_label(value: Any) -> bool:
    """A first line that only names what is computed: L, f(x), dL/dw or f'(x) of an unknown f."""
    if isinstance(value, (sp.Symbol, sp.MatrixSymbol)):
        return True
    unknown = value.atoms(sp.core.function.AppliedUndef) if isinstance(value, sp.Basic) else set()
    return bool(unknown) and (isinstance(value, sp.core.function.AppliedUndef) or isinstance(value, (sp.Derivative, sp.Subs)))


def _summarise(steps: tuple[StepVerdict, ...], read_as: tuple[str, ...], against: Verdict | None) -> ChainVerdict:
    if not steps and against is None:
        return ChainVerdict(UNDECIDED, "the chain only names a quantity; there is no step to check.", steps, None, read_as)
    failing = [s for s in steps if s.verdict.verdict == NOT_EQUIVALENT]
    undecided = [s for s in steps if s.verdict.verdict == UNDECIDED]
    first_invalid = failing[0].index if failing else None
    if failing:
        first = failing[0].verdict
        diagnosis = f" {first.diagnosis}" if first.diagnosis else ""
        reason = f"step {first_invalid} does not hold: {first.reason}{diagnosis}"
        return ChainVerdict(NOT_EQUIVALENT, reason, steps, first_invalid, read_as, against)
    if against is not None and against.verdict == NOT_EQUIVALENT:
        reason = f"every step holds, but the final line is not the derivation's result: {against.reason}"
        return ChainVerdict(NOT_EQUIVALENT, reason, steps, None, read_as, against)
    if undecided or (against is not None and against.verdict == UNDECIDED):
        where = ", ".join(str(s.index) for s in undecided) or "the final comparison"
        return ChainVerdict(UNDECIDED, f"every decided step holds, but step(s) {where} could not be decided.", steps, None, read_as, against)
    extra = " and the final line equals the derivation's result" if against is not None else ""
    return ChainVerdict(EQUIVALENT, f"all {len(steps)} steps hold{extra}.", steps, None, read_as, against)


def _clip(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."
