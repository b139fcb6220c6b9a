"""The sentences of eigen work, each written once for every number domain.

The rational (board) route and the symbolic route of the eigen derivation state the same
steps; both take their words from here, so a sentence is corrected in one place.  Mathematics
inside a sentence is LaTeX between ``$...$``, made by code from names and SymPy values.
"""
from __future__ import annotations

from typing import Sequence

import sympy as sp

from symprimer.linalg.basic.matrices import name_latex
from symprimer.render.notation import to_latex

FACTORISE = "Factorise the characteristic polynomial."
ONLY_ZERO_SOLUTION = "Every column has a pivot, so $x = 0$ is the only solution."


def eigen_equation(name: str) -> str:
    a = name_latex(name)
    return (
        f"An eigenvector $x \\neq 0$ satisfies ${a}\\,x = \\lambda x$, that is $(\\lambda I - {a})\\,x = 0$. "
        f"A non-zero solution exists exactly when $|\\lambda I - {a}| = 0$, so write out $\\lambda I - {a}$."
    )


def characteristic_polynomial(name: str, triangular: bool = False) -> str:
    a = name_latex(name)
    if triangular:  # the shortcut; the expansion stays below it as substeps
        return (
            f"${a}$ is triangular, so the eigenvalues are the diagonal entries: $|\\lambda I - {a}|$ is the "
            "product of the diagonal entries of the triangular matrix $\\lambda I - " + a + "$."
        )
    return f"The characteristic polynomial is the determinant of $\\lambda I - {a}$."


def roots_are_eigenvalues(name: str) -> str:
    return (
        f"Setting $|\\lambda I - {name_latex(name)}| = 0$, the eigenvalues are the roots; the power of each "
        "linear factor is the eigenvalue's algebraic multiplicity."
    )


def quadratic_root_check(factor: sp.Expr, degree: int) -> str:
    """A root of a quadratic (or of a quadratic in lambda^2), checked by substitution."""
    return (
        f"The factor ${to_latex(factor)}$ has degree {degree}; its roots come from the quadratic formula"
        + (" applied to $\\lambda^{2}$" if degree == 4 else "")
        + ". Check one:"
    )


def not_a_root(candidate: sp.Expr) -> str:
    return f"Rational-root test: ${to_latex(candidate)}$ is not a root."


def eigenvalue_heading(index: int, value: sp.Expr, multiplicity: int, name: str) -> str:
    label = f"\\lambda_{{{index}}}"
    return (
        f"Eigenvalue ${label} = {to_latex(value)}$ (algebraic multiplicity {multiplicity}): "
        f"solve $({label} I - {name_latex(name)})\\,x = 0$."
    )


def free_variables(free: Sequence[int], unknowns: Sequence[sp.Symbol]) -> str:
    names = ", ".join(f"${to_latex(x)}$" for x in unknowns)
    return (
        f"Column(s) {', '.join(str(j + 1) for j in free)} have no pivot, so {names} "
        f"{'is a free variable' if len(free) == 1 else 'are free variables'}; "
        "each pivot variable is read off its row. The general solution solves the reduced system:"
    )


def combination(scaled: bool) -> str:
    return "So $x$ is a combination of the basis vector(s) of the eigenspace" + (
        ". Any non-zero multiple of an eigenvector is one too, so in the checks below each basis vector "
        "is scaled to clear its fractions." if scaled else "."
    )


def eigen_check(name: str, index: int, entries: Sequence[sp.Expr]) -> str:
    vector = ",\\ ".join(to_latex(e) for e in entries)
    return f"Check ${name_latex(name)}\\,v = \\lambda_{{{index}}} v$ for $v = ({vector})^{{T}}$."


def dimension(rank: int, dimension: int, comparison: str, multiplicity: int) -> str:
    return (
        f"The rank is {rank}, so the eigenspace has dimension $n - \\operatorname{{rank}} = {dimension}$: the "
        f"geometric multiplicity, {comparison} the algebraic multiplicity {multiplicity}."
    )
