"""Row reduction to reduced row-echelon form, shown one pivot at a time.

Each move is claimed as a left-multiplication by an elementary matrix, E M = M', so every
row-operation step carries a real, checkable equation.  Per pivot column there are at most three
moves: a swap, a scaling to make the pivot 1, and one combined elimination of the other rows.
Symbolic pivots are assumed non-zero and the assumption is reported.
"""
from __future__ import annotations

from dataclasses import dataclass

from typing import Any

import sympy as sp

from symprimer.board import Grid, identity
from symprimer.linalg.spectral.boards import MatrixTimes, multiply
from symprimer.linalg.spectral.exact import is_zero, pivot_preference, rationalised, rationalised_matrix
from symprimer.board.surds import Surd, rational, to_sympy
from symprimer.linalg.basic.matrices import name_latex
from symprimer.render.notation import to_latex
from symprimer.core.steps import Step


@dataclass(frozen=True)
class Reduction:
    """The RREF of a matrix, the step that shows how, and what it assumed."""

    step: Step
    rref: sp.ImmutableMatrix
    pivots: tuple[int, ...]
    assumptions: tuple[sp.Expr, ...]  # symbolic pivots taken to be non-zero

    @property
    def rank(self) -> int:
        return len(self.pivots)


@dataclass(frozen=True)
class Move:
    """One step's worth of row operations, as text, LaTeX and its elementary matrix."""

    text: str
    latex: tuple[str, ...]
    elementary: sp.ImmutableMatrix


def _swap(n: int, i: int, j: int) -> Move:
    e = sp.eye(n)
    e[i, i] = e[j, j] = 0
    e[i, j] = e[j, i] = 1
    return Move(f"Swap rows {i + 1} and {j + 1}.", (rf"R_{{{i + 1}}} \leftrightarrow R_{{{j + 1}}}",), sp.ImmutableMatrix(e))


def _scale(n: int, i: int, factor: sp.Expr) -> Move:
    e = sp.eye(n)
    e[i, i] = factor
    text = f"Multiply row {i + 1} by ${to_latex(factor)}$ so that its pivot is $1$."
    return Move(text, (rf"R_{{{i + 1}}} \to {_coefficient_latex(factor)}R_{{{i + 1}}}",), sp.ImmutableMatrix(e))


def _eliminate(n: int, pivot_row: int, factors: dict[int, sp.Expr]) -> Move:
    e = sp.eye(n)
    latex, words = [], []
    for row, factor in factors.items():
        e[row, pivot_row] = -factor
        latex.append(rf"R_{{{row + 1}}} \to R_{{{row + 1}}} {_signed_latex(-factor)}R_{{{pivot_row + 1}}}")
        words.append(_elimination_words(row, pivot_row, factor))
    text = "Clear the rest of the pivot column: " + "; ".join(words) + "."
    return Move(text, tuple(latex), sp.ImmutableMatrix(e))


def _elimination_words(row: int, pivot_row: int, factor: sp.Expr) -> str:
    """'subtract 3 times row 1 from row 2' / 'add row 1 to row 3' / a symbolic multiple."""
    if factor.is_number and factor.is_real:
        amount = abs(factor)
        times = "" if amount == 1 else f"${to_latex(amount)}$ times "
        if factor > 0:
            return f"subtract {times}row {pivot_row + 1} from row {row + 1}"
        return f"add {times}row {pivot_row + 1} to row {row + 1}"
    if factor.could_extract_minus_sign():
        return f"add ${to_latex(-factor)}$ times row {pivot_row + 1} to row {row + 1}"
    return f"subtract ${to_latex(factor)}$ times row {pivot_row + 1} from row {row + 1}"


def _coefficient_latex(factor: sp.Expr) -> str:
    if factor == -1:
        return "-"
    if factor == 1:
        return ""
    body = to_latex(factor)
    return body if factor.is_Atom or isinstance(factor, sp.Rational) else rf"\left({body}\right)"


def _signed_latex(factor: sp.Expr) -> str:
    if factor == 1:
        return "+ "
    if factor == -1:
        return "- "
    if factor.is_number and factor.is_real and factor.is_negative:
        return f"- {_coefficient_latex(-factor)}"
    return f"+ {_coefficient_latex(factor)}"


def _apply_move(move: Move, current: sp.ImmutableMatrix) -> tuple[Step, sp.ImmutableMatrix]:
    after = rationalised_matrix(move.elementary * current)
    step = Step(
        "row_operation",
        move.text,
        before=sp.MatMul(move.elementary, current, evaluate=False),
        after=after,
        params=(("ops", r"\substack{" + r" \\ ".join(move.latex) + "}"), ("from", current)),
    )
    return step, after


def _choose_pivot(current: sp.ImmutableMatrix, column: int, start: int) -> int | None:
    candidates = [r for r in range(start, current.rows) if not is_zero(current[r, column])]
    if not candidates:
        return None
    return min(candidates, key=lambda r: (pivot_preference(current[r, column]), r))


def rref_steps(matrix: sp.MatrixBase, name: str = "M") -> Reduction:
    """Gauss-Jordan elimination to RREF with every move shown and verifiable.

    Rational matrices are reduced exactly on the board (``rref_grid_steps``); others (symbols,
    radicals) with SymPy expressions.
    """
    grid = Grid.from_sympy(sp.ImmutableMatrix(matrix)) if matrix.rows and matrix.cols else None
    if grid is not None and (grid.domain.is_ZZ or grid.domain.is_QQ):
        reduction = rref_grid_steps(grid.over(sp.QQ), name)
        return Reduction(reduction.step, reduction.rref.shown, reduction.pivots, ())
    current = rationalised_matrix(matrix)
    n = current.rows
    moves: list[Step] = []
    pivots: list[int] = []
    assumptions: list[sp.Expr] = []
    row = 0
    for column in range(current.cols):
        if row >= n:
            break
        chosen = _choose_pivot(current, column, row)
        if chosen is None:
            current = sp.ImmutableMatrix(
                n, current.cols, lambda i, j: 0 if (j == column and i >= row) else current[i, j]
            )  # entries proven zero, written as 0
            continue
        if chosen != row:
            step, current = _apply_move(_swap(n, row, chosen), current)
            moves.append(step)
        pivot = current[row, column]
        if pivot.free_symbols:
            assumptions.append(pivot)
        if pivot != 1:
            step, current = _apply_move(_scale(n, row, rationalised(1 / pivot)), current)
            moves.append(step)
        factors = {r: current[r, column] for r in range(n) if r != row and not is_zero(current[r, column])}
        if factors:
            step, current = _apply_move(_eliminate(n, row, factors), current)
            moves.append(step)
        cleaned = _zero_column_except(current, column, row)
        if cleaned != current and moves:
            moves[-1] = moves[-1].replaced(after=cleaned)
        current = cleaned
        pivots.append(column)
        row += 1
    step = _rref_step(name, moves, sp.MatMul(_product_of_moves(moves, n), rationalised_matrix(matrix), evaluate=False), current, pivots)
    return Reduction(step, current, tuple(pivots), tuple(assumptions))


def _rref_step(name: str, moves: list[Step], product: Any, reduced: Any, pivots: list[int]) -> Step:
    """E M = R, the moves below it (E is their product), on either route."""
    text = f"Row-reduce ${name_latex(name)}$ to reduced row-echelon form" + (
        " (it is already in that form)." if not moves
        else "; together the moves multiply it by $E$, the product of their elementary matrices."
    )
    return Step("rref", text, before=product, after=reduced, substeps=tuple(moves), params=(("pivots", tuple(pivots)),))


def _zero_column_except(current: sp.ImmutableMatrix, column: int, row: int) -> sp.ImmutableMatrix:
    """Entries of the pivot column other than the pivot are exactly zero now; write them so."""
    return sp.ImmutableMatrix(
        current.rows,
        current.cols,
        lambda i, j: (1 if i == row else 0) if j == column else current[i, j],
    )


def _product_of_moves(moves: list[Step], n: int) -> sp.ImmutableMatrix:
    total = sp.eye(n)
    for move in moves:
        total = move.before.args[0] * total
    return rationalised_matrix(total)


# ---------------------------------------------------------------- on the board: exact numbers


@dataclass(frozen=True)
class GridReduction:
    """The RREF of an explicit matrix over QQ or the surds, the step that shows how."""

    step: Step
    rref: Grid
    pivots: tuple[int, ...]

    @property
    def rank(self) -> int:
        return len(self.pivots)


def _rational_ops(x) -> int:
    """count_ops of a rational as SymPy counts it (a minus sign and a fraction bar each count)."""
    q = rational(x)
    return int(q < 0) + int(q.denominator != 1)


def _grid_preference(x) -> tuple[bool, bool, int]:
    """pivot_preference without building SymPy for rationals."""
    if not isinstance(x, Surd) or x.is_rational:
        q = rational(x.rational_part() if isinstance(x, Surd) else x)
        return (False, q not in (1, -1), _rational_ops(q))
    return pivot_preference(to_sympy(x))


def _sign(x) -> int | None:
    """The sign of a real rational or surd (None: complex, or not decided exactly)."""
    if isinstance(x, Surd):
        return x.sign()
    return (x > 0) - (x < 0)


def _board_coefficient_latex(x) -> str:
    if x == -1:
        return "-"
    if x == 1:
        return ""
    shown = to_sympy(x)
    body = to_latex(shown)
    return body if shown.is_Atom else rf"\left({body}\right)"


def _board_signed_latex(x) -> str:
    """``_signed_latex`` of an exact number (the same text, no SymPy assumptions asked)."""
    if x == 1:
        return "+ "
    if x == -1:
        return "- "
    sign = _sign(x)
    if sign is None and isinstance(x, Surd) and x.is_real:
        return _signed_latex(to_sympy(x))
    if sign is not None and sign < 0:
        return f"- {_board_coefficient_latex(-x)}"
    return f"+ {_board_coefficient_latex(x)}"


def _board_elimination_words(row: int, pivot_row: int, factor) -> str:
    """``_elimination_words`` of an exact number."""
    sign = _sign(factor)
    if sign is None:
        if isinstance(factor, Surd) and factor.is_real:
            return _elimination_words(row, pivot_row, to_sympy(factor))
        return _elimination_words(row, pivot_row, to_sympy(factor))
    amount = factor if sign > 0 else -factor
    times = "" if amount == 1 else f"${to_latex(to_sympy(amount))}$ times "
    if sign > 0:
        return f"subtract {times}row {pivot_row + 1} from row {row + 1}"
    return f"add {times}row {pivot_row + 1} to row {row + 1}"


def _grid_move(domain, elementary_rows, current: Grid, text: str, latex: tuple[str, ...], after_rows) -> tuple[Step, Grid]:
    elementary = Grid(domain, elementary_rows)
    after = Grid(domain, after_rows)
    step = Step(
        "row_operation",
        text,
        before=MatrixTimes(domain, (elementary, current)),
        after=after,
        params=(("ops", r"\substack{" + r" \\ ".join(latex) + "}"), ("from", current)),
    )
    return step, after


def _unit_rows(domain, n: int) -> list[list]:
    one, zero = domain.one, domain.zero
    return [[one if i == j else zero for j in range(n)] for i in range(n)]


def rref_grid_steps(grid: Grid, name: str = "M") -> GridReduction:
    """Gauss-Jordan elimination of an explicit matrix over a field (QQ or the surds), each move
    the claim E M = M' checked by multiplying out; same moves and texts as ``rref_steps``."""
    domain = grid.domain
    rows = [list(row) for row in grid.rows]
    n, cols = len(rows), grid.cols
    current = grid
    moves: list[Step] = []
    elementaries: list = []
    pivots: list[int] = []
    row = 0
    for col in range(cols):
        if row >= n:
            break
        candidates = [r for r in range(row, n) if rows[r][col]]
        if not candidates:
            continue
        chosen = min(candidates, key=lambda r: (_grid_preference(rows[r][col]), r)) if len(candidates) > 1 else candidates[0]
        if chosen != row:
            e = _unit_rows(domain, n)
            e[row][row] = e[chosen][chosen] = domain.zero
            e[row][chosen] = e[chosen][row] = domain.one
            rows[row], rows[chosen] = rows[chosen], rows[row]
            latex = (rf"R_{{{row + 1}}} \leftrightarrow R_{{{chosen + 1}}}",)
            e_rows = tuple(tuple(r) for r in e)
            step, current = _grid_move(domain, e_rows, current, f"Swap rows {row + 1} and {chosen + 1}.", latex, tuple(tuple(r) for r in rows))
            moves.append(step)
            elementaries.append(e_rows)
        pivot = rows[row][col]
        if pivot != 1:
            factor = 1 / pivot
            e = _unit_rows(domain, n)
            e[row][row] = factor
            rows[row] = [x * factor if x else x for x in rows[row]]
            rows[row][col] = domain.one
            text = f"Multiply row {row + 1} by ${to_latex(to_sympy(factor))}$ so that its pivot is $1$."
            latex = (rf"R_{{{row + 1}}} \to {_board_coefficient_latex(factor)}R_{{{row + 1}}}",)
            e_rows = tuple(tuple(r) for r in e)
            step, current = _grid_move(domain, e_rows, current, text, latex, tuple(tuple(r) for r in rows))
            moves.append(step)
            elementaries.append(e_rows)
        factors = {r: rows[r][col] for r in range(n) if r != row and rows[r][col]}
        if factors:
            e = _unit_rows(domain, n)
            latex, words = [], []
            source = rows[row]
            for r, factor in factors.items():
                e[r][row] = -factor
                rows[r] = [x - factor * y if y else x for x, y in zip(rows[r], source)]
                rows[r][col] = domain.zero
                latex.append(rf"R_{{{r + 1}}} \to R_{{{r + 1}}} {_board_signed_latex(-factor)}R_{{{row + 1}}}")
                words.append(_board_elimination_words(r, row, factor))
            text = "Clear the rest of the pivot column: " + "; ".join(words) + "."
            e_rows = tuple(tuple(r) for r in e)
            step, current = _grid_move(domain, e_rows, current, text, tuple(latex), tuple(tuple(r) for r in rows))
            moves.append(step)
            elementaries.append(e_rows)
        pivots.append(col)
        row += 1
    total = identity(domain, n).rows
    for e_rows in elementaries:
        total = multiply(e_rows, total)
    step = _rref_step(name, moves, MatrixTimes(domain, (Grid(domain, total), grid)), current, pivots)
    return GridReduction(step, current, tuple(pivots))
