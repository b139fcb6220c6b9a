"""Eigenvalues the deck's way: lambda I - A, |lambda I - A| by Laplace expansion, factor, roots.

``spectrum`` is written once; what depends on the numbers is a ``SpectralKind``, chosen from the
matrix's domain before the first step: for rational matrices (``rational.RATIONAL``) the
polynomial lives in QQ[lambda] and is factored over the integers, for every other matrix
(``values.GENERAL``: symbols, radicals, i) it is a SymPy expression factored by SymPy.  Roots are
given exactly as radicals where a person finds them by hand (linear factors, quadratics,
biquadratics); other irreducible factors get an honest statement with exact ``CRootOf`` values
and decimals.  Symbolic factors of degree three or more in lambda are refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import sympy as sp

from symprimer.board import Grid
from symprimer.board.expressions import EXPRESSIONS, Expression, rationalised
from symprimer.board.surds import QQ, SURDS
from symprimer.core.errors import TooLarge
from symprimer.core.steps import Step
from symprimer.linalg.basic.matrices import name_latex
from symprimer.linalg.determinant.laplace import determinant_steps
from symprimer.linalg.spectral import words
from symprimer.linalg.spectral.boards import LAMBDA
from symprimer.render.notation import to_latex

NUMERIC_DIGITS = 12
MAX_RATIONAL_CANDIDATES = 16


@dataclass(frozen=True)
class Eigenvalue:
    value: sp.Expr
    algebraic_multiplicity: int
    exact: object = None  # the same value as a number of ``domain`` (None only for CRootOf)
    domain: object = None  # QQ, the surds or exact expressions

    @property
    def closed_form(self) -> bool:
        return not self.value.has(sp.CRootOf)


@dataclass(frozen=True)
class Spectrum:
    steps: tuple[Step, ...]
    polynomial: sp.Expr
    eigenvalues: tuple[Eigenvalue, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class FactorRoots:
    """The roots of one irreducible factor, the steps that check them, and for a factor with no
    closed form the statement saying so (the factor is then kept whole in the product)."""

    eigenvalues: tuple[Eigenvalue, ...]
    steps: tuple[Step, ...]
    note: str | None = None


@dataclass(frozen=True)
class SpectralKind:
    """The number-dependent pieces of ``spectrum``; ``polynomial`` is whatever ``characteristic``
    returns (a board over QQ[lambda], or a SymPy expression)."""

    characteristic: Callable[[Grid, str], tuple[Step, Step, Any]]  # setup, |lambda I - A|, polynomial
    factor_list: Callable[[Any], tuple[Any, list]]  # (content, [(factor, exponent)])
    degree: Callable[[Any], int]
    solve: Callable[[Any, int], FactorRoots]
    factored: Callable[[Any, Any, list], tuple[Any, Any]]  # the factor step's two sides
    product: Callable[[Any, list, list], tuple[Any, Any]]  # the linear-factor step's two sides
    shown: Callable[[Any], sp.Expr]


def is_triangular(rows) -> bool:
    """Zeros all below or all above the diagonal (size 2 and up): the eigenvalues are on the diagonal."""
    n = len(rows)
    below = all(not rows[i][j] for i in range(n) for j in range(i))
    above = all(not rows[i][j] for i in range(n) for j in range(i + 1, n))
    return n > 1 and (below or above)


def characteristic_step(name: str, triangular: bool, before: Any, after: Any, substeps: tuple) -> Step:
    """|lambda I - A| = p(lambda), the expansion below it."""
    return Step(
        "characteristic_polynomial",
        words.characteristic_polynomial(name, triangular),
        before=before,
        after=after,
        substeps=substeps,
        params=(("name", name_latex(name)), ("shortcut", "triangular" if triangular else None)),
    )


def spectrum(grid: Grid, name: str, kind: SpectralKind) -> Spectrum:
    """Steps from A x = lambda x to the eigenvalues with their algebraic multiplicities."""
    setup, char_step, polynomial = kind.characteristic(grid, name)
    content, factors = kind.factor_list(polynomial)
    eigenvalues: list[Eigenvalue] = []
    root_steps: list[Step] = []
    notes: list[str] = []
    whole: list = []
    for factor, exponent in factors:
        found = kind.solve(factor, exponent)
        eigenvalues.extend(found.eigenvalues)
        root_steps.extend(found.steps)
        if found.note is not None:
            notes.append(found.note)
            whole.append((factor, exponent))
    eigenvalues = ordered(merged(eigenvalues))
    steps = [setup, char_step]
    if len(factors) > 1 and not all(kind.degree(f) == 1 for f, _ in factors):
        before, after = kind.factored(polynomial, content, factors)
        steps.append(Step("factor", words.FACTORISE, before=before, after=after))
    before, after = kind.product(polynomial, [e for e in eigenvalues if e.closed_form], whole)
    steps.append(
        Step(
            "eigenvalue_factorisation",
            words.roots_are_eigenvalues(name),
            before=before,
            after=after,
            substeps=tuple(root_steps),
            params=(("name", name_latex(name)),),
        )
    )
    return Spectrum(tuple(steps), kind.shown(polynomial), tuple(eigenvalues), tuple(notes))


def merged(eigenvalues: list[Eigenvalue]) -> list[Eigenvalue]:
    """Equal roots of different factors as one eigenvalue, multiplicities added."""
    found: dict[sp.Expr, Eigenvalue] = {}
    for item in eigenvalues:
        known = found.get(item.value)
        count = item.algebraic_multiplicity + (known.algebraic_multiplicity if known else 0)
        found[item.value] = Eigenvalue(item.value, count, item.exact, item.domain)
    return list(found.values())


def _rational_position(item: Eigenvalue) -> tuple:
    return (0, float(item.exact), 0.0)


def _surd_position(item: Eigenvalue) -> tuple:
    re, im = item.exact.real_imag()
    return (0 if im == 0 else 1, re, im)


def _expression_position(item: Eigenvalue) -> tuple:
    value = item.value
    if value.free_symbols:
        return (2, 0, 0)
    re, im = (sp.N(part, 30) for part in value.as_real_imag())
    return (0 if im == 0 else 1, float(re), float(im))


# Where an eigenvalue stands in the course's order: real before complex, by real part, then
# imaginary part; symbolic ones next, CRootOf (no domain) last.
POSITIONS = {QQ: _rational_position, SURDS: _surd_position, EXPRESSIONS: _expression_position, None: lambda item: (3, 0, 0)}


def ordered(eigenvalues: list[Eigenvalue]) -> list[Eigenvalue]:
    """The course's order, SymPy's sort key deciding only ties (symbolic values, CRootOf)."""
    keys = [POSITIONS[item.domain](item) for item in eigenvalues]
    if len(set(keys)) < len(keys):
        keys = [key + (sp.default_sort_key(item.value),) for key, item in zip(keys, eigenvalues)]
    return [item for _, item in sorted(zip(keys, eigenvalues), key=lambda pair: pair[0])]


# ---------------------------------------------------------------- factors with no closed form


def no_closed_form_statement(poly: sp.Poly, degree: int) -> str:
    """Why an irreducible factor's roots are not worked by hand, and its roots in decimals."""
    decimals = ", ".join(f"${to_latex(r)}$" for r in poly.nroots(n=NUMERIC_DIGITS))
    return words.no_closed_form(poly.as_expr(), degree, decimals)


def rational_root_candidates(coefficients: list[int]) -> list:
    """p/q with p | constant term and q | leading coefficient (integer coefficients, highest first)."""
    if coefficients[-1] == 0:
        return [QQ(0)]
    tops = sp.divisors(abs(coefficients[-1]))
    bottoms = sp.divisors(abs(coefficients[0]))
    values = {QQ(sign * t, b) for t in tops for b in bottoms for sign in (1, -1)}
    return sorted(values, key=lambda v: (abs(v), v))


def no_closed_form(poly: sp.Poly, exponent: int, substituted: Callable[[Any], tuple[Any, Any]]) -> FactorRoots:
    """The honest statement for an irreducible factor of degree 3 or more with rational
    coefficients, backed by the rational-root test (``substituted(c)``: f(c) and 0 as written)."""
    degree = poly.degree()
    roots = list(poly.all_roots(radicals=False))
    statement = no_closed_form_statement(poly, degree)
    coefficients = poly.all_coeffs()
    scale = sp.ilcm(*[sp.Rational(c).q for c in coefficients]) if len(coefficients) > 1 else 1
    candidates = rational_root_candidates([int(c * scale) for c in coefficients])
    tests = ()
    if len(candidates) <= MAX_RATIONAL_CANDIDATES:
        tests = tuple(
            Step("root_check", words.not_a_root(QQ.to_sympy(c)), *substituted(c), relation="!=") for c in candidates
        )
    step = Step("no_closed_form", statement, substeps=tests, params=(("roots", tuple(roots)),))
    return FactorRoots(tuple(Eigenvalue(r, exponent) for r in roots), (step,), statement)


# ---------------------------------------------------------------- GENERAL: SymPy expressions


def characteristic_matrix(matrix: sp.ImmutableMatrix, value: sp.Expr = LAMBDA) -> sp.ImmutableMatrix:
    """value I - A, entries in normal form."""
    n = matrix.rows
    return sp.ImmutableMatrix(n, n, lambda i, j: rationalised((value if i == j else 0) - matrix[i, j]))


def characteristic_form(matrix: sp.ImmutableMatrix, value: sp.Expr = LAMBDA) -> sp.MatAdd:
    """The unevaluated expression value I - A, for the left side of a step."""
    n = matrix.rows
    return sp.MatAdd(sp.MatMul(value, sp.Identity(n)), sp.MatMul(-1, matrix), evaluate=False)


def _general_characteristic(grid: Grid, name: str) -> tuple[Step, Step, sp.Expr]:
    matrix = grid.shown
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
        substeps.append(Step("expand", words.MULTIPLY_OUT, before=det_value, after=polynomial))
    triangular = is_triangular(matrix.tolist())
    return setup, characteristic_step(name, triangular, sp.Determinant(char), polynomial, tuple(substeps)), polynomial


def _general_factor_list(polynomial: sp.Expr) -> tuple[None, list[tuple[sp.Expr, int]]]:
    """Irreducible factors (over Q, or Q(i) for complex coefficients) that involve lambda."""
    options = {"gaussian": True} if polynomial.has(sp.I) and not polynomial.free_symbols - {LAMBDA} else {}
    try:
        _, factors = sp.factor_list(polynomial, **options)
    except (sp.PolynomialError, NotImplementedError):
        factors = [(polynomial, 1)]
    return None, [(f, e) for f, e in factors if f.has(LAMBDA)]


def _general_degree(factor: sp.Expr) -> int:
    return sp.degree(factor, LAMBDA)


def _general_solve(factor: sp.Expr, exponent: int) -> FactorRoots:
    degree = sp.degree(factor, LAMBDA)
    biquadratic = degree == 4 and all(k % 2 == 0 for (k,) in sp.Poly(factor, LAMBDA).monoms())
    if degree <= 2 or biquadratic:
        found = sp.roots(factor, LAMBDA, cubics=False, quartics=False)
        if sum(found.values()) == degree:
            roots = [rationalised(r) for r in found for _ in range(found[r])]
            checks = tuple(
                Step(
                    "root_check",
                    words.quadratic_root_check(factor, degree),
                    before=sp.Subs(factor, LAMBDA, root),
                    after=sp.Integer(0),
                )
                for root in roots
                if degree > 1
            )
            eigenvalues = tuple(Eigenvalue(r, exponent, Expression(r), EXPRESSIONS) for r in roots)
            return FactorRoots(eigenvalues, checks)
    if factor.free_symbols - {LAMBDA}:
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
    return no_closed_form(poly, exponent, lambda c: (sp.Subs(factor, LAMBDA, QQ.to_sympy(c)), sp.Integer(0)))


def _general_factored(polynomial: sp.Expr, _content: None, factors: list) -> tuple[sp.Expr, sp.Expr]:
    powers = [f**e for f, e in factors]
    content = sp.cancel(polynomial / sp.Mul(*powers))
    return polynomial, sp.Mul(*([content] if content != 1 else []), *powers, evaluate=False)


def _general_product(polynomial: sp.Expr, closed: list[Eigenvalue], whole: list) -> tuple[Any, Any]:
    """c prod (lambda - lambda_i)^m_i, with factors lacking a closed form kept whole (c makes it
    monic); no sides when that is the polynomial as it stands."""
    factors = [sp.Pow(f, e, evaluate=False) if e > 1 else f for f, e in whole]
    leading = sp.Mul(*(sp.Poly(f, LAMBDA).LC() ** e for f, e in whole))
    if leading != 1:  # the characteristic polynomial is monic; a factor kept whole may not be
        factors.insert(0, 1 / leading)
    for item in closed:
        linear = sp.Add(LAMBDA, -item.value, evaluate=False) if item.value != 0 else LAMBDA
        factors.append(sp.Pow(linear, item.algebraic_multiplicity, evaluate=False) if item.algebraic_multiplicity > 1 else linear)
    product = sp.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]
    return (None, None) if product == polynomial else (polynomial, product)


GENERAL = SpectralKind(
    _general_characteristic,
    _general_factor_list,
    _general_degree,
    _general_solve,
    _general_factored,
    _general_product,
    lambda polynomial: polynomial,
)
