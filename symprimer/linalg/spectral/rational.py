"""Eigen work on the board: a rational matrix's eigenvalues and eigenvectors in exact numbers.

The same steps, texts and shown forms as the SymPy route (``values``, ``vectors``),
built over exact domains: |lambda I - A| over ZZ[lambda] or QQ[lambda], the factors from the
integer factorisation, roots as rationals or quadratic surds, each RREF over QQ or QQ(sqrt d).
Every step is a claim between boards, decided by exact arithmetic.  Matrices with symbols,
complex or irrational entries, or a closed-form root that is not a quadratic surd, are left to
the SymPy route (``analysis_on_board`` returns None).
"""
from __future__ import annotations

from math import gcd

import sympy as sp

from symprimer.board import Grid, Number
from symprimer.linalg.spectral import words
from symprimer.linalg.spectral.boards import (
    LAMBDA,
    CharacteristicDet,
    Factored,
    Forms,
    LinearFactors,
    MatrixTimes,
    MatrixTimesForms,
    Polynomial,
    Shift,
    Span,
    Substituted,
    column,
    dense,
)
from symprimer.linalg.basic.matrices import name_latex
from symprimer.board.surds import QQ, SURDS, Surd, lcm_of_denominators, rational, square_root, to_sympy
from symprimer.linalg.spectral.values import (
    MAX_RATIONAL_CANDIDATES,
    Eigenvalue,
    Spectrum,
    is_triangular,
    no_closed_form_statement,
)
from symprimer.linalg.spectral.vectors import Eigenspace, dimension_step, unknowns
from symprimer.linalg.rows.rref import rref_grid_steps
from symprimer.core.steps import Step


class OffBoard(Exception):
    """The board route does not apply (the SymPy route works this matrix)."""


def rational_grid(matrix: sp.ImmutableMatrix) -> Grid | None:
    """The matrix over ZZ or QQ, or None when it has symbols, complex or irrational entries."""
    if not matrix.rows or not matrix.cols:
        return None
    grid = Grid.from_sympy(matrix)
    return grid if grid.domain.is_ZZ or grid.domain.is_QQ else None


def over_field(grid: Grid, domain) -> Grid:
    """The grid's entries in QQ or as surds."""
    if domain == QQ:
        return grid.over(QQ)
    return Grid(SURDS, tuple(tuple(Surd.of(e) for e in row) for row in grid.rows))


# ---------------------------------------------------------------- the spectrum


def spectrum_on_board(grid: Grid, name: str) -> Spectrum:
    """Steps from A x = lambda x to the eigenvalues, as ``values.spectrum`` writes them."""
    from symprimer.linalg.determinant.laplace import grid_determinant_steps
    from symprimer.linalg.basic.matrices import LAPLACE_ONE_SYMBOL_LIMIT, check_laplace_size

    ring = grid.domain[LAMBDA]
    lam = ring.gens[0]
    n = grid.size
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
    if n > LAPLACE_ONE_SYMBOL_LIMIT:
        check_laplace_size(char, det_name)
    whole = CharacteristicDet(char, grid)
    det_step, value = grid_determinant_steps(char, None, det_name, whole)
    char_step = Step(
        "characteristic_polynomial",
        words.characteristic_polynomial(name, is_triangular(grid.rows)),
        before=whole,
        after=Number(ring, value),
        substeps=(det_step,),
        params=(("name", name_latex(name)), ("shortcut", "triangular" if is_triangular(grid.rows) else None)),
    )
    content, factors = factor_list(value)
    eigenvalues, root_steps, notes, whole_factors = _board_roots_of_factors(factors)
    steps = [setup, char_step]
    polynomial = Polynomial(ring, value)
    if len(factors) > 1 and not all(f.degree() == 1 for f, _ in factors):
        step = Step("factor", words.FACTORISE, before=polynomial, after=Factored(ring, content, tuple(factors)))
        steps.append(step)
    closed = [e for e in eigenvalues if e.closed_form]
    product = LinearFactors(
        ring,
        tuple((e.exact, e.value, e.algebraic_multiplicity) for e in closed),
        tuple((f, ring.to_sympy(f), k) for f, k in whole_factors),
        _reciprocal_of_leading(whole_factors),
    )
    same = len(closed) + len(whole_factors) == 1 and product.shown == polynomial.shown
    steps.append(
        Step(
            "eigenvalue_factorisation",
            words.roots_are_eigenvalues(name),
            before=None if same else polynomial,
            after=None if same else product,
            substeps=tuple(root_steps),
            params=(("name", name_latex(name)),),
        )
    )
    return Spectrum(tuple(steps), ring.to_sympy(value), tuple(eigenvalues), tuple(notes))


def _reciprocal_of_leading(factors: list) -> object:
    """1 over the leading coefficients of the factors kept whole (the polynomial is monic)."""
    product = QQ(1)
    for factor, exponent in factors:
        product = product * QQ(int(dense(factor)[0])) ** exponent
    return QQ(1) / product


def factor_list(polynomial) -> tuple[object, list]:
    """(content, [(factor, exponent)]) as ``sympy.factor_list`` gives them: primitive integer
    factors in SymPy's order (by length, exponent, coefficients) and a rational content."""
    coefficients = dense(polynomial)
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


def _board_roots_of_factors(factors: list) -> tuple[list[Eigenvalue], list[Step], list[str], list]:
    eigenvalues: list[Eigenvalue] = []
    steps: list[Step] = []
    notes: list[str] = []
    whole: list = []
    for factor, exponent in factors:
        coefficients = [int(c) for c in dense(factor)]
        degree = len(coefficients) - 1
        if degree == 1:
            a, b = coefficients
            roots = [QQ(-b, a)]
        elif degree == 2:
            roots = _quadratic_roots(*coefficients)
            shown_factor = to_sympy_poly(factor)
            for root in roots:
                steps.append(
                    Step(
                        "root_check",
                        words.quadratic_root_check(shown_factor, 2),
                        before=Substituted(SURDS, factor, root, shown_factor, to_sympy(root)),
                        after=Number(SURDS, SURDS.zero),
                    )
                )
        elif degree == 4 and all(c == 0 for c in coefficients[1::2]):
            raise OffBoard("a biquadratic factor: its roots are nested radicals")
        else:
            step, statement, crootofs = _irreducible_factor_step(factor, degree)
            steps.append(step)
            notes.append(statement)
            whole.append((factor, exponent))
            eigenvalues.extend(Eigenvalue(r, exponent) for r in crootofs)
            continue
        eigenvalues.extend(Eigenvalue(to_sympy(r), exponent, r) for r in roots)
    return _ordered(eigenvalues), steps, notes, whole


def to_sympy_poly(factor) -> sp.Expr:
    return sp.ZZ[LAMBDA].to_sympy(factor)


def _quadratic_roots(a: int, b: int, c: int) -> list[Surd]:
    """(-b -+ sqrt(b^2 - 4ac)) / 2a, minus first (SymPy's order for a > 0)."""
    half = Surd.of(QQ(-b, 2 * a))
    spread = square_root(b * b - 4 * a * c) * QQ(1, 2 * a)
    return [half - spread, half + spread]


def _ordered(eigenvalues: list[Eigenvalue]) -> list[Eigenvalue]:
    """The SymPy route's order: real before complex, by real part, then imaginary part, then
    SymPy's sort key (asked only when the decimals tie, as for CRootOf)."""
    keys = [_board_order(item) for item in eigenvalues]
    if len(set(keys)) < len(keys):
        keys = [key + (sp.default_sort_key(item.value),) for key, item in zip(keys, eigenvalues)]
    return [item for _, item in sorted(zip(keys, eigenvalues), key=lambda pair: pair[0])]


def _board_order(item: Eigenvalue) -> tuple:
    if item.exact is None:  # CRootOf
        return (3, 0, 0)
    if isinstance(item.exact, Surd):
        re, im = item.exact.real_imag()
    else:
        re, im = float(item.exact), 0.0
    return (0 if im == 0 else 1, re, im)


def _irreducible_factor_step(factor, degree: int) -> tuple[Step, str, list]:
    """The honest statement, with the rational-root test worked on the board."""
    shown = to_sympy_poly(factor)
    poly = sp.Poly(shown, LAMBDA)
    roots = list(poly.all_roots(radicals=False))
    statement = no_closed_form_statement(poly, degree)
    coefficients = [int(c) for c in dense(factor)]
    candidates = _integer_root_candidates(coefficients)
    tests = ()
    if len(candidates) <= MAX_RATIONAL_CANDIDATES:
        tests = tuple(
            Step(
                "root_check",
                words.not_a_root(QQ.to_sympy(c)),
                before=Substituted(QQ, factor, c, shown, QQ.to_sympy(c)),
                after=Number(QQ, QQ.zero),
                relation="!=",
            )
            for c in candidates
        )
    step = Step("no_closed_form", statement, substeps=tests, params=(("roots", tuple(roots)),))
    return step, statement, roots


def _integer_root_candidates(coefficients: list[int]) -> list:
    """p/q with p | constant term and q | leading coefficient."""
    if coefficients[-1] == 0:
        return [QQ(0)]
    tops = sp.divisors(abs(coefficients[-1]))
    bottoms = sp.divisors(abs(coefficients[0]))
    values = {QQ(sign * t, b) for t in tops for b in bottoms for sign in (1, -1)}
    return sorted(values, key=lambda v: (abs(v), v))


# ---------------------------------------------------------------- the eigenspaces


def eigenspace_on_board(grid: Grid, eigenvalue: Eigenvalue, index: int, name: str) -> Eigenspace:
    """The eigenspace of one eigenvalue, as ``vectors.eigenspace`` writes it."""
    exact = eigenvalue.exact
    domain = SURDS if isinstance(exact, Surd) else QQ
    n = grid.size
    a = over_field(grid, domain)
    value = eigenvalue.value
    label = f"lambda_{index}"
    shifted = Grid(domain, tuple(tuple((exact - e) if i == j else -e for j, e in enumerate(row)) for i, row in enumerate(a.rows)))
    reduction = rref_grid_steps(shifted, name=f"{label} I - {name}")
    rref, pivots = reduction.rref.rows, reduction.pivots
    xs = unknowns(n, set())
    free = [j for j in range(n) if j not in pivots]
    raw = []
    for f in free:
        entries = [domain.zero] * n
        entries[f] = domain.one
        for row, pivot in enumerate(pivots):
            entries[pivot] = -rref[row][f]
        raw.append(entries)
    symbols = tuple(xs[j] for j in free)
    if free:
        general = Forms(domain, symbols, tuple(tuple(v[k] for v in raw) for k in range(n)))
        zero = Forms(domain, symbols, tuple(tuple(domain.zero for _ in free) for _ in range(n)))
        text = words.free_variables(free, [xs[j] for j in free])
        free_step = Step("free_variables", text, before=MatrixTimesForms(domain, reduction.rref, general), after=zero)
    else:
        unit = Forms(domain, tuple(xs), tuple(tuple(domain.one if i == j else domain.zero for j in range(n)) for i in range(n)))
        text = words.ONLY_ZERO_SOLUTION
        free_step = Step("free_variables", text, before=MatrixTimesForms(domain, reduction.rref, unit), after=unit)
    substeps = [reduction.step, free_step]
    basis = [_scaled_to_integers(v) for v in raw]
    if free:
        scaled = any(b != r for b, r in zip(basis, raw))
        text = words.combination(scaled)
        span = Span(domain, symbols, tuple(Grid(domain, column(v)) for v in raw))
        substeps.append(Step("free_variables", text, before=general, after=span))
    substeps.append(dimension_step(n, len(pivots), eigenvalue))
    vectors = []
    for v in basis:
        vector = Grid(domain, column(v))
        vectors.append(vector)
        substeps.append(
            Step(
                "eigen_check",
                words.eigen_check(name, index, [to_sympy(e) for e in v]),
                before=MatrixTimes(domain, (a, vector)),
                after=Grid(domain, column([exact * e if e else e for e in v])),
                params=(("vector", vector), ("eigenvalue", value), ("index", index), ("name", name_latex(name))),
            )
        )
    step = Step(
        "characteristic_matrix",
        words.eigenvalue_heading(index, value, eigenvalue.algebraic_multiplicity, name),
        before=Shift(domain, exact, a, value),
        after=shifted,
        substeps=tuple(substeps),
        params=(
            ("eigenvalue", value), ("index", index), ("name", name_latex(name)),
            ("multiplicity", eigenvalue.algebraic_multiplicity),
        ),
    )
    shown_basis = tuple(sympy_column(domain, v) for v in basis)
    return Eigenspace(eigenvalue, shown_basis, step, (), tuple(tuple(v) for v in basis), domain)


def _scaled_to_integers(vector: list) -> list:
    """The vector times the common denominator of its entries (its direction is unchanged)."""
    scale = 1
    for entry in vector:
        d = lcm_of_denominators(entry)
        scale = scale * d // gcd(scale, d)
    if scale == 1:
        return vector
    return [e * scale if e else e for e in vector]


def sympy_column(domain, entries) -> sp.ImmutableMatrix:
    """An exact column as a SymPy matrix (no SymPy numbers built for a rational one)."""
    if domain == QQ:
        from sympy.polys.matrices import DomainMatrix

        return sp.ImmutableMatrix._fromrep(DomainMatrix([[rational(e)] for e in entries], (len(entries), 1), QQ).to_sparse())
    return sp.ImmutableMatrix(len(entries), 1, [to_sympy(e) for e in entries])


def analysis_parts(matrix: sp.ImmutableMatrix, name: str, grid: Grid | None = None):
    """(spectrum, spaces) worked on the board, or None when the SymPy route must work them."""
    grid = grid if grid is not None else rational_grid(matrix)
    if grid is None:
        return None
    try:
        found = spectrum_on_board(grid, name)
    except OffBoard:
        return None
    spaces = [
        eigenspace_on_board(grid, eigenvalue, index, name)
        for index, eigenvalue in enumerate(found.eigenvalues, start=1)
        if eigenvalue.closed_form
    ]
    return found, spaces, grid
