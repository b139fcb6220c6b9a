import sympy as sp
import pytest

from symprimer.api import Worked
from symprimer.render.formats import render
from symprimer.core.steps import Derivation, Step

A = sp.ImmutableMatrix([[1, 2], [3, 4]])


def _derivation(after):
    step = Step("det_2x2", "For a 2x2 matrix, det = ad - bc.", sp.Determinant(A), after)
    return Derivation("det", "Find det A.", (("A", A),), (step,), after, "det A")


def test_true_step_verifies_and_false_step_does_not():
    assert _derivation(sp.Integer(-2)).verified
    assert not _derivation(sp.Integer(2)).verified


def test_unknown_rule_refused():
    with pytest.raises(ValueError):
        Step("made_up_rule", "x", 1, 1)


def test_inequality_and_definition_relations():
    x, u = sp.symbols("x u")
    assert Step("counterexample", "AB and BA differ.", A * A.T, A.T * A, relation="!=").verify()
    assert not Step("counterexample", "equal really", A, A, relation="!=").verify()
    assert Step("substitution", "let u = 1 + e^x", u, 1 + sp.exp(x), relation=":=").verify()
    assert not Step("substitution", "circular", u, u + 1, relation=":=").verify()


def test_numeric_backstop_decides_identities_exact_algebra_misses():
    x = sp.Symbol("x")
    assert Step("simplify", "identity", sp.sin(x) ** 2 + sp.cos(x) ** 2, sp.Integer(1)).verify()
    assert not Step("simplify", "not an identity", sp.sin(x) ** 2, sp.Integer(1)).verify()


def test_derivation_is_immutable():
    derivation = _derivation(sp.Integer(-2))
    with pytest.raises(Exception):
        derivation.result = 3


@pytest.mark.parametrize("fmt", ["text", "latex", "json"])
def test_every_format_renders(fmt):
    out = render(_derivation(sp.Integer(-2)), fmt)
    assert "-2" in out


def test_repr_latex_for_jupyter_is_one_mathjax_block():
    latex = Worked.of(_derivation(sp.Integer(-2)))._repr_latex_()
    assert latex.startswith("$$\\begin{aligned}") and latex.endswith("\\end{aligned}$$")
    assert "vmatrix" in latex and r"\boxed{-2}" in latex
    assert "enumerate" not in latex and r"\item" not in latex
    assert latex.count("{") == latex.count("}")


def test_repr_latex_text_cannot_inject_tex():
    step = Step("det_2x2", r"a {weird} \input{x} $ & % # text", sp.Determinant(A), sp.Integer(-2))
    derivation = Derivation("det", r"\write18{ls}", (("A", A),), (step,), sp.Integer(-2), "det A")
    latex = Worked.of(derivation)._repr_latex_()
    assert r"\input" not in latex and r"\write18" not in latex and "$ &" not in latex


def test_the_core_value_has_no_display_of_its_own_and_worked_adds_it():
    """Display lives above the renderers (api.Worked), so the core value imports nothing above it."""
    derivation = _derivation(sp.Integer(-2))
    assert not hasattr(derivation, "_repr_latex_")
    worked = Worked.of(derivation)
    assert worked.steps is derivation.steps and worked.verified
    assert "Verified" in str(worked)
