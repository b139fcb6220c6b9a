"""The step model: a derivation is an immutable tree of named, self-verifying steps.

Derivers build these values; renderers only print them; the checker compares against them.
Each step claims a relation between ``before`` and ``after`` and can verify that claim.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Mapping  # not typing's alias: its isinstance takes a slow path
from typing import Any, Iterator

import sympy as sp

from symprimer.board import Board, board_claim_holds, definition_holds
from symprimer.exact.equality import claim_holds
from symprimer.core.levels import DETAIL_LEVELS
from symprimer.core.rules import RULES

Value = Any  # a sympy expression, an ImmutableMatrix, or None for a statement-only step
RELATIONS = ("=", "!=", ":=")


@dataclass(frozen=True, init=False)
class Step:
    """One named move on the board: ``before`` <relation> ``after`` by ``rule``.

    ``relation`` is ``=`` (the two sides are equal), ``!=`` (they differ: a counter-example)
    or ``:=`` (``before`` is a new name introduced for ``after``).  ``params`` carries the
    values a per-rule template may print (row index, pivot, ...), as ``(name, value)`` pairs.
    ``detail`` is the least detail level that shows this step (``""``: the view decides from
    the rule and the step's place in the tree).  ``working`` is every substep of the verified
    tree; a folded view keeps only some of them as ``substeps``, never dropping them from
    ``working``, so a template can still print the arithmetic it folds into its line.
    The sides are kept as the deriver wrote them (``left``/``right``: SymPy values, or cheap
    ``symprimer.board`` forms); ``before``/``after`` are always their SymPy forms.
    """

    rule: str
    text: str
    left: Value
    right: Value
    relation: str
    substeps: tuple["Step", ...]
    params: tuple[tuple[str, Any], ...]
    detail: str
    working: tuple["Step", ...]

    def __init__(
        self,
        rule: str,
        text: str,
        before: Value = None,
        after: Value = None,
        relation: str = "=",
        substeps: Any = (),
        params: Any = (),
        detail: str = "",
        working: Any = None,
    ) -> None:
        if rule not in RULES:
            raise ValueError(f"unknown rule {rule!r}: add it to symprimer.core.rules.RULES")
        if relation not in RELATIONS:
            raise ValueError(f"unknown relation {relation!r}")
        if detail and detail not in DETAIL_LEVELS:
            raise ValueError(f"unknown detail level {detail!r}")
        substeps = substeps if isinstance(substeps, tuple) else tuple(substeps)
        # One dict update instead of a frozen __setattr__ per field: worked inverses build
        # hundreds of steps, and this is the constructor's whole cost.
        self.__dict__.update(
            rule=rule,
            text=text,
            left=before,
            right=after,
            relation=relation,
            substeps=substeps,
            params=params if isinstance(params, tuple) else tuple(dict(params).items()),
            detail=detail,
            working=substeps if working is None else tuple(working),
        )

    def replaced(self, **changes: Any) -> "Step":
        """A copy with some parts changed; the sides are named ``before`` and ``after`` as in
        the constructor (``dataclasses.replace`` would name them ``left``/``right``)."""
        parts = dict(
            rule=self.rule, text=self.text, before=self.left, after=self.right,
            relation=self.relation, substeps=self.substeps, params=self.params, detail=self.detail,
        )
        parts.update(changes)
        if "substeps" not in changes:
            parts["working"] = changes.get("working", self.working)
        return Step(**parts)

    def folded(self, shown: tuple["Step", ...], **changes: Any) -> "Step":
        """This claim as a view shows it: only ``shown`` of its working (and perhaps without its
        display); it carries the tree's verdict, and ``working`` keeps every substep."""
        copy = self.replaced(substeps=shown, working=self.working, **changes)
        copy.__dict__["_holds"] = self.holds  # the tree's claim, even where a view hides its sides
        return copy

    @property
    def before(self) -> Value:
        return shown(self.left)

    @property
    def after(self) -> Value:
        return shown(self.right)

    def param(self, name: str, default: Any = None) -> Any:
        """A template parameter; a board form is handed over as its SymPy form."""
        return shown(dict(self.params).get(name, default))

    @property
    def holds(self) -> bool:
        """This node's own claim, decided once (a step is immutable, so is its truth)."""
        cache = self.__dict__  # a plain dict cache: cached_property locks on every access (3.11)
        if "_holds" not in cache:
            cache["_holds"] = self._decide()
        return cache["_holds"]

    def _decide(self) -> bool:
        if self.relation == ":=" and isinstance(self.right, Board):
            return definition_holds(self.left, self.right)
        if isinstance(self.left, Board) and isinstance(self.right, Board):
            verdict = board_claim_holds(self.left, self.right, self.relation)
            if verdict is not None:
                return verdict
        return claim_holds(self.before, self.after, self.relation)

    def verify_self(self) -> bool:
        """Check this node's own claim (not its substeps)."""
        return self.holds

    def verify(self) -> bool:
        """True when this node and every node below it hold."""
        return all(step.holds for step in self.walk())

    def walk(self) -> Iterator["Step"]:
        """This node and every node of its working below it (folded or not), depth first,
        in the order written."""
        return _depth_first((self,))


@dataclass(frozen=True)
class Derivation:
    """A worked solution: the question, the steps, the result, and the conventions used.

    ``given`` names the parsed inputs (``("A", matrix)``); ``details`` holds kind-specific
    result fields for the JSON contract (eigen lists, ``U``/``S``/``V``, ...);
    ``answer_exists`` is False when the mathematics says no (a singular matrix has no inverse).
    """

    kind: str
    question: str
    given: tuple[tuple[str, Value], ...]
    steps: tuple[Step, ...]
    result: Value
    result_label: str = ""
    notes: tuple[str, ...] = ()
    details: tuple[tuple[str, Any], ...] = ()
    answer_exists: bool = True
    source: tuple[str, ...] = field(default=(), compare=False)
    level: str = "full"  # the detail of this view: brief, standard, or full (the whole tree)
    tree: tuple[Step, ...] = field(default=(), compare=False)  # a view's whole verified tree

    def __post_init__(self) -> None:
        for name in ("given", "steps", "notes", "details", "source", "tree"):
            value = getattr(self, name)
            if isinstance(value, Mapping):
                value = tuple(value.items())
            object.__setattr__(self, name, tuple(value))

    def walk(self) -> Iterator[Step]:
        """Every node of the verified tree, including the steps a view hides."""
        return _depth_first(self.tree or self.steps)

    def failures(self) -> tuple[Step, ...]:
        return tuple(step for step in self.walk() if not step.holds)

    @cached_property
    def verified(self) -> bool:
        """True only when every node of the tree verified."""
        return not self.failures()

    def detail(self, name: str, default: Any = None) -> Any:
        return dict(self.details).get(name, default)


def _depth_first(steps: tuple[Step, ...]) -> Iterator[Step]:
    """Pre-order walk with an explicit stack (nested generators cost a frame per level)."""
    stack = list(reversed(steps))
    while stack:
        step = stack.pop()
        yield step
        stack.extend(reversed(step.working))


def shown(value: Value) -> Value:
    """The SymPy form of a step side (a board is built into SymPy here, once)."""
    return value.shown if isinstance(value, Board) else value


def matrix(rows: Any) -> sp.ImmutableMatrix:
    """Immutable matrix from nested rows (the only matrix type stored in steps)."""
    return sp.ImmutableMatrix(rows)
