"""The matrix product worked entry by entry: (AB)_ij = sum_k a_ik b_kj, row i times column j."""
from __future__ import annotations

import sympy as sp

from symprimer.core.errors import InputError
from symprimer.linalg.basic.matrices import board_product, board_sum, merged_notes, read_matrices, shape_latex, shape_text
from symprimer.render.handform import read_product, written_sum
from symprimer.core.steps import Derivation, Step

MAX_ENTRIES_SHOWN = 64  # past this many entries, each is still computed but not written out


def require_conformable(left: sp.MatrixBase, right: sp.MatrixBase, names: str = "AB") -> None:
    """One sentence saying which shapes and why they do not fit."""
    if left.cols != right.rows:
        raise InputError(
            f"{names[0]} is {shape_text(left)} and {names[1]} is {shape_text(right)}: the product {names} needs as many "
            f"columns in {names[0]} ({left.cols}) as rows in {names[1]} ({right.rows}), since each entry pairs a row of "
            f"{names[0]} with a column of {names[1]}."
        )


def entry_step(left: sp.MatrixBase, right: sp.MatrixBase, i: int, j: int, names: str = "AB") -> tuple[Step, sp.Expr]:
    """(AB)_ij as row i of the left factor times column j of the right one (0-based i, j)."""
    products = [board_product(left[i, k], right[k, j]) for k in range(left.cols)]
    value = sp.expand(sum((left[i, k] * right[k, j] for k in range(left.cols)), sp.Integer(0)))
    text = (f"$({names})_{{{i + 1}{j + 1}}}$: row {i + 1} of ${names[0]}$ times column {j + 1} of ${names[1]}$, "
            "multiplied entry by entry and added.")
    shown = _in_order_of_the_sum([(left[i, k], right[k, j]) for k in range(left.cols)], value)
    return Step("row_times_column", text, board_sum(*products), shown, params=(("i", i + 1), ("j", j + 1))), value


def _in_order_of_the_sum(pairs: list[tuple[sp.Expr, sp.Expr]], value: sp.Expr) -> sp.Expr:
    """The entry's value as the sum reads (x d + y l + z, not d x + l y + z) when its terms are
    single products that do not collect; otherwise the value itself."""
    terms = [read_product(a, b) for a, b in pairs]
    terms = [term for term in terms if term != 0]
    if len(terms) < 2 or any(term.has(sp.Add) for term in terms):
        return value
    if len(sp.Add.make_args(value)) != len(terms):
        return value
    return written_sum(*terms)


def product_steps(left: sp.MatrixBase, right: sp.MatrixBase, names: str = "AB") -> tuple[Step, sp.ImmutableMatrix]:
    """One step AB = product, each entry's row-times-column sum as a substep."""
    require_conformable(left, right, names)
    entries, values = [], []
    for i in range(left.rows):
        for j in range(right.cols):
            step, value = entry_step(left, right, i, j, names)
            entries.append(step)
            values.append(value)
    product = sp.ImmutableMatrix(left.rows, right.cols, values)
    shown = tuple(entries) if len(entries) <= MAX_ENTRIES_SHOWN else ()
    written = sp.ImmutableMatrix(left.rows, right.cols, [entry.after for entry in shown]) if shown else product
    text = (
        f"${names[0]}$ is {shape_latex(left)} and ${names[1]}$ is {shape_latex(right)}, so ${names}$ is "
        f"{shape_latex(product)}; each entry is a row of ${names[0]}$ times a column of ${names[1]}$."
    )
    return Step("matmul", text, sp.MatMul(left, right), written, substeps=shown), product


def derive_matmul(inputs: tuple[str, ...]) -> Derivation:
    """The product of two matrices, worked entry by entry."""
    read = read_matrices(inputs[:2])
    left, right = read[0].value, read[1].value
    step, product = product_steps(left, right)
    notes = list(merged_notes(read))
    if not step.substeps:
        notes.append(f"The product has {product.rows * product.cols} entries, too many to write out one by one.")
    return Derivation(
        kind="matmul",
        question="Find the product $AB$.",
        given=(("A", left), ("B", right)),
        steps=(step,),
        result=step.after,  # each entry as its row-times-column sum reads: x d + y l + z
        result_label="$AB$",
        notes=tuple(notes),
        source=tuple(inputs),
    )
