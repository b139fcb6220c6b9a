"""Eigenvalues the deck's way: lambda I - A, |lambda I - A| by Laplace expansion, factor, roots.

Roots are given exactly as radicals where a person finds them by hand (linear factors,
quadratics, biquadratics); other irreducible factors get an honest statement with exact
``CRootOf`` values and decimals.  Symbolic factors of degree three or more in lambda are refused.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symprimer.core.errors import TooLarge
from symprimer.linalg.spectral import words
from symprimer.linalg.spectral.boards import LAMBDA
from symprimer.linalg.spectral.exact import rationalised
from symprimer.linalg.basic.matrices import name_latex
from symprimer.render.notation import to_latex
from symprimer.core.steps import Step

NUMERIC_DIGITS = 12
MAX_RATIONAL_CANDIDATES = 16


@dataclass(frozen=True)
class Eigenvalue:
    value: sp.Expr
    algebraic_multiplicity: int
    exact: object = None  # the same value as a rational or surd, when worked on the board

    @property
    def closed_form(self) -> bool:
        return not self.value.has(sp.CRootOf)


@dataclass(frozen=True)
class Spectrum:
    steps: tuple[Step, ...]
    polynomial: sp.Expr
    eigenvalues: tuple[Eigenvalue, ...]
    notes: tuple[str, ...]


def is_triangular(rows) -> bool:
    """Zeros all below or all above the diagonal (size 2 and up): the eigenvalues are on the diagonal."""
    n = len(rows)
    below = all(not rows[i][j] for i in range(n) for j in range(i))
    above = all(not rows[i][j] for i in range(n) for j in range(i + 1, n))
    return n > 1 and (below or above)


def characteristic_matrix(matrix: sp.ImmutableMatrix, value: sp.Expr = LAMBDA) -> sp.ImmutableMatrix:
    """value I - A, entries tidied."""
    n = matrix.rows
    return sp.ImmutableMatrix(n, n, lambda i, j: rationalised((value if i == j else 0) - matrix[i, j]))


def characteristic_form(matrix: sp.ImmutableMatrix, value: sp.Expr = LAMBDA) -> sp.MatAdd:
    """The unevaluated expression value I - A, for the left side of a step."""
    n = matrix.rows
    return sp.MatAdd(sp.MatMul(value, sp.Identity(n)), sp.MatMul(-1, matrix), evaluate=False)


def spectrum(matrix: sp.ImmutableMatrix, name: str = "A") -> Spectrum:
    """Steps from A x = lambda x to the eigenvalues with their algebraic multiplicities."""
    from symprimer.linalg.determinant.laplace import determinant_steps

    char = characteristic_matrix(matrix)
    setup = Step(
        "characteristic_matrix",
        words.eigen_equation(name),
        before=characteristic_form(matrix),
        after=char,
        params=(("name", name_latex(name)),),
    )
    det_step, det_value = determinant_steps(char, name=f"lambda I - {name}")
    polynomial = sp.expand(det_value)
    substeps = [det_step]
    if polynomial != det_value:
        substeps.append(Step("expand", "Multiply out and collect powers of lambda.", before=det_value, after=polynomial))
    char_step = Step(
        "characteristic_polynomial",
        words.characteristic_polynomial(name, is_triangular(matrix.tolist())),
        before=sp.Determinant(char),
        after=polynomial,
        substeps=tuple(substeps),
        params=(("name", name_latex(name)), ("shortcut", "triangular" if is_triangular(matrix.tolist()) else None)),
    )
    factors = _factor_list(polynomial)
    eigenvalues, root_steps, notes, whole = _roots_of_factors(factors)
    product = _linear_product([e for e in eigenvalues if e.closed_form], whole)
    steps = [setup, char_step]
    if len(factors) > 1 and not all(sp.degree(f, LAMBDA) == 1 for f, _ in factors):
        powers = [f**e for f, e in factors]
        content = sp.cancel(polynomial / sp.Mul(*powers))
        factored = sp.Mul(*([content] if content != 1 else []), *powers, evaluate=False)
        steps.append(Step("factor", words.FACTORISE, before=polynomial, after=factored))
    steps.append(
        Step(
            "eigenvalue_factorisation",
            words.roots_are_eigenvalues(name),
            before=None if product == polynomial else polynomial,
            after=None if product == polynomial else product,
            substeps=tuple(root_steps),
            params=(("name", name_latex(name)),),
        )
    )
    return Spectrum(tuple(steps), polynomial, tuple(eigenvalues), tuple(notes))


def _factor_list(polynomial: sp.Expr) -> list[tuple[sp.Expr, int]]:
    """Irreducible factors (over Q, or Q(i) for complex coefficients) that involve lambda."""
    options = {"gaussian": True} if polynomial.has(sp.I) and not polynomial.free_symbols - {LAMBDA} else {}
    try:
        _, factors = sp.factor_list(polynomial, **options)
    except (sp.PolynomialError, NotImplementedError):
        factors = [(polynomial, 1)]
    return [(f, e) for f, e in factors if f.has(LAMBDA)]


def _roots_of_factors(factors: list[tuple[sp.Expr, int]]) -> tuple[list[Eigenvalue], list[Step], list[str], list]:
    """Eigenvalues, root steps, notes, and the factors kept whole (no closed form)."""
    whole: list[tuple[sp.Expr, int]] = []
    eigenvalues: list[Eigenvalue] = []
    steps: list[Step] = []
    notes: list[str] = []
    for factor, exponent in factors:
        degree = sp.degree(factor, LAMBDA)
        roots, how = _solve_factor(factor, degree)
        if how == "closed":
            if degree > 1:
                for root in roots:
                    steps.append(
                        Step(
                            "root_check",
                            words.quadratic_root_check(factor, degree),
                            before=sp.Subs(factor, LAMBDA, root),
                            after=sp.Integer(0),
                        )
                    )
        else:
            step, statement = _no_closed_form_step(factor, degree, roots)
            steps.append(step)
            notes.append(statement)
            whole.append((factor, exponent))
        eigenvalues.extend(Eigenvalue(r, exponent) for r in roots)
    eigenvalues = _merge(eigenvalues)
    return sorted(eigenvalues, key=_order), steps, notes, whole


def no_closed_form_statement(poly: sp.Poly, degree: int) -> str:
    """Why an irreducible factor's roots are not worked by hand, and its roots in decimals."""
    decimals = ", ".join(f"${to_latex(r)}$" for r in poly.nroots(n=NUMERIC_DIGITS))
    why = (
        "by Abel-Ruffini there is no general formula in radicals from degree 5 on"
        if degree >= 5
        else "solving it needs Cardano's or Ferrari's formula with cube roots, which is not worked by hand here"
    )
    return (
        f"The factor ${to_latex(poly.as_expr())}$ of degree {degree} has no rational root and no closed form worked by "
        f"hand ({why}); its roots are given exactly as CRootOf (numbered in SymPy's order) and numerically: {decimals}."
    )


def _no_closed_form_step(factor: sp.Expr, degree: int, roots: list[sp.Expr]) -> tuple[Step, str]:
    """The honest statement, backed by the rational-root test (no rational root, so irreducible)."""
    poly = sp.Poly(factor, LAMBDA)
    statement = no_closed_form_statement(poly, degree)
    candidates = _rational_candidates(poly)
    tests = ()
    if len(candidates) <= MAX_RATIONAL_CANDIDATES:
        tests = tuple(
            Step(
                "root_check",
                words.not_a_root(c),
                before=sp.Subs(factor, LAMBDA, c),
                after=sp.Integer(0),
                relation="!=",
            )
            for c in candidates
        )
    step = Step("no_closed_form", statement, substeps=tests, params=(("roots", tuple(roots)),))
    return step, statement


def _rational_candidates(poly: sp.Poly) -> list[sp.Rational]:
    """p/q with p | constant term and q | leading coefficient (integer coefficients)."""
    coeffs = poly.all_coeffs()
    scale = sp.ilcm(*[sp.Rational(c).q for c in coeffs]) if len(coeffs) > 1 else 1
    integers = [int(c * scale) for c in coeffs]
    if integers[-1] == 0:
        return [sp.Integer(0)]
    tops = sp.divisors(abs(integers[-1]))
    bottoms = sp.divisors(abs(integers[0]))
    values = sorted({sp.Rational(sign * t, b) for t in tops for b in bottoms for sign in (1, -1)}, key=lambda v: (abs(v), v))
    return values


def _solve_factor(factor: sp.Expr, degree: int) -> tuple[list[sp.Expr], str]:
    symbolic = bool(factor.free_symbols - {LAMBDA})
    biquadratic = degree == 4 and all(k % 2 == 0 for (k,) in sp.Poly(factor, LAMBDA).monoms())
    if degree <= 2 or biquadratic:
        found = sp.roots(factor, LAMBDA, cubics=False, quartics=False)
        if sum(found.values()) == degree:
            return [rationalised(r) for r in found for _ in range(found[r])], "closed"
    if symbolic:
        shown = sp.sstr(factor)
        shown = f"the factor {shown}" if len(shown) <= 60 else "a factor"
        raise TooLarge(
            f"the characteristic polynomial of the matrix has {shown} of degree {degree} in lambda with "
            "symbolic coefficients, which has no closed form a person would work by hand."
        )
    poly = sp.Poly(factor, LAMBDA)
    if not all(c.is_Rational for c in poly.all_coeffs()):
        raise TooLarge(
            f"the characteristic polynomial has the factor {sp.sstr(factor)} of degree {degree} with irrational "
            "coefficients and no closed form a person would work by hand."
        )
    return list(poly.all_roots(radicals=False)), "crootof"


def _merge(eigenvalues: list[Eigenvalue]) -> list[Eigenvalue]:
    merged: dict[sp.Expr, int] = {}
    for item in eigenvalues:
        merged[item.value] = merged.get(item.value, 0) + item.algebraic_multiplicity
    return [Eigenvalue(value, count) for value, count in merged.items()]


def _order(item: Eigenvalue) -> tuple:
    value = item.value
    if value.free_symbols:
        return (2, 0, 0, sp.default_sort_key(value))
    if value.has(sp.CRootOf):
        return (3, 0, 0, sp.default_sort_key(value))
    re_part, im_part = (sp.N(part, 30) for part in value.as_real_imag())
    return (0 if im_part == 0 else 1, float(re_part), float(im_part), sp.default_sort_key(value))


def _linear_product(eigenvalues: list[Eigenvalue], irreducible: list[tuple[sp.Expr, int]] = ()) -> sp.Expr:
    """c prod (lambda - lambda_i)^m_i, with factors lacking a closed form kept whole (c makes it monic)."""
    factors = [sp.Pow(f, e, evaluate=False) if e > 1 else f for f, e in irreducible]
    leading = sp.Mul(*(sp.Poly(f, LAMBDA).LC() ** e for f, e in irreducible))
    if leading != 1:  # the characteristic polynomial is monic; a factor kept whole may not be
        factors.insert(0, 1 / leading)
    for item in eigenvalues:
        linear = sp.Add(LAMBDA, -item.value, evaluate=False) if item.value != 0 else LAMBDA
        factors.append(sp.Pow(linear, item.algebraic_multiplicity, evaluate=False) if item.algebraic_multiplicity > 1 else linear)
    return sp.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]
