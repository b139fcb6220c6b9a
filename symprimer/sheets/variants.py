"""Turning a question spec into the concrete derive call of one variant, from the seed alone.

Every random draw uses its own ``random.Random`` seeded by a string naming the sheet seed, the
question and the input, so the same spec and seed always give the same numbers (string seeds
are hashed with SHA-512 by ``random``, independent of PYTHONHASHSEED), and adding a question
leaves the numbers of the others unchanged.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from symprimer.parse.names import symbol
from symprimer.parse.plain import parse_expression
from symprimer.render.notation import to_sympy_string
from symprimer.sheets.questions import InputSpec, QuestionSpec, matrix_literal
from symprimer.sheets.randomdraw import draw_matrix


@dataclass(frozen=True)
class DeriveJob:
    """One derive call: the unit of work that worker processes share out (hashable, deduped)."""

    kind: str
    inputs: tuple[str, ...]
    options: tuple[tuple[str, Any], ...]

    def describe(self) -> str:
        return f"{self.kind} {' '.join(self.inputs)}".strip()


@dataclass(frozen=True)
class Variant:
    """One student's version of the sheet: its id (1-based), its seed and its derive calls."""

    index: int
    seed: int
    jobs: tuple[DeriveJob, ...]

    @property
    def label(self) -> str:
        return f"v{self.index:02d}"


def variant_seed(base_seed: int, index: int) -> int:
    """Variant k of seed s uses seed s + k - 1, so any variant can be rebuilt on its own."""
    return base_seed + index - 1


def resolve_input(spec: InputSpec, rng_seed: str) -> str:
    if spec.literal is not None:
        return spec.literal
    rng = random.Random(rng_seed)
    if spec.recipe is not None:
        return matrix_literal(draw_matrix(spec.recipe, rng))
    if spec.template is not None:
        return substitute_integers(spec.template, spec.integers, rng)
    return rng.choice(spec.choices)


def substitute_integers(template: str, integers: tuple[tuple[str, int, int], ...], rng: random.Random) -> str:
    """The template with each named integer drawn from its range (zero avoided when possible)."""
    values = {}
    for name, low, high in integers:
        pool = [v for v in range(low, high + 1) if v != 0] or [0]
        values[symbol(name)] = rng.choice(pool)
    return to_sympy_string(parse_expression(template).value.subs(values))


def resolve_question(question: QuestionSpec, seed: int) -> DeriveJob:
    inputs = tuple(
        resolve_input(spec, f"symprimer/{seed}/q{question.number}/i{position}")
        for position, spec in enumerate(question.inputs)
    )
    return DeriveJob(question.kind, inputs, question.options)


def make_variant(questions: tuple[QuestionSpec, ...], base_seed: int, index: int) -> Variant:
    seed = variant_seed(base_seed, index)
    return Variant(index, seed, tuple(resolve_question(q, seed) for q in questions))
