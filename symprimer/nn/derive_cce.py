"""The categorical cross-entropy over K classes: dL/dp_i, and through softmax dL/dz_i = p_i - y_i.

The last step uses sum_j y_j = 1; it is verified by putting y_K = 1 - y_1 - ... - y_(K-1) on
both sides, so the claim the step makes is exactly the one the reader is asked to accept.
"""
from __future__ import annotations

import sympy as sp

from symprimer.calculus.worked import partial_step
from symprimer.core.errors import InputError
from symprimer.core.functions import softmax_probability
from symprimer.nn.losses import DEFAULT_CLASSES, MAX_CLASSES, Loss, cce_definition, cce_symbols
from symprimer.render.conventions import NATURAL_LOG
from symprimer.core.steps import Derivation, Step

L = sp.Symbol("L", real=True)


def derive_cce(entry: Loss, through: str | None, classes: int | None, inputs: tuple[str, ...]) -> Derivation:
    K = DEFAULT_CLASSES if classes is None else classes
    if not 2 <= K <= MAX_CLASSES:
        raise InputError(f"--classes must be between 2 and {MAX_CLASSES} for a worked solution, not {K}.")
    if through not in (None, "softmax"):
        raise InputError(f"the categorical cross-entropy goes through softmax, not {through}.")
    labels, probabilities = cce_symbols(K)
    loss = cce_definition(K)
    definition = Step(
        "loss_definition",
        f"The categorical cross-entropy over $K = {K}$ classes, used for {entry.use}; labels {entry.labels}:",
        L, loss, relation=":=",
    )
    partials = [partial_step(loss, pj, probabilities)[0] for pj in probabilities]
    gradient_p = sp.ImmutableMatrix([-yj / pj for yj, pj in zip(labels, probabilities)])
    by_p = Step("gradient", r"The derivative with respect to each predicted probability $p_{i}$ is $-\frac{y_{i}}{p_{i}}$.",
                sp.ImmutableMatrix([sp.Derivative(loss, pj) for pj in probabilities]), gradient_p,
                substeps=tuple(partials))
    steps = [definition, by_p]
    result, label = gradient_p, r"$\frac{\partial L}{\partial p_{i}}$"
    if through == "softmax":
        more, result = _through_softmax(K, labels, probabilities, loss)
        steps.extend(more)
        label = r"$\frac{\partial L}{\partial z_{i}}$"
    return Derivation(
        kind="loss",
        question=f"Differentiate the categorical cross-entropy over $K = {K}$ classes"
        + (r" with respect to the logits $z_{i}$, where $p = \operatorname{softmax}(z)$." if through
           else " with respect to the probabilities $p_{i}$."),
        given=(("L", loss),),
        steps=tuple(steps),
        result=result,
        result_label=label,
        notes=(f"used for {entry.use}.", f"convexity: {entry.convexity}.", NATURAL_LOG)
        + ((r"the last step uses $\sum_{j} y_{j} = 1$ (the labels are one-hot or a probability vector).",) if through else ()),
        details=(("name", "cce"), ("classes", K), ("through", through or "none"), ("label", "y"),
                 ("definition", loss), ("derivative", result), ("result_elementary", result.doit())),
        source=inputs,
    )


def _through_softmax(K, labels, probabilities, loss) -> tuple[list[Step], sp.ImmutableMatrix]:
    logits = sp.symbols(f"z_1:{K + 1}", real=True)
    soft = [softmax_probability(j, *logits) for j in range(1, K + 1)]
    steps = [
        Step("let", f"The probabilities are the softmax of the logits: $p_{{{j}}} = e^{{z_{{{j}}}}} / \\sum_{{k}} e^{{z_{{k}}}}$.",
             probabilities[j - 1], soft[j - 1].as_quotient(), relation=":=")
        for j in range(1, K + 1)
    ]
    steps.append(
        Step("softmax_jacobian", r"The softmax Jacobian: $\frac{\partial p_{j}}{\partial z_{i}} = p_{j} (\delta_{ij} - p_{i})$.",
             sp.ImmutableMatrix(K, K, lambda j, i: sp.Derivative(soft[j].as_quotient(), logits[i])),
             sp.ImmutableMatrix(K, K, lambda j, i: soft[j] * ((1 if i == j else 0) - soft[i])))
    )
    composed = loss.xreplace(dict(zip(probabilities, (s.as_quotient() for s in soft))))
    constraint = (labels[-1], 1 - sp.Add(*labels[:-1]))
    components, collected_all = [], []
    for i in range(K):
        chained = sp.Mul(-1, sp.Add(
            *(sp.Mul(labels[j] / soft[j], soft[j] * ((1 if i == j else 0) - soft[i]), evaluate=False) for j in range(K)),
            evaluate=False,
        ), evaluate=False)
        collected = -labels[i] + soft[i] * sp.Add(*labels)
        collected_all.append(collected)
        components.append(
            Step(
                "chain_rule",
                (f"Component ${i + 1}$: $\\frac{{\\partial L}}{{\\partial z_{{{i + 1}}}}} = \\sum_{{j}} "
                 f"\\frac{{\\partial L}}{{\\partial p_{{j}}}} \\frac{{\\partial p_{{j}}}}{{\\partial z_{{{i + 1}}}}}$."),
                sp.Derivative(composed, logits[i]),
                collected,
                substeps=(Step("simplify", "The $p_{j}$ cancel; collect the terms with $p_{i}$.", chained, collected),),
            )
        )
    steps.append(
        Step("gradient", "The chain rule for each logit $z_{i}$ (the sum runs over every class $j$):",
             sp.ImmutableMatrix([sp.Derivative(composed, zi) for zi in logits]), sp.ImmutableMatrix(collected_all),
             substeps=tuple(components))
    )
    result = sp.ImmutableMatrix([s - yj for s, yj in zip(soft, labels)])
    steps.append(
        Step("label_constraint",
             (r"The labels sum to one ($\sum_{j} y_{j} = 1$, one-hot or a probability vector), so "
              r"$p_{i} \sum_{j} y_{j} = p_{i}$: evaluated with $y_{%d}$ = $1$ minus the other labels, both sides agree. "
              r"Hence $\frac{\partial L}{\partial z_{i}} = p_{i} - y_{i}$." % K),
             sp.ImmutableMatrix([sp.Subs(c, *constraint) for c in collected_all]),
             sp.ImmutableMatrix([sp.Subs(r, *constraint) for r in result]))
    )
    hessian = sp.ImmutableMatrix(K, K, lambda i, j: soft[i] * ((1 if i == j else 0) - soft[j]))
    steps.append(
        Step("convexity",
             (r"Convexity: differentiating $p_{i} - y_{i}$ once more gives the Hessian $\operatorname{diag}(p) - p p^{T}$. "
              r"It is positive semi-definite, since $v^{T} H v = \sum_{i} p_{i} v_{i}^{2} - \bigl(\sum_{i} p_{i} v_{i}\bigr)^{2} "
              r"\geq 0$ (the $p_{i}$ are weights summing to $1$), so the loss is convex in the logits."),
             sp.ImmutableMatrix(K, K, lambda i, j: sp.Derivative(result[i].doit(), logits[j])), hessian)
    )
    return steps, result
