"""One question of a sheet spec: its kind, its inputs (literal or random), options and text.

Literal matrices are parsed entry by entry with the safe parser and re-printed as a canonical
literal such as ``[[1, 2], [3, 4]]``; expressions and names are checked here (so the error
names the line) and parsed again by the deriver, which is the only place they become SymPy.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from importlib.util import find_spec
from typing import Any

from symprimer.core.errors import InputError, not_a_symbol_name
from symprimer.core.kinds import KINDS
from symprimer.parse.matrix import build_matrix, parse_matrix
from symprimer.parse.names import MAX_SYMBOL_LENGTH, SYMBOL_NAME
from symprimer.parse.plain import parse_expression
from symprimer.render.notation import to_sympy_string
from symprimer.sheets import numeric_kinds
from symprimer.sheets.options import convert_option, option_key
from symprimer.sheets.randomdraw import PROPERTIES, MatrixRecipe, draw_matrix, parse_shape
from symprimer.sheets.yamlsafe import LoadedYaml

MAX_SPEC_BYTES = 200_000
MAX_PROMPT = 2000
MAX_POINTS = 1000
MAX_CHOICES = 50
NAMED_SURFACE = re.compile(r"^<[A-Za-z]{1,24}>$")
CATALOGUE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,31}$")
TEXT_FIELDS = ("prompt", "title", "section")
INPUT_FIELDS = ("matrix", "matrices", "expression", "name", "random")
QUESTION_FIELDS = ("kind", "points", "space") + TEXT_FIELDS + INPUT_FIELDS
# Room left for the answer on the question sheet: a TeX length in everyday units, within a page.
SPACE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})?)\s*(cm|mm|in)\s*$")
MAX_SPACE_CM = 25.0
CM_PER_UNIT = {"cm": 1.0, "mm": 0.1, "in": 2.54}
SYMBOL_OPTIONS = ("wrt",)


class KindUnavailable(InputError):
    """The question's kind is not part of this installation (yet)."""


@dataclass(frozen=True)
class InputSpec:
    """One positional input: a fixed literal, a matrix recipe, or a list to choose from."""

    role: str  # "matrix", "expression" or "name"
    literal: str | None = None
    recipe: MatrixRecipe | None = None
    choices: tuple[str, ...] = ()
    template: str | None = None  # an expression whose named integers are drawn at random
    integers: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True)
class QuestionSpec:
    number: int
    kind: str
    inputs: tuple[InputSpec, ...]
    options: tuple[tuple[str, Any], ...]
    line: int
    points: int | None = None
    prompt: str = ""
    title: str = ""
    section: str = ""
    space: str = ""  # answer room on the question sheet, e.g. "5cm" ("" : the sheet's default)

    @property
    def is_random(self) -> bool:
        return any(i.recipe is not None or i.choices or i.template for i in self.inputs)


def available_kinds() -> dict[str, tuple[str, ...]]:
    """kind -> the option names it takes: the derive kinds whose module is installed, plus
    the numeric sheet kinds."""
    kinds = {name: tuple(kind.options) for name, kind in KINDS.items() if _installed(find_spec, kind.module)}
    kinds.update(numeric_kinds.available())
    return kinds


def _installed(find_spec, module: str) -> bool:
    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def parse_question(raw: Any, number: int, loaded: LoadedYaml, path: tuple) -> QuestionSpec:
    line = loaded.line(path)
    where = f"line {line}: question {number}"
    if not isinstance(raw, dict):
        raise InputError(f"{where} must be a mapping with at least a kind, e.g. {{kind: det, matrix: [[1,2],[3,4]]}}.")
    kind = raw.get("kind")
    kinds = available_kinds()
    if not isinstance(kind, str) or not kind:
        raise InputError(f"{where} needs a kind (one of {', '.join(sorted(kinds))}).")
    if kind not in kinds:
        raise KindUnavailable(
            f"line {loaded.line(path + ('kind',))}: question {number} asks for the kind {kind!r}, which is not "
            f"available in this installation (available: {', '.join(sorted(kinds))})."
        )
    options = []
    for key, value in raw.items():
        if key in QUESTION_FIELDS:
            continue
        name = option_key(str(key))
        key_where = f"line {loaded.line(path + (key,))}: question {number} ({kind})"
        if name not in kinds[kind]:
            takes = ", ".join(kinds[kind]) or "none"
            raise InputError(
                f"{key_where} has the key {key!r}, which is neither a question field "
                f"({', '.join(QUESTION_FIELDS)}) nor an option of {kind} (its options: {takes})."
            )
        options.append((name, _option(kind, name, value, key_where)))
    inputs = _inputs(raw, kind, number, loaded, path)
    return QuestionSpec(
        number=number,
        kind=kind,
        inputs=inputs,
        options=tuple(sorted(options)),
        line=line,
        points=_points(raw, loaded, path, number),
        prompt=_question_text(raw, "prompt", loaded, path, number),
        title=_question_text(raw, "title", loaded, path, number),
        section=_question_text(raw, "section", loaded, path, number),
        space=answer_space(raw.get("space"), f"line {loaded.line(path + ('space',))}: question {number}"),
    )


def answer_space(value: Any, where: str) -> str:
    """``5cm``, ``40mm``, ``2in`` as a TeX length (checked: it is written into the document)."""
    if value is None:
        return ""
    match = SPACE.match(str(value)) if isinstance(value, str) else None
    if not match:
        raise InputError(f"{where}: space {value!r} is not a length like 5cm, 40mm or 2in.")
    size, unit = float(match.group(1)), match.group(2)
    if not 0 < size * CM_PER_UNIT[unit] <= MAX_SPACE_CM:
        raise InputError(f"{where}: space {value!r} must be more than 0 and at most {MAX_SPACE_CM:g}cm (a page).")
    return f"{match.group(1)}{unit}"


def _option(kind: str, name: str, value: Any, where: str) -> Any:
    try:
        converted = convert_option(kind, name, value)
    except InputError as error:
        raise InputError(f"{where}: {error}") from None
    if name in SYMBOL_OPTIONS and isinstance(converted, str):
        for symbol in converted.split(","):
            symbol = symbol.strip()
            if len(symbol) > MAX_SYMBOL_LENGTH or not SYMBOL_NAME.match(symbol):
                raise not_a_symbol_name(f"{where}: in {name}", symbol)
    return converted


def _points(raw: dict, loaded: LoadedYaml, path: tuple, number: int) -> int | None:
    value = raw.get("points")
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= MAX_POINTS:
        raise InputError(f"line {loaded.line(path + ('points',))}: question {number} has points {value!r}; use a whole number from 0 to {MAX_POINTS}.")
    return value


def _question_text(raw: dict, key: str, loaded: LoadedYaml, path: tuple, number: int) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list, bool)):
        raise InputError(f"line {loaded.line(path + (key,))}: the {key} of question {number} must be text.")
    text = str(value).strip()
    if len(text) > MAX_PROMPT:
        raise InputError(f"line {loaded.line(path + (key,))}: the {key} of question {number} is longer than {MAX_PROMPT} characters.")
    return text


def _inputs(raw: dict, kind: str, number: int, loaded: LoadedYaml, path: tuple) -> tuple[InputSpec, ...]:
    given = [key for key in ("matrix", "matrices", "expression", "name") if key in raw]
    if len(given) > 1:
        raise InputError(f"line {loaded.line(path)}: question {number} gives both {given[0]} and {given[1]}; give one input field.")
    if "random" in raw:
        if given and raw[given[0]] is not None:
            raise InputError(f"line {loaded.line(path + ('random',))}: question {number} has random and {given[0]}; give one.")
        is_expression = isinstance(raw["random"], dict) and ({"choose", "expression"} & set(raw["random"]))
        role = "expression" if is_expression else "matrix"
        return (_random_input(raw["random"], role, number, loaded, path + ("random",)),)
    if not given:
        return ()
    field = given[0]
    value = raw[field]
    if field == "matrices":
        if not isinstance(value, list) or not value:
            raise InputError(f"line {loaded.line(path + (field,))}: question {number} needs a list of matrices under matrices.")
        return tuple(_matrix_input(item, number, loaded, path + (field, i)) for i, item in enumerate(value))
    if field == "matrix":
        return (_matrix_input(value, number, loaded, path + (field,)),)
    if field == "expression":
        return (_expression_input(value, number, loaded, path + (field,)),)
    return (_name_input(value, number, loaded, path + (field,)),)


def _where(loaded: LoadedYaml, path: tuple, number: int) -> str:
    return f"line {loaded.line(path)}: question {number}"


def _random_input(value: Any, role: str, number: int, loaded: LoadedYaml, path: tuple) -> InputSpec:
    where = _where(loaded, path, number)
    if not isinstance(value, dict):
        raise InputError(f"{where}: random must be a mapping such as {{shape: 3x3, property: integer-inverse}}.")
    if role == "expression":
        return _random_expression(value, number, loaded, path)
    unknown = set(value) - {"shape", "property", "entries"}
    if unknown:
        raise InputError(f"{where}: random has the unknown key {sorted(unknown)[0]!r}; use shape, property and entries.")
    try:
        rows, cols = parse_shape(value.get("shape", "2x2"))
    except InputError as error:
        raise InputError(f"{where}: {error}") from None
    prop = value.get("property", "integer")
    if prop not in PROPERTIES:
        raise InputError(f"{where}: the property {prop!r} is unknown; use one of {', '.join(PROPERTIES)}.")
    entries = value.get("entries", [-5, 5])
    if not (isinstance(entries, list) and len(entries) == 2 and all(type(e) is int and abs(e) <= 99 for e in entries) and entries[0] <= entries[1]):
        raise InputError(f"{where}: entries must be a range [low, high] of whole numbers between -99 and 99.")
    recipe = MatrixRecipe(rows, cols, prop, entries[0], entries[1])
    try:
        draw_matrix(recipe, random.Random(0))  # a trial draw: an impossible recipe fails here, with its line
    except InputError as error:
        raise InputError(f"{where}: {error}") from None
    return InputSpec("matrix", recipe=recipe)


def _random_expression(value: dict, number: int, loaded: LoadedYaml, path: tuple) -> InputSpec:
    """``{choose: [...]}`` or ``{expression: "a*x**2 + b", integers: {a: [1, 5], b: [-3, 3]}}``."""
    where = _where(loaded, path, number)
    if set(value) == {"choose"}:
        choices = value["choose"]
        if not isinstance(choices, list) or not 0 < len(choices) <= MAX_CHOICES:
            raise InputError(f"{where}: choose needs a list of 1 to {MAX_CHOICES} expressions.")
        return InputSpec("expression", choices=tuple(_expression_input(c, number, loaded, path + ("choose", i)).literal for i, c in enumerate(choices)))
    if set(value) != {"expression", "integers"} or not isinstance(value["integers"], dict) or not value["integers"]:
        raise InputError(
            f"{where}: a random expression is {{choose: [expression, ...]}} or "
            "{expression: a*x**2 + b, integers: {a: [1, 5], b: [-3, 3]}}."
        )
    template = _expression_input(value["expression"], number, loaded, path + ("expression",)).literal
    integers = []
    for name, bounds in value["integers"].items():
        if not isinstance(name, str) or not SYMBOL_NAME.match(name) or len(name) > MAX_SYMBOL_LENGTH:
            raise InputError(f"{where}: {name!r} under integers is not a symbol name.")
        if not (isinstance(bounds, list) and len(bounds) == 2 and all(type(b) is int and abs(b) <= 999 for b in bounds) and bounds[0] <= bounds[1]):
            raise InputError(f"{where}: the range of {name} must be [low, high], whole numbers between -999 and 999.")
        integers.append((name, bounds[0], bounds[1]))
    return InputSpec("expression", template=template, integers=tuple(integers))


def _matrix_input(value: Any, number: int, loaded: LoadedYaml, path: tuple) -> InputSpec:
    if isinstance(value, dict):
        if set(value) != {"random"}:
            raise InputError(f"{_where(loaded, path, number)}: a matrix is a list of rows or {{random: {{...}}}}.")
        return _random_input(value["random"], "matrix", number, loaded, path + ("random",))
    return InputSpec("matrix", literal=canonical_matrix(value, f"{_where(loaded, path, number)}: the matrix"))


def canonical_matrix(value: Any, what: str) -> str:
    """A literal ``[[1, 2], [3, 4]]`` re-printed from the safely parsed matrix."""
    if isinstance(value, str):
        matrix = parse_matrix(value, what=what).value
    elif isinstance(value, list) and value:
        rows = value if all(isinstance(row, list) for row in value) else [value]
        parsed_rows = []
        for i, row in enumerate(rows, start=1):
            parsed_rows.append([_entry(entry, f"{what}, row {i}", parse_expression) for entry in row])
        matrix = build_matrix(parsed_rows, what)
    else:
        raise InputError(f"{what} must be a list of rows like [[1, 2], [3, 4]].")
    return matrix_literal(matrix)


def _entry(entry: Any, what: str, parse_expression) -> Any:
    if isinstance(entry, bool) or not isinstance(entry, (int, float, str)):
        raise InputError(f"{what} has the entry {entry!r}; entries are numbers or expressions.")
    return parse_expression(str(entry), what=what).value


def matrix_literal(matrix: Any) -> str:
    """The canonical literal of a SymPy matrix, which the safe parser reads back."""
    rows = ", ".join("[" + ", ".join(to_sympy_string(e) for e in matrix.row(i)) + "]" for i in range(matrix.rows))
    return f"[{rows}]"


def _expression_input(value: Any, number: int, loaded: LoadedYaml, path: tuple) -> InputSpec:
    if isinstance(value, dict):
        if set(value) != {"random"}:
            raise InputError(f"{_where(loaded, path, number)}: an expression is text or {{random: {{choose: [...]}}}}.")
        return _random_input(value["random"], "expression", number, loaded, path + ("random",))
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"{_where(loaded, path, number)}: the expression must be text such as x**2*exp(x).")
    text = str(value)
    if NAMED_SURFACE.match(text):
        return InputSpec("expression", literal=text)  # a named surface such as <Beale>, checked by numeric
    parse_expression(text, what=f"{_where(loaded, path, number)}: the expression")
    return InputSpec("expression", literal=text)


def _name_input(value: Any, number: int, loaded: LoadedYaml, path: tuple) -> InputSpec:
    if not isinstance(value, str) or not CATALOGUE_NAME.match(value):
        raise InputError(f"{_where(loaded, path, number)}: the name must be a catalogue name such as sigmoid or bce.")
    return InputSpec("name", literal=value)
