"""Determinants the way they are worked on the board: ad - bc, and Laplace expansion by minors.

``determinant_steps`` is the building block other derivations reuse (the adjoint inverse, the
characteristic polynomial |lambda I - A|): one step |A| = value whose substeps expand along a
row or column, skip zero entries, and recurse into the minors down to 2x2.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from symprimer.errors import InputError
from symprimer.linalg.matrices import (
    LAPLACE_NUMERIC_LIMIT,
    board_difference,
    board_product,
    board_sum,
    chart_latex,
    check_laplace_size,
    is_numeric,
    merged_notes,
    minor_matrix,
    name_latex,
    read_matrices,
    require_square,
    sign_chart,
    sign_power,
    subscript,
    tidy,
)
from symprimer.steps import Derivation, Step

_ALONG = re.compile(r"^\s*(row|r|col|column|c)\s*_?\s*(\d+)\s*$", re.I)


@dataclass(frozen=True)
class Line:
    """A row or column to expand along (0-based index)."""

    axis: str  # "row" or "col"
    index: int

    @property
    def label(self) -> str:
        return f"{'row' if self.axis == 'row' else 'column'} {self.index + 1}"

    def positions(self, n: int) -> list[tuple[int, int]]:
        if self.axis == "row":
            return [(self.index, j) for j in range(n)]
        return [(i, self.index) for i in range(n)]


def parse_along(along: str | None, matrix: sp.MatrixBase, name: str = "A") -> Line | None:
    """``row2`` / ``col3`` (1-based) to a Line, or None for the default choice."""
    if along is None:
        return None
    match = _ALONG.match(str(along))
    if not match:
        raise InputError(f"--along {along!r} is not a row or column; write it like row2 or col3.")
    axis = "row" if match.group(1).lower().startswith("r") else "col"
    index = int(match.group(2))
    count = matrix.rows if axis == "row" else matrix.cols
    if not 1 <= index <= count:
        kind = "rows" if axis == "row" else "columns"
        raise InputError(f"--along {along} does not exist: {name} has {count} {kind}.")
    return Line(axis, index - 1)


def line_with_most_zeros(matrix: sp.MatrixBase) -> Line:
    """The row or column with most zero entries (rows first, then the earliest, on ties)."""
    n = matrix.rows
    candidates = [Line("row", i) for i in range(n)] + [Line("col", j) for j in range(n)]

    def zeros(line: Line) -> int:
        return sum(1 for i, j in line.positions(n) if matrix[i, j] == 0)

    return max(candidates, key=lambda line: (zeros(line), -candidates.index(line)))


def determinant_steps(matrix: sp.ImmutableMatrix, along: str | None = None, name: str = "A") -> tuple[Step, sp.Expr]:
    """One step |name| = value (rule det_1x1 / det_2x2 / laplace_expansion) and the value.

    ``along`` is ``rowN`` / ``colN`` (1-based) or None for the line with most zeros; the value
    is expanded (a polynomial stays multiplied out).  Raises TooLarge past hand size.
    """
    matrix = sp.ImmutableMatrix(matrix)
    require_square(matrix, name, "a determinant")
    check_laplace_size(matrix, name)
    line = parse_along(along, matrix, name)
    return _steps(matrix, line, name)


def _steps(matrix: sp.ImmutableMatrix, line: Line | None, name: str) -> tuple[Step, sp.Expr]:
    n = matrix.rows
    if n == 1:
        value = tidy(matrix[0, 0])
        text = f"A 1x1 determinant is its only entry: |{name}| = {value}."
        return Step("det_1x1", text, sp.Determinant(matrix), value, params=(("label", name_latex(name)),)), value
    if n == 2:
        return _two_by_two(matrix, name)
    return _laplace(matrix, line or line_with_most_zeros(matrix), name)


def _two_by_two(matrix: sp.ImmutableMatrix, name: str) -> tuple[Step, sp.Expr]:
    a, b, c, d = matrix
    value = tidy(a * d - b * c)
    written = board_difference(board_product(a, d), board_product(b, c))
    substeps = ()
    if any(not entry.is_Symbol for entry in matrix):
        substeps = (Step("evaluate", "Multiply out the two diagonal products and subtract.", written, value),)
    text = f"{name} is 2x2, so |{name}| = ad - bc: the main-diagonal product minus the other diagonal's."
    params = (("label", name_latex(name)),)
    return Step("det_2x2", text, sp.Determinant(matrix), value, substeps=substeps, params=params), value


def _laplace(matrix: sp.ImmutableMatrix, line: Line, name: str) -> tuple[Step, sp.Expr]:
    n = matrix.rows
    written_terms, term_steps, values = [], [], []
    for i, j in line.positions(n):
        entry = matrix[i, j]
        minor = minor_matrix(matrix, i, j)
        written = board_product(sign_power(i + 1, j + 1), entry, sp.Determinant(minor))
        written_terms.append(written)
        minor_name = subscript("M", i + 1, j + 1)
        entry_name = subscript("a", i + 1, j + 1)
        if entry == 0:
            text = f"{entry_name} = 0, so the term (-1)^({i + 1}+{j + 1}) {entry_name} {minor_name} is zero and skipped."
            term_steps.append(Step("zero_term", text, written, sp.Integer(0), params=(("i", i + 1), ("j", j + 1))))
            continue
        minor_step, minor_value = _steps(minor, None, minor_name)
        value = tidy((-1) ** (i + j) * entry * minor_value)
        values.append(value)
        sign = "+" if (i + j) % 2 == 0 else "-"
        text = (
            f"Term for {entry_name}: sign {sign} from the chart, times the entry, times the minor "
            f"{minor_name} (delete row {i + 1} and column {j + 1})."
        )
        params = (("i", i + 1), ("j", j + 1), ("sign", sign))
        term_steps.append(Step("laplace_term", text, written, value, substeps=(minor_step,), params=params))
    total = tidy(sp.Add(*values)) if values else sp.Integer(0)
    chart = sign_chart(n, n)
    expansion = Step(
        "laplace_terms",
        f"Expand along {line.label}, the signs (-1)^(i+j) following the chart {chart}.",
        sp.Determinant(matrix),
        board_sum(*written_terms),
    )
    substeps = [expansion, *term_steps]
    if len(values) > 1:
        substeps.append(Step("evaluate", "Add the terms.", board_sum(*values), total))
    text = f"Laplace expansion of |{name}| ({n}x{n}) by minors along {line.label}."
    params = (
        ("axis", line.axis),
        ("index", line.index + 1),
        ("chart", chart),
        ("chart_tex", chart_latex(n, n)),
        ("name", name),
        ("label", name_latex(name)),
    )
    return Step("laplace_expansion", text, sp.Determinant(matrix), total, substeps=tuple(substeps), params=params), total


METHODS = ("laplace", "elimination")


def derive_det(inputs: tuple[str, ...], along: str | None = None, method: str | None = None) -> Derivation:
    """The worked determinant of one matrix (Laplace by default, or row elimination)."""
    (read,) = read_matrices(inputs[:1])
    matrix = read.value
    require_square(matrix, "A", "a determinant")
    chosen = _choose_method(method, along, matrix)
    notes = list(merged_notes([read]))
    if chosen == "elimination":
        from symprimer.linalg.elimination import elimination_steps

        steps, value = elimination_steps(matrix)
        if method is None:
            notes.append(
                f"A {matrix.rows}x{matrix.rows} determinant is past what one expands by minors by hand, "
                "so it is worked by row elimination."
            )
    else:
        step, value = determinant_steps(matrix, along=along, name="A")
        steps = (step,)
    return Derivation(
        kind="det",
        question="Find the determinant of A.",
        given=(("A", matrix),),
        steps=tuple(steps),
        result=value,
        result_label="det A",
        notes=tuple(notes),
        details=(("method", chosen),),
        source=tuple(inputs),
    )


def _choose_method(method: str | None, along: str | None, matrix: sp.MatrixBase) -> str:
    if method is not None:
        chosen = method.strip().lower()
        if chosen not in METHODS:
            raise InputError(f"--method {method!r} is not a determinant method; choose laplace or elimination.")
        if chosen == "elimination" and along is not None:
            raise InputError("--along picks the line of a Laplace expansion; it does not apply to --method elimination.")
        return chosen
    if is_numeric(matrix) and matrix.rows > LAPLACE_NUMERIC_LIMIT and along is None:
        return "elimination"
    return "laplace"
