"""The laws of matrix algebra checked on the user's matrices, each side worked out.

Every law is a row of a table: its statement, when it applies to the shapes (and
invertibility) given, and its two sides as unevaluated matrix expressions.  A law that does
not apply is named with the reason; AB vs BA becomes a counter-example when they differ.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp
from sympy.printing.pretty.stringpict import prettyForm

from symprimer.exact.equality import values_equal
from symprimer.core.errors import TooLarge
from symprimer.linalg.basic.matrices import merged_notes, read_matrices, shape_text
from symprimer.core.steps import Derivation, Step

Mats = dict  # name -> ImmutableMatrix
MAX_SYMBOLIC_INVERSE = 3
MAX_SYMBOLIC_LAWS = 4


@dataclass(frozen=True)
class Law:
    statement: str
    tex: str  # the statement in LaTeX, for the worked solution
    reason_not: Callable[[Mats], str | None]  # why the law does not apply, or None
    sides: Callable[[Mats], tuple[sp.Basic, sp.Basic]]


def _identity_of_size(n: int) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(sp.eye(n))


def _invertible(matrix: sp.ImmutableMatrix) -> bool:
    return matrix.rows == matrix.cols and sp.expand(matrix.det(method="berkowitz")) != 0


def _missing(m: Mats, *names: str) -> str | None:
    absent = [n for n in names if n not in m]
    return f"it needs the matrix {absent[0]}" if absent else None


def _product_fits(m: Mats, left: str, right: str) -> str | None:
    if m[left].cols != m[right].rows:
        return f"{left}{right} is not defined ({left} is {shape_text(m[left])}, {right} is {shape_text(m[right])})"
    return None


def _same_shape(m: Mats, first: str, second: str) -> str | None:
    if m[first].shape != m[second].shape:
        return f"{first} + {second} is not defined ({first} is {shape_text(m[first])}, {second} is {shape_text(m[second])})"
    return None


def _both_invertible(m: Mats, *names: str) -> str | None:
    for name in names:
        if m[name].rows != m[name].cols:
            return f"{name} is {shape_text(m[name])}, not square, so it has no inverse"
        if m[name].free_symbols and m[name].rows > MAX_SYMBOLIC_INVERSE:
            return f"{name} has symbolic entries and is larger than {MAX_SYMBOLIC_INVERSE}x{MAX_SYMBOLIC_INVERSE}, too large to invert by hand"
        if not _invertible(m[name]):
            return f"det {name} = 0, so {name} has no inverse"
    return None


def _first(*checks: Callable[[], str | None]) -> str | None:
    for check in checks:
        reason = check()
        if reason:
            return reason
    return None


LAWS = (
    Law("(A^T)^T = A", r"(A^{T})^{T} = A", lambda m: None, lambda m: (sp.Transpose(sp.Transpose(m["A"])), m["A"])),
    Law(
        "(AB)^T = B^T A^T",
        r"(AB)^{T} = B^{T} A^{T}",
        lambda m: _first(lambda: _missing(m, "B"), lambda: _product_fits(m, "A", "B")),
        lambda m: (sp.Transpose(sp.MatMul(m["A"], m["B"])), sp.MatMul(sp.Transpose(m["B"]), sp.Transpose(m["A"]))),
    ),
    Law(
        "(A + B)^T = A^T + B^T",
        r"(A + B)^{T} = A^{T} + B^{T}",
        lambda m: _first(lambda: _missing(m, "B"), lambda: _same_shape(m, "A", "B")),
        lambda m: (sp.Transpose(sp.MatAdd(m["A"], m["B"])), sp.MatAdd(sp.Transpose(m["A"]), sp.Transpose(m["B"]))),
    ),
    Law(
        "(AB)C = A(BC)",
        r"(AB)C = A(BC)",
        lambda m: _first(lambda: _missing(m, "B", "C"), lambda: _product_fits(m, "A", "B"), lambda: _product_fits(m, "B", "C")),
        lambda m: (sp.MatMul(sp.MatMul(m["A"], m["B"]), m["C"]), sp.MatMul(m["A"], sp.MatMul(m["B"], m["C"]))),
    ),
    Law(
        "A(B + C) = AB + AC",
        r"A(B + C) = AB + AC",
        lambda m: _first(lambda: _missing(m, "B", "C"), lambda: _same_shape(m, "B", "C"), lambda: _product_fits(m, "A", "B")),
        lambda m: (sp.MatMul(m["A"], sp.MatAdd(m["B"], m["C"])), sp.MatAdd(sp.MatMul(m["A"], m["B"]), sp.MatMul(m["A"], m["C"]))),
    ),
    Law("AI = A", r"AI = A", lambda m: None, lambda m: (sp.MatMul(m["A"], _identity_of_size(m["A"].cols)), m["A"])),
    Law("IA = A", r"IA = A", lambda m: None, lambda m: (sp.MatMul(_identity_of_size(m["A"].rows), m["A"]), m["A"])),
    Law(
        "(AB)^-1 = B^-1 A^-1",
        r"(AB)^{-1} = B^{-1} A^{-1}",
        lambda m: _first(lambda: _missing(m, "B"), lambda: _product_fits(m, "A", "B"), lambda: _both_invertible(m, "A", "B")),
        lambda m: (sp.Inverse(sp.MatMul(m["A"], m["B"])), sp.MatMul(sp.Inverse(m["B"]), sp.Inverse(m["A"]))),
    ),
    Law(
        "(A^-1)^T = (A^T)^-1",
        r"(A^{-1})^{T} = (A^{T})^{-1}",
        lambda m: _both_invertible(m, "A"),
        lambda m: (sp.Transpose(sp.Inverse(m["A"])), sp.Inverse(sp.Transpose(m["A"]))),
    ),
)
_LAW_TEX = {law.statement: law.tex for law in LAWS} | {"AB vs BA": r"AB \text{ versus } BA"}


def _evaluated(expr: sp.Basic) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(sp.ImmutableMatrix(expr.doit().as_explicit()).applyfunc(sp.cancel))


def law_step(law: Law, matrices: Mats) -> Step:
    left, right = law.sides(matrices)
    substeps = ()
    if not isinstance(right, sp.MatrixBase):  # an explicit side needs no working
        substeps = (
            Step("evaluate", "The left side worked out.", left, _evaluated(left)),
            Step("evaluate", "The right side worked out.", right, _evaluated(right)),
        )
    params = (("law", law.statement), ("law_tex", law.tex))
    return Step("law", f"${law.tex}$: both sides worked out agree.", left, right, substeps=substeps, params=params)


def commutativity_step(matrices: Mats) -> Step | str:
    """AB vs BA: a counter-example when they differ; a reason when they cannot be compared."""
    if "B" not in matrices:
        return "it needs the matrix B"
    a, b = matrices["A"], matrices["B"]
    if a.cols != b.rows or b.cols != a.rows or a.rows != b.rows:
        return f"AB and BA are not both defined with the same shape (A is {shape_text(a)}, B is {shape_text(b)})"
    ab, ba = sp.MatMul(a, b), sp.MatMul(b, a)
    ab_value, ba_value = _evaluated(ab), _evaluated(ba)
    substeps = (Step("evaluate", "$AB$.", ab, ab_value), Step("evaluate", "$BA$.", ba, ba_value))
    if values_equal(ab_value, ba_value):
        text = r"$AB = BA$: these two matrices happen to commute (in general $AB \neq BA$)."
        return Step("law", text, ab, ba, substeps=substeps, params=(("law", "AB = BA"), ("law_tex", "AB = BA")))
    text = r"$AB \neq BA$: matrix multiplication is not commutative, and these matrices are a counter-example."
    params = (("law", "AB != BA"), ("law_tex", r"AB \neq BA"))
    return Step("counterexample", text, ab, ba, relation="!=", substeps=substeps, params=params)


def derive_laws(inputs: tuple[str, ...]) -> Derivation:
    """Check each law of the transpose, product and inverse that applies to A (, B (, C))."""
    read = read_matrices(inputs[:3])
    matrices: Mats = {name: r.value for name, r in zip("ABC", read)}
    for name, matrix in matrices.items():
        if matrix.free_symbols and max(matrix.shape) > MAX_SYMBOLIC_LAWS:
            raise TooLarge(
                f"{name} is {shape_text(matrix)} with symbolic entries; its products would run to thousands of "
                f"terms, so symprimer checks the laws on symbolic matrices only up to {MAX_SYMBOLIC_LAWS}x{MAX_SYMBOLIC_LAWS}."
            )
    notes = list(merged_notes(read))
    steps, checked, skipped, shown = [], [], [], []
    if len(read) == 2:  # said before C is first used, not in a note after it
        matrices["C"] = matrices["A"]
        steps.append(Step("definition", "Only $A$ and $B$ are given, so $C = A$ in the associative and distributive laws.",
                          sp.Symbol("C"), matrices["A"], relation=":="))
    for law in LAWS[:5]:
        _apply_law(law, matrices, steps, checked, skipped, shown)
    commute = commutativity_step(matrices)
    if isinstance(commute, Step):
        steps.append(commute)
        checked.append(commute.param("law"))
        shown.append(_commuting_statement(matrices, commute.relation))
    else:
        skipped.append(f"AB vs BA: {commute}")
    for law in LAWS[5:]:
        _apply_law(law, matrices, steps, checked, skipped, shown)
    notes += [f"Skipped {_skipped_sentence(entry)}." for entry in skipped]
    given = tuple((name, value) for name, value in matrices.items() if name in "ABC"[: len(read)])
    return Derivation(
        kind="laws",
        question="Check the laws of the transpose, the product and the inverse on the given matrices.",
        given=given,
        steps=tuple(steps),
        result=LawStatements(*shown),
        result_label="On these matrices",
        notes=tuple(notes),
        details=(("checked", checked), ("skipped", skipped)),
        source=tuple(inputs),
    )


def _skipped_sentence(entry: str) -> str:
    """``(AB)^T = B^T A^T: it needs B`` with the law as inline maths."""
    statement, _, reason = entry.partition(": ")
    law = _LAW_TEX.get(statement, statement)
    return f"${law}$: {reason}"


def _apply_law(law: Law, matrices: Mats, steps: list, checked: list, skipped: list, shown: list) -> None:
    reason = law.reason_not(matrices)
    if reason:
        skipped.append(f"{law.statement}: {reason}")
        return
    steps.append(law_step(law, matrices))
    checked.append(law.statement)
    shown.append(LawStatement(*law.sides(_named(matrices)), sp.Symbol("=")))


def _named(matrices: Mats) -> dict:
    """The matrices as symbols of their shapes, so that a law is stated, not multiplied out
    (the answer of a laws question is the list of statements checked, not "True")."""
    return {name: sp.MatrixSymbol(name, *matrix.shape) for name, matrix in matrices.items()}


def _commuting_statement(matrices: Mats, relation: str) -> sp.Basic:
    named = _named(matrices)
    product, swapped = sp.MatMul(named["A"], named["B"]), sp.MatMul(named["B"], named["A"])
    return LawStatement(product, swapped, sp.Symbol(relation))


class LawStatement(sp.Basic):
    """A law as stated (left side, right side, "=" or "!="): a value that stays a statement
    when pickled or printed, where SymPy's Eq would decide itself to True."""

    def _latex(self, printer) -> str:
        left, right, relation = self.args
        symbol = r"\neq" if relation.name == "!=" else "="
        return f"{printer._print(_identity_named(left))} {symbol} {printer._print(_identity_named(right))}"

    def _pretty(self, printer):
        left, right, relation = self.args
        symbol = " ≠ " if relation.name == "!=" else " = "
        return prettyForm(*printer._print(_identity_named(left)).right(symbol, printer._print(_identity_named(right))))

    def _sympystr(self, printer) -> str:
        left, right, relation = self.args
        # constructor form, so that sympify reads the matrix symbols back as matrices
        return f"{'Ne' if relation.name == '!=' else 'Eq'}({sp.srepr(left)}, {sp.srepr(right)})"


def _identity_named(side: sp.Basic) -> sp.Basic:
    """The identity matrix of a law written I, as the law is stated."""
    return side.replace(
        lambda node: isinstance(node, sp.MatrixBase) and node.is_square and node == sp.eye(node.rows),
        lambda node: sp.MatrixSymbol("I", node.rows, node.rows),
    )


class LawStatements(sp.Basic):
    """The answer of a laws question: the statements checked, three to a line (a box one law to
    a line would be taller than what is left of a page, and a box cannot break)."""

    PER_LINE = 3

    def _latex(self, printer) -> str:
        laws = [printer._print(law) for law in self.args]
        lines = [laws[i:i + self.PER_LINE] for i in range(0, len(laws), self.PER_LINE)]
        rows = [r" & ".join(line + [""] * (self.PER_LINE - len(line))) for line in lines]
        return r"\begin{array}{" + "c" * self.PER_LINE + "}" + r" \\ ".join(rows) + r"\end{array}"

    def _pretty(self, printer):
        lines = [printer._print(law) for law in self.args]
        stacked = lines[0]
        for line in lines[1:]:
            stacked = prettyForm(*stacked.below(line))
        return stacked

    def _sympystr(self, printer) -> str:
        return "[" + ", ".join(printer._print(law) for law in self.args) + "]"
