"""``derive activation NAME``: definition, derivative by the rules, hand form, kinks (PyTorch)."""
from __future__ import annotations

import sympy as sp

from symprimer.calculus.inputs import read_point
from symprimer.calculus.limits import differentiability_steps
from symprimer.calculus.worked import worked_derivative
from symprimer.errors import InputError
from symprimer.nn.activations import ACTIVATIONS, SOFTMAX_CLASSES, Z, Activation
from symprimer.nn.functions import softmax_component
from symprimer.nn.textbook import softmax_working, textbook_working
from symprimer.render.handprint import hand_string
from symprimer.steps import Derivation, Step

F = sp.Symbol("f", real=True)


def lookup(name: str) -> Activation:
    entry = ACTIVATIONS.get(name.strip())
    if entry is None:
        raise InputError(f"there is no activation {name.strip()!r}; the catalogue has: {', '.join(ACTIVATIONS)}.")
    return entry


def derive_activation(inputs: tuple[str, ...], at: str | None = None) -> Derivation:
    entry = lookup(inputs[0])
    if entry.name == "softmax":
        if at is not None:
            raise InputError("softmax is smooth and has no kinks, so --at does not apply to it.")
        return _softmax(entry, inputs)
    if at is not None:
        return _at_kink(entry, read_point(at), inputs)
    definition = Step(
        "activation_definition",
        f"The {entry.title} ({entry.name} in PyTorch){_parameter_sentence(entry)}:",
        F, entry.definition, relation=":=",
    )
    steps, form = worked_derivative(entry.definition, entry.variable, tidy=False)
    steps = (definition, *steps, *_hand_form(form, entry))
    kinks = tuple(_kink_step(entry, point, value) for point, value in entry.kink_values)
    return Derivation(
        kind="activation",
        question=f"Differentiate the {entry.title} activation f(x) = {entry.name}(x).",
        given=(("f", entry.definition),),
        steps=steps + kinks,
        result=entry.derivative,
        result_label=f"{entry.name}'(x)",
        notes=_notes(entry),
        details=_details(entry),
        source=inputs,
    )


def _parameter_sentence(entry: Activation) -> str:
    if not entry.parameters:
        return ""
    parts = [f"{symbol.name} = {sp.N(value, 17) if value.is_Float else hand_string(value)} ({meaning})" for symbol, value, meaning in entry.parameters]
    return "; parameters: " + "; ".join(parts)


def _hand_form(form: sp.Expr, entry: Activation) -> tuple[Step, ...]:
    if form == entry.derivative:
        return ()
    text = entry.hand_text or "Written the way the derivative is usually given:"
    working = textbook_working(entry.name, form, entry.derivative)
    return (Step("hand_form", text, form, entry.derivative, substeps=working),)


def _kink_step(entry: Activation, point: sp.Expr, value: sp.Expr) -> Step:
    analysis = differentiability_steps(entry.definition, entry.variable, point)
    if analysis.differentiable:
        status = f"At x = {point} the one-sided derivatives agree, so f is differentiable there."
    elif analysis.continuous:
        status = f"At x = {point} f is continuous but not differentiable (a kink)."
    else:
        status = f"At x = {point} f jumps, so it is not differentiable there."
    text = f"{status} Convention: {entry.convention}."
    shown = tuple(step for step in analysis.steps if step.rule != "kink_convention")
    return Step("kink_convention", text, sp.Subs(entry.derivative, entry.variable, point), value, substeps=shown)


def _at_kink(entry: Activation, point: sp.Expr, inputs: tuple[str, ...]) -> Derivation:
    values = dict(entry.kink_values)
    if point not in values:
        where = ", ".join(str(p) for p in values) or "nowhere (it is smooth)"
        raise InputError(f"{entry.name} has no kink at x = {point}; its kinks are at {where}.")
    step = _kink_step(entry, point, values[point])
    return Derivation(
        kind="activation",
        question=f"Is {entry.name} differentiable at x = {point}, and which value does PyTorch use there?",
        given=(("f", entry.definition),),
        steps=(step,),
        result=values[point],
        result_label=f"{entry.name}'({point}) by PyTorch's convention",
        notes=_notes(entry),
        details=_details(entry),
        source=inputs,
    )


def _softmax(entry: Activation, inputs: tuple[str, ...]) -> Derivation:
    K = SOFTMAX_CLASSES
    s = [softmax_component(i, *Z) for i in range(1, K + 1)]
    names = sp.symbols(f"s_1:{K + 1}", real=True)
    steps = [
        Step("activation_definition", f"Softmax of K = {K} logits: component i is s_i = e^(z_i) / sum_k e^(z_k).",
             names[0], s[0].as_quotient(), relation=":=")
    ]
    for i, j in ((1, 1), (1, 2)):
        tree, raw = worked_derivative(s[i - 1].as_quotient(), Z[j - 1], tidy=False)
        hand = s[i - 1] * ((1 if i == j else 0) - s[j - 1])
        text = f"Hand form of ds_{i}/dz_{j}: " + ("s_i (1 - s_i) when i = j." if i == j else "-s_i s_j when i != j.")
        steps.append(
            Step("quotient_rule", f"Entry ({i}, {j}) of the Jacobian by the quotient rule.",
                 sp.Derivative(s[i - 1].as_quotient(), Z[j - 1]), hand,
                 substeps=(*tree, Step("hand_form", text, raw, hand, substeps=softmax_working(i, j, Z, raw, hand))))
        )
    jacobian = entry.derivative
    steps.append(
        Step("softmax_jacobian", "All entries follow the same pattern: ds_i/dz_j = s_i (delta_ij - s_j).",
             sp.ImmutableMatrix(K, K, lambda i, j: sp.Derivative(s[i].as_quotient(), Z[j])), jacobian)
    )
    steps.append(
        Step("check", "Each row of the Jacobian sums to 0, because the s_i always sum to 1.",
             sp.ImmutableMatrix([sum(jacobian.row(i)) for i in range(K)]), sp.zeros(K, 1))
    )
    return Derivation(
        kind="activation",
        question=f"Find the Jacobian of softmax over K = {K} logits z_1, ..., z_{K}.",
        given=(("s", entry.definition),),
        steps=tuple(steps),
        result=jacobian,
        result_label="Jacobian ds_i/dz_j",
        notes=_notes(entry),
        details=_details(entry),
        source=inputs,
    )


def _notes(entry: Activation) -> tuple[str, ...]:
    notes = [f"range {entry.value_range}; {entry.monotonicity}; continuity {entry.continuity}."]
    if entry.convention:
        notes.append(f"PyTorch convention: {entry.convention}.")
    if entry.parameters:
        notes.append("defaults: " + ", ".join(f"{s.name} = {hand_string(v)}" for s, v, _ in entry.parameters) + ".")
    return tuple(notes)


def _details(entry: Activation) -> tuple[tuple[str, object], ...]:
    return (
        ("name", entry.name),
        ("definition", entry.definition),
        ("derivative", entry.derivative),
        ("derivative_elementary", entry.derivative.doit()),  # sigma and s_i written out: sympify reads it back
        ("range", entry.value_range),
        ("monotonicity", entry.monotonicity),
        ("continuity", entry.continuity),
        ("parameters", {s.name: str(v) for s, v, _ in entry.parameters}),
        ("kinks", {str(p): str(v) for p, v in entry.kink_values}),
        ("convention", entry.convention),
    )
