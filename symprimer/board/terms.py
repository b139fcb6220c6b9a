"""Scalar board forms: one element, a sign power (-1)^(i+j), and products, sums and differences
shown as written (not multiplied out, not collected) while valued exactly."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import sympy as sp

from symprimer.board.base import Board


@dataclass(frozen=True)
class Number(Board):
    """One domain element: an entry, a value, a factor."""

    domain: Any
    element: Any

    @property
    def value(self) -> Any:
        return self.element

    def _shown(self) -> Any:
        return self.domain.to_sympy(self.element)


@dataclass(frozen=True)
class SignPower(Board):
    """(-1)^(i+j) with 1-based i, j, shown with its exponent."""

    domain: Any
    i: int
    j: int

    def _value(self) -> Any:
        return self.domain.one if (self.i + self.j) % 2 == 0 else -self.domain.one

    def _shown(self) -> Any:
        return sp.Pow(-1, sp.Add(sp.Integer(self.i), sp.Integer(self.j), evaluate=False), evaluate=False)


@dataclass(frozen=True)
class Product(Board):
    """Factors shown side by side, not multiplied out."""

    domain: Any
    factors: tuple[Board, ...]

    def _value(self) -> Any:
        """The product of the factors; a sign power negates instead of multiplying (surd
        arithmetic makes every multiplication count)."""
        value, negative = None, False
        for factor in self.factors:
            if isinstance(factor, SignPower):
                negative ^= (factor.i + factor.j) % 2 == 1
            else:
                value = factor.value if value is None else value * factor.value
        value = self.domain.one if value is None else value
        return -value if negative else value

    def _shown(self) -> Any:
        return sp.Mul(*(factor.shown for factor in self.factors), evaluate=False)


@dataclass(frozen=True)
class Total(Board):
    """Terms shown in the order written, not collected."""

    domain: Any
    terms: tuple[Board, ...]

    def _value(self) -> Any:
        value = self.domain.zero
        for term in self.terms:
            value = value + term.value
        return value

    def _shown(self) -> Any:
        if len(self.terms) == 1:
            return self.terms[0].shown
        return sp.Add(*(term.shown for term in self.terms), evaluate=False)


@dataclass(frozen=True)
class Difference(Board):
    """left - right as written."""

    domain: Any
    left: Board
    right: Board

    def _value(self) -> Any:
        return self.left.value - self.right.value

    def _shown(self) -> Any:
        return sp.Add(self.left.shown, sp.Mul(sp.Integer(-1), self.right.shown, evaluate=False), evaluate=False)


@dataclass(frozen=True)
class Negated(Board):
    """-(form), the bracket kept: -(xp - zm)."""

    domain: Any
    inner: Board

    def _value(self) -> Any:
        return -self.inner.value

    def _shown(self) -> Any:
        return sp.Mul(sp.Integer(-1), self.inner.shown, evaluate=False)


def numbers(domain: Any, elements: Iterable[Any]) -> tuple[Number, ...]:
    return tuple(Number(domain, e) for e in elements)
