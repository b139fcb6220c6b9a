"""The numbers one orthonormalising, diagonalising or SVD derivation works in, chosen once.

Gram-Schmidt, P D P^-1, Q D Q* and the SVD are written once (``orthonormal``, ``diagonalise``,
``svd``) against a ``Numbers``: a ``field`` holding the entries, eigenvalues, inner products and
squared lengths, and a ``roots`` domain that also holds their square roots (lengths, singular
values, unit vectors).  Two kinds exist:

* ``ExactNumbers``: QQ or the surds (Gaussian rationals included) lifted to the surds by square
  roots; every claim is decided by exact arithmetic on the boards.
* ``ExpressionNumbers``: SymPy expressions in the ``rationalised`` normal form, for symbols and
  other irrationals; claims are decided by the exact-equality layers on the shown forms.

What differs between them is only arithmetic (normal form, conjugate, zero test, square roots,
row reduction, inverse); the derivations never ask which kind they have.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import sympy as sp

from symprimer.board import Grid
from symprimer.board.surds import QQ, SURDS, Surd, square_root, surd_of
from symprimer.linalg.rows.rref import rref_grid_steps, rref_steps
from symprimer.linalg.spectral.exact import is_zero, rationalised, rationalised_matrix


class ShownExpressionDomain:
    """SymPy expressions as board entries, in the shape of an exact SymPy domain as boards use it.

    ``is_EX``: equal values need not be equal as data, so a claim between boards over this
    domain is decided on its shown forms (``symprimer.exact.equality``), as SymPy work always was.
    Named apart from ``board.expressions.EXPRESSIONS`` (normal-form elements, claims decided by
    arithmetic), which it does not use yet: a unit vector with an irrational squared length
    is written w_i / sqrt(s), which is no normal form, and its claims are cheaper to decide on
    the shown forms than by normal-form arithmetic on nested radicals.
    """

    is_EX = True
    is_EXRAW = is_FractionField = is_PolynomialRing = is_ZZ = is_QQ = False
    is_Field = True
    is_Numerical = is_Exact = False  # symbols may stand in the entries
    zero, one = sp.Integer(0), sp.Integer(1)
    dtype = sp.Expr

    def convert(self, x: Any) -> sp.Expr:
        return sp.sympify(x)  # safe: numbers built by symprimer, never user text

    def convert_from(self, x: Any, domain: Any = None) -> sp.Expr:
        return domain.to_sympy(x) if domain is not None else self.convert(x)

    def to_sympy(self, x: Any) -> sp.Expr:
        return x

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, ShownExpressionDomain)

    def __hash__(self) -> int:
        return hash("ShownExpressionDomain")

    def __repr__(self) -> str:
        return "EX<rationalised>"


SHOWN_EXPRESSIONS = ShownExpressionDomain()


@dataclass(frozen=True)
class Reduction:
    """A row reduction as the derivations use it: its step, the RREF's rows, the pivot columns."""

    step: Any
    rows: tuple[tuple[Any, ...], ...]
    pivots: tuple[int, ...]


class Numbers:
    """The arithmetic a derivation needs from its numbers (see the module docstring)."""

    field: Any
    roots: Any

    def from_sympy(self, x: sp.Expr) -> Any:
        raise NotImplementedError

    def grid(self, matrix: sp.MatrixBase) -> Grid:
        """A SymPy matrix as a board over the field."""
        return Grid(self.field, tuple(tuple(self.from_sympy(x) for x in matrix.row(i)) for i in range(matrix.rows)))

    def normal(self, x: Any) -> Any:
        raise NotImplementedError

    def conjugate(self, x: Any) -> Any:
        raise NotImplementedError

    def is_zero(self, x: Any) -> bool:
        raise NotImplementedError

    def square(self, x: Any) -> Any:
        """A squared length (real, in the field) from the inner product that gave it."""
        return x

    def length(self, square: Any) -> Any:
        """sqrt(square) of a squared length, as the length is written."""
        raise NotImplementedError

    def square_root(self, value: Any) -> Any:
        """sqrt(value) of a non-negative eigenvalue (a singular value), in its simplest form."""
        raise NotImplementedError

    def unit(self, w: Sequence[Any], square: Any) -> list:
        """w / sqrt(square): the entries of a unit vector."""
        raise NotImplementedError

    def inverse(self, rows: Sequence[Sequence[Any]]) -> tuple:
        raise NotImplementedError

    def row_reduce(self, grid: Grid, name: str) -> Reduction:
        raise NotImplementedError

    def eigenvalue(self, space: Any) -> Any:
        raise NotImplementedError

    def basis(self, space: Any) -> list[list]:
        """The eigenspace's basis vectors as lists of field elements."""
        raise NotImplementedError

    def descending(self, spaces: Sequence[Any]) -> list:
        """Eigenspaces of real eigenvalues, largest eigenvalue first."""
        raise NotImplementedError


@dataclass(frozen=True)
class ExactNumbers(Numbers):
    """QQ (or the surds) as the field, the surds as its roots: exact and cheap."""

    field: Any = QQ
    roots: Any = SURDS

    def grid(self, matrix: sp.MatrixBase) -> Grid:
        """Over ZZ when the entries are whole (the cheapest exact arithmetic), else over the field."""
        if self.field == QQ:
            grid = Grid.from_sympy(matrix)
            if grid.domain.is_ZZ or grid.domain.is_QQ:
                return grid
        return super().grid(matrix)

    def from_sympy(self, x: sp.Expr) -> Any:
        if self.field == QQ:
            return QQ.from_sympy(x)
        return Surd.of(QQ.from_sympy(x)) if x.is_Rational else surd_of(x)

    def normal(self, x: Any) -> Any:
        return x

    def conjugate(self, x: Any) -> Any:
        return x.conjugate() if isinstance(x, Surd) else x

    def is_zero(self, x: Any) -> bool:
        return not x

    def square(self, x: Any) -> Any:
        if isinstance(x, Surd):
            if not x.is_rational:
                raise ValueError("the squared length of an exact vector is not rational")
            return x.rational_part()
        return x

    def length(self, square: Any) -> Surd:
        return square_root(square)

    def square_root(self, value: Any) -> Surd:
        return square_root(value)

    def unit(self, w: Sequence[Any], square: Any) -> list:
        factor = 1 / square_root(square)
        return [e * factor if e else SURDS.zero for e in w]

    def inverse(self, rows: Sequence[Sequence[Any]]) -> tuple:
        """M^-1 of an invertible explicit matrix by Gauss-Jordan in exact numbers."""
        domain, n = self.field, len(rows)
        work = [list(row) + [domain.one if i == j else domain.zero for j in range(n)] for i, row in enumerate(rows)]
        for col in range(n):
            pivot = next(r for r in range(col, n) if work[r][col])
            work[col], work[pivot] = work[pivot], work[col]
            factor = 1 / work[col][col]
            work[col] = [x * factor if x else x for x in work[col]]
            for r in range(n):
                if r != col and work[r][col]:
                    k = work[r][col]
                    work[r] = [x - k * y if y else x for x, y in zip(work[r], work[col])]
        return tuple(tuple(row[n:]) for row in work)

    def row_reduce(self, grid: Grid, name: str) -> Reduction:
        reduction = rref_grid_steps(grid, name=name)
        return Reduction(reduction.step, reduction.rref.rows, tuple(reduction.pivots))

    def eigenvalue(self, space: Any) -> Any:
        return self.field.convert(space.eigenvalue.exact)

    def basis(self, space: Any) -> list[list]:
        convert = self.field.convert
        return [[convert(e) for e in v] for v in space.vectors]

    def descending(self, spaces: Sequence[Any]) -> list:
        return sorted(spaces, key=lambda s: -s.eigenvalue.exact)


@dataclass(frozen=True)
class ExpressionNumbers(Numbers):
    """SymPy expressions, rationalised after each computation."""

    field: Any = SHOWN_EXPRESSIONS
    roots: Any = SHOWN_EXPRESSIONS

    def from_sympy(self, x: sp.Expr) -> sp.Expr:
        return x

    def normal(self, x: Any) -> sp.Expr:
        return rationalised(x)

    def conjugate(self, x: Any) -> sp.Expr:
        return sp.conjugate(x)

    def is_zero(self, x: Any) -> bool:
        return is_zero(x)

    def length(self, square: Any) -> sp.Expr:
        return rationalised(sp.sqrt(square)) if square.is_Rational else sp.sqrt(square)

    def square_root(self, value: Any) -> sp.Expr:
        return rationalised(sp.sqrt(value))

    def unit(self, w: Sequence[Any], square: Any) -> list:
        """Rationalised when the square is rational, else kept as w_i / sqrt(square).

        Rationalising 1 / sqrt(10 + 2 sqrt 5) spreads nested radicals over every entry; the
        compact form is what a person writes and is much cheaper to check.
        """
        square = rationalised(square)
        if square.is_Rational:
            root = sp.sqrt(square)
            return [rationalised(x / root) for x in w]
        factor = sp.Pow(square, sp.Rational(-1, 2))
        return [rationalised(x) * factor for x in w]

    def inverse(self, rows: Sequence[Sequence[Any]]) -> tuple:
        inverse = rationalised_matrix(sp.ImmutableMatrix([list(row) for row in rows]).inv())
        return tuple(tuple(inverse.row(i)) for i in range(inverse.rows))

    def row_reduce(self, grid: Grid, name: str) -> Reduction:
        reduction = rref_steps(grid.shown, name=name)
        rref = reduction.rref
        return Reduction(reduction.step, tuple(tuple(rref.row(i)) for i in range(rref.rows)), tuple(reduction.pivots))

    def eigenvalue(self, space: Any) -> sp.Expr:
        return space.eigenvalue.value

    def basis(self, space: Any) -> list[list]:
        return [list(v) for v in space.basis]

    def descending(self, spaces: Sequence[Any]) -> list:
        return sorted(spaces, key=lambda s: -sp.N(s.eigenvalue.value, 30))


RATIONAL = ExactNumbers(QQ)
SURD = ExactNumbers(SURDS)
EXPRESSION = ExpressionNumbers()


def wider(*choices: Numbers) -> Numbers:
    """The widest of the given numbers (rationals, then surds, then expressions)."""
    order = (RATIONAL, SURD, EXPRESSION)
    return max(choices, key=order.index)


def eigen_numbers(matrix: sp.MatrixBase, spaces: Sequence[Any], square_roots: bool) -> Numbers:
    """The numbers for work on a rational matrix's eigenspaces: exact when their vectors are (QQ,
    or the surds when no squared length is taken: a surd vector's squared length need not be
    rational); expressions for any other matrix or vectors."""
    domains = {space.domain for space in spaces}
    if entry_numbers(matrix) != RATIONAL:
        return EXPRESSION
    if domains <= {QQ}:
        return RATIONAL
    if not square_roots and domains <= {QQ, SURDS}:
        return SURD
    return EXPRESSION


def entry_numbers(matrix: sp.MatrixBase) -> Numbers:
    """The numbers of a matrix's own entries: QQ, or expressions (symbols, irrationals, i)."""
    return RATIONAL if all(x.is_Rational for x in matrix) else EXPRESSION
