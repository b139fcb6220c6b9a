"""``derive loss NAME [--through sigmoid|softmax|identity] [--classes K]``.

The derivative with respect to the prediction by the rules, its hand form, convexity, the
kink conventions, and through an output function the derivative with respect to the logits
by the chain rule, simplified (BCE through sigmoid gives sigma(z) - y).
"""
from __future__ import annotations

from types import MappingProxyType

import sympy as sp

from symprimer.calculus.differentiate import differentiate_steps
from symprimer.calculus.worked import worked_derivative
from symprimer.core.errors import InputError
from symprimer.nn.derive_cce import derive_cce
from symprimer.core.functions import sigmoid
from symprimer.nn.losses import LOSSES, Loss, y, z
from symprimer.nn.textbook import textbook_working
from symprimer.render.conventions import NATURAL_LOG
from symprimer.render.notation import to_latex
from symprimer.core.steps import Derivation, Step

L = sp.Symbol("L", real=True)
OUTPUTS = MappingProxyType({"identity": z, "sigmoid": sigmoid(z)})
LINKS = ("identity", "sigmoid", "softmax")


def lookup(name: str) -> Loss:
    entry = LOSSES.get(name.strip())
    if entry is None:
        raise InputError(f"there is no loss {name.strip()!r}; the catalogue has: {', '.join(LOSSES)}.")
    return entry


def derive_loss(inputs: tuple[str, ...], through: str | None = None, classes: int | None = None) -> Derivation:
    entry = lookup(inputs[0])
    if through is not None and through not in LINKS:
        raise InputError(f"--through {through!r} is not an output function here; use one of {', '.join(LINKS)}.")
    if entry.name == "cce":
        return derive_cce(entry, through, classes, inputs)
    if classes is not None:
        raise InputError(f"--classes applies to the categorical cross-entropy (cce) only, not to {entry.name}.")
    if through == "softmax":
        raise InputError(f"--through softmax goes with the categorical cross-entropy (cce), not with {entry.name}.")
    derivative_step, raw_first = _prediction_derivative(entry)
    steps = [_definition(entry), derivative_step]
    steps.extend(_convexity(entry, raw_first))
    steps.extend(_kinks(entry))
    result, label = entry.derivative, f"${_partial('L', entry.prediction)}$"
    if through is not None:
        link_steps, result = _through(entry, through)
        steps.extend(link_steps)
        label = f"${_partial('L', z)}$"
    return Derivation(
        kind="loss",
        question=_question(entry, through),
        given=(("L", entry.definition),),
        steps=tuple(steps),
        result=result,
        result_label=label,
        notes=_notes(entry),
        details=_details(entry, through) + (("result_elementary", result.doit()),),
        source=inputs,
    )


def _question(entry: Loss, through: str | None) -> str:
    pred = to_latex(entry.prediction)
    base = f"Differentiate the {entry.title} $L$ with respect to the prediction ${pred}$"
    if through:
        return base + f", then with respect to the logit $z$ where ${pred} = {to_latex(OUTPUTS[through])}$."
    return base + "."


def _definition(entry: Loss) -> Step:
    text = f"The {entry.title}, used for {entry.use}; labels {entry.labels}:"
    return Step("loss_definition", text, L, entry.definition, relation=":=")


def _prediction_derivative(entry: Loss) -> tuple[Step, sp.Expr]:
    """The derivative in the prediction (hand form), and the rules' raw result before rewriting."""
    pred = entry.prediction
    steps, form = worked_derivative(entry.definition, pred, tidy=False)
    raw = steps[0].after
    if form != entry.derivative:
        working = textbook_working(entry.name, form, entry.derivative)
        text = entry.hand_text or "Written the way it is usually given:"
        steps = (*steps, Step("hand_form", text, form, entry.derivative, substeps=working))
    text = f"Differentiate with respect to the prediction ${to_latex(pred)}$; the label $y$ is held constant."
    rule = "partial_derivative"
    if entry.name == "zero_one":
        rule = "no_useful_gradient"
        text = (
            "The zero-one loss is constant on each side of the decision boundary $y f = 0$, so its derivative is $0$ "
            "wherever it exists and it jumps at the boundary: gradient descent gets no signal from it, which is why "
            "surrogate losses (hinge, cross-entropy) are minimised instead."
        )
    return Step(rule, text, sp.Derivative(entry.definition, pred), entry.derivative, substeps=steps), raw


def _convexity(entry: Loss, raw_first: sp.Expr) -> tuple[Step, ...]:
    """The second derivative (from the hand form, or from the rules' sum form when the hand form is a
    quotient), then its hand form."""
    if entry.second_derivative is None:
        return ()
    start = entry.derivative if sp.denom(entry.derivative) == 1 else raw_first  # the easier form to differentiate
    tree, second = differentiate_steps(start, entry.prediction)
    steps = [tree]
    if second != entry.second_derivative:
        steps.append(Step("hand_form", "Written as it is usually given:", second, entry.second_derivative))
    text = f"Convexity: {entry.convexity}."
    return (
        Step("convexity", text, sp.Derivative(entry.definition, (entry.prediction, 2)), entry.second_derivative,
             substeps=tuple(steps)),
    )


def _kinks(entry: Loss) -> tuple[Step, ...]:
    steps = []
    for (at_prediction, at_label), value in entry.kink_values:
        pairs = [(entry.prediction, at_prediction)] + ([(y, at_label)] if at_label != y else [])
        variables, points = zip(*pairs)
        before = sp.Subs(entry.derivative, variables, points)
        steps.append(Step("kink_convention", f"The kink: {entry.kink_text}.", before, value))
    return tuple(steps)


def _through(entry: Loss, link: str) -> tuple[tuple[Step, ...], sp.Expr]:
    pred = entry.prediction
    output = OUTPUTS[link]
    let = Step("let", f"The prediction is the {link} of the logit $z$:", pred, output, relation=":=")
    output_step, d_output = differentiate_steps(output, z)
    outer = entry.derivative.subs(pred, output)
    chained = sp.Mul(outer, d_output, evaluate=False)
    chain = Step(
        "chain_rule",
        (f"Chain rule: ${_partial('L', z)} = {_partial('L', pred)} \\cdot {_partial(pred, z)}$, with ${_partial('L', pred)}$ "
         f"from above evaluated at ${to_latex(pred)} = {to_latex(output)}$."),
        sp.Derivative(entry.definition.subs(pred, output), z),
        chained,
        substeps=(output_step,),
    )
    steps = [let, chain]
    simplified = dict(entry.through).get(link)
    if simplified is None:
        simplified = _cancel_in_sigmoid(chained)
    if simplified != chained:
        text = r"Simplify: the factors $\sigma(z)\bigl(1 - \sigma(z)\bigr)$ cancel." if link == "sigmoid" else "Simplify."
        steps.append(Step("simplify", text, chained, simplified))
    return tuple(steps), simplified


def _cancel_in_sigmoid(expr: sp.Expr) -> sp.Expr:
    if expr.has(sp.Piecewise, sp.Max, sp.Abs, sp.sign):
        return expr
    s = sp.Dummy("s")
    cancelled = sp.factor(sp.cancel(expr.xreplace({sigmoid(z): s})))
    candidate = cancelled.xreplace({s - 1: sp.Mul(-1, 1 - s, evaluate=False)}).xreplace({s: sigmoid(z)})
    return candidate if sp.count_ops(candidate) < sp.count_ops(expr) else expr


def _notes(entry: Loss) -> tuple[str, ...]:
    notes = [f"used for {entry.use}.", f"convexity: {entry.convexity}."] + ([NATURAL_LOG] if entry.definition.has(sp.log) else [])
    if entry.kink_text:
        notes.append(f"kink: {entry.kink_text}.")
    if entry.parameters:
        notes.append("defaults: " + ", ".join(f"${to_latex(s)} = {to_latex(v)}$ ({m})" for s, v, m in entry.parameters) + ".")
    return tuple(notes)


def _partial(top: object, bottom: object) -> str:
    """``\\frac{\\partial L}{\\partial p}`` for the prose."""
    return rf"\frac{{\partial {to_latex(top)}}}{{\partial {to_latex(bottom)}}}"


def _details(entry: Loss, through: str | None) -> tuple[tuple[str, object], ...]:
    return (
        ("name", entry.name),
        ("definition", entry.definition),
        ("prediction", entry.prediction.name),
        ("label", "y"),
        ("derivative", entry.derivative),
        ("through", through or "none"),
        ("use", entry.use),
        ("convexity", entry.convexity),
        ("parameters", {s.name: str(v) for s, v, _ in entry.parameters}),
    )
