"""Each optimiser's update equations in LaTeX, per convention, for sheets and plots.

Lines are single equations (no environments) so that matplotlib's mathtext can draw them next
to a plot as well; ``update_equations_latex`` joins them in an ``aligned`` block for sheets.
g_t is the gradient at theta_{t-1}; squares, roots and quotients act elementwise.
"""
from __future__ import annotations

from types import MappingProxyType

from symprimer.numeric.optimizers import OptimizerConfig

_G = r"g_t = \nabla f(\theta_{t-1})"
_SGD = (_G, r"\theta_t = \theta_{t-1} - \eta\, g_t")
_ADAM_MOMENTS = (
    _G,
    r"m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t",
    r"v_t = \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2",
    r"\hat{m}_t = m_t / (1-\beta_1^t), \quad \hat{v}_t = v_t / (1-\beta_2^t)",
)

EQUATIONS = MappingProxyType(
    {
        ("sgd", "pytorch"): _SGD,
        ("sgd", "textbook"): _SGD,
        ("momentum", "pytorch"): (
            _G,
            r"b_t = \mu\, b_{t-1} + g_t \quad (b_1 = g_1)",
            r"\theta_t = \theta_{t-1} - \eta\, b_t",
        ),
        ("momentum", "textbook"): (
            _G,
            r"v_t = \gamma\, v_{t-1} + \eta\, g_t \quad (v_0 = 0)",
            r"\theta_t = \theta_{t-1} - v_t",
        ),
        ("nesterov", "pytorch"): (
            _G,
            r"b_t = \mu\, b_{t-1} + g_t \quad (b_1 = g_1)",
            r"\theta_t = \theta_{t-1} - \eta\, (g_t + \mu\, b_t)",
        ),
        ("nesterov", "textbook"): (
            r"v_t = \gamma\, v_{t-1} + \eta\, \nabla f(\theta_{t-1} - \gamma\, v_{t-1}) \quad (v_0 = 0)",
            r"\theta_t = \theta_{t-1} - v_t",
        ),
        ("adagrad", "pytorch"): (
            _G,
            r"s_t = s_{t-1} + g_t^2",
            r"\theta_t = \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{s_t} + \epsilon}",
        ),
        ("adagrad", "textbook"): (
            _G,
            r"G_t = G_{t-1} + g_t^2",
            r"\theta_t = \theta_{t-1} - \frac{\eta}{\sqrt{G_t + \epsilon}}\, g_t",
        ),
        ("adadelta", "pytorch"): (
            _G,
            r"v_t = \rho\, v_{t-1} + (1-\rho)\, g_t^2",
            r"\Delta_t = \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t",
            r"u_t = \rho\, u_{t-1} + (1-\rho)\, \Delta_t^2",
            r"\theta_t = \theta_{t-1} - \eta\, \Delta_t",
        ),
        ("adadelta", "textbook"): (
            _G,
            r"E[g^2]_t = \rho\, E[g^2]_{t-1} + (1-\rho)\, g_t^2",
            r"\Delta\theta_t = -\frac{\sqrt{E[\Delta\theta^2]_{t-1} + \epsilon}}{\sqrt{E[g^2]_t + \epsilon}}\, g_t",
            r"E[\Delta\theta^2]_t = \rho\, E[\Delta\theta^2]_{t-1} + (1-\rho)\, \Delta\theta_t^2",
            r"\theta_t = \theta_{t-1} + \Delta\theta_t",
        ),
        ("rmsprop", "pytorch"): (
            _G,
            r"v_t = \alpha\, v_{t-1} + (1-\alpha)\, g_t^2",
            r"\theta_t = \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{v_t} + \epsilon}",
        ),
        ("rmsprop", "textbook"): (
            _G,
            r"E[g^2]_t = \gamma\, E[g^2]_{t-1} + (1-\gamma)\, g_t^2",
            r"\theta_t = \theta_{t-1} - \frac{\eta}{\sqrt{E[g^2]_t + \epsilon}}\, g_t",
        ),
        ("adam", "pytorch"): _ADAM_MOMENTS + (r"\theta_t = \theta_{t-1} - \eta\, \frac{\hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon}",),
        ("adam", "textbook"): _ADAM_MOMENTS + (r"\theta_t = \theta_{t-1} - \frac{\eta}{\sqrt{\hat{v}_t} + \epsilon}\, \hat{m}_t",),
        ("adamw", "pytorch"): _ADAM_MOMENTS
        + (r"\theta_t = (1 - \eta\lambda)\, \theta_{t-1} - \eta\, \frac{\hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon}",),
        ("adamw", "textbook"): _ADAM_MOMENTS
        + (r"\theta_t = \theta_{t-1} - \eta \left(\frac{\hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon} + \lambda\, \theta_{t-1}\right)",),
    }
)

# How each config field is written in the equations of a convention.
SYMBOLS = MappingProxyType(
    {
        "lr": r"\eta",
        "beta1": r"\beta_1",
        "beta2": r"\beta_2",
        "eps": r"\epsilon",
        "rho": r"\rho",
        "alpha": r"\alpha",
        "weight_decay": r"\lambda",
    }
)


def _symbol(config: OptimizerConfig, field: str) -> str:
    if field == "momentum":
        return r"\gamma" if config.convention == "textbook" else r"\mu"
    if field == "alpha" and config.convention == "textbook":
        return r"\gamma"
    return SYMBOLS[field]


def equation_lines(config: OptimizerConfig) -> tuple[str, ...]:
    """The update, one LaTeX equation per line."""
    return EQUATIONS[(config.name, config.convention)]


def settings_latex(config: OptimizerConfig) -> str:
    """The hyper-parameters as ``\\eta = 0.01,\\ \\mu = 0.9``."""
    settings = config.settings()
    if config.name == "adadelta" and config.convention == "textbook":
        settings.pop("lr", None)
    return r",\ ".join(f"{_symbol(config, name)} = {_number(value)}" for name, value in settings.items())


def _number(value: float) -> str:
    text = f"{value:g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        prefix = "" if mantissa == "1" else mantissa + r" \cdot "
        return f"{prefix}10^{{{int(exponent)}}}"
    return text


def update_equations_latex(config: OptimizerConfig) -> str:
    """An ``aligned`` block of the update (for a displayed equation in a sheet)."""
    rows = [line.replace(" = ", " &= ", 1) for line in equation_lines(config)]
    return "\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}"
