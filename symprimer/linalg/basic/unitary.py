"""``derive unitary``: U*, the checks U* U = I = U U*, and the fact U* = U^-1, on the given U.

Also states whether U is Hermitian (U* = U) and checks |det U| = 1 for a unitary U.  A matrix
that fails U* U = I is shown not to be unitary (exit status 1: the mathematics says no).
"""
from __future__ import annotations

import sympy as sp

from symprimer.board import Grid, identity
from symprimer.core.steps import Derivation, Step
from symprimer.linalg.basic.matrices import name_latex
from symprimer.linalg.spectral.boards import Adjointed, MatrixTimes, multiply
from symprimer.linalg.spectral.eigen import parse_square
from symprimer.linalg.spectral.numbers import Numbers, entry_numbers
from symprimer.linalg.spectral.orthonormal import star


def conjugate_transpose(name: str, real: bool, before, after) -> Step:
    """(name*)_ij = conj(name_ji), said for this matrix: its name, and whether its entries are real."""
    a = name_latex(name)
    text = f"Conjugate transpose: $({a}^{{*}})_{{ij}} = \\overline{{{a}_{{ji}}}}$" + (
        "; the entries are real, so it is the plain transpose." if real else ": conjugate every entry, then transpose."
    )
    return Step("conjugate_transpose", text, before=before, after=after, params=(("name", a), ("real", real)))


def _product_claim(numbers: Numbers, left: Grid, right: Grid, label: str) -> tuple[Step, Grid, bool]:
    """label = I as one checked product, or the product worked out and shown to differ from I."""
    normal = numbers.normal
    product = Grid(left.domain, tuple(tuple(normal(e) for e in row) for row in multiply(left.rows, right.rows)))
    identity_grid = identity(sp.QQ, left.size)
    holds = all(
        numbers.is_zero(normal(a - (1 if i == j else 0))) for i, row in enumerate(product.rows) for j, a in enumerate(row)
    )
    multiplied = MatrixTimes(left.domain, (left, right))
    if holds:
        return Step("unitary_check", f"Multiply out {label}: it is the identity.", before=multiplied, after=identity_grid), product, True
    compute = Step("evaluate", f"Multiply out {label}.", before=multiplied, after=product)
    verdict = Step(
        "unitary_check",
        f"{label} is not the identity.",
        before=product,
        after=identity_grid,
        relation="!=",
        substeps=(compute,),
    )
    return verdict, product, False


def derive_unitary(inputs: tuple[str, ...]) -> Derivation:
    matrix, parse_notes = parse_square(inputs, "unitary")
    if matrix.free_symbols:
        matrix = matrix.subs({s: sp.Symbol(s.name, real=True) for s in matrix.free_symbols})
        parse_notes += ("The symbols in U are taken to be real (so conj(t) = t).",)
    name = "U"
    numbers = entry_numbers(matrix)
    grid = numbers.grid(matrix)
    u_star = star(numbers, grid, normal=True)
    real = all(v.is_real for v in matrix)
    steps = [conjugate_transpose(name, real, Adjointed(grid), u_star)]
    left, product, left_ok = _product_claim(numbers, u_star, grid, "U* U")
    right, _, right_ok = _product_claim(numbers, grid, u_star, "U U*")
    steps += [left, right]
    unitary = left_ok and right_ok
    hermitian = all(numbers.is_zero(numbers.normal(a - b)) for x, y in zip(u_star.rows, grid.rows) for a, b in zip(x, y))
    steps.append(
        Step(
            "hermitian_check",
            "U is Hermitian (U* = U)." if hermitian else "U is not Hermitian: U* differs from U.",
            before=u_star,
            after=grid,
            relation="=" if hermitian else "!=",
        )
    )
    if unitary:
        steps.append(
            Step(
                "unitary_inverse",
                "Since $U^{*}U = I = UU^{*}$, the conjugate transpose is the inverse: $U^{-1} = U^{*}$"
                + (" (real entries: $U$ is orthogonal, $U^{-1} = U^{T}$)." if real else "."),
                before=sp.Inverse(matrix),
                after=u_star,
            )
        )
        steps.append(
            Step(
                "unit_modulus",
                "A unitary matrix has $|\\det U| = 1$, since $|\\det U|^{2} = \\det(U^{*}U) = \\det I = 1$.",
                before=sp.Abs(sp.Determinant(matrix), evaluate=False),
                after=sp.Integer(1),
            )
        )
    question = r"Is $U$ unitary? Find $U^{*}$, check $U^{*} U = I = U U^{*}$, and use $U^{*} = U^{-1}$."
    return Derivation(
        kind="unitary",
        question=question,
        given=((name, matrix),),
        steps=tuple(steps),
        result=u_star.shown if unitary else product.shown,
        result_label=r"$U^{-1} = U^{*}$" if unitary else r"$U$ is not unitary: $U^{*} U$ is",
        answer_exists=unitary,
        notes=parse_notes,
        details=(("unitary", unitary), ("hermitian", hermitian), ("conjugate_transpose", u_star.shown), ("orthogonal", unitary and real)),
        source=tuple(inputs),
    )

