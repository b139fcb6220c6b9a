"""The written form: sums and products printed in the order a lecturer writes them.

SymPy sorts the terms of a sum and the factors of a product canonically, so it prints
``-y + sigma(z)`` and ``(1 - sigma(x)) sigma(x)``.  The board has its own order: a positive term
first (``sigma(z) - y``, ``1 - y f``), a univariate polynomial by falling degree, beside
functions a constant first (``1 + e^{-x}``) then a function standing alone, numbers then
letters then named functions then brackets in a product (``sigma(x)(1 - sigma(x))``,
``x phi(x)``), and a negative number that is subtracted in brackets (``6 - (-2)``).

A sum or product built unevaluated on purpose (``written_sum``, ``written_product``, ...) is
already in its written order and is printed exactly as built.  One built in the very order
SymPy would store it cannot be told from an evaluated one, and the policy orders it.  Only the printing changes: the value printed
is the value computed and verified.  The two printers here (LaTeX and terminal) share the
ordering and sign policy, and ``render.handprint`` holds the printers that apply it
(LaTeX, terminal, one-line text); ``render.notation`` builds the course's printers on them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp


def written_order(expr: Any) -> bool:
    """True for a sum or product built unevaluated on purpose (e.g. ``ad - bc``): print as built.

    An evaluated node is a fixed point of evaluation; a written one is not.
    """
    if tuple(expr.func(*expr.args).args) != tuple(expr.args):
        return True
    return any(arg.func(*arg.args) != arg for arg in expr.args if arg.is_Add or arg.is_Mul or arg.is_Pow)


# --- building a written form ------------------------------------------------------------------


def written_sum(*terms: Any) -> sp.Expr:
    """A sum kept in the order given (``1 + x(1 - sigma)``); its value is the evaluated sum."""
    return sp.Add(*map(_expr, terms), evaluate=False) if len(terms) > 1 else _expr(terms[0])


def written_product(*factors: Any) -> sp.Expr:
    """A product kept in the order given (``2(f - y)``, ``y f``), the number not multiplied in."""
    return sp.Mul(*map(_expr, factors), evaluate=False) if len(factors) > 1 else _expr(factors[0])


def written_fraction(numerator: Any, denominator: Any) -> sp.Expr:
    """``numerator / denominator`` as written, neither side multiplied out or cancelled."""
    return sp.Mul(_expr(numerator), sp.Pow(_expr(denominator), -1, evaluate=False), evaluate=False)


def split_fraction(mul: sp.Mul) -> tuple[sp.Expr, sp.Expr] | None:
    """(numerator, denominator) of a written fraction (a written product ending in a reciprocal)."""
    last = mul.args[-1]
    if len(mul.args) < 2 or not (last.is_Pow and last.exp == -1):
        return None
    rest = mul.args[:-1]
    return (rest[0] if len(rest) == 1 else sp.Mul(*rest, evaluate=False)), last.base


def read_product(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """Two letters side by side in the order they are read (a row times a column, the diagonal
    of a minor); a number or a minus sign multiplied in (2 c, not c 2)."""
    if a.is_number or b.is_number or a.could_extract_minus_sign() or b.could_extract_minus_sign():
        return a * b
    return written_product(a, b)


def written_difference(left: Any, right: Any) -> sp.Expr:
    """``left - right`` as written, brackets kept where ``right`` is a sum or negative."""
    return written_sum(left, sp.Mul(sp.Integer(-1), _expr(right), evaluate=False))


class GivenDecimal(sp.UnevaluatedExpr):
    """An exact rational kept as one number that the printers write as a decimal.

    A real constant: it commutes, and its sign is its value's, so algebra treats it as the
    number it stands for; ``doit``, ``evalf`` and ``expand`` give that number."""

    is_commutative = True

    def _eval_is_real(self) -> bool:
        return True

    def _eval_is_positive(self) -> bool | None:
        return self.args[0].is_positive

    def _eval_is_negative(self) -> bool | None:
        return self.args[0].is_negative

    def _eval_is_zero(self) -> bool | None:
        return self.args[0].is_zero

    def _eval_evalf(self, prec: int) -> sp.Float:
        return self.args[0]._eval_evalf(prec)

    def _eval_expand_basic(self, **hints: Any) -> sp.Rational:
        """Expanding computes, so the exact layers compare the number itself."""
        return self.args[0]


def written_decimal(digits: str) -> sp.Expr:
    """A constant given as a decimal (a slope 0.01, a default 0.25): its value the exact rational,
    printed as the decimal it was given as, wherever it goes (0.01x, and its derivative 0.01)."""
    value = sp.Rational(digits)
    return -GivenDecimal(-value) if value < 0 else GivenDecimal(value)  # the sign outside, as SymPy's own


def _expr(value: Any) -> sp.Expr:
    """Python integers as SymPy integers; SymPy values as they are."""
    return sp.Integer(value) if isinstance(value, int) else value


# --- the ordering policy -------------------------------------------------------------------


def ordered_terms(add: sp.Add) -> tuple[sp.Expr, ...]:
    """The terms of a sum in written order: as built, by degree, or a positive term first."""
    if written_order(add):
        return tuple(add.args)
    terms = list(add.as_ordered_terms())
    if _univariate_polynomial(add):
        return tuple(terms)
    if not add.is_polynomial():
        count = len(terms)
        terms.sort(key=lambda term: _term_rank(term, count))
    lead = next((i for i, term in enumerate(terms) if not term.could_extract_minus_sign()), 0)
    return (terms[lead], *terms[:lead], *terms[lead + 1:])


def _term_rank(term: sp.Expr, count: int) -> int:
    """Beside a function, a constant leads a two-term sum (1 + e^{-x}, 1 + x(1 - sigma(x))),
    then a named function standing alone (Phi(x) + x phi(x)), then the rest."""
    if term.is_number:
        return 0 if count == 2 else 2
    body = -term if term.could_extract_minus_sign() else term
    return 1 if body.is_Function else 2


def _univariate_polynomial(add: sp.Add) -> bool:
    """A polynomial in one letter of degree two or more keeps falling degree (x^2 - 3x + 2)."""
    symbols = add.free_symbols
    if len(symbols) != 1 or not add.is_commutative:
        return False
    (symbol,) = symbols
    return add.is_polynomial(symbol) and sp.degree(add, symbol) >= 2


# Within a product: numbers, letters, a function its brackets repeat (sigma(x)(1 - sigma(x))),
# the bracketed sums, then the other functions ((1 - y) log(1 - p), x e^x).
_NUMBER, _LETTER, _REPEATED_FUNCTION, _BRACKET, _FUNCTION = range(5)


def _factor_rank(factor: sp.Expr, brackets: tuple[sp.Expr, ...]) -> int:
    base = factor.base if factor.is_Pow else factor
    if factor.is_number:
        return _NUMBER
    if base.is_Add:
        return _BRACKET
    if base.is_Function:
        return _REPEATED_FUNCTION if any(b.has(base) for b in brackets) else _FUNCTION
    return _LETTER


def ordered_factors(mul: sp.Mul) -> tuple[sp.Expr, ...]:
    """The factors of a product in written order: as built, or by the ranks above.

    Factors that do not commute (matrices) keep their order, after the scalars.
    """
    if written_order(mul):
        return tuple(mul.args)
    scalars, matrices = mul.args_cnc()
    scalars = sp.Mul(*scalars).as_ordered_factors() if scalars else []
    brackets = tuple(f.base if f.is_Pow else f for f in scalars if (f.base if f.is_Pow else f).is_Add)
    return (*sorted(scalars, key=lambda f: _factor_rank(f, brackets)), *matrices)


# --- relations -------------------------------------------------------------------------------


def written_relation(relation: sp.Basic) -> sp.Basic:
    """The quantity tested on the left: SymPy's delta >= |f - y| reads |f - y| <= delta; a
    relation with a compound left side, or atoms on both sides (x > 0), is kept as it is."""
    if not isinstance(relation, sp.core.relational.Relational) or isinstance(relation, (sp.Eq, sp.Ne)):
        return relation
    if relation.lhs.is_Atom and not relation.rhs.is_Atom:
        return relation.reversed
    return relation


# --- signs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedTerm:
    """One term of a sum as written after its sign: ``minus`` then ``body`` (bracketed or not)."""

    minus: bool
    body: sp.Expr
    bracketed: bool


def signed_terms(add: sp.Add) -> tuple[SignedTerm, ...]:
    """The terms of a sum with the signs a lecturer writes between them.

    The first term is printed as it stands.  Each later term is split into its sign and the
    rest; the rest is bracketed when it is a sum or itself starts with a minus, so a negative
    subtracted reads ``6 - (-2)``, never ``6 - -2``.
    """
    terms = ordered_terms(add)
    result = [SignedTerm(False, terms[0], False)]
    for term in terms[1:]:
        minus, body = split_sign(term)
        result.append(SignedTerm(minus, body, body.is_Add or leads_with_minus(body)))
    return tuple(result)


def split_sign(term: sp.Expr) -> tuple[bool, sp.Expr]:
    """(True, -term) when the term is written with a leading minus, else (False, term)."""
    if term.is_Number:
        return (True, -term) if term < 0 else (False, term)
    if term.is_Mul and written_order(term):
        first, rest = term.args[0], term.args[1:]
        if first == -1 and rest:
            return True, rest[0] if len(rest) == 1 else sp.Mul(*rest, evaluate=False)
        if first.could_extract_minus_sign():
            return True, sp.Mul(-first, *rest, evaluate=False)
        return False, term
    if term.is_Mul and term.could_extract_minus_sign():
        return True, -term
    return False, term


def sign_absorbed(mul: sp.Mul) -> tuple[sp.Expr, ...] | None:
    """-(y - 1)/(1 - p) reads (1 - y)/(1 - p): the factors of ``mul`` with a leading minus taken
    into a sum that ends in a negative constant, or None when there is no such sum."""
    coefficient, rest = mul.as_coeff_Mul()
    if coefficient != -1:
        return None
    factors = list(ordered_factors(rest)) if rest.is_Mul else [rest]
    for index, factor in enumerate(factors):
        if factor.is_Add and not written_order(factor):
            terms = ordered_terms(factor)
            if not terms[0].could_extract_minus_sign() and terms[-1].is_number and terms[-1] < 0:
                factors[index] = -factor
                return tuple(factors)
    return None


def leads_with_minus(expr: sp.Expr) -> bool:
    """Whether the printed form of ``expr`` starts with a minus sign."""
    if expr.is_Number:
        return bool(expr < 0)
    if expr.is_Mul and written_order(expr):
        return is_negation(expr)
    if expr.is_Mul:
        return expr.could_extract_minus_sign()
    if expr.is_Add:
        return leads_with_minus(ordered_terms(expr)[0])
    return False


def is_negation(mul: sp.Mul) -> bool:
    """A written ``(-1) * x`` with x not a number: printed ``-x``."""
    return len(mul.args) == 2 and mul.args[0] == -1 and not mul.args[1].is_Number


def negative_number(expr: sp.Expr) -> bool:
    """A negative number, which is bracketed inside a product: 3 · (-1)."""
    return bool(expr.is_Number and expr < 0)


def dot_between(left: sp.Expr, right: sp.Expr) -> bool:
    """A dot before a number that follows a letter or a number (z · 1, 3 · 3, (-1) · 3, 2 · (-2))
    and after a written factor 1 (1 · x); letters, powers and brackets are juxtaposed
    ((-1)^{1+2}(-12), (-1)(-1), 2x)."""
    if left.is_Number and abs(left) == 1:  # 1 · x, not 1x
        return not (negative_number(left) and negative_number(right))
    if isinstance(right, GivenDecimal):
        return True
    if not right.is_Number:
        return False
    if right >= 0:
        return True
    return bool(left.is_Number and left >= 0)


# --- decimals --------------------------------------------------------------------------------


def decimal_digits(number: sp.Rational) -> str | None:
    """``0.01`` for 1/100: the coefficient of a product whose denominator is a power of ten is
    written as a decimal (0.01x, a slope or a rate), not x/100.  A number standing alone, or in
    a matrix, stays a fraction."""
    q = int(number.q)
    places = len(str(q)) - 1
    if q == 1 or q != 10 ** places:
        return None
    return _digits(int(number.p), places)


def given_decimal(expr: sp.Expr) -> str | None:
    """The digits of a ``written_decimal`` (0.25 for the exact 1/4), or None for anything else;
    a value with no terminating decimal keeps SymPy's form."""
    if not isinstance(expr, GivenDecimal):
        return None
    value = expr.args[0]
    q = int(value.q)
    places = next((n for n in range(40) if 10**n % q == 0), None)
    if places is None:
        return None
    return _digits(int(value.p) * (10**places // q), places) if places else str(value.p)


def _digits(numerator: int, places: int) -> str:
    """numerator / 10^places written out: 0.01, -0.3, 1.25."""
    sign = "-" if numerator < 0 else ""
    whole, rest = divmod(abs(numerator), 10**places)
    return f"{sign}{whole}.{rest:0{places}d}"


def fraction_parts(factors: tuple[sp.Expr, ...]) -> tuple[list[sp.Expr], list[sp.Expr]]:
    """Numerator and denominator factors, each in the order given; a decimal coefficient of
    letters stays on top (0.01x)."""
    letters = any(not factor.is_number for factor in factors)
    top: list[sp.Expr] = []
    bottom: list[sp.Expr] = []
    for factor in factors:
        if factor.is_Pow and factor.exp.is_Rational and factor.exp.is_negative:
            bottom.append(factor.base ** -factor.exp)
        elif factor.is_Rational and factor.q != 1 and not (letters and decimal_digits(factor)):
            if factor.p != 1:
                top.append(sp.Integer(factor.p))
            bottom.append(sp.Integer(factor.q))
        elif factor != 1:
            top.append(factor)
    return top, bottom
