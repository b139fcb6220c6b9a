"""The exact kernel of the board: forms valued in an exact number domain and shown lazily.

``forms`` holds the board forms and their exact claims; ``surds`` the field of square roots
(sums of rational multiples of sqrt d) that hand-worked eigen, SVD and surd-matrix work needs.
"""
from symprimer.board.forms import (
    Board,
    Det,
    Difference,
    Grid,
    Inverse,
    MatrixProduct,
    Negated,
    Number,
    Product,
    Rows,
    Scaled,
    SignPower,
    Total,
    Transposed,
    WrittenGrid,
    board_claim_holds,
    definition_holds,
    exact,
    field_of,
    identity,
    numbers,
    product_equals,
    rows_equal,
    same,
    times,
)

__all__ = [
    "Board", "Det", "Difference", "Grid", "Inverse", "MatrixProduct", "Negated", "Number", "Product", "Rows",
    "Scaled", "SignPower", "Total", "Transposed", "WrittenGrid", "board_claim_holds", "definition_holds",
    "exact", "field_of", "identity", "numbers", "product_equals", "rows_equal", "same", "times",
]
