"""The rule-based differentiator: every derivative is built from named rules as a step tree.

SymPy's ``diff`` is the oracle in the tests and only computes a step here when no rule of the
course applies (rule ``by_sympy``, labelled so in its sentence).  Each node claims
``d/dx expr = derivative`` and is verified like any other step.
"""
from __future__ import annotations

from typing import Callable, Iterator

import sympy as sp

from symprimer.calculus.elementary import ELEMENTARY
from symprimer.core.errors import InputError
from symprimer.render.notation import to_latex
from symprimer.render.prose import derivative_latex, maths
from symprimer.core.steps import Step

INNER_NAMES = ("u", "v", "w", "s", "t", "q", "r")


def differentiate_steps(expr: sp.Expr, var: sp.Symbol) -> tuple[Step, sp.Expr]:
    """The rule tree of d(expr)/d(var) and the derivative it arrives at."""
    return _Differentiator(expr, var).derive(expr)


def used_fallback(step: Step) -> bool:
    """Whether any node of the tree had to ask SymPy (no rule of the course applied)."""
    return any(node.rule == "by_sympy" for node in step.walk())


def inner_names(taken: set[str]) -> Iterator[sp.Symbol]:
    """Fresh real symbols u, v, w, ... (then u_1, v_1, ...) that clash with nothing given."""
    suffix = 0
    while True:
        for base in INNER_NAMES:
            name = base if suffix == 0 else f"{base}_{suffix}"
            if name not in taken:
                yield sp.Symbol(name, real=True)
        suffix += 1


class _Differentiator:
    """Walks an expression by a dispatch table on its head; one instance per derivation."""

    def __init__(self, expr: sp.Expr, var: sp.Symbol) -> None:
        self.var = var
        self.names = inner_names({s.name for s in expr.free_symbols} | {var.name})
        self.table: dict[type, Callable[[sp.Expr], tuple[Step, sp.Expr]]] = {
            sp.Add: self._sum,
            sp.Mul: self._product_or_quotient,
            sp.Pow: self._power,
            sp.Piecewise: self._piecewise,
            sp.Max: self._max_min,
            sp.Min: self._max_min,
            sp.Abs: self._abs,
        }

    def d(self, expr: sp.Expr) -> sp.Derivative:
        return sp.Derivative(expr, self.var)

    def derive(self, expr: sp.Expr) -> tuple[Step, sp.Expr]:
        if not expr.has(self.var):
            return Step("constant_rule", "The derivative of a constant is $0$.", self.d(expr), sp.Integer(0)), sp.Integer(0)
        if expr == self.var:
            return Step("identity_rule", f"The derivative of {maths(self.var)} itself is $1$.", self.d(expr), sp.Integer(1)), sp.Integer(1)
        if self._is_linear(expr):
            return self._linear(expr)
        handler = self.table.get(type(expr))
        if handler is not None:
            return handler(expr)
        if type(expr) in ELEMENTARY:
            return self._elementary(expr)
        return self._by_sympy(expr)

    # -- combinations -------------------------------------------------------------------
    def _is_linear(self, expr: sp.Expr) -> bool:
        """a x + b with a, b free of x (a one-line step: nobody writes out its sum rule)."""
        if not isinstance(expr, (sp.Add, sp.Mul)):
            return False
        slope = expr.diff(self.var) if expr.is_polynomial(self.var) else None
        return slope is not None and not slope.has(self.var)

    def _linear(self, expr: sp.Expr) -> tuple[Step, sp.Expr]:
        slope = sp.expand(expr).coeff(self.var, 1)
        if isinstance(expr, sp.Mul):
            constant, rest = expr.as_independent(self.var, as_Add=False)
            slope = constant if rest == self.var else slope  # as given: a slope 0.01 stays 0.01
            text = f"Constant multiple rule: the constant times ${derivative_latex(self.var, self.var, False)} = 1$."
            return Step("constant_multiple_rule", text, self.d(expr), slope), slope
        text = f"Sum rule on a linear expression: constant terms give 0, each multiple of {maths(self.var)} gives its coefficient."
        return Step("sum_rule", text, self.d(expr), slope), slope

    def _sum(self, expr: sp.Add) -> tuple[Step, sp.Expr]:
        varying = [term for term in expr.args if term.has(self.var)]
        parts = [self.derive(term) for term in varying]
        result = sp.Add(*(derivative for _, derivative in parts))
        text = "Sum rule: differentiate term by term" + (
            "; the constant terms give 0." if len(varying) < len(expr.args) else "."
        )
        return Step("sum_rule", text, self.d(expr), result, substeps=tuple(s for s, _ in parts)), result

    def _product_or_quotient(self, expr: sp.Mul) -> tuple[Step, sp.Expr]:
        constant, rest = expr.as_independent(self.var, as_Add=False)
        if constant != 1:
            inner, derivative = self.derive(rest)
            result = constant * derivative
            text = "Constant multiple rule: the constant factor stays, the rest is differentiated."
            return Step("constant_multiple_rule", text, self.d(expr), result, substeps=(inner,)), result
        numerator, denominator = sp.fraction(expr, exact=True)
        if denominator != 1 and denominator.has(self.var) and numerator.has(self.var):
            return self._quotient(expr, numerator, denominator)
        return self._product(expr)

    def _product(self, expr: sp.Mul) -> tuple[Step, sp.Expr]:
        factors = expr.args
        parts = [self.derive(factor) for factor in factors]
        terms = []
        for index, (_, derivative) in enumerate(parts):
            others = [f for j, f in enumerate(factors) if j != index]
            terms.append(sp.Mul(derivative, *others))
        result = sp.Add(*terms)
        count = len(factors)
        text = (
            "Product rule: $(f g)' = f' g + f g'$."
            if count == 2
            else f"Product rule for {count} factors: differentiate one factor at a time, keep the others, and add."
        )
        return Step("product_rule", text, self.d(expr), result, substeps=tuple(s for s, _ in parts)), result

    def _quotient(self, expr: sp.Expr, numerator: sp.Expr, denominator: sp.Expr) -> tuple[Step, sp.Expr]:
        top, d_top = self.derive(numerator)
        bottom, d_bottom = self.derive(denominator)
        result = (d_top * denominator - numerator * d_bottom) / denominator**2
        text = r"Quotient rule: $\left(\frac{f}{g}\right)' = \frac{f' g - f g'}{g^{2}}$."
        return Step("quotient_rule", text, self.d(expr), result, substeps=(top, bottom)), result

    # -- powers -------------------------------------------------------------------------
    def _power(self, expr: sp.Pow) -> tuple[Step, sp.Expr]:
        base, exponent = expr.args
        if not exponent.has(self.var):
            if exponent == sp.Rational(1, 2):
                return self._apply(
                    expr, base, sp.sqrt, lambda u: 1 / (2 * sp.sqrt(u)), "sqrt_rule",
                    r"Square-root rule: $\frac{d}{du} \sqrt{u} = \frac{1}{2 \sqrt{u}}$.",
                )
            return self._apply(
                expr, base, lambda u: u**exponent, lambda u: exponent * u ** (exponent - 1), "power_rule",
                "Power rule: $\\frac{d}{du} u^{n} = n u^{n - 1}$ with " + f"$n = {to_latex(exponent)}$.", params=(("n", exponent),),
            )
        if not base.has(self.var):
            if base.is_zero:
                raise InputError(
                    f"the power {sp.sstr(expr)} has base 0: it is 0 or undefined, and the exponential rule would need "
                    "ln 0, which does not exist; write the function without it."
                )
            return self._apply(
                expr, exponent, lambda u: base**u, lambda u: base**u * sp.log(base), "exponential_rule",
                "Exponential rule: $\\frac{d}{du} a^{u} = a^{u} \\ln a$ with " + f"$a = {to_latex(base)}$.", params=(("a", base),),
            )
        rewritten = sp.exp(exponent * sp.log(base))
        rewrite = Step(
            "rewrite_exp", r"Both base and exponent vary, so write $u^{v} = e^{v \ln u}$.", expr, rewritten
        )
        inner, derivative = self.derive(rewritten)
        result = derivative.xreplace({rewritten: expr})
        text = r"Differentiate the exponential form, then write $e^{v \ln u}$ as $u^{v}$ again."
        return Step("chain_rule", text, self.d(expr), result, substeps=(rewrite, inner)), result

    # -- elementary functions and the chain rule ----------------------------------------
    def _elementary(self, expr: sp.Function) -> tuple[Step, sp.Expr]:
        entry = ELEMENTARY[type(expr)]
        extra = expr.args[1:]
        kink = f" {entry.kink[:1].upper()}{entry.kink[1:]}." if entry.kink else ""
        form = f" ({entry.note})" if entry.note else ""
        return self._apply(
            expr, expr.args[0], lambda u: expr.func(u, *extra), entry.derivative, entry.rule,
            f"The derivative of {entry.name} from the table{form}.{kink}",
        )

    def _apply(
        self,
        expr: sp.Expr,
        inner: sp.Expr,
        outer: Callable[[sp.Expr], sp.Expr],
        outer_derivative: Callable[[sp.Expr], sp.Expr],
        rule: str,
        text: str,
        params: tuple = (),
    ) -> tuple[Step, sp.Expr]:
        """f(inner): the table rule directly when inner is the variable, else the chain rule."""
        if inner == self.var:
            result = outer_derivative(self.var)
            return Step(rule, text, self.d(expr), result, params=(("u", self.var), *params)), result
        name = next(self.names)
        let = Step("let", f"Let {maths(name)} be the inner function:", name, inner, relation=":=")
        outer_step = Step(rule, text, sp.Derivative(outer(name), name), outer_derivative(name), params=(("u", name), *params))
        inner_step, inner_derivative = self.derive(inner)
        result = outer_derivative(inner) * inner_derivative
        chain_text = (f"Chain rule with {maths(name)} the inner function: $\\frac{{d}}{{d{to_latex(self.var)}}} f({to_latex(name)}) = "
                      f"f'({to_latex(name)}) \\, {derivative_latex(name, self.var, False)}$.")
        chain_params = (("u", name), ("var", self.var))
        step = Step("chain_rule", chain_text, self.d(expr), result, substeps=(let, outer_step, inner_step), params=chain_params)
        return step, result

    # -- kinks --------------------------------------------------------------------------
    def _max_min(self, expr: sp.Expr) -> tuple[Step, sp.Expr]:
        first, *others = expr.args
        second = expr.func(*others) if len(others) > 1 else others[0]
        left, d_first = self.derive(first)
        right, d_second = self.derive(second)
        larger = type(expr) is sp.Max
        first_wins = first > second if larger else first < second
        second_wins = first < second if larger else first > second
        if not first.free_symbols:
            tie = d_first
        elif not second.free_symbols:
            tie = d_second
        else:
            tie = (d_first + d_second) / 2
        result = prune_piecewise(sp.Piecewise((d_first, first_wins), (d_second, second_wins), (tie, True)))
        which = "larger" if larger else "smaller"
        text = (
            f"{'Max' if larger else 'Min'} rule: the derivative follows the {which} argument. Where the arguments "
            "meet there is a kink (the one-sided derivatives differ); there we take PyTorch's value: "
            "the derivative of a constant number argument (as for ReLU), else the average of both "
            "(PyTorch splits the gradient evenly at a tie)."
        )
        shown = tuple(step for step, arg in ((left, first), (right, second)) if arg.has(self.var))
        return Step("max_min_rule", text, self.d(expr), result, substeps=shown), result

    def _abs(self, expr: sp.Abs) -> tuple[Step, sp.Expr]:
        """|u| = sign(u) u' holds where u is real; a power b^e that may be complex for real x
        (x^{1/3}, sqrt(x) at x < 0) is first written |b|^e, which is real everywhere."""
        inner = expr.args[0]
        if inner.is_extended_real:
            return self._elementary(expr)
        if not (isinstance(inner, sp.Pow) and inner.exp.is_Rational and not inner.exp.is_Integer):
            step, result = self._elementary(expr)
            domain = f" This holds where ${to_latex(inner)}$ is real; elsewhere it is not claimed."
            return step.replaced(text=step.text + domain), result
        real_form = sp.Pow(sp.Abs(inner.base), inner.exp)
        text = (
            f"For a real exponent $e$, $|b^{{e}}| = |b|^{{e}}$; written so, ${to_latex(expr)} = {to_latex(real_form)}$ "
            "is real for every real argument, so the rules below hold everywhere it is differentiable."
        )
        rewrite = Step("simplify", text, expr, real_form)
        step, result = self.derive(real_form)
        return Step("chain_rule", step.text, self.d(expr), result, substeps=(rewrite, *step.substeps), params=step.params), result

    def _piecewise(self, expr: sp.Piecewise) -> tuple[Step, sp.Expr]:
        parts = [self.derive(branch) for branch, _ in expr.args]
        result = prune_piecewise(
            sp.Piecewise(*((derivative, cond) for (_, derivative), (_, cond) in zip(parts, expr.args)))
        )
        text = (
            "Piecewise rule: differentiate each branch on its own piece. At a join the function has a kink "
            "or a jump; the value there follows the branch whose condition holds (PyTorch's convention)."
        )
        return Step("piecewise_rule", text, self.d(expr), result, substeps=tuple(s for s, _ in parts)), result

    def _by_sympy(self, expr: sp.Expr) -> tuple[Step, sp.Expr]:
        result = sp.diff(expr, self.var)
        text = "No rule of this course applies to this function; the derivative is SymPy's (by SymPy)."
        return Step("by_sympy", text, self.d(expr), result), result


def prune_piecewise(expr: sp.Expr) -> sp.Expr:
    """Drop branches whose value equals the final (default) branch; conditions are disjoint here."""
    if not isinstance(expr, sp.Piecewise):
        return expr
    *branches, (default, last_condition) = expr.args
    if last_condition != sp.true:
        return expr
    kept = [(value, cond) for value, cond in branches if value != default and sp.expand(value - default) != 0]
    if not kept:
        return default
    return sp.Piecewise(*kept, (default, True))
