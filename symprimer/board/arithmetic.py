"""Exact arithmetic over a board's number domain (ZZ, QQ, ZZ[a, b], ZZ(a), surds, ...).

Fractions of polynomials are kept as written (no gcd) and compared crosswise, and a product of
explicit matrices is checked in whole numbers or polynomials: cancelling common factors of
large polynomials costs far more than a whole worked derivation.
"""
from __future__ import annotations

from math import lcm
from typing import Any, Sequence

from sympy.polys.matrices import DomainMatrix

Rows = tuple[tuple[Any, ...], ...]


def field_of(domain: Any) -> Any:
    """The domain itself if it divides, else its field of fractions (ZZ -> QQ, ZZ[a] -> ZZ(a))."""
    return domain if domain.is_Field else domain.get_field()


def times(domain: Any, x: Any, y: Any) -> Any:
    """x * y; in a field of rational functions the fraction is kept as written (no gcd).

    ``c / det A`` is how an adjugate entry over the determinant is written, and cancelling
    common factors of large polynomials costs far more than the whole derivation.
    """
    if domain.is_FractionField:
        return x.raw_new(x.numer * y.numer, x.denom * y.denom)
    return x * y


def same(domain: Any, x: Any, y: Any) -> bool:
    """x == y, fractions compared crosswise (so unreduced ones compare right)."""
    if domain.is_FractionField:
        return x.numer * y.denom == y.numer * x.denom
    return x == y


def rows_equal(domain: Any, left: Rows, right: Rows) -> bool:
    if len(left) != len(right) or any(len(a) != len(b) for a, b in zip(left, right)):
        return False
    if not domain.is_FractionField:
        return left == right
    return all(same(domain, x, y) for a, b in zip(left, right) for x, y in zip(a, b))


def product_equals(domain: Any, left: Rows, right: Rows, target: Rows) -> bool:
    """Whether left @ right == target, exactly.

    Over rational functions each column of ``right`` is first brought to one denominator, so
    the check multiplies polynomials only (a field's matmul would take gcds at every step).
    """
    n, inner, m = len(left), len(right), len(right[0]) if right else 0
    if any(len(row) != inner for row in left) or len(target) != n or any(len(row) != m for row in target):
        return False
    if domain.is_QQ or domain.is_ZZ:
        return _rational_product_equals(left, right, target)
    if not (domain.is_FractionField and all(x.denom == 1 for row in left for x in row)):
        product = DomainMatrix([list(r) for r in left], (n, inner), domain) * DomainMatrix(
            [list(r) for r in right], (inner, m), domain
        )
        return rows_equal(domain, tuple(tuple(r) for r in product.to_list()), target)
    plain = [[x.numer for x in row] for row in left]
    for j in range(m):
        column = [right[k][j] for k in range(inner)]
        denominators = []
        for entry in column:
            if entry.numer and entry.denom not in denominators:
                denominators.append(entry.denom)
        common = _product(denominators, domain)
        scaled = [entry.numer * _product([d for d in denominators if d != entry.denom], domain) if entry.numer else None for entry in column]
        for i in range(n):
            total = sum((plain[i][k] * scaled[k] for k in range(inner) if scaled[k] is not None), start=common * 0)
            wanted = target[i][j]
            if total * wanted.denom != wanted.numer * common:
                return False
    return True


def _rational_product_equals(left: Rows, right: Rows, target: Rows) -> bool:
    """left @ right == target over the rationals, in Python integers: each column of ``right``
    and each row of ``left`` is scaled to whole numbers first."""
    def whole(entries: Sequence[Any]) -> tuple[int, list[int]]:  # ZZ and QQ elements both have these
        common = lcm(*(int(e.denominator) for e in entries))
        return common, [int(e.numerator) * (common // int(e.denominator)) for e in entries]

    rows = [whole(row) for row in left]
    for j in range(len(right[0])):
        column_scale, column = whole([row[j] for row in right])
        for (row_scale, row), wanted_row in zip(rows, target):
            total = sum(a * b for a, b in zip(row, column))
            wanted = wanted_row[j]
            numerator, denominator = int(wanted.numerator), int(wanted.denominator)
            if total * denominator != numerator * row_scale * column_scale:
                return False
    return True


def _product(polynomials: list, domain: Any) -> Any:
    value = domain.one.numer
    for p in polynomials:
        value = value * p
    return value


def exact(domain: Any) -> bool:
    """Whether equal values in this domain are equal as data (every domain but EX/EXRAW)."""
    return not (domain.is_EX or domain.is_EXRAW)
