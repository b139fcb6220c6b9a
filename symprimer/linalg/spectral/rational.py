"""The rational pieces of the spectrum (``RATIONAL``): a rational matrix's eigenvalues in exact numbers.

|lambda I - A| is expanded over QQ[lambda] (``grid_determinant_steps``), factored over the
integers (rational roots by the rational-root test, Zassenhaus only for what remains), and each
factor solved in the narrowest domain holding its roots: rationals, quadratic surds, exact
expressions for a biquadratic's nested radicals, CRootOf otherwise.  Every step is a claim
between boards, decided by exact arithmetic.
"""
from __future__ import annotations

from math import gcd

import sympy as sp

from symprimer.board import Grid, Number
from symprimer.board.expressions import EXPRESSIONS, Expression, rationalised
from symprimer.board.surds import QQ, SURDS, Surd, rational, square_root, to_sympy
from symprimer.core.steps import Step
from symprimer.linalg.basic.matrices import LAPLACE_ONE_SYMBOL_LIMIT, check_laplace_size, name_latex
from symprimer.linalg.determinant.laplace import grid_determinant_steps
from symprimer.linalg.spectral import words
from symprimer.linalg.spectral.boards import (
    LAMBDA,
    CharacteristicDet,
    Factored,
    LinearFactors,
    Polynomial,
    Shift,
    Substituted,
    dense,
)
from symprimer.linalg.spectral.values import (
    Eigenvalue,
    FactorRoots,
    SpectralKind,
    characteristic_step,
    is_triangular,
    no_closed_form,
)


def rational_grid(matrix: sp.ImmutableMatrix) -> Grid | None:
    """The matrix over ZZ or QQ, or None when it has symbols, complex or irrational entries."""
    if not matrix.rows or not matrix.cols:
        return None
    grid = Grid.from_sympy(matrix)
    return grid if grid.domain.is_ZZ or grid.domain.is_QQ else None


def over_field(grid: Grid, domain) -> Grid:
    """The grid's entries in QQ or as surds."""
    return grid.over(domain)


def _characteristic(grid: Grid, name: str) -> tuple[Step, Step, Polynomial]:
    """lambda I - A written out, and |lambda I - A| expanded over QQ[lambda]."""
    ring = grid.domain[LAMBDA]
    lam = ring.gens[0]
    a = grid.over(ring)
    char = Grid(ring, tuple(tuple((lam - e) if i == j else -e for j, e in enumerate(row)) for i, row in enumerate(a.rows)))
    setup = Step(
        "characteristic_matrix",
        words.eigen_equation(name),
        before=Shift(ring, lam, a),
        after=char,
        params=(("name", name_latex(name)),),
    )
    det_name = f"lambda I - {name}"
    if grid.size > LAPLACE_ONE_SYMBOL_LIMIT:
        check_laplace_size(char, det_name)
    whole = CharacteristicDet(char, grid)
    det_step, value = grid_determinant_steps(char, None, det_name, whole)
    polynomial = Polynomial(ring, value)
    return setup, characteristic_step(name, is_triangular(grid.rows), whole, Number(ring, value), (det_step,)), polynomial


def _factor_list(polynomial: Polynomial) -> tuple[object, list]:
    """(content, [(factor, exponent)]) as ``sympy.factor_list`` gives them: primitive integer
    factors in SymPy's order (by length, exponent, coefficients) and a rational content."""
    coefficients = dense(polynomial.element)
    denominator = 1
    for c in coefficients:
        d = int(rational(c).denominator)
        denominator = denominator * d // gcd(denominator, d)
    integer_ring = sp.ZZ[LAMBDA].ring
    integers = [int(rational(c) * denominator) for c in coefficients]
    content, factors = _factor_integer(integer_ring, integers)
    factors = sorted(((f, k) for f, k in factors if f.degree() > 0), key=lambda item: (len(dense(item[0])), item[1], [int(c) for c in dense(item[0])]))
    return QQ(int(content), denominator), factors


def _factor_integer(ring, integers: list[int]) -> tuple[int, list]:
    """factor_list of an integer polynomial: rational roots found by the rational-root test
    first (cheap), SymPy's Zassenhaus factorisation only for what is left of degree 4 or more
    (a quadratic or cubic without rational roots is irreducible)."""
    content = 0
    for c in integers:
        content = gcd(content, c)
    primitive = [c // content for c in integers]
    roots = _rational_roots(primitive)
    if roots is None:  # coefficients too large to list the candidates
        _, factors = ring.from_list(primitive).factor_list()
        return content, list(factors)
    factors: list = []
    for root in roots:
        p, q = int(root.numerator), int(root.denominator)
        power = 0
        while len(primitive) > 1:
            quotient, remainder = _divide_linear(primitive, q, p)
            if remainder:
                break
            primitive, power = quotient, power + 1
        factors.append((ring.from_list([q, -p]), power))
    degree = len(primitive) - 1
    if degree >= 4:
        _, rest = ring.from_list(primitive).factor_list()
        factors.extend(rest)
    elif degree >= 1:
        factors.append((ring.from_list(primitive), 1))
    return content, factors


def _rational_roots(coefficients: list[int]) -> list | None:
    """The rational roots p/q of an integer polynomial (p | constant term, q | leading coefficient)."""
    roots = []
    while len(coefficients) > 1 and coefficients[-1] == 0:
        coefficients = coefficients[:-1]
        if not roots:
            roots.append(QQ(0))
    if len(coefficients) < 2:
        return roots
    constant, leading = abs(coefficients[-1]), abs(coefficients[0])
    if constant > 10**12 or leading > 10**9:
        return None
    for t in sp.divisors(constant):
        for b in sp.divisors(leading):
            if gcd(t, b) != 1:
                continue
            for p in (t, -t):
                if _is_root(coefficients, p, b):
                    roots.append(QQ(p, b))
    return roots


def _is_root(coefficients: list[int], p: int, q: int) -> bool:
    """f(p/q) = 0, tested as q^n f(p/q) = sum c_i p^(n-i) q^i = 0 in integers."""
    n = len(coefficients) - 1
    return sum(c * p ** (n - i) * q ** i for i, c in enumerate(coefficients)) == 0


def _divide_linear(coefficients: list[int], q: int, p: int) -> tuple[list[int], int]:
    """Divide by q lambda - p: the quotient and the remainder (non-zero also when the quotient
    would not be integral, that is when q lambda - p does not divide)."""
    quotient = []
    carry = 0
    for c in coefficients[:-1]:
        value = c + carry
        if value % q:
            return [], 1
        k = value // q
        quotient.append(k)
        carry = k * p
    return quotient, coefficients[-1] + carry


def to_sympy_poly(factor) -> sp.Expr:
    return sp.ZZ[LAMBDA].to_sympy(factor)


def _quadratic_roots(a: int, b: int, c: int) -> list[Surd]:
    """(-b -+ sqrt(b^2 - 4ac)) / 2a, minus first (SymPy's order for a > 0)."""
    half = Surd.of(QQ(-b, 2 * a))
    spread = square_root(b * b - 4 * a * c) * QQ(1, 2 * a)
    return [half - spread, half + spread]


def _biquadratic_roots(shown: sp.Expr) -> list[Expression]:
    """The four roots of a quadratic in lambda^2, nested radicals as SymPy writes them."""
    found = sp.roots(shown, LAMBDA, cubics=False, quartics=False)
    return [Expression(rationalised(r)) for r in found for _ in range(found[r])]


def _checked_roots(factor, degree: int, exponent: int, roots: list, domain) -> FactorRoots:
    """Roots of a quadratic (or a quadratic in lambda^2), each substituted back to give 0."""
    shown = to_sympy_poly(factor)
    checks = tuple(
        Step(
            "root_check",
            words.quadratic_root_check(shown, degree),
            before=Substituted(domain, factor, root, shown, domain.to_sympy(root)),
            after=Number(domain, domain.zero),
        )
        for root in roots
    )
    return FactorRoots(tuple(Eigenvalue(domain.to_sympy(r), exponent, r, domain) for r in roots), checks)


def _solve(factor, exponent: int) -> FactorRoots:
    coefficients = [int(c) for c in dense(factor)]
    degree = len(coefficients) - 1
    if degree == 1:
        a, b = coefficients
        root = QQ(-b, a)
        return FactorRoots((Eigenvalue(to_sympy(root), exponent, root, QQ),), ())
    if degree == 2:
        return _checked_roots(factor, 2, exponent, _quadratic_roots(*coefficients), SURDS)
    if degree == 4 and all(c == 0 for c in coefficients[1::2]):
        return _checked_roots(factor, 4, exponent, _biquadratic_roots(to_sympy_poly(factor)), EXPRESSIONS)
    shown = to_sympy_poly(factor)
    return no_closed_form(
        sp.Poly(shown, LAMBDA), exponent, lambda c: (Substituted(QQ, factor, c, shown, QQ.to_sympy(c)), Number(QQ, QQ.zero))
    )


def _reciprocal_of_leading(factors: list) -> object:
    """1 over the leading coefficients of the factors kept whole (the polynomial is monic)."""
    product = QQ(1)
    for factor, exponent in factors:
        product = product * QQ(int(dense(factor)[0])) ** exponent
    return QQ(1) / product


def _factored(polynomial: Polynomial, content, factors: list) -> tuple[Polynomial, Factored]:
    return polynomial, Factored(polynomial.domain, content, tuple(factors))


def _linear_factors(polynomial: Polynomial, closed: list[Eigenvalue], whole: list) -> tuple:
    ring = polynomial.domain
    product = LinearFactors(
        ring,
        tuple((e.exact, e.value, e.algebraic_multiplicity) for e in closed),
        tuple((f, ring.to_sympy(f), k) for f, k in whole),
        _reciprocal_of_leading(whole),
    )
    same = len(closed) + len(whole) == 1 and product.shown == polynomial.shown
    return (None, None) if same else (polynomial, product)


RATIONAL = SpectralKind(
    _characteristic,
    _factor_list,
    lambda factor: factor.degree(),
    _solve,
    _factored,
    _linear_factors,
    lambda polynomial: polynomial.shown,
)
