"""Determinants the way they are worked on the board: ad - bc, and Laplace expansion by minors.

``determinant_steps`` is the building block other derivations reuse (the adjoint inverse, the
characteristic polynomial |lambda I - A|): one step |A| = value whose substeps expand along a
row or column, skip zero entries, and recurse into the minors down to 2x2.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from symprimer.board import Det, Difference, Grid, Number, Product, SignPower, Total, numbers
from symprimer.core.errors import InputError
from symprimer.linalg.basic.matrices import (
    LAPLACE_NUMERIC_LIMIT,
    chart_latex,
    check_laplace_size,
    immutable,
    is_numeric,
    merged_notes,
    name_latex,
    read_matrices,
    require_square,
    sign_chart,
    subscript,
    subscript_maths,
)
from symprimer.linalg.determinant.elimination import elimination_steps
from symprimer.render.notation import to_latex
from symprimer.core.steps import Derivation, Step

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


def parse_along(along: str | None, size: tuple[int, int], name: str = "A") -> Line | None:
    """``row2`` / ``col3`` (1-based) to a Line, or None for the default choice."""
    if along is None:
        return None
    match = _ALONG.match(str(along))
    if not match:
        raise InputError(f"--along {along!r} is not a row or column; write it like row2 or col3.")
    axis = "row" if match.group(1).lower().startswith("r") else "col"
    index = int(match.group(2))
    count = size[0] if axis == "row" else size[1]
    if not 1 <= index <= count:
        kind = "rows" if axis == "row" else "columns"
        raise InputError(f"--along {along} does not exist: {name} has {count} {kind}.")
    return Line(axis, index - 1)


def line_with_most_zeros(grid: Grid) -> Line:
    """The row or column with most zero entries (rows first, then the earliest, on ties)."""
    n, rows = grid.size, grid.rows
    best, most = Line("row", 0), -1
    for axis in ("row", "col"):
        for k in range(n):
            line = rows[k] if axis == "row" else [row[k] for row in rows]
            zeros = sum(1 for entry in line if not entry)
            if zeros > most:
                best, most = Line(axis, k), zeros
    return best


def determinant_steps(matrix: sp.ImmutableMatrix, along: str | None = None, name: str = "A") -> tuple[Step, sp.Expr]:
    """One step |name| = value (rule det_1x1 / det_2x2 / laplace_expansion) and the value.

    ``along`` is ``rowN`` / ``colN`` (1-based) or None for the line with most zeros; the value
    is expanded (a polynomial stays multiplied out).  Raises TooLarge past hand size.
    """
    matrix = immutable(matrix)
    require_square(matrix, name, "a determinant")
    grid = Grid.from_sympy(matrix)
    check_laplace_size(grid, name)
    line = parse_along(along, matrix.shape, name)
    step, value = grid_determinant_steps(grid, line, name)
    return step, grid.domain.to_sympy(value)


def grid_determinant_steps(
    grid: Grid, line: Line | None, name: str, whole: Det | None = None, worked: dict | None = None,
) -> tuple[Step, object]:
    """The determinant step of an explicit matrix and its value, an element of ``grid.domain``.

    ``whole`` is the board |grid| when the caller already wrote it (one node, valued once);
    ``worked`` holds this matrix's minors already worked (see ``minor_determinant``).
    """
    whole = Det(grid) if whole is None else whole
    n = grid.size
    if n == 1:
        value = grid.rows[0][0]
        text = f"A $1 \\times 1$ determinant is its only entry: $|{name_latex(name)}| = {to_latex(grid.domain.to_sympy(value))}$."
        step = Step("det_1x1", text, whole, Number(grid.domain, value), params=(("label", name_latex(name)),))
        return step, value
    if n == 2:
        return _two_by_two(grid, name, whole)
    return _laplace(grid, line or line_with_most_zeros(grid), name, whole, {} if worked is None else worked)


def minor_determinant(grid: Grid, i: int, j: int, worked: dict) -> tuple[Step, object]:
    """|M_ij| of ``grid`` (0-based i, j) worked as a step, and its value.

    ``worked`` maps (i, j) to what is already worked for this one matrix: the adjoint method
    expands det A and then lists the cofactors, over the same minors, and works each once.
    """
    if (i, j) not in worked:
        worked[(i, j)] = grid_determinant_steps(grid.minor(i, j), None, subscript("M", i + 1, j + 1))
    return worked[(i, j)]


def _two_by_two(grid: Grid, name: str, whole: Det) -> tuple[Step, object]:
    domain = grid.domain
    (a, b), (c, d) = grid.rows
    value = a * d - b * c
    result = Number(domain, value)
    substeps = ()
    if not (domain.is_PolynomialRing and all(entry.is_generator for entry in (a, b, c, d))):
        written = Difference(domain, Product(domain, numbers(domain, (a, d))), Product(domain, numbers(domain, (b, c))))
        substeps = (Step("evaluate", "Multiply out the two diagonal products and subtract.", written, result),)
    text, params = _two_by_two_prose(name)
    return Step("det_2x2", text, whole, result, substeps=substeps, params=params), value


@lru_cache(maxsize=256)
def _two_by_two_prose(name: str) -> tuple[str, tuple]:
    """The sentence and template parameters of |name| = ad - bc (the same for every matrix)."""
    text = (f"${name_latex(name)}$ is $2 \\times 2$, so $|{name_latex(name)}|$ is the product down the main diagonal "
            "minus the product down the other diagonal.")
    return text, (("label", name_latex(name)),)


def _laplace(grid: Grid, line: Line, name: str, whole: Det, worked: dict) -> tuple[Step, object]:
    domain, n = grid.domain, grid.size
    written_terms, term_steps, values = [], [], []
    for i, j in line.positions(n):
        entry = grid.rows[i][j]
        if not entry:
            written = Product(domain, (SignPower(domain, i + 1, j + 1), Number(domain, entry), Det(grid.minor(i, j))))
            written_terms.append(written)
            text = (f"{subscript_maths('a', i + 1, j + 1)} is $0$, so the term with the minor "
                    f"{subscript_maths('M', i + 1, j + 1)} is zero and skipped.")
            term_steps.append(Step("zero_term", text, written, Number(domain, domain.zero), params=(("i", i + 1), ("j", j + 1))))
            continue
        minor_step, minor_value = minor_determinant(grid, i, j, worked)
        written = Product(domain, (SignPower(domain, i + 1, j + 1), Number(domain, entry), minor_step.left))
        written_terms.append(written)
        value = entry * minor_value if (i + j) % 2 == 0 else -(entry * minor_value)
        values.append(value)
        sign = "+" if (i + j) % 2 == 0 else "-"
        text = (
            f"Term for {subscript_maths('a', i + 1, j + 1)}: sign ${sign}$ from the chart, times the entry, times the minor "
            f"{subscript_maths('M', i + 1, j + 1)} (delete row {i + 1} and column {j + 1})."
        )
        params = (("i", i + 1), ("j", j + 1), ("sign", sign))
        term_steps.append(Step("laplace_term", text, written, Number(domain, value), substeps=(minor_step,), params=params))
    total = sum(values, domain.zero)
    expansion = Step(
        "laplace_terms",
        f"Expand along {line.label}, the signs $(-1)^{{i+j}}$ following the chart ${chart_latex(n, n)}$.",
        whole,
        Total(domain, tuple(written_terms)),
    )
    substeps = [expansion, *term_steps]
    if len(values) > 1:
        substeps.append(Step("evaluate", "Add the terms.", Total(domain, numbers(domain, values)), Number(domain, total)))
    text = f"Laplace expansion of $|{name_latex(name)}|$ (${n} \\times {n}$) by minors along {line.label}."
    params = (
        ("axis", line.axis),
        ("index", line.index + 1),
        ("chart", sign_chart(n, n)),
        ("chart_tex", chart_latex(n, n)),
        ("name", name),
        ("label", name_latex(name)),
    )
    step = Step("laplace_expansion", text, whole, Number(domain, total), substeps=tuple(substeps), params=params)
    return step, total


DETERMINANT_METHODS = ("laplace", "elimination")


def derive_det(inputs: tuple[str, ...], along: str | None = None, method: str | None = None) -> Derivation:
    """The worked determinant of one matrix (Laplace by default, or row elimination)."""
    (read,) = read_matrices(inputs[:1])
    matrix = read.value
    require_square(matrix, "A", "a determinant")
    grid = Grid.from_sympy(matrix)
    chosen = _choose_method(method, along, grid)
    notes = list(merged_notes([read]))
    if chosen == "elimination":
        steps, value = elimination_steps(grid)
        if method is None:
            notes.append(
                f"A {matrix.rows}x{matrix.rows} determinant is past what one expands by minors by hand, "
                "so it is worked by row elimination."
            )
    else:
        check_laplace_size(grid, "A")
        step, element = grid_determinant_steps(grid, parse_along(along, matrix.shape, "A"), "A")
        steps, value = (step,), grid.domain.to_sympy(element)
    return Derivation(
        kind="det",
        question="Find the determinant of $A$.",
        given=(("A", matrix),),
        steps=tuple(steps),
        result=value,
        result_label=r"$\det A$",
        notes=tuple(notes),
        details=(("method", chosen),),
        source=tuple(inputs),
    )


def _choose_method(method: str | None, along: str | None, grid: Grid) -> str:
    if method is not None:
        chosen = method.strip().lower()
        if chosen not in DETERMINANT_METHODS:
            raise InputError(f"--method {method!r} is not a determinant method; choose laplace or elimination.")
        if chosen == "elimination" and along is not None:
            raise InputError("--along picks the line of a Laplace expansion; it does not apply to --method elimination.")
        return chosen
    if is_numeric(grid) and grid.size > LAPLACE_NUMERIC_LIMIT and along is None:
        return "elimination"
    return "laplace"
