"""The catalogue's derivatives in their textbook forms: each final form is checked against
SymPy's own derivative (the independent oracle), its LaTeX against the form a lecturer writes,
and every step of the derivation that reaches it verifies."""
from __future__ import annotations

import pytest
import sympy as sp

from conftest import assert_fully_verified
from symprimer.api import derive
from symprimer.nn.activations import ACTIVATIONS
from symprimer.nn.losses import LOSSES, p, y, z
from symprimer.render.latex import render_latex
from symprimer.render.notation import to_latex

SIGMA_X = r"\sigma\left(x\right)"


def _elementary(expr: sp.Expr) -> sp.Expr:
    return expr.doit()


def _same(left: sp.Expr, right: sp.Expr) -> bool:
    return sp.simplify(_elementary(left) - _elementary(right)) == 0


POINTS = (
    (sp.Rational(1, 3), 1), (2, 1), (sp.Rational(-3, 2), -1), (sp.Rational(1, 3), -1), (sp.Rational(-5, 4), sp.Rational(1, 2)),
)


def _agrees_at_points(left: sp.Expr, right: sp.Expr, variable: sp.Symbol) -> bool:
    """Equal at points away from every kink (y f never 1), for forms with Max or Piecewise."""
    for value, label in POINTS:
        point = {variable: value, y: label}
        if abs(sp.N(_elementary(left).subs(point) - _elementary(right).subs(point))) > 1e-12:
            return False
    return True


ACTIVATION_FORMS = [
    ("sigmoid", SIGMA_X + r" \left(1 - " + SIGMA_X + r"\right)"),
    ("gelu", r"\Phi\left(x\right) + x \phi\left(x\right)"),
    ("silu", SIGMA_X + r" \left(1 + x \left(1 - " + SIGMA_X + r"\right)\right)"),
    ("softplus", SIGMA_X),
]


@pytest.mark.parametrize("name, latex", ACTIVATION_FORMS)
def test_activation_derivative_in_textbook_form(name, latex):
    entry = ACTIVATIONS[name]
    derivation = derive("activation", name)
    assert_fully_verified(derivation)
    assert _same(derivation.result, sp.diff(_elementary(entry.definition), entry.variable))
    assert to_latex(derivation.result) == latex
    assert r"\boxed{" + latex + "}" in render_latex(derivation)


def test_leaky_relu_slope_is_written_as_a_decimal():
    entry = ACTIVATIONS["leaky_relu"]
    assert r"0.01 x" in to_latex(entry.definition)
    derivation = derive("activation", "leaky_relu")
    assert_fully_verified(derivation)
    latex = render_latex(derivation)
    assert r"\frac{x}{100}" not in latex and r"\frac{1}{100}" not in latex
    assert to_latex(derivation.result) == r"\begin{cases} 1 & \text{for}\: x > 0 \\0.01 & \text{otherwise} \end{cases}"
    assert _same(derivation.result, sp.diff(_elementary(entry.definition), entry.variable))
    assert derive("activation", "leaky_relu", at="0").result.doit() == sp.Rational(1, 100)


def test_prelu_default_slope_is_written_as_a_decimal():
    entry = ACTIVATIONS["prelu"]
    derivation = derive("activation", "prelu")
    assert "a = 0.25" in derivation.steps[0].text
    assert entry.defaults[sp.Symbol("a", real=True)].doit() == sp.Rational(1, 4)


@pytest.mark.parametrize(
    "kind, name, steps", [("activation", "sigmoid", 4), ("activation", "gelu", 2), ("activation", "silu", 2), ("loss", "bce", 2)]
)
def test_hand_form_rewrite_is_shown_as_algebra(kind, name, steps):
    """The rewrite into the textbook form is worked line by line, each line a verified step
    that starts where the previous one ended."""
    derivation = derive(kind, name)
    (hand,) = [step for step in derivation.walk() if step.rule == "hand_form"]
    assert len(hand.substeps) == steps
    assert hand.substeps[0].before == hand.before and hand.substeps[-1].after == hand.after
    for earlier, later in zip(hand.substeps, hand.substeps[1:]):
        assert earlier.after == later.before
    assert all(line.verify_self() for line in hand.substeps)


def test_softmax_rewrite_is_shown_as_algebra(fully_verified):
    """ds_i/dz_j from the quotient rule to s_i(delta_ij - s_j): one factor of the squared
    denominator under each part, then s_i recognised; each line verified and chained, and the
    form reached is SymPy's own derivative of the softmax component."""
    derivation = derive("activation", "softmax")
    fully_verified(derivation)
    entry = ACTIVATIONS["softmax"]
    hands = [step for step in derivation.walk() if step.rule == "hand_form"]
    assert [len(hand.substeps) for hand in hands] == [3, 2]
    for hand in hands:
        lines = hand.substeps
        assert lines[0].before == hand.before and lines[-1].after == hand.after
        assert all(earlier.after == later.before for earlier, later in zip(lines, lines[1:]))
        assert all(line.verify_self() for line in lines) and lines[-1].text.startswith("Recognise $s_{")
    z1, z2 = entry.variable, sp.Symbol("z_2", real=True)
    component = entry.definition[0]
    for hand, logit in zip(hands, (z1, z2)):
        assert sp.simplify(hand.after.doit() - sp.diff(component, logit)) == 0


LOSS_FORMS = [
    ("squared", None, r"2 \left(f - y\right)", r"\left(f - y\right)^{2}"),
    ("hinge", None, r"\begin{cases} - y & \text{for}\: y f < 1 \\0 & \text{otherwise} \end{cases}",
     r"\max\left(0, 1 - y f\right)"),
    ("squared_hinge", None, r"- 2 y \max\left(0, 1 - y f\right)", None),
    ("bce", "sigmoid", r"\sigma\left(z\right) - y", None),
    ("squared", "identity", r"2 \left(z - y\right)", None),
]


@pytest.mark.parametrize("name, through, derivative_latex, definition_latex", LOSS_FORMS)
def test_loss_derivative_in_textbook_form(name, through, derivative_latex, definition_latex):
    entry = LOSSES[name]
    options = {"through": through} if through else {}
    derivation = derive("loss", name, **options)
    assert_fully_verified(derivation)
    definition = entry.definition
    variable = entry.prediction
    if through == "sigmoid":
        from symprimer.core.functions import sigmoid

        definition, variable = definition.xreplace({p: sigmoid(z)}), z
    elif through == "identity":
        definition, variable = definition.xreplace({entry.prediction: z}), z
    oracle = sp.diff(_elementary(definition), variable)
    assert _agrees_at_points(derivation.result, oracle, variable)
    if derivative_latex:
        assert to_latex(derivation.result) == derivative_latex
    if definition_latex:
        assert to_latex(entry.definition) == definition_latex


def test_hinge_derivative_agrees_with_sympy_away_from_the_kink():
    entry = LOSSES["hinge"]
    oracle = sp.diff(_elementary(entry.definition), entry.prediction)
    assert _agrees_at_points(entry.derivative, oracle, entry.prediction)


def test_cross_entropy_through_softmax_is_p_minus_y():
    derivation = derive("loss", "cce", through="softmax")
    assert_fully_verified(derivation)
    entries = [to_latex(entry) for entry in derivation.result]
    assert entries == [rf"p_{{{i}}} - y_{{{i}}}" for i in range(1, len(entries) + 1)]


def test_logistic_gradient_is_written_through_the_sigmoid_of_the_margin():
    text = "log(1 + exp(-y*(w1*x1 + w2*x2 + b)))"
    derivation = derive("grad", text, wrt="w1,w2,b")
    assert_fully_verified(derivation)
    w1, w2, b, x1, x2, yy = sp.symbols("w1 w2 b x1 x2 y", real=True)
    loss = sp.log(1 + sp.exp(-yy * (w1 * x1 + w2 * x2 + b)))
    names = {s.name: s for s in loss.free_symbols}
    result = derivation.result.xreplace({s: names[s.name] for s in derivation.result.free_symbols})
    for entry, variable in zip(result, (w1, w2, b)):
        assert _same(entry, sp.diff(loss, variable))
    margin = r"\sigma\left(- y \left(b + w_{1} x_{1} + w_{2} x_{2}\right)\right)"
    assert to_latex(derivation.result[0]) == r"- y x_{1} " + margin
    assert to_latex(derivation.result[2]) == r"- y " + margin


def test_cofactors_of_the_letter_matrix_in_written_order():
    derivation = derive("cofactors", "[[a,b,c],[x,y,z],[m,l,p]]")
    assert_fully_verified(derivation)
    latex = render_latex(derivation)
    assert r"= y p - z l \]" in latex
    assert r"= - \left(x p - z m\right) \]" in latex
    matrix = sp.Matrix(3, 3, sp.symbols("a b c x y z m l p"))
    names = {s.name: s for s in matrix.free_symbols}
    result = derivation.result.xreplace({s: names[s.name] for s in derivation.result.free_symbols})
    assert sp.simplify(result - matrix.adjugate().T) == sp.zeros(3, 3)


def test_row_times_column_in_the_order_of_the_sum():
    derivation = derive("matmul", "[[a,b,c],[x,y,z]]", "[[d,e],[l,m],[1,0]]")
    assert_fully_verified(derivation)
    (product,) = derivation.steps
    entry = product.substeps[2]
    assert to_latex(entry.before) == r"x d + y l + z \cdot 1"
    left = sp.Matrix([[sp.Symbol("a"), sp.Symbol("b"), sp.Symbol("c")], [sp.Symbol("x"), sp.Symbol("y"), sp.Symbol("z")]])
    right = sp.Matrix([[sp.Symbol("d"), sp.Symbol("e")], [sp.Symbol("l"), sp.Symbol("m")], [1, 0]])
    names = {s.name: s for s in (left * right).free_symbols}
    value = entry.after.xreplace({s: names[s.name] for s in entry.after.free_symbols})
    assert sp.expand(value - (left * right)[1, 0]) == 0


def test_the_catalogue_table_prints_the_textbook_forms():
    from symprimer.nn.tables import catalogue_table

    losses = catalogue_table("losses")
    for form in ("through sigmoid: sigmoid(z) - y", "2*(f - y)", "Max(0, 1 - y*f)", "through softmax pᵢ - yᵢ"):
        assert form in losses
    activations = catalogue_table("activations")
    for form in ("sigmoid(x)*(1 - sigmoid(x))", "Phi(x) + x*phi(x)", "0.01*x", "sigmoid(x)*(1 + x*(1 - sigmoid(x)))"):
        assert form in activations
