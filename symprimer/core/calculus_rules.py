"""Rule names of the differentiation derivations (see symprimer.core.rules)."""
from types import MappingProxyType

CALCULUS_RULES = MappingProxyType(
    {
        # the rules of differentiation
        "constant_rule": "d/dx c = 0",
        "identity_rule": "d/dx x = 1",
        "power_rule": "d/dx x^n = n x^(n-1)",
        "sum_rule": "(f + g)' = f' + g'",
        "constant_multiple_rule": "(c f)' = c f'",
        "product_rule": "(f g)' = f' g + f g' (for n factors: one factor differentiated at a time)",
        "quotient_rule": "(f/g)' = (f' g - f g') / g^2",
        "chain_rule": "(f(u))' = f'(u) u'",
        "let": "a name introduced for an inner function",
        "exp_rule": "d/dx e^x = e^x",
        "exponential_rule": "d/dx a^x = a^x ln a",
        "log_rule": "d/dx ln x = 1/x",
        "trig_rule": "derivatives of sin, cos, tan, sec, csc, cot and their inverses",
        "hyperbolic_rule": "derivatives of sinh, cosh, tanh, sech, csch, coth and their inverses",
        "sqrt_rule": "d/dx sqrt(x) = 1/(2 sqrt(x))",
        "abs_rule": "d/dx |x| = sign(x) for x != 0 (a kink at 0)",
        "max_min_rule": "d/dx max(u, v) follows the larger argument; a kink where they meet",
        "piecewise_rule": "differentiate each branch; the joins are kinks, treated separately",
        "erf_rule": "d/dx erf(x) = 2/sqrt(pi) e^(-x^2)",
        "sigmoid_rule": "sigma'(x) = sigma(x)(1 - sigma(x))",
        "sign_rule": "d/dx sign(x) = 0 for x != 0 (a jump at 0)",
        "rewrite_exp": "u^v rewritten as e^(v ln u) so that the chain rule applies",
        "by_sympy": "no rule of the course applies; SymPy's diff used and labelled as such",
        "hand_form": "the derivative rewritten into the form people write by hand",
        # first principles and differentiability
        "difference_quotient": "(f(x+h) - f(x)) / h",
        "limit": "a limit evaluated",
        "one_sided_limit": "a limit from one side",
        "continuity": "lim f(x) at a equals f(a)",
        "differentiability": "the two one-sided limits of the difference quotient agree",
        "kink_convention": "the value chosen at a kink (PyTorch's convention), stated",
        # several variables
        "partial_derivative": "differentiate in one variable, the others held constant",
        "gradient": "the vector of partial derivatives",
        "jacobian": "the matrix of partial derivatives of each component",
        "hessian": "the matrix of second partial derivatives",
        "symmetry_of_second_derivatives": "mixed partials agree (Schwarz)",
        # activations and losses
        "activation_definition": "an activation function as defined in the catalogue",
        "loss_definition": "a loss function as defined in the catalogue",
        "softmax_jacobian": "ds_i/dz_j = s_i (delta_ij - s_j)",
        "label_constraint": "the labels sum to one: sum_j y_j = 1",
        "convexity": "second derivative (or Hessian) non-negative, so the function is convex",
        "no_useful_gradient": "a piecewise-constant loss has zero derivative wherever it has one",
    }
)
