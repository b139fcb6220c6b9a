"""``derive unitary``: U*, the checks U* U = I = U U*, and the fact U* = U^-1, on the given U.

Also states whether U is Hermitian (U* = U) and checks |det U| = 1 for a unitary U.  A matrix
that fails U* U = I is shown not to be unitary (exit status 1: the mathematics says no).
"""
from __future__ import annotations

import sympy as sp

from symprimer.linalg.basic.matrices import name_latex
from symprimer.linalg.spectral.eigen import parse_square
from symprimer.linalg.spectral.exact import is_zero, rationalised_matrix
from symprimer.core.steps import Derivation, Step


def conjugate_transpose(name: str, real: bool, before, after) -> Step:
    """(name*)_ij = conj(name_ji), said for this matrix: its name, and whether its entries are real."""
    a = name_latex(name)
    text = f"Conjugate transpose: $({a}^{{*}})_{{ij}} = \\overline{{{a}_{{ji}}}}$" + (
        "; the entries are real, so it is the plain transpose." if real else ": conjugate every entry, then transpose."
    )
    return Step("conjugate_transpose", text, before=before, after=after, params=(("name", a), ("real", real)))


def conjugate_transpose_step(matrix: sp.ImmutableMatrix, name: str) -> tuple[Step, sp.ImmutableMatrix]:
    star = rationalised_matrix(matrix.H)
    real = all(v.is_real for v in matrix)
    return conjugate_transpose(name, real, sp.Adjoint(matrix), star), star


def _product_claim(left: sp.ImmutableMatrix, right: sp.ImmutableMatrix, label: str) -> tuple[Step, bool]:
    """label = I as one checked product, or the product worked out and shown to differ from I."""
    product = rationalised_matrix(left * right)
    identity = sp.eye(left.rows).as_immutable()
    holds = all(is_zero(a - b) for a, b in zip(product, identity))
    multiplied = sp.MatMul(left, right, evaluate=False)
    if holds:
        return Step("unitary_check", f"Multiply out {label}: it is the identity.", before=multiplied, after=identity), True
    compute = Step("evaluate", f"Multiply out {label}.", before=multiplied, after=product)
    verdict = Step(
        "unitary_check",
        f"{label} is not the identity.",
        before=product,
        after=identity,
        relation="!=",
        substeps=(compute,),
    )
    return verdict, False


def derive_unitary(inputs: tuple[str, ...]) -> Derivation:
    matrix, parse_notes = parse_square(inputs, "unitary")
    if matrix.free_symbols:
        matrix = matrix.subs({s: sp.Symbol(s.name, real=True) for s in matrix.free_symbols})
        parse_notes += ("The symbols in U are taken to be real (so conj(t) = t).",)
    name = "U"
    step, star = conjugate_transpose_step(matrix, name)
    steps = [step]
    left, left_ok = _product_claim(star, matrix, "U* U")
    right, right_ok = _product_claim(matrix, star, "U U*")
    steps += [left, right]
    unitary = left_ok and right_ok
    hermitian = all(is_zero(a - b) for a, b in zip(star, matrix))
    steps.append(
        Step(
            "hermitian_check",
            "U is Hermitian (U* = U)." if hermitian else "U is not Hermitian: U* differs from U.",
            before=star,
            after=matrix,
            relation="=" if hermitian else "!=",
        )
    )
    real = all(v.is_real for v in matrix)
    if unitary:
        steps.append(
            Step(
                "unitary_inverse",
                "Since $U^{*}U = I = UU^{*}$, the conjugate transpose is the inverse: $U^{-1} = U^{*}$"
                + (" (real entries: $U$ is orthogonal, $U^{-1} = U^{T}$)." if real else "."),
                before=sp.Inverse(matrix),
                after=star,
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
        result=star if unitary else rationalised_matrix(star * matrix),
        result_label=r"$U^{-1} = U^{*}$" if unitary else r"$U$ is not unitary: $U^{*} U$ is",
        answer_exists=unitary,
        notes=parse_notes,
        details=(("unitary", unitary), ("hermitian", hermitian), ("conjugate_transpose", star), ("orthogonal", unitary and real)),
        source=tuple(inputs),
    )

