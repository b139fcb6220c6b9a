"""The exact kernel of the board: forms valued in an exact number domain and shown lazily.

A worked determinant or inverse writes hundreds of small expressions on the board (a sign
power times an entry times a minor, ``2*3 - 1*4``, a row written as ``R2 - 3 R1``).  Built as
unevaluated SymPy objects they cost far more than the mathematics itself.  Here each form is a
small frozen node over an exact SymPy *domain* (``ZZ``, ``QQ``, ``ZZ[a, b]``, ``QQ(lambda)``,
Gaussian rationals, surds): its ``value`` is computed with the domain's exact arithmetic, and
its ``shown`` SymPy form (what the printers and templates see) is built only when asked for.
A step whose two sides are boards verifies by comparing exact values.

``base`` holds the form itself; ``arithmetic`` the domain arithmetic and exact product checks;
``terms`` the scalar forms; ``grid`` the working matrix and its domain; ``matrices`` the matrix
forms (|M|, M^T, k M, products, M^-1); ``claims`` a step's verdict between boards; ``surds``
the field of square roots (sums of rational multiples of sqrt d) that hand-worked eigen, SVD
and surd-matrix work needs.
"""
from symprimer.board.arithmetic import Rows, exact, field_of, product_equals, rows_equal, same, times
from symprimer.board.base import Board
from symprimer.board.claims import board_claim_holds, definition_holds
from symprimer.board.grid import Grid, identity
from symprimer.board.matrices import Det, Inverse, MatrixProduct, Scaled, Transposed, WrittenGrid
from symprimer.board.terms import Difference, Negated, Number, Product, SignPower, Total, numbers

__all__ = [
    "Board", "Det", "Difference", "Grid", "Inverse", "MatrixProduct", "Negated", "Number", "Product", "Rows",
    "Scaled", "SignPower", "Total", "Transposed", "WrittenGrid", "board_claim_holds", "definition_holds",
    "exact", "field_of", "identity", "numbers", "product_equals", "rows_equal", "same", "times",
]
