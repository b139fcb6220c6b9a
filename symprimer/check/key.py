"""Answer keys for grading: ``load_key(path)`` -> ``Key``, one loader per file type.

A JSON key maps question ids to expected answers, either as text or as an object::

    {"title": "Sheet 3", "questions": {
        "q1": "\\\\sigma(x)(1-\\\\sigma(x))",
        "q2": {"answer": "x**2*exp(x)", "format": "plain", "points": 2},
        "q3": {"derive": "det [[1,2],[3,4]]", "points": 3},
        "q4": {"property": "inverse", "of": "[[1,2],[3,4]]"},
        "q5": {"derive": "loss cce --classes 2", "labels": "y_1,y_2", "probabilities": "p_1,p_2"}}}

A YAML file of the same shape is read with a safe loader.  ``derive`` entries take their expected
value from the derivation (``symprimer.api.derive``).  New key formats (e.g. a sheet spec) are
added by a loader in ``LOADERS``.
"""
from __future__ import annotations

import json
import os
import shlex
from dataclasses import dataclass
from typing import Any, Callable

import yaml

from symprimer.api.values import variable_names
from symprimer.core.errors import InputError

MAX_KEY_BYTES = 2_000_000


@dataclass(frozen=True)
class KeyEntry:
    """One question: its expected answer (text, or a derivation to run) and how to read answers."""

    question: str
    answer: str = ""
    derive: str = ""
    points: float = 1.0
    plain: bool = False
    definitions: tuple[str, ...] = ()
    property: str = ""
    of: str = ""
    labels: tuple[str, ...] = ()  # variables that are 0/1 labels, as check --labels reads them
    probabilities: tuple[str, ...] = ()  # variables that are probabilities in (0, 1)


@dataclass(frozen=True)
class SheetVariants:
    """The sheet spec a key came from: each student variant has numbers of its own."""

    text: str
    path: str

    def key(self, variant: int) -> "Key":
        return key_from_sheet_spec(self.text, self.path, variant)


@dataclass(frozen=True)
class Key:
    title: str
    entries: tuple[KeyEntry, ...]
    variants: SheetVariants | None = None

    def for_variant(self, variant: int | None) -> "Key":
        """The key of one student variant (the key itself when there are no variants, or for
        a submission that names none: variant 1, the spec's own seed)."""
        if self.variants is None or variant is None or variant == 1:
            return self
        return self.variants.key(variant)

    def entry(self, question: str) -> KeyEntry | None:
        return next((e for e in self.entries if e.question == question), None)

    @property
    def total(self) -> float:
        return sum(e.points for e in self.entries)


def load_key(path: str) -> Key:
    """Read an answer key; the file type picks the loader."""
    extension = os.path.splitext(path)[1].lower()
    loader = LOADERS.get(extension)
    if loader is None:
        raise InputError(f"the key {path} has the type {extension or '(none)'}; keys are {', '.join(sorted(LOADERS))} files.")
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(MAX_KEY_BYTES + 1)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"the key {path} could not be read ({error.__class__.__name__}).") from None
    if len(text) > MAX_KEY_BYTES:
        raise InputError(f"the key {path} is larger than {MAX_KEY_BYTES} bytes.")
    data = loader(text, path)
    if isinstance(data, dict) and isinstance(data.get("questions"), list):
        return key_from_sheet_spec(text, path)
    return key_from_data(data, path)


def key_from_sheet_spec(text: str, path: str, variant: int = 1) -> Key:
    """A sheet spec (``symprimer sheet``'s YAML) as a key: question n is ``q<n>``, its expected
    value the result of its derivation for student variant ``variant`` (1: the spec's seed).  Which
    questions are marked, with what call and points, is ``sheets.marking``'s rule, the one the
    question sheet totals by; questions it leaves to a person are left out."""
    try:
        from symprimer.sheets.marking import marking_call, question_points  # local: guarded by the except below
        from symprimer.sheets.spec import parse_spec  # local: guarded by the except below
        from symprimer.sheets.variants import resolve_question, variant_seed  # local: guarded by the except below
    except ImportError:
        raise InputError(f"the key {path} is a sheet spec, but the sheet builder is not installed.") from None
    spec = parse_spec(text, source=f"the key {path}", skip_unavailable=True)
    seed = variant_seed(spec.seed, variant)
    entries = []
    for question in spec.questions:
        call = marking_call(resolve_question(question, seed))  # the sheet's own rule: one source of points
        if call is None:
            continue
        entries.append(KeyEntry(f"q{question.number}", derive=shlex.join(call), points=float(question_points(question))))
    if not entries:
        raise InputError(f"the sheet spec {path} has no question whose answer can be checked.")
    return Key(spec.title or os.path.basename(path), tuple(entries), SheetVariants(text, path))


def _json(text: str, path: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"the key {path} is not valid JSON (line {error.lineno}: {error.msg}).") from None


def _yaml(text: str, path: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise InputError(f"the key {path} is not valid YAML ({str(error).splitlines()[0]}).") from None


LOADERS: dict[str, Callable[[str, str], Any]] = {".json": _json, ".yaml": _yaml, ".yml": _yaml}


def key_from_data(data: Any, path: str = "the key") -> Key:
    if not isinstance(data, dict):
        raise InputError(f"{path} must hold a mapping of question ids to answers.")
    questions = data.get("questions", data)
    if not isinstance(questions, dict) or not questions:
        raise InputError(f"{path} has no questions (a mapping of question ids to answers).")
    entries = tuple(_entry(str(question), raw, path) for question, raw in questions.items() if question != "title")
    title = data.get("title", "") if isinstance(data.get("title", ""), str) else ""
    return Key(title or os.path.basename(str(path)), entries)


def _entry(question: str, raw: Any, path: str) -> KeyEntry:
    if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
        return KeyEntry(question, answer=str(raw))
    if not isinstance(raw, dict):
        raise InputError(f"{path}: question {question} must be an answer text or a mapping with 'answer'.")
    unknown = sorted(set(raw) - {"answer", "derive", "points", "format", "let", "property", "of", "labels", "probabilities"})
    if unknown:
        raise InputError(f"{path}: question {question} has unknown field(s) {', '.join(unknown)}.")
    answer, derive = str(raw.get("answer", "")), str(raw.get("derive", ""))
    prop = str(raw.get("property", ""))
    if not (answer or derive or prop):
        raise InputError(f"{path}: question {question} needs 'answer', 'derive' or 'property'.")
    if prop and not raw.get("of"):
        raise InputError(f"{path}: question {question} has a property but no 'of' matrix.")
    fmt = raw.get("format", "latex")
    if fmt not in ("latex", "plain"):
        raise InputError(f"{path}: question {question} has format {fmt!r}; use latex or plain.")
    points = raw.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not 0 <= points < float("inf"):
        raise InputError(f"{path}: question {question} has points {points!r}; use a finite non-negative number.")
    definitions = raw.get("let", [])
    definitions = [definitions] if isinstance(definitions, str) else definitions
    if not isinstance(definitions, list) or not all(isinstance(d, str) for d in definitions):
        raise InputError(f"{path}: question {question} has 'let' that is not a list of definitions.")
    domains = [variable_names(raw.get(name), f"{path}: question {question}'s {name}") for name in ("labels", "probabilities")]
    return KeyEntry(question, answer, derive, float(points), fmt == "plain", tuple(definitions), prop, str(raw.get("of", "")), *domains)
