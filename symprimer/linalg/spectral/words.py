"""The sentences of eigen work, each written once for every number domain.

The rational (board) route and the symbolic route of the eigen derivation state the same
steps; both take their words from here, so a sentence is corrected in one place.
"""
from __future__ import annotations

FACTORISE = "Factorise the characteristic polynomial."
ONLY_ZERO_SOLUTION = "Every column has a pivot, so x = 0 is the only solution."


def eigen_equation(name: str) -> str:
    return (
        f"An eigenvector x != 0 satisfies {name} x = lambda x, that is (lambda I - {name}) x = 0. "
        f"A non-zero solution exists exactly when |lambda I - {name}| = 0, so write out lambda I - {name}."
    )


def characteristic_polynomial(name: str) -> str:
    return f"The characteristic polynomial is the determinant of lambda I - {name}."


def roots_are_eigenvalues(name: str) -> str:
    return (
        "Setting |lambda I - A| = 0, the eigenvalues are the roots; the power of each linear "
        "factor is the eigenvalue's algebraic multiplicity.".replace("A", name)
    )


def quadratic_root_check(factor: str, degree: int) -> str:
    """A root of a quadratic (or of a quadratic in lambda^2), checked by substitution."""
    return (
        f"The factor {factor} has degree {degree}; its roots come from the quadratic formula"
        + (" applied to lambda^2" if degree == 4 else "")
        + ". Check one:"
    )


def not_a_root(candidate: str) -> str:
    return f"Rational-root test: {candidate} is not a root."


def eigenvalue_heading(label: str, value: str, multiplicity: int, name: str) -> str:
    return f"Eigenvalue {label} = {value} (algebraic multiplicity {multiplicity}): solve ({label} I - {name}) x = 0."


def free_variables(free: list[int], names: str) -> str:
    return (
        f"Column(s) {', '.join(str(j + 1) for j in free)} have no pivot, so {names} "
        f"{'is a free variable' if len(free) == 1 else 'are free variables'}; "
        "each pivot variable is read off its row. The general solution solves the reduced system:"
    )


def combination(scaled: bool) -> str:
    return "So x is a combination of the basis vector(s) of the eigenspace" + (
        "; each is scaled to clear fractions (any non-zero multiple is an eigenvector)." if scaled else "."
    )


def eigen_check(name: str, vector: str) -> str:
    return f"Check {name} v = lambda v for v = {vector}."
