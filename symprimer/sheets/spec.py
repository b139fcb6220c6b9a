"""The sheet spec: YAML validated into frozen values, every problem reported with its line.

A spec names the sheet (title, author, course, date), the seed and document template, and the
questions: each a derive kind with its inputs (literal or drawn at random), its options as on
the command line, and optional points, prompt, title and section heading.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from typing import Any

from symprimer.core.errors import InputError, too_long
from symprimer.core.levels import DEFAULT_LEVEL, DETAIL_LEVELS
from symprimer.sheets import questions as question_fields
from symprimer.sheets.yamlsafe import LoadedYaml, load_yaml

MAX_QUESTIONS = 200
MAX_TEXT = 300
MAX_SEED = 2**63 - 1
DEFAULT_SEED = 2026
TEMPLATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$")
SHEET_FIELDS = ("title", "author", "course", "date", "seed", "template", "space", "detail", "questions")
DETAIL_KEY = "detail"  # a sheet field and a question key: brief, standard or full


@dataclass(frozen=True)
class SheetSpec:
    title: str
    author: str
    course: str
    date: str
    seed: int
    template: str
    questions: tuple[question_fields.QuestionSpec, ...]
    skipped: tuple[str, ...] = ()  # questions left out because their kind is not available
    space: str = ""  # answer room under every question of the question sheet, unless it says its own
    detail: str = ""  # the worked solutions' detail, unless a question says its own ("": the default)

    def at_detail(self, level: str | None) -> "SheetSpec":
        """The spec with every derived question that names no detail of its own at ``level``
        (else the sheet's own level, else the template's default): the level travels with the
        derive call."""
        chosen = level or self.detail or TEMPLATE_DETAIL.get(self.template, DEFAULT_LEVEL)
        return replace(self, questions=tuple(_with_detail(q, chosen) for q in self.questions))


# Slides carry the key lines (brief); every other document the board's working (standard).
TEMPLATE_DETAIL = {"beamer": "brief"}


def _with_detail(question: question_fields.QuestionSpec, level: str) -> question_fields.QuestionSpec:
    """The level travels in the question's options (a numeric kind's worked gradient uses it)."""
    if any(name == DETAIL_KEY for name, _ in question.options):
        return question
    return replace(question, options=tuple(sorted(question.options + ((DETAIL_KEY, level),))))


def read_spec(path: str, *, skip_unavailable: bool = False) -> SheetSpec:
    """Read and validate the spec file at ``path``."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read(question_fields.MAX_SPEC_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"the sheet spec {path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"the sheet spec {path} could not be read ({error.__class__.__name__}).") from None
    return parse_spec(text, source=f"the spec {path}", skip_unavailable=skip_unavailable)


def parse_spec(text: str, *, source: str = "the spec", skip_unavailable: bool = False) -> SheetSpec:
    loaded = load_yaml(text, source)
    data = loaded.data
    if not isinstance(data, dict):
        raise InputError(f"line {loaded.line(())}: {source} must be a mapping with a title and questions.")
    for key in data:
        if key not in SHEET_FIELDS:
            raise InputError(
                f"line {loaded.line((key,))}: {source} has the unknown field {key!r}; "
                f"the fields are {', '.join(SHEET_FIELDS)}."
            )
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise InputError(f"line {loaded.line(('questions',))}: {source} needs a non-empty list under questions.")
    if len(raw_questions) > MAX_QUESTIONS:
        raise InputError(f"{source} has {len(raw_questions)} questions; a sheet may have at most {MAX_QUESTIONS}.")
    checked, skipped = [], []
    for index, raw in enumerate(raw_questions):
        try:
            raw, level = _question_detail(raw, index + 1, loaded, ("questions", index))
            question = question_fields.parse_question(raw, index + 1, loaded, ("questions", index))
            if level is not None:
                question = replace(question, options=tuple(sorted(question.options + ((DETAIL_KEY, level),))))
            checked.append(replace(question, number=len(checked) + 1))
        except question_fields.KindUnavailable as missing:
            if not skip_unavailable:
                raise InputError(str(missing)) from None
            skipped.append(str(missing))
    if not checked:
        raise InputError(f"{source} has no question whose kind is available.")
    return SheetSpec(
        title=_text(data, "title", loaded, "Worked problems"),
        author=_text(data, "author", loaded, ""),
        course=_text(data, "course", loaded, ""),
        date=_text(data, "date", loaded, ""),
        seed=_seed(data, loaded),
        template=_template(data, loaded),
        questions=tuple(checked),
        skipped=tuple(skipped),
        space=question_fields.answer_space(data.get("space"), f"line {loaded.line(('space',))}: {source}"),
        detail=_level(data.get(DETAIL_KEY), f"line {loaded.line((DETAIL_KEY,))}: {source}") or "",
    )


def _question_detail(raw: Any, number: int, loaded: LoadedYaml, path: tuple) -> tuple[Any, str | None]:
    """A question's own ``detail`` key, taken out before its other keys are read as options."""
    if not isinstance(raw, dict) or DETAIL_KEY not in raw:
        return raw, None
    where = f"line {loaded.line(path + (DETAIL_KEY,))}: question {number}"
    rest = {key: value for key, value in raw.items() if key != DETAIL_KEY}
    return rest, _level(raw[DETAIL_KEY], where)


def _level(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.strip().lower() not in DETAIL_LEVELS:
        raise InputError(f"{where}: detail {value!r} must be one of {', '.join(DETAIL_LEVELS)}.")
    return value.strip().lower()


def _text(data: dict, key: str, loaded: LoadedYaml, default: str) -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)) or isinstance(value, bool):
        raise InputError(f"line {loaded.line((key,))}: the {key} must be text.")
    text = str(value)
    if len(text) > MAX_TEXT:
        raise too_long(f"line {loaded.line((key,))}: the {key}", len(text), MAX_TEXT)
    return text


def _seed(data: dict, loaded: LoadedYaml) -> int:
    value = data.get("seed", DEFAULT_SEED)
    if type(value) is not int or not 0 <= value <= MAX_SEED:
        raise InputError(f"line {loaded.line(('seed',))}: the seed must be a whole number from 0 to {MAX_SEED}.")
    return value


def _template(data: dict, loaded: LoadedYaml) -> str:
    value = data.get("template", "exam")
    if not isinstance(value, str) or not TEMPLATE_NAME.match(value):
        raise InputError(
            f"line {loaded.line(('template',))}: the template must be a name such as exam, handout or beamer."
        )
    return value
