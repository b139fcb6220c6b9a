"""Small helpers the linear-algebra derivations share: reading inputs, board forms, limits.

The "board forms" are unevaluated SymPy expressions (a sign power, a product, a sum) that
print the way a teacher writes them and still evaluate, so a step showing them verifies.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from math import factorial
from typing import Sequence

import sympy as sp

from symprimer.board import Grid
from symprimer.core.errors import InputError, TooLarge
from symprimer.parse.matrix import parse_matrix
from symprimer.render.escape import escape_latex
from symprimer.render.notation import to_latex

# Largest determinant a person expands by minors: numeric entries, and entries with symbols.
LAPLACE_NUMERIC_LIMIT = 5
LAPLACE_SYMBOLIC_LIMIT = 4
# One symbol only (lambda I - A of a numeric A) keeps each term a small polynomial.
LAPLACE_ONE_SYMBOL_LIMIT = 5


@dataclass(frozen=True)
class ReadMatrix:
    """A matrix read from the user's text, with the parser's notes."""

    value: sp.ImmutableMatrix
    notes: tuple[str, ...]
    source: str


def read_matrices(inputs: Sequence[str | sp.MatrixBase], names: Sequence[str] = ("A", "B", "C")) -> tuple[ReadMatrix, ...]:
    """Parse each raw input with the safe parser, naming it A, B, C in messages.

    A SymPy matrix passed by library code is taken as it is (the text path is for users).
    """
    read = []
    for text, name in zip(inputs, names):
        if isinstance(text, sp.MatrixBase):  # built by the calling code, not typed: nothing to parse
            read.append(ReadMatrix(immutable(text), (), "(a matrix given by code)"))
            continue
        parsed = parse_matrix(text, what=f"the matrix {name}")
        read.append(ReadMatrix(immutable(parsed.value), tuple(parsed.notes), text))
    return tuple(read)


def immutable(matrix: sp.MatrixBase) -> sp.ImmutableMatrix:
    """The matrix as the immutable type steps store (no copy when it already is one)."""
    return matrix if isinstance(matrix, sp.ImmutableMatrix) else sp.ImmutableMatrix(matrix)


def merged_notes(matrices: Sequence[ReadMatrix]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(note for m in matrices for note in m.notes))


def shape_text(matrix: sp.MatrixBase) -> str:
    return f"{matrix.rows}x{matrix.cols}"


def shape_latex(matrix: sp.MatrixBase) -> str:
    """A shape as inline maths for the prose: ``$2 \\times 3$``."""
    return rf"${matrix.rows} \times {matrix.cols}$"


def require_square(matrix: sp.MatrixBase, name: str, purpose: str, hint: str = "") -> None:
    """Refuse a matrix that is not square, naming it, its shape and what needed it."""
    if matrix.rows != matrix.cols:
        raise InputError(f"{name} is {shape_text(matrix)}, but {purpose} needs a square matrix{hint}.")


def is_numeric(grid: Grid) -> bool:
    return not grid.free_symbols


def laplace_limit(grid: Grid) -> int:
    """The largest size of this kind of matrix (numeric, one symbol, symbolic) worked by minors."""
    symbols = grid.free_symbols
    if not symbols:
        return LAPLACE_NUMERIC_LIMIT
    return LAPLACE_ONE_SYMBOL_LIMIT if len(symbols) == 1 else LAPLACE_SYMBOLIC_LIMIT


def check_laplace_size(grid: Grid, name: str = "A") -> None:
    """Refuse, in one sentence and at once, a determinant too big to expand by hand."""
    n = grid.size
    symbols = grid.free_symbols
    if not symbols:
        limit, kind = LAPLACE_NUMERIC_LIMIT, "numeric"
    elif len(symbols) == 1:
        limit, kind = LAPLACE_ONE_SYMBOL_LIMIT, "one-symbol"
    else:
        limit, kind = LAPLACE_SYMBOLIC_LIMIT, "symbolic"
    if n > limit:
        hint = " (use --method elimination)" if kind == "numeric" else ""
        raise TooLarge(
            f"the {n}x{n} determinant of {name} with {kind} entries would expand by minors into up to "
            f"{factorial(n)} terms; symprimer expands such determinants by hand only up to {limit}x{limit}{hint}."
        )




@lru_cache(maxsize=256)
def sign_chart(rows: int, cols: int) -> str:
    """The chessboard of signs, e.g. '+ - + / - + - / + - +'."""
    return " / ".join(" ".join("+" if (i + j) % 2 == 0 else "-" for j in range(cols)) for i in range(rows))


def board_product(*factors: sp.Expr) -> sp.Expr:
    """A product shown factor by factor (not multiplied out)."""
    return sp.Mul(*factors, evaluate=False)


def board_sum(*terms: sp.Expr) -> sp.Expr:
    """A sum shown term by term in the given order (not collected)."""
    if len(terms) == 1:
        return terms[0]
    return sp.Add(*terms, evaluate=False)


def board_difference(left: sp.Expr, right: sp.Expr) -> sp.Expr:
    """left - right as written on the board."""
    return sp.Add(left, sp.Mul(sp.Integer(-1), right, evaluate=False), evaluate=False)




def subscript(name: str, i: int, j: int) -> str:
    """M_12 style name (1-based indices)."""
    return f"{name}_{i}{j}" if max(i, j) < 10 else f"{name}_{i},{j}"


@lru_cache(maxsize=256)
def name_latex(name: str) -> str:
    """A name as LaTeX, token by token: M_12 -> M_{12}, lambda I - A -> \\lambda I - A, M*M -> M^{*}M."""
    pieces = []
    for token in name.split():
        indexed = re.fullmatch(r"([A-Za-z]+)_(\d+(?:,\d+)?)", token)
        if indexed:
            pieces.append(f"{to_latex(sp.Symbol(indexed.group(1)))}_{{{indexed.group(2)}}}")
        elif re.fullmatch(r"[A-Za-z]+", token):
            pieces.append(to_latex(sp.Symbol(token)))
        elif re.fullmatch(r"[A-Za-z]+(\*[A-Za-z]*)+", token):  # a conjugate transpose: M*M, M*
            pieces.append("^{*}".join(to_latex(sp.Symbol(part)) if part else "" for part in token.split("*")))
        elif token in ("+", "-"):
            pieces.append(token)
    if not pieces:
        return r"\text{" + escape_latex(name) + "}"
    return " ".join(pieces)


def subscript_maths(name: str, i: int, j: int) -> str:
    """``$M_{12}$``: an indexed name as inline maths for the prose (1-based indices)."""
    return f"${name_latex(subscript(name, i, j))}$"


@lru_cache(maxsize=256)
def chart_latex(rows: int, cols: int) -> str:
    """The sign chart as a small LaTeX matrix of + and -."""
    body = r" \\ ".join(" & ".join("+" if (i + j) % 2 == 0 else "-" for j in range(cols)) for i in range(rows))
    return r"\begin{smallmatrix}" + body + r"\end{smallmatrix}"
