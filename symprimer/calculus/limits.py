"""First principles: the derivative as the limit of the difference quotient, and at a point.

One-sided limits are taken with a symbol that carries its sign (h > 0 or h < 0), so a
piecewise function reduces to the branch that applies before the limit is evaluated; the
step shows that reduced quotient, and its verification is SymPy's ``Limit.doit``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from symprimer.calculus.differentiate import differentiate_steps
from symprimer.exact.continuity import limit_at
from symprimer.core.errors import InputError
from symprimer.render.notation import to_latex
from symprimer.core.steps import Step

SUBGRADIENT = sp.Symbol("g_0", real=True)  # the value PyTorch uses where f' does not exist

FIRST_PRINCIPLES_FUNCTIONS = (sp.exp, sp.sin, sp.cos)


def _step_symbol(f: sp.Expr, **assumptions: bool) -> sp.Symbol:
    taken = {s.name for s in f.free_symbols}
    name = next(n for n in ("h", "k", "h_1", "h_2") if n not in taken)
    return sp.Symbol(name, real=True, **assumptions)


def _check_supported(f: sp.Expr, x: sp.Symbol) -> None:
    for node in sp.preorder_traversal(f):
        if isinstance(node, sp.Function) and node.has(x):
            argument = node.args[0]
            linear = argument.is_polynomial(x) and sp.degree(argument, x) <= 1
            if type(node) not in FIRST_PRINCIPLES_FUNCTIONS or not linear:
                raise InputError(
                    f"--method limit works from first principles for polynomials, exp, sin, cos (of a linear argument) "
                    f"and simple rationals, not for {node}; use --method rules."
                )
        if isinstance(node, sp.Pow) and node.has(x) and not node.exp.is_Integer:
            raise InputError(
                f"--method limit handles integer powers only, not {node}; use --method rules."
            )


def first_principles_steps(f: sp.Expr, x: sp.Symbol) -> tuple[tuple[Step, ...], sp.Expr]:
    """f'(x) = lim_{h->0} (f(x+h) - f(x))/h, rewritten until h can go to 0."""
    _check_supported(f, x)
    h = _step_symbol(f)
    quotient = (f.subs(x, x + h) - f) / h
    steps = [
        Step(
            "difference_quotient",
            f"By definition, the derivative is the limit of the difference quotient as ${_latex(h)} \\to 0$.",
            sp.Derivative(f, x),
            sp.Limit(quotient, h, 0, dir="+-"),
        )
    ]
    standard: tuple[Step, ...] = ()
    if f.is_polynomial(x):
        algebra, rewritten = _polynomial_algebra(f, x, h, quotient)
        steps.extend(algebra)
    elif f.is_rational_function(x):
        algebra, rewritten = _rational_algebra(f, x, h, quotient)
        steps.extend(algebra)
    else:
        rewritten, standard = _grouped_quotient(f, x, h)
        text = (
            f"Expand ${_f_of(x, h)}$ ($e^{{a + b}} = e^{{a}} e^{{b}}$; $\\sin$ and $\\cos$ by their "
            f"addition formulas) and group by what depends on ${_latex(h)}$."
        )
        steps.append(Step("simplify", text, quotient, rewritten))
    result = sp.limit(rewritten, h, 0)
    if result.has(sp.oo, -sp.oo, sp.zoo, sp.nan) or isinstance(result, sp.Limit):
        raise InputError(f"the difference quotient of {f} has no finite limit, so f is not differentiable there.")
    if standard:
        limit_text = f"Let ${_latex(h)} \\to 0$, using the standard limits below."
    else:
        limit_text = f"${_latex(h)}$ no longer divides anything, so let ${_latex(h)} \\to 0$ by setting ${_latex(h)} = 0$."
    steps.append(Step("limit", limit_text, sp.Limit(rewritten, h, 0, dir="+-"), result, substeps=standard))
    return tuple(steps), result


def _latex(expr: sp.Expr) -> str:
    return to_latex(expr)


def _f_of(x: sp.Symbol, h: sp.Symbol | None = None) -> str:
    """``f(x)`` or ``f(x + h)`` as a lecturer writes it (SymPy would print f(h + x))."""
    return f"f({_latex(x)})" if h is None else f"f({_latex(x)} + {_latex(h)})"


def _fraction_shown(numerator: sp.Expr, factors: tuple[sp.Expr, ...]) -> sp.Expr:
    """numerator / (product of factors), unevaluated so that the cancelling h stays in view."""
    sign = -1 if numerator.could_extract_minus_sign() else 1
    fraction = sp.Mul(sign * numerator, *(sp.Pow(factor, -1) for factor in factors), evaluate=False)
    return fraction if sign == 1 else sp.Mul(-1, fraction, evaluate=False)


def _over(numerator: sp.Expr, h: sp.Symbol) -> sp.Expr:
    """numerator / h kept as a fraction (SymPy would otherwise distribute a number over it)."""
    return sp.Mul(numerator, sp.Pow(h, -1), evaluate=False)


def _polynomial_algebra(f: sp.Expr, x: sp.Symbol, h: sp.Symbol, quotient: sp.Expr) -> tuple[tuple[Step, ...], sp.Expr]:
    """Expand f(x + h), let the terms of f(x) cancel, divide by h: the board's three lines."""
    shifted = sp.expand(f.subs(x, x + h))
    minus_f = [-term for term in sp.Add.make_args(sp.expand(f))]
    written_out = sp.Add(*sp.Add.make_args(shifted), *minus_f, evaluate=False)
    left = sp.expand(shifted - f)
    divided = sp.expand(left / h)
    fx, fxh, hh = _f_of(x), _f_of(x, h), _latex(h)
    steps = (
        Step("expand", f"Multiply out ${fxh} = {_latex(shifted)}$ and subtract ${fx}$ term by term.",
             quotient, _over(written_out, h)),
        Step("simplify", f"The terms of ${fx}$ cancel; every term left has a factor ${hh}$.",
             _over(written_out, h), _over(left, h)),
        Step("simplify", f"Divide each term by ${hh}$ (${hh} \\neq 0$ inside the limit).", _over(left, h), divided),
    )
    return steps, divided


def _rational_algebra(f: sp.Expr, x: sp.Symbol, h: sp.Symbol, quotient: sp.Expr) -> tuple[tuple[Step, ...], sp.Expr]:
    """Bring f(x + h) - f(x) over one denominator, then cancel the factor h."""
    numerator, denominator = sp.fraction(sp.together(f.subs(x, x + h) - f))
    numerator = sp.expand(numerator)
    combined = _fraction_shown(numerator, (h,) + sp.Mul.make_args(denominator))
    rewritten = sp.factor(sp.cancel(combined))
    fx, hh = _f_of(x), _latex(h)
    steps = (
        Step("simplify", f"Bring ${_f_of(x, h)} - {fx}$ over one denominator and multiply out its numerator.",
             quotient, combined),
        Step("simplify", f"Cancel the factor ${hh}$ (${hh} \\neq 0$ inside the limit).", combined, rewritten),
    )
    return steps, rewritten


def _grouped_quotient(f: sp.Expr, x: sp.Symbol, h: sp.Symbol) -> tuple[sp.Expr, tuple[Step, ...]]:
    """(f(x+h) - f(x))/h as a sum of (part in x) * (part in h)/h, with the standard limits."""
    numerator = sp.expand(_addition_formulas(f, x, h) - f, power_exp=True)
    groups: dict[sp.Expr, sp.Expr] = {}
    for term in sp.Add.make_args(numerator):
        coefficient, rest = term.as_coeff_Mul()
        outer, inner = rest.as_independent(h, as_Add=False)
        groups[outer] = groups.get(outer, sp.Integer(0)) + coefficient * inner
    pieces, standard = [], []
    for outer, inner in groups.items():
        if not inner.has(h):
            continue  # terms free of h cancel in f(x+h) - f(x)
        piece = inner / h
        pieces.append(outer * piece)
        if piece.has(h) and sp.denom(sp.together(piece)).has(h):
            standard.append(Step("limit", "A standard limit:", sp.Limit(piece, h, 0, dir="+-"), sp.limit(piece, h, 0, dir="+-")))
    return sp.Add(*pieces), tuple(standard)


ADDITION_FORMULAS = {
    sp.exp: lambda a, b: sp.exp(a) * sp.exp(b),
    sp.sin: lambda a, b: sp.sin(a) * sp.cos(b) + sp.cos(a) * sp.sin(b),
    sp.cos: lambda a, b: sp.cos(a) * sp.cos(b) - sp.sin(a) * sp.sin(b),
}


def _addition_formulas(f: sp.Expr, x: sp.Symbol, h: sp.Symbol) -> sp.Expr:
    """f(x+h) with e^(A+B), sin(A+B), cos(A+B) split into a part in x and a part in h."""

    def split(node: sp.Expr) -> sp.Expr:
        argument = node.args[0]
        moved = argument.subs(x, x + h)
        return ADDITION_FORMULAS[type(node)](argument, sp.expand(moved - argument))

    shifted = f.replace(lambda n: type(n) in ADDITION_FORMULAS and n.has(x), split)
    return _shift_rest(shifted, x, h)


def _shift_rest(expr: sp.Expr, x: sp.Symbol, h: sp.Symbol) -> sp.Expr:
    """Replace x by x + h outside the already split functions (whose x-parts must stay)."""
    functions = [n for n in expr.atoms(sp.Function) if n.has(x)]
    hidden = {fn: sp.Dummy() for fn in functions}
    return expr.xreplace(hidden).subs(x, x + h).xreplace({v: k for k, v in hidden.items()})


@dataclass(frozen=True)
class PointAnalysis:
    """Continuity and differentiability of f at one point, with the steps that show it."""

    steps: tuple[Step, ...]
    continuous: bool
    differentiable: bool
    left: Any
    right: Any
    value: Any
    result: Any
    label: str
    reason: str = ""


def _one_sided(expr_of_h: sp.Expr, h: sp.Symbol, side: str) -> sp.Expr:
    """Continuity decides most limits at once (h carries its side's sign); series otherwise."""
    by_continuity = limit_at(expr_of_h, h, sp.Integer(0))
    return by_continuity if by_continuity is not None else sp.limit(expr_of_h, h, 0, dir=side)


def _real(value: sp.Expr) -> bool:
    return value.is_real is True or value in (sp.oo, -sp.oo)


def differentiability_steps(f: sp.Expr, x: sp.Symbol, a: sp.Expr) -> PointAnalysis:
    """Continuity (one-sided limits of f) and the one-sided limits of the difference quotient.

    A side on which f is not real (sqrt(x) left of 0) is named and left out; an infinite
    one-sided derivative is a vertical tangent; only finite, equal one-sided derivatives make
    f differentiable.
    """
    sides = (("-", _step_symbol(f, negative=True), "left"), ("+", _step_symbol(f, positive=True), "right"))
    value = f.subs(x, a)
    steps = [Step("substitution", f"The value of $f$ at ${to_latex(x)} = {to_latex(a)}$.", sp.Subs(f, x, a), value)]
    if not (value.is_finite is True and value.is_real is True):
        reason = f"$f$ is not defined at ${to_latex(x)} = {to_latex(a)}$ (as a real number), so it is neither continuous nor differentiable there."
        return PointAnalysis(tuple(steps), False, False, None, None, None, value, f"$f({to_latex(a)})$", reason)
    limits = {}
    for side, h, words in sides:
        near = f.subs(x, a + h)
        limits[side] = _one_sided(near, h, side)
        steps.append(
            Step("one_sided_limit", f"The limit of $f$ from the {words} ($h {'<' if side == '-' else '>'} 0$).",
                 sp.Limit(near, h, 0, dir=side), limits[side])
        )
    real_sides = [(side, h, words) for side, h, words in sides if _real(limits[side])]
    missing = [words for side, _, words in sides if not _real(limits[side])]
    if any(limits[side] != value for side, _, _ in real_sides) or not real_sides:
        differ = next((limits[side] for side, _, _ in real_sides if limits[side] != value), limits["-"])
        steps.append(Step("continuity", "A one-sided limit differs from $f(a)$, so $f$ is not continuous there.",
                          differ, value, relation="!="))
        reason = f"$f$ is not continuous at ${to_latex(x)} = {to_latex(a)}$, so it cannot be differentiable there."
        return PointAnalysis(tuple(steps), False, False, None, None, None, (limits["-"], limits["+"]),
                             "one-sided limits of $f$ (left, right)", reason)
    steps.append(Step("continuity", "$f(a)$ equals the one-sided limits, so $f$ is continuous there.",
                      sp.Subs(f, x, a), limits[real_sides[0][0]]))
    generic_h = _step_symbol(f)
    steps.append(Step("difference_quotient", "The difference quotient at the point:", sp.Symbol("Q", real=True),
                      (f.subs(x, a + generic_h) - value) / generic_h, relation=":="))
    derivatives = {}
    for side, h, words in real_sides:
        quotient = (f.subs(x, a + h) - value) / h
        derivatives[side] = _one_sided(quotient, h, side)
        steps.append(
            Step("one_sided_limit", f"The {words} derivative: the difference quotient as $h$ tends to $0$ from the {words}.",
                 sp.Limit(quotient, h, 0, dir=side), derivatives[side])
        )
    left, right = derivatives.get("-"), derivatives.get("+")
    label = "one-sided derivatives (left, right)"
    missing += [words for side, _, words in real_sides if side in derivatives and not _real(derivatives[side])]
    if missing:
        reason = (f"$f$ is continuous at ${to_latex(x)} = {to_latex(a)}$ but not real-valued to the {missing[0]} of it, so at most a "
                  "one-sided derivative exists: $f$ is not differentiable there.")
        return PointAnalysis(tuple(steps), True, False, left, right, None, (left, right), label, reason)
    if any(d.is_finite is not True for d in derivatives.values()):
        reason = (f"$f$ is continuous at ${to_latex(x)} = {to_latex(a)}$ but the difference quotient grows without bound (a vertical "
                  "tangent), so $f$ is not differentiable there.")
        return PointAnalysis(tuple(steps), True, False, left, right, None, (left, right), label, reason)
    if left == right:
        steps.append(Step("differentiability", "The one-sided derivatives agree, so $f$ is differentiable here.", left, right))
        reason = f"$f$ is differentiable at ${to_latex(x)} = {to_latex(a)}$, with derivative ${to_latex(left)}$."
        return PointAnalysis(tuple(steps), True, True, left, right, left, left, f"$f'({to_latex(a)})$", reason)
    steps.append(Step("differentiability", "The one-sided derivatives differ, so the difference quotient has no limit: "
                      "$f$ is continuous but not differentiable here.", left, right, relation="!="))
    steps.extend(_convention_step(f, x, a))
    reason = f"$f$ is continuous but not differentiable at ${to_latex(x)} = {to_latex(a)}$: the one-sided derivatives differ."
    return PointAnalysis(tuple(steps), True, False, left, right, None, (left, right), label, reason)


def _convention_step(f: sp.Expr, x: sp.Symbol, a: sp.Expr) -> tuple[Step, ...]:
    """The value the rule-based derivative (with PyTorch's kink conventions) takes at the kink."""
    _, derivative = differentiate_steps(f, x)
    value = derivative.subs(x, a)
    if not (value.is_finite and value.is_real):
        return ()
    text = ("No derivative exists at the kink, so no value of $f'$ is written there; as a sub-gradient $g_{0}$ "
            r"PyTorch's convention takes the value below (e.g. $\operatorname{ReLU}'(0) = 0$, and $\operatorname{sign}(0) = 0$ for $|x|$).")
    branch = Step("substitution", "The rule-based derivative's branch at the kink gives this value.",
                  sp.Subs(derivative, x, a), value, detail="full")
    return (Step("kink_convention", text, SUBGRADIENT, value, relation=":=", substeps=(branch,)),)
