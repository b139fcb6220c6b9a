"""Rule names of the numeric derivations (see symprimer.core.rules)."""
from types import MappingProxyType

NUMERIC_RULES = MappingProxyType(
    {
        "gradient_at_point": "the gradient evaluated at the current iterate",
        "descent_update": "x_{k+1} = x_k - eta grad f(x_k): one step against the gradient",
        "momentum_buffer": "b_k = mu b_{k-1} + grad f(x_k) (b_1 = grad f(x_1)), PyTorch's momentum buffer",
        "momentum_update": "x_{k+1} = x_k - eta b_k: one step along the momentum buffer",
        "loss_at_point": "the function evaluated at the new iterate",
        "finite_difference": "a partial derivative approximated by a difference quotient with a stated step h",
        "relative_error": "||a - n|| / max(||a||, ||n||): how far two gradients differ, relative to their size",
    }
)
