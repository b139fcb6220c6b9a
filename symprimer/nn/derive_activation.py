"""``derive activation NAME``: definition, derivative by the rules, hand form, kinks (PyTorch)."""
from __future__ import annotations

import sympy as sp

from symprimer.calculus.inputs import read_point
from symprimer.calculus.limits import SUBGRADIENT, differentiability_steps
from symprimer.calculus.worked import worked_derivative
from symprimer.core.errors import InputError
from symprimer.nn.activations import ACTIVATIONS, SOFTMAX_CLASSES, Z, Activation
from symprimer.core.functions import softmax_component
from symprimer.nn.textbook import softmax_working, textbook_working
from symprimer.render.notation import to_latex
from symprimer.core.steps import Derivation, Step

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
        f"The {entry.title}{_pytorch_name(entry)}{_parameter_sentence(entry)}:",
        F, entry.definition, relation=":=",
    )
    steps, form = worked_derivative(entry.definition, entry.variable, tidy=False)
    steps = (definition, *steps, *_hand_form(form, entry))
    kinks = tuple(_kink_step(entry, point, value) for point, value in entry.kink_values)
    return Derivation(
        kind="activation",
        question=f"Differentiate the {entry.title} activation $f(x)$.",
        given=(("f", entry.definition),),
        steps=steps + kinks,
        result=entry.derivative,
        result_label="$f'(x)$",
        notes=_notes(entry),
        details=_details(entry),
        source=inputs,
    )


# Catalogue entries with no function of that name in torch.nn.functional.
NOT_IN_PYTORCH = frozenset({"binary_step", "gaussian"})


def _pytorch_name(entry: Activation) -> str:
    """The function's name in PyTorch, only where PyTorch has one."""
    return "" if entry.name in NOT_IN_PYTORCH else f" ({entry.name} in PyTorch)"


def _parameter_sentence(entry: Activation) -> str:
    if not entry.parameters:
        return ""
    parts = [f"${to_latex(symbol)} = {to_latex(sp.N(value, 17) if value.is_Float else value)}$ ({meaning})"
             for symbol, value, meaning in entry.parameters]
    return "; parameters: " + "; ".join(parts)


def _hand_form(form: sp.Expr, entry: Activation) -> tuple[Step, ...]:
    if form == entry.derivative:
        return ()
    text = entry.hand_text or "Written the way the derivative is usually given:"
    working = textbook_working(entry.name, form, entry.derivative)
    return (Step("hand_form", text, form, entry.derivative, substeps=working),)


def _kink_step(entry: Activation, point: sp.Expr, value: sp.Expr) -> Step:
    """What happens at a kink, in a sentence built from the same analysis its working shows;
    where no derivative exists the value PyTorch uses is displayed as its chosen sub-gradient,
    never as the derivative's value."""
    analysis = differentiability_steps(entry.definition, entry.variable, point)
    text = f"{kink_status(entry, analysis, point)} Convention: {entry.convention}."
    shown = tuple(step for step in analysis.steps if step.rule != "kink_convention")
    at_point = sp.Subs(entry.derivative, entry.variable, point)
    if analysis.differentiable:
        return Step("kink_convention", text, at_point, value, substeps=shown)
    branch = Step("substitution", f"The branch PyTorch uses at $x = {sp.latex(point)}$ gives this value.", at_point, value, detail="full")
    return Step("kink_convention", text, SUBGRADIENT, value, relation=":=", substeps=(*shown, branch))




def kink_status(entry: Activation, analysis, point: sp.Expr) -> str:
    """Continuous? Differentiable? Decided by the one-sided derivatives the working computes:
    a claim that depends on a parameter (ELU's alpha, PReLU's a) says on which values."""
    where = f"At $x = {to_latex(point)}$"
    if analysis.differentiable:
        return f"{where} the one-sided derivatives agree, so $f$ is differentiable there."
    if not analysis.continuous:
        return f"{where}, $f$ jumps, so it is not differentiable there."
    left, right = analysis.left, analysis.right
    names = {symbol for symbol, _, _ in entry.parameters}
    gap = sp.simplify(left - right) if left is not None and right is not None else None
    if gap is None or not (gap.free_symbols and gap.free_symbols <= names):
        slopes = "" if gap is None else f": its one-sided derivatives are ${to_latex(left)}$ and ${to_latex(right)}$"
        return f"{where}, $f$ is continuous but not differentiable (a kink){slopes}."
    roots = sp.solve(sp.Eq(gap, 0), sorted(gap.free_symbols, key=str), dict=True)
    condition = " or ".join(", ".join(f"{to_latex(k)} = {to_latex(v)}" for k, v in root.items()) for root in roots)
    named = sorted({symbol for root in roots for symbol in root}, key=str)
    defaults = entry.defaults
    default = ", ".join(f"{to_latex(symbol)} = {_number_latex(defaults[symbol])}" for symbol in named)
    smooth_by_default = bool(roots) and sp.simplify(gap.subs(defaults)) == 0
    return (
        f"{where}, $f$ is continuous, and its one-sided derivatives ${to_latex(left)}$ and ${to_latex(right)}$ agree "
        f"only when ${condition}$: $f$ is differentiable there for ${condition}$ and has a kink otherwise "
        f"(at PyTorch's default ${default}$ it is {'differentiable' if smooth_by_default else 'a kink'})."
    )


def _number_latex(value: sp.Expr) -> str:
    return sp.latex(sp.Float(value, 6) if value.is_Float else value)


def _at_kink(entry: Activation, point: sp.Expr, inputs: tuple[str, ...]) -> Derivation:
    values = dict(entry.kink_values)
    if point not in values:
        where = ", ".join(str(p) for p in values) or "nowhere (it is smooth)"
        raise InputError(f"{entry.name} has no kink at x = {point}; its kinks are at {where}.")
    step = _kink_step(entry, point, values[point])
    return Derivation(
        kind="activation",
        question=f"Is the {entry.title} differentiable at ${to_latex(entry.variable)} = {to_latex(point)}$, and which value does PyTorch use there?",
        given=(("f", entry.definition),),
        steps=(step,),
        result=values[point],
        result_label=f"$f'({to_latex(point)})$ by PyTorch's convention",
        notes=_notes(entry),
        details=_details(entry),
        source=inputs,
    )


def _softmax(entry: Activation, inputs: tuple[str, ...]) -> Derivation:
    K = SOFTMAX_CLASSES
    s = [softmax_component(i, *Z) for i in range(1, K + 1)]
    names = sp.symbols(f"s_1:{K + 1}", real=True)
    steps = [
        Step("activation_definition", f"Softmax of $K = {K}$ logits: component $i$ is $s_{{i}} = e^{{z_{{i}}}} / \\sum_{{k}} e^{{z_{{k}}}}$.",
             names[0], s[0].as_quotient(), relation=":=")
    ]
    for i, j in ((1, 1), (1, 2)):
        tree, raw = worked_derivative(s[i - 1].as_quotient(), Z[j - 1], tidy=False)
        hand = s[i - 1] * ((1 if i == j else 0) - s[j - 1])
        text = (f"Hand form of $\\frac{{\\partial s_{{{i}}}}}{{\\partial z_{{{j}}}}}$: "
                + ("$s_{i} (1 - s_{i})$ when $i = j$." if i == j else "$-s_{i} s_{j}$ when $i \\neq j$."))
        steps.append(
            Step("quotient_rule", f"Entry $({i}, {j})$ of the Jacobian by the quotient rule.",
                 sp.Derivative(s[i - 1].as_quotient(), Z[j - 1]), hand,
                 substeps=(*tree, Step("hand_form", text, raw, hand, substeps=softmax_working(i, j, Z, raw, hand))))
        )
    jacobian = entry.derivative
    steps.append(
        Step("softmax_jacobian", r"All entries follow the same pattern: $\frac{\partial s_{i}}{\partial z_{j}} = s_{i} (\delta_{ij} - s_{j})$.",
             sp.ImmutableMatrix(K, K, lambda i, j: sp.Derivative(s[i].as_quotient(), Z[j])), jacobian)
    )
    steps.append(
        Step("check", "Each row of the Jacobian sums to $0$, because the $s_{i}$ always sum to $1$.",
             sp.ImmutableMatrix([sum(jacobian.row(i)) for i in range(K)]), sp.zeros(K, 1))
    )
    return Derivation(
        kind="activation",
        question=f"Find the Jacobian of softmax over $K = {K}$ logits $z_{{1}}, \\ldots, z_{{{K}}}$.",
        given=(("s", entry.definition),),
        steps=tuple(steps),
        result=jacobian,
        result_label=r"Jacobian $\frac{\partial s_{i}}{\partial z_{j}}$",
        notes=_notes(entry),
        details=_details(entry),
        source=inputs,
    )


def _value_latex(value: sp.Expr) -> str:
    """``= 1`` for an exact default, ``\\approx 1.673263242`` for one of PyTorch's long constants."""
    return rf"\approx {to_latex(sp.N(value, 10))}" if value.is_Float else f"= {to_latex(value)}"


def _notes(entry: Activation) -> tuple[str, ...]:
    """Facts no step states: a kink step already says the convention, and the definition's
    sentence the parameters' defaults, so neither is said again here."""
    notes = [f"range {entry.value_range}; {entry.monotonicity}; {entry.continuity}."]
    if entry.convention and not entry.kink_values:
        notes.append(f"PyTorch convention: {entry.convention}.")
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
