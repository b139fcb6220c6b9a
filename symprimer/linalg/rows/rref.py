"""Row reduction to reduced row-echelon form, shown one pivot at a time.

Each move is claimed as a left-multiplication by an elementary matrix, E M = M', so every
row-operation step carries a real, checkable equation.  Per pivot column there are at most three
moves: a swap, a scaling to make the pivot 1, and one combined elimination of the other rows.
Symbolic pivots are assumed non-zero and the assumption is reported.  One Gauss-Jordan serves
every matrix: the number domain (QQ, the surds, exact expressions) is data, chosen from the
entries before the first move, and what the algorithm asks of it beyond arithmetic (which pivot
is easiest, the sign of a multiplier) is a row of ``RULES``.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Callable

import sympy as sp

from symprimer.board import Grid, identity
from symprimer.board.expressions import EXPRESSIONS, Expression
from symprimer.board.surds import QQ, SURDS, Surd, rational, to_sympy
from symprimer.linalg.spectral.boards import MatrixTimes, multiply
from symprimer.linalg.spectral import words
from symprimer.linalg.spectral.exact import pivot_preference
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
class GridReduction:
    """The RREF of an explicit matrix over a field domain, the step that shows how, and the
    symbolic pivots it assumed non-zero."""

    step: Step
    rref: Grid
    pivots: tuple[int, ...]
    assumptions: tuple[sp.Expr, ...] = ()

    @property
    def rank(self) -> int:
        return len(self.pivots)


@dataclass(frozen=True)
class FieldRules:
    """What Gauss-Jordan asks of a number domain beyond its arithmetic."""

    preference: Callable[[Any], tuple]  # how awkward a pivot is (smaller is better)
    real_sign: Callable[[Any], int | None]  # 1 or -1 for a real number, None otherwise
    symbolic: Callable[[Any], bool]  # a pivot assumed non-zero (and reported)
    canonical: bool  # equal numbers are equal as data (no zero needs writing as 0)
    written_one: Callable[[Any], bool]  # a pivot that needs no scaling move


def _rational_preference(x: Any) -> tuple[bool, bool, int]:
    """``pivot_preference`` of a rational without building SymPy (a minus sign and a fraction
    bar each count as an operation, as SymPy counts them)."""
    q = rational(x)
    return (False, q not in (1, -1), int(q < 0) + int(q.denominator != 1))


def _surd_preference(x: Surd) -> tuple[bool, bool, int]:
    return _rational_preference(x.rational_part()) if x.is_rational else pivot_preference(to_sympy(x))


def _rational_sign(x: Any) -> int:
    return 1 if x > 0 else -1


def _surd_sign(x: Surd) -> int | None:
    """Exact for up to one radical; SymPy decides a real surd with more."""
    sign = x.sign()
    if sign is None and x.is_real:
        return Expression.of(x).real_sign()
    return sign


def _never(_: Any) -> bool:
    return False


def _is_one(x: Any) -> bool:
    return x == 1


RULES = MappingProxyType(
    {
        QQ: FieldRules(_rational_preference, _rational_sign, _never, True, _is_one),
        SURDS: FieldRules(_surd_preference, _surd_sign, _never, True, _is_one),
        EXPRESSIONS: FieldRules(
            lambda x: pivot_preference(x.expr), Expression.real_sign, lambda x: bool(x.free_symbols), False,
            lambda x: x.expr == 1,  # as written, as the pivot is shown
        ),
    }
)


def field_for(matrix: sp.MatrixBase) -> Grid:
    """The matrix over the field its entries call for: QQ for rationals, exact expressions for
    anything else (symbols, radicals, i), chosen once before the reduction starts."""
    matrix = sp.ImmutableMatrix(matrix)
    if all(entry.is_Rational for entry in matrix):
        return Grid.from_sympy(matrix).over(QQ)
    return Grid(EXPRESSIONS, tuple(tuple(EXPRESSIONS.from_sympy(e) for e in row) for row in matrix.tolist()))


def rref_steps(matrix: sp.MatrixBase, name: str = "M") -> Reduction:
    """``rref_grid_steps`` of a SymPy matrix, over the field its entries call for."""
    if not matrix.rows or not matrix.cols:
        grid = Grid(QQ, tuple(() for _ in range(matrix.rows)))
    else:
        grid = field_for(matrix)
    reduction = rref_grid_steps(grid, name)
    return Reduction(reduction.step, reduction.rref.shown, reduction.pivots, reduction.assumptions)


def _coefficient_latex(shown: sp.Expr) -> str:
    if shown == -1:
        return "-"
    if shown == 1:
        return ""
    body = to_latex(shown)
    return body if shown.is_Atom else rf"\left({body}\right)"


class _Writer:
    """The words and LaTeX of the moves, for numbers of one domain."""

    def __init__(self, domain: Any, rules: FieldRules) -> None:
        self.domain, self.rules = domain, rules

    def shown(self, x: Any) -> sp.Expr:
        return self.domain.to_sympy(x)

    def signed(self, x: Any) -> str:
        """'+ 3', '- ', '- \\sqrt{2}': x written after a row name as a signed multiple."""
        shown = self.shown(x)
        if shown == 1:
            return "+ "
        if shown == -1:
            return "- "
        if self.rules.real_sign(x) == -1:
            return f"- {_coefficient_latex(self.shown(-x))}"
        return f"+ {_coefficient_latex(self.shown(x))}"

    def elimination(self, row: int, pivot_row: int, factor: Any) -> str:
        """'subtract 3 times row 1 from row 2' / 'add row 1 to row 3' / a symbolic multiple."""
        sign = self.rules.real_sign(factor)
        if sign is None:
            shown = self.shown(factor)
            if shown.could_extract_minus_sign():
                return words.add_rows(words.multiple(-shown), pivot_row, row)
            return words.subtract_rows(words.multiple(shown), pivot_row, row)
        if sign > 0:
            return words.subtract_rows(words.multiple(self.shown(factor)), pivot_row, row)
        return words.add_rows(words.multiple(self.shown(-factor)), pivot_row, row)


def _unit_rows(domain: Any, n: int) -> list[list]:
    one, zero = domain.one, domain.zero
    return [[one if i == j else zero for j in range(n)] for i in range(n)]


class _Elimination:
    """Gauss-Jordan on working rows, each move recorded as a step E M = M' with its E."""

    def __init__(self, grid: Grid) -> None:
        self.domain = grid.domain
        self.rules = RULES[self.domain]
        self.writer = _Writer(self.domain, self.rules)
        self.rows = [list(row) for row in grid.rows]
        self.current = grid
        self.moves: list[Step] = []
        self.elementaries: list = []

    def record(self, elementary: list[list], text: str, latex: tuple[str, ...]) -> None:
        domain = self.domain
        e_rows = tuple(tuple(r) for r in elementary)
        after = Grid(domain, tuple(tuple(r) for r in self.rows))
        self.moves.append(
            Step(
                "row_operation",
                text,
                before=MatrixTimes(domain, (Grid(domain, e_rows), self.current)),
                after=after,
                params=(("ops", r"\substack{" + r" \\ ".join(latex) + "}"), ("from", self.current)),
            )
        )
        self.elementaries.append(e_rows)
        self.current = after

    def swap(self, row: int, chosen: int) -> None:
        domain, rows = self.domain, self.rows
        e = _unit_rows(domain, len(rows))
        e[row][row] = e[chosen][chosen] = domain.zero
        e[row][chosen] = e[chosen][row] = domain.one
        rows[row], rows[chosen] = rows[chosen], rows[row]
        latex = (rf"R_{{{row + 1}}} \leftrightarrow R_{{{chosen + 1}}}",)
        self.record(e, words.swap_rows(row, chosen), latex)

    def scale(self, row: int, col: int, factor: Any) -> None:
        domain, rows = self.domain, self.rows
        e = _unit_rows(domain, len(rows))
        e[row][row] = factor
        rows[row] = [x * factor for x in rows[row]]
        rows[row][col] = domain.one
        shown = self.writer.shown(factor)
        self.record(e, words.scale_row(row, shown), (rf"R_{{{row + 1}}} \to {_coefficient_latex(shown)}R_{{{row + 1}}}",))

    def eliminate(self, row: int, col: int, factors: dict[int, Any]) -> None:
        domain, rows = self.domain, self.rows
        e = _unit_rows(domain, len(rows))
        latex, moves = [], []
        source = rows[row]
        for r, factor in factors.items():
            e[r][row] = -factor
            rows[r] = [x - factor * y for x, y in zip(rows[r], source)]
            rows[r][col] = domain.zero
            latex.append(rf"R_{{{r + 1}}} \to R_{{{r + 1}}} {self.writer.signed(-factor)}R_{{{row + 1}}}")
            moves.append(self.writer.elimination(r, row, factor))
        self.record(e, words.clear_column(moves), tuple(latex))

    def write_zeros(self, col: int, rows_from: int, keep: int | None = None) -> bool:
        """Write entries of column ``col`` proven zero as 0 (only a domain without a canonical
        form has any); whether some were rewritten."""
        if self.rules.canonical:
            return False
        changed = False
        for r in range(rows_from, len(self.rows)):
            if r != keep and self.writer.shown(self.rows[r][col]) != 0:
                self.rows[r][col] = self.domain.zero
                changed = True
        return changed

    def product_of_moves(self) -> Grid:
        total = identity(self.domain, len(self.rows)).rows
        for e_rows in self.elementaries:
            total = multiply(e_rows, total)
        return Grid(self.domain, total)


def rref_grid_steps(grid: Grid, name: str = "M") -> GridReduction:
    """Gauss-Jordan elimination of an explicit matrix over a field (QQ, the surds or exact
    expressions), each move the claim E M = M' checked in that field.  Per pivot column at most
    three moves: a swap, a scaling to make the pivot 1, one combined elimination of the other
    rows; a symbolic pivot is assumed non-zero and reported."""
    work = _Elimination(grid)
    domain, rows, rules = work.domain, work.rows, work.rules
    n = len(rows)
    pivots: list[int] = []
    assumptions: list[sp.Expr] = []
    row = 0
    for col in range(grid.cols):
        if row >= n:
            break
        candidates = [r for r in range(row, n) if rows[r][col]]
        if not candidates:
            if work.write_zeros(col, row):
                work.current = Grid(domain, tuple(tuple(r) for r in rows))
            continue
        chosen = min(candidates, key=lambda r: (rules.preference(rows[r][col]), r)) if len(candidates) > 1 else candidates[0]
        if chosen != row:
            work.swap(row, chosen)
        pivot = rows[row][col]
        if rules.symbolic(pivot):
            assumptions.append(domain.to_sympy(pivot))
        if not rules.written_one(pivot):
            work.scale(row, col, domain.one / pivot)
        factors = {r: rows[r][col] for r in range(n) if r != row and rows[r][col]}
        if factors:
            work.eliminate(row, col, factors)
        if work.write_zeros(col, 0, keep=row) and work.moves:
            work.current = Grid(domain, tuple(tuple(r) for r in rows))
            work.moves[-1] = work.moves[-1].replaced(after=work.current)
        pivots.append(col)
        row += 1
    step = Step(
        "rref",
        words.row_reduce(name, bool(work.moves)),
        before=MatrixTimes(domain, (work.product_of_moves(), grid)),
        after=work.current,
        substeps=tuple(work.moves),
        params=(("pivots", tuple(pivots)),),
    )
    return GridReduction(step, work.current, tuple(pivots), tuple(assumptions))
