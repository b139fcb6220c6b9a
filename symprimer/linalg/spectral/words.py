"""The sentences of eigen work, each written once for every number domain.

The eigen derivation and its row reductions state these steps for every number domain;
they take their words from here, so a sentence is corrected in one place.  Mathematics
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


MULTIPLY_OUT = "Multiply out and collect powers of lambda."


def no_closed_form(factor: sp.Expr, degree: int, decimals: str) -> str:
    """Why an irreducible factor's roots are not worked by hand, and its roots in decimals."""
    why = (
        "by Abel-Ruffini there is no general formula in radicals from degree 5 on"
        if degree >= 5
        else "solving it needs Cardano's or Ferrari's formula with cube roots, which is not worked by hand here"
    )
    return (
        f"The factor ${to_latex(factor)}$ of degree {degree} has no rational root and no closed form worked by "
        f"hand ({why}); its roots are given exactly as CRootOf (numbered in SymPy's order) and numerically: {decimals}."
    )


def root_eigenvalue_heading(index: int, value: sp.Expr, multiplicity: int, name: str) -> str:
    label = f"\\lambda_{{{index}}}"
    return (
        f"Eigenvalue ${label} = {to_latex(value)}$ (algebraic multiplicity "
        f"{multiplicity}) has no closed form, but its eigenvectors do: with numbers "
        f"written as polynomials in ${label}$ (reduced by its minimal polynomial), the null space of "
        f"$({label} I - {name_latex(name)})$ gives them exactly."
    )


def root_eigen_check(name: str, index: int) -> str:
    label = f"\\lambda_{{{index}}}"
    return f"Check ${name_latex(name)}\\,v = {label} v$, reducing powers of ${label}$ by its minimal polynomial."


ROOT_SPACES_NOTE = (
    "Eigenvalues without a closed form get exact eigenvectors, with entries polynomial in the "
    "eigenvalue, from the null space over the field it generates (no row reduction shown)."
)
NO_ROOT_SPACES_NOTE = (
    "Eigenvalues without a closed form get no eigenvectors here: exact ones (entries polynomial in "
    "the eigenvalue) are found only for matrices with rational entries."
)


def symbolic_note(assumed: Sequence[str]) -> str:
    """The generic case, and the pivots (written as SymPy strings) taken to be non-zero."""
    return (
        "Symbolic entries: the generic case is worked (eigenvalues that look different are taken as "
        "distinct" + (", and the pivot(s) " + ", ".join(assumed) + " as non-zero" if assumed else "") + ")."
    )


def diagonalisable(n: int) -> str:
    return (
        f"The geometric multiplicities add up to n = {n}: there are n independent eigenvectors, "
        "so the matrix is diagonalisable."
    )


def defective(found: int, n: int) -> str:
    return (
        f"The geometric multiplicities add up to {found}, less than n = {n}: the matrix is defective (short of "
        "independent eigenvectors) and is NOT diagonalisable."
    )


# ---------------------------------------------------------------- row reduction


def swap_rows(i: int, j: int) -> str:
    return f"Swap rows {i + 1} and {j + 1}."


def scale_row(row: int, factor: sp.Expr) -> str:
    return f"Multiply row {row + 1} by ${to_latex(factor)}$ so that its pivot is $1$."


def clear_column(moves: Sequence[str]) -> str:
    return "Clear the rest of the pivot column: " + "; ".join(moves) + "."


def subtract_rows(times: str, pivot_row: int, row: int) -> str:
    """'subtract 3 times row 1 from row 2' (``times``: '' or '$3$ times ')."""
    return f"subtract {times}row {pivot_row + 1} from row {row + 1}"


def add_rows(times: str, pivot_row: int, row: int) -> str:
    return f"add {times}row {pivot_row + 1} to row {row + 1}"


def multiple(amount: sp.Expr) -> str:
    """'' for once, '$k$ times ' otherwise."""
    return "" if amount == 1 else f"${to_latex(amount)}$ times "


def row_reduce(name: str, moved: bool) -> str:
    return f"Row-reduce ${name_latex(name)}$ to reduced row-echelon form" + (
        "; together the moves multiply it by $E$, the product of their elementary matrices." if moved
        else " (it is already in that form)."
    )
