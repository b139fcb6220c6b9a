"""Linear-algebra answers that are not unique, checked by their defining property.

An eigenvector is right at any scale (A v = lambda v, v != 0); an inverse B is right when
A B = I; an SVD is right when U Sigma V^T rebuilds M with orthonormal U, V and a descending,
non-negative diagonal Sigma.
"""
from __future__ import annotations

from typing import Any, Callable

import sympy as sp

from symprimer.check.verdict import EQUIVALENT, NOT_EQUIVALENT, Verdict
from symprimer.core.errors import InputError
from symprimer.render.notation import to_latex


def _matrix(value: Any, role: str) -> sp.ImmutableMatrix:
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value)
    raise InputError(f"{role} must be an explicit matrix.")


def _zero(matrix: sp.MatrixBase) -> bool:
    return all(sp.simplify(entry) == 0 for entry in matrix)


def _verdict(holds: bool, claim: str, answer: Any, detail: str = "") -> Verdict:
    if holds:
        return Verdict(EQUIVALENT, f"equivalent (property): {claim} holds.", "property", to_latex(answer))
    return Verdict(NOT_EQUIVALENT, f"not equivalent: {claim} does not hold{detail}.", "property", to_latex(answer))


def check_inverse(matrix: Any, answer: Any) -> Verdict:
    a, b = _matrix(matrix, "the matrix"), _matrix(answer, "the answer")
    if b.shape != a.shape[::-1]:
        return _verdict(False, "A B = I", b, f" (the answer is {b.rows}x{b.cols}, A is {a.rows}x{a.cols})")
    product = a * b
    return _verdict(_zero(product - sp.eye(a.rows)), "A B = I", b, f": A B = {to_latex(product)}")


def check_eigenvector(matrix: Any, answer: Any, eigenvalue: Any = None) -> Verdict:
    a, v = _matrix(matrix, "the matrix"), _matrix(answer, "the eigenvector")
    if v.shape != (a.rows, 1):
        v = v.T if v.shape == (1, a.rows) else v
    if v.shape != (a.rows, 1):
        return _verdict(False, "A v = lambda v", v, f" (the answer is not a vector of length {a.rows})")
    if _zero(v):
        return _verdict(False, "A v = lambda v with v != 0", v, " (the zero vector is never an eigenvector)")
    image = a * v
    if eigenvalue is None:
        holds = sp.Matrix.hstack(image, v).rank(simplify=True) <= 1
        return _verdict(holds, "A v = lambda v for some lambda", v, f": A v = {to_latex(image)}")
    return _verdict(_zero(image - eigenvalue * v), f"A v = {to_latex(eigenvalue)} v", v, f": A v = {to_latex(image)}")


def check_svd(matrix: Any, answer: Any) -> Verdict:
    if not (isinstance(answer, tuple) and len(answer) == 3):
        raise InputError("an SVD answer is the list U, Sigma, V of three matrices.")
    m = _matrix(matrix, "the matrix")
    u, s, v = (_matrix(x, name) for x, name in zip(answer, ("U", "Sigma", "V")))
    if (u.cols, s.rows) != (s.rows, s.rows) and u.cols != s.rows or s.cols != v.cols:
        return _verdict(False, "U Sigma V^T = M", answer, " (the shapes do not fit)")
    checks: list[tuple[str, Callable[[], bool]]] = [
        ("U Sigma V^T = M", lambda: u.shape[0] == m.rows and v.shape[0] == m.cols and _zero(u * s * v.T - m)),
        ("U^T U = I", lambda: _zero(u.T * u - sp.eye(u.cols))),
        ("V^T V = I", lambda: _zero(v.T * v - sp.eye(v.cols))),
        ("Sigma is diagonal, non-negative and descending", lambda: _sigma_ok(s)),
    ]
    for claim, holds in checks:
        if not holds():
            return _verdict(False, claim, answer)
    return _verdict(True, "U Sigma V^T = M with orthonormal U, V and a proper Sigma", answer)


def _sigma_ok(s: sp.MatrixBase) -> bool:
    diagonal = [s[i, i] for i in range(min(s.shape))]
    off = [s[i, j] for i in range(s.rows) for j in range(s.cols) if i != j]
    return all(e == 0 for e in off) and all(d >= 0 for d in diagonal) and all(
        diagonal[k] >= diagonal[k + 1] for k in range(len(diagonal) - 1)
    )


PROPERTIES: dict[str, Callable[..., Verdict]] = {
    "inverse": check_inverse,
    "eigenvector": check_eigenvector,
    "svd": check_svd,
}
