"""Matrix literals in the three forms the command line accepts.

``[[1,2],[3,4]]`` (nested lists), ``1 2; 3 4`` (rows split by ``;``, entries by commas if a
row has any, else by white space) and LaTeX ``pmatrix``/``bmatrix`` (and friends).  Every
entry goes through the whitelist parser of ``symprimer.parse.plain``.
"""
from __future__ import annotations

import re

import sympy as sp

from symprimer.core.errors import InputError, TooLarge, too_long
from symprimer.parse.latex_entry import latex_entry_to_plain
from symprimer.parse.plain import DEFAULT_CAPS, Caps, Parsed, parse_expression, parse_value

MAX_DIMENSION = 12

# Whole-number matrices, the common case, read without the expression walker: nothing but
# digits, signs, commas, brackets and spaces can match, and each entry goes through int().
_INTEGER_ROWS = re.compile(r"^\[\s*\[[-+\d,\s\[\]]*\]\s*\]$")
_INTEGER_ROW = re.compile(r"\[([-+\d,\s]*)\]")
_INTEGER = re.compile(r"^[-+]?\d+$")
_LATEX_ENV = re.compile(r"^\s*\\begin\{([pbBvV]?matrix|array)\}(\{[lcr|]*\})?(?P<body>.*)\\end\{\1\}\s*$", re.S)


def parse_matrix(text: str, *, what: str = "the matrix", caps: Caps = DEFAULT_CAPS) -> Parsed:
    """Parse a matrix literal into an ImmutableMatrix (with notes on how entries were read)."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{what} is empty.")
    if len(text) > caps.length:
        raise too_long(what, len(text), caps.length)
    stripped = text.strip()
    if stripped.startswith("\\begin"):
        rows, notes = _latex_rows(stripped, what, caps)
    elif stripped.startswith("["):
        whole = _integer_rows(stripped, caps)
        if whole is not None:
            return Parsed(build_matrix(whole, what), ())
        parsed = parse_value(stripped, what=what, caps=caps)
        rows, notes = _nested_rows(parsed.value, what), parsed.notes
    else:
        rows, notes = _semicolon_rows(stripped, what, caps)
    return Parsed(build_matrix(rows, what), notes)


def build_matrix(rows: list[list[sp.Expr]], what: str = "the matrix") -> sp.ImmutableMatrix:
    """Check the shape (non-empty, rectangular, within the size cap) and build the matrix."""
    if not rows or not all(rows):
        raise InputError(f"{what} has no entries.")
    widths = [len(row) for row in rows]
    for index, width in enumerate(widths, start=1):
        if width != widths[0]:
            raise InputError(
                f"{what} has ragged rows: row 1 has {widths[0]} entries but row {index} has {width}."
            )
    if len(rows) > MAX_DIMENSION or widths[0] > MAX_DIMENSION:
        raise TooLarge(
            f"{what} is {len(rows)}x{widths[0]}; symprimer works matrices up to {MAX_DIMENSION}x{MAX_DIMENSION}."
        )
    return sp.ImmutableMatrix(len(rows), widths[0], [entry for row in rows for entry in row])


def _integer_rows(text: str, caps: Caps) -> list[list[sp.Integer]] | None:
    """``[[1,-2],[3,4]]`` read directly, or None to leave the text to the full parser (which
    also gives every message about malformed input)."""
    if not _INTEGER_ROWS.match(text):
        return None
    inner = text.strip()[1:-1].strip()
    rows = _INTEGER_ROW.findall(inner)
    if not rows or _INTEGER_ROW.sub("", inner).replace(",", "").strip():
        return None
    matrix = []
    for row in rows:
        cells = [cell.strip() for cell in row.split(",")]
        if not all(_INTEGER.match(cell) for cell in cells):
            return None
        if any(len(cell.lstrip("+-")) > caps.digits for cell in cells):
            return None  # the full parser names the cap
        matrix.append([sp.Integer(int(cell)) for cell in cells])
    return matrix


def _nested_rows(value: object, what: str) -> list[list[sp.Expr]]:
    if not isinstance(value, list):
        raise InputError(f"{what} must be a list of rows like [[1,2],[3,4]].")
    if value and not any(isinstance(row, list) for row in value):
        return [value]  # a single row written [1, 2, 3]
    rows = []
    for index, row in enumerate(value, start=1):
        if not isinstance(row, list):
            raise InputError(f"row {index} of {what} is not a list; write rows like [1,2].")
        for entry in row:
            if isinstance(entry, list):
                raise InputError(f"row {index} of {what} contains a nested list; entries must be numbers or expressions.")
        rows.append(row)
    return rows


def _semicolon_rows(text: str, what: str, caps: Caps) -> tuple[list[list[sp.Expr]], tuple[str, ...]]:
    rows, notes = [], []
    for index, row_text in enumerate(text.split(";"), start=1):
        row_text = row_text.strip()
        if not row_text:
            raise InputError(f"row {index} of {what} is empty.")
        cells = row_text.split(",") if "," in row_text else row_text.split()
        row = []
        for column, cell in enumerate(cells, start=1):
            parsed = parse_expression(cell, what=f"entry ({index},{column}) of {what}", caps=caps)
            row.append(parsed.value)
            notes.extend(parsed.notes)
        rows.append(row)
    return rows, tuple(dict.fromkeys(notes))


def _latex_rows(text: str, what: str, caps: Caps) -> tuple[list[list[sp.Expr]], tuple[str, ...]]:
    match = _LATEX_ENV.match(text)
    if not match:
        raise InputError(f"{what} starts like LaTeX but is not a single pmatrix/bmatrix environment.")
    body = match.group("body").strip()
    rows, notes = [], []
    row_texts = [r for r in re.split(r"\\\\", body)]
    if row_texts and not row_texts[-1].strip():
        row_texts.pop()
    for index, row_text in enumerate(row_texts, start=1):
        row = []
        for column, cell in enumerate(row_text.split("&"), start=1):
            label = f"entry ({index},{column}) of {what}"
            parsed = parse_expression(latex_entry_to_plain(cell, label), what=label, caps=caps)
            row.append(parsed.value)
            notes.extend(parsed.notes)
        rows.append(row)
    return rows, tuple(dict.fromkeys(notes))
