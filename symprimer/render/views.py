"""Detail levels: brief, standard and full are three views of one verified tree.

A view only hides: it keeps the same Step claims (with the verdicts already reached) and the
derivation keeps its whole tree in ``tree``, so ``Derivation.verified`` still covers every node
whichever view is printed.  ``full`` is the tree as derived; ``standard`` is what a lecturer
writes on the board (one line per idea, mental arithmetic folded into the line that uses it, a
repeated sub-derivation shown once); ``brief`` is the key lines and the answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Iterable, Mapping

import sympy as sp

from symprimer.core.errors import InputError
from symprimer.core.levels import DEFAULT_LEVEL, DETAIL_LEVELS
from symprimer.core.steps import Derivation, Step
from symprimer.render.notation import to_latex

RANK = MappingProxyType({name: index for index, name in enumerate(DETAIL_LEVELS)})
# How deep each level shows working: 0 is the numbered line, 1 its first substeps.
SHOWN_DEPTH = MappingProxyType({"brief": 0, "standard": 1, "full": None})
# Rules whose steps a lecturer writes only in a full working (the least level that shows them).
RULE_LEVELS = MappingProxyType(
    {
        "det_1x1": "full",  # |d| = d: a 1x1 determinant is its entry
        "exact_decimal": "full",
    }
)
# Lines that already state the value of their small working (C_ij = (-1)^(i+j) |M_ij| = ...):
# at standard the 2x2 or 1x1 minor is computed in that line, not again below it.
STATES_ITS_MINOR = frozenset({"cofactor", "laplace_term"})
SMALL_MINORS = frozenset({"det_1x1", "det_2x2"})
# Lines whose display already shows every piece of their working (the cofactor matrix shows each
# signed minor and its value; a law's line writes the value both sides share; convexity states the
# second derivative it differentiates again for): folded at standard.
STATES_ITS_WORKING = frozenset({"cofactor_matrix", "law", "counterexample", "kink_convention", "convexity"})
# Leaves a lecturer says rather than writes once they sit inside a bigger rule: d/dx x = 1, d/dx c = 0.
SAID_NOT_WRITTEN = frozenset({"identity_rule", "constant_rule"})
# Properties a classification lists for completeness; at standard only those that hold, and the
# ones a question is about, are written down.
SIDE_PROPERTIES = frozenset({"diagonal", "the identity", "skew-Hermitian"})
REPEAT_PREFIX = "As above: "
# The parameter of a line whose working is written elsewhere: ABOVE (a repeat in the same
# solution, whose sentence also starts with REPEAT_PREFIX for the plain-text renderers) or the
# number of an earlier question of the same sheet (see ``refer_back``).  The LaTeX renderer
# prints the reference with the line, whatever the rule's own template prints.
REFERS_TO = "refers_to"
ABOVE = "above"


def check_level(level: str | None) -> str:
    """The level named (the default when None), or one sentence naming the choices."""
    if level is None:
        return DEFAULT_LEVEL
    cleaned = str(level).strip().lower()
    if cleaned not in RANK:
        raise InputError(f"the detail level {level!r} is not one of {', '.join(DETAIL_LEVELS)}.")
    return cleaned


def view(derivation: Derivation, level: str | None = None) -> Derivation:
    """The derivation as shown at ``level``; its ``tree`` keeps every verified step."""
    level = check_level(level)
    tree = derivation.tree or derivation.steps
    derivation.verified  # decided on the whole tree, once, before any node is folded
    if level == "full":
        return replace(derivation, steps=tree, tree=tree, level=level)
    folding = _Folding(level, given=tuple(value for _, value in derivation.given))
    return replace(derivation, steps=folding.steps(tree, 0), tree=tree, level=level)


@dataclass(frozen=True)
class FoldPoint:
    """A sub-derivation a view shows with its working: where it is (its index at each depth of
    the shown steps) and what it derives, the key by which a later question of the same sheet
    recognises the same working: its rule, its sentence and both sides as printed, and the rules
    of its whole working in order (the same determinant expanded along another row, or found by
    another method, is other working, and its sentence would not be true of the reference)."""

    path: tuple[int, ...]
    key: tuple[str, ...]


def fold_points(derivation: Derivation) -> tuple[FoldPoint, ...]:
    """Every shown step with shown working and two sides, in reading order (outer before inner)."""
    points: list[FoldPoint] = []
    stack = [((index,), step) for index, step in reversed(tuple(enumerate(derivation.steps)))]
    while stack:
        path, step = stack.pop()
        if step.substeps and step.left is not None and step.right is not None:
            points.append(FoldPoint(path, _working_key(step)))
        stack.extend((path + (index,), sub) for index, sub in reversed(tuple(enumerate(step.substeps))))
    return tuple(points)


def refer_back(derivation: Derivation, references: Mapping[tuple[int, ...], int]) -> Derivation:
    """The view with each step at a path of ``references`` folded to its line, marked with the
    question (the number it maps to) whose worked solution shows that working.  A later
    "As above" line of the same shape now points to that question too, as the working it
    repeated is no longer written out here.  ``tree`` keeps every verified step."""
    if not references:
        return derivation
    derivation.verified  # decided on the whole tree before anything more is folded
    return replace(derivation, steps=_Referring(references).steps(derivation.steps, ()))


def without_repeat_prefix(text: str) -> str:
    """A repeat's sentence without its "As above" (printed instead as the line's reference)."""
    return text[len(REPEAT_PREFIX):] if text.startswith(REPEAT_PREFIX) else text


def shown_steps(derivation: Derivation) -> Iterable[Step]:
    """Every step a reader of this view sees, depth first."""
    stack = list(reversed(derivation.steps))
    while stack:
        step = stack.pop()
        yield step
        stack.extend(reversed(step.substeps))


def step_level(step: Step) -> str:
    """The least level that shows ``step``: its own mark, else its rule's, else brief."""
    return step.detail or RULE_LEVELS.get(step.rule, "brief")


def is_mental_arithmetic(step: Step) -> bool:
    """A leaf whose two sides are plain numbers ("3 = 3", "2 - 1 = 1", "1 != 2"): the number
    is written straight into the line that uses it."""
    if step.working or step.relation == ":=":
        return False
    return all(_plain_number(side) for side in (step.before, step.after))


def is_side_remark(step: Step) -> bool:
    """A classification that fails for a property nobody asked about ("A is not diagonal")."""
    return step.rule == "classify" and step.relation == "!=" and step.param("property") in SIDE_PROPERTIES


def _plain_number(value: object) -> bool:
    return isinstance(value, sp.Expr) and not isinstance(value, sp.MatrixBase) and not value.free_symbols \
        and not value.atoms(sp.MatrixSymbol) and value.is_number is True and not value.has(sp.Determinant)


@dataclass
class _Folding:
    """One pass over a tree (a short-lived worker, not a value): remembers the sub-derivations
    already shown so that a repeat is folded to its line."""

    level: str
    given: tuple = ()
    seen: set = field(default_factory=set)  # the shapes of the sub-derivations already shown

    def steps(self, steps: tuple[Step, ...], depth: int) -> tuple[Step, ...]:
        return tuple(self._fold(step, depth) for step in steps if self._shows(step, depth))

    def _shows(self, step: Step, depth: int) -> bool:
        if RANK[step_level(step)] > RANK[self.level]:
            return False
        if depth > 0 and (is_mental_arithmetic(step) or (step.rule in SAID_NOT_WRITTEN and not step.working)):
            return False
        return not is_side_remark(step)

    def _fold(self, step: Step, depth: int) -> Step:
        limit = SHOWN_DEPTH[self.level]
        if is_mental_arithmetic(step):  # "... so it is square" with no "3 = 3"; no "1 + 1 = 2", "1 != 2"
            return step.folded((), before=None, after=None)
        if depth == 0 and self._restates_given(step):  # "f := ..." under the question that shows f
            return step.folded(self.steps(step.working, depth + 1), text=_as_sentence(step.text), before=None, after=None)
        if not step.working:
            return step
        if (limit is not None and depth >= limit) or self._folds_working(step):
            return step.folded(())
        signature = _signature(step)
        if signature in self.seen and len(step.working) > 1:
            return step.folded((), text=REPEAT_PREFIX + step.text, params=step.params + ((REFERS_TO, ABOVE),))
        self.seen.add(signature)
        return step.folded(self.steps(_unrepeated(step, step.working), depth + 1))


    def _restates_given(self, step: Step) -> bool:
        return step.relation == ":=" and any(_same(step.after, value) for value in self.given)

    def _folds_working(self, step: Step) -> bool:
        if step.rule in STATES_ITS_WORKING or step.param("shortcut"):  # a named shortcut is the line
            return True
        return step.rule in STATES_ITS_MINOR and all(sub.rule in SMALL_MINORS for sub in step.working)


@dataclass
class _Referring:
    """One pass of ``refer_back`` (a short-lived worker): remembers the shapes it folded to a
    question so that an "As above" of the same shape names that question."""

    references: Mapping[tuple[int, ...], int]
    referred: dict = field(default_factory=dict)  # shape -> the question it now points to

    def steps(self, steps: tuple[Step, ...], path: tuple[int, ...]) -> tuple[Step, ...]:
        return tuple(self._refer(step, path + (index,)) for index, step in enumerate(steps))

    def _refer(self, step: Step, path: tuple[int, ...]) -> Step:
        number = self.references.get(path)
        if number is not None:
            self.referred.setdefault(_signature(step), number)
            return step.folded((), params=step.params + ((REFERS_TO, number),))
        if step.param(REFERS_TO) == ABOVE and _signature(step) in self.referred:
            number = self.referred[_signature(step)]
            params = tuple(pair for pair in step.params if pair[0] != REFERS_TO) + ((REFERS_TO, number),)
            return step.folded((), text=without_repeat_prefix(step.text), params=params)
        if not step.substeps:
            return step
        return step.folded(self.steps(step.substeps, path))


def _unrepeated(step: Step, working: tuple[Step, ...]) -> tuple[Step, ...]:
    """The working without a line that only restates ``step``'s own claim (a partial derivative
    then "sum rule: the same derivative"): that line's working takes its place."""
    kept: list[Step] = []
    for sub in working:
        if sub.working and _same(sub.after, step.after) and _same(sub.before, step.before):
            kept.extend(_unrepeated(step, sub.working))
        else:
            kept.append(sub)
    return tuple(kept)


def _same(a: object, b: object) -> bool:
    try:
        return bool(a == b)
    except Exception:  # a comparison SymPy cannot decide is not a repeat
        return False


def _as_sentence(text: str) -> str:
    """A sentence that introduced a display, ended now that the display is not repeated."""
    stripped = text.rstrip()
    return stripped[:-1] + "." if stripped.endswith(":") else stripped


def _working_key(step: Step) -> tuple[str, ...]:
    shape = " ".join(_signature(step))
    return (step.rule, step.relation, step.text, to_latex(step.before), to_latex(step.after), shape)


def _signature(step: Step) -> tuple:
    """The shape of a sub-derivation: its rules in order (the same working for another
    variable or index has the same shape)."""
    return tuple(node.rule for node in step.walk())
