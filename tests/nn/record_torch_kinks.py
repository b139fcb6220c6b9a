"""Record PyTorch's values and derivatives for the nn catalogue (kept in the repo, not run by the suite).

Run in a separate environment that has torch (torch is not a dependency of symprimer):

    python3 -m venv /tmp/torchvenv && /tmp/torchvenv/bin/pip install torch numpy
    /tmp/torchvenv/bin/python tests/nn/record_torch_kinks.py

It writes tests/nn/pytorch_kinks.json: for every activation and loss of the catalogue, the
value and the autograd derivative (float64) at each kink and at a few ordinary points, the
PyTorch defaults the catalogue uses, and in "how" the torch call that produced the numbers.
The functions are written here with torch operations, independently of symprimer.  Where
torch has no function of that name, it is spelt the way a PyTorch user would spell it, and
"how" says so.
"""
from __future__ import annotations

import json
from pathlib import Path

import torch
import torch.nn.functional as F

OUTPUT = Path(__file__).parent / "pytorch_kinks.json"
DTYPE = torch.float64
ORDINARY = (-3.0, -0.5, 0.75, 2.5)
NO_GRADIENT = (
    "torch has no derivative for it (heaviside's backward raises; a comparison is cut from the graph), "
    "so autograd passes no gradient: recorded as 0"
)


def _tensor(value) -> torch.Tensor:
    return torch.tensor(value, dtype=DTYPE, requires_grad=True)


def _default(module: type, name: str):
    """A default as the torch.nn module sets it (the functional forms share it)."""
    return getattr(module(), name)


def _prelu(x):
    return F.prelu(x.reshape(1), torch.nn.PReLU(dtype=DTYPE).weight.detach()).reshape(())


def _cut_from_graph(function, x: torch.Tensor) -> bool:
    """True when ``function`` gives autograd nothing to differentiate (the no-gradient entries)."""
    return not function(x).requires_grad


def _binary_step_no_grad(x):
    return (x >= 0).to(DTYPE)


def _heaviside_has_no_backward() -> bool:
    x = _tensor(0.0)
    try:
        torch.heaviside(x, torch.tensor(1.0, dtype=DTYPE)).backward()
    except RuntimeError:
        return True
    return False


# symprimer name -> (torch function of a 0-d tensor, how, kinks)
ACTIVATIONS = {
    "identity": (torch.nn.Identity(), "torch.nn.Identity()(x)", ()),
    "binary_step": (
        lambda x: torch.heaviside(x, torch.tensor(1.0, dtype=DTYPE)),
        "no torch function: value torch.heaviside(x, 1.0) (1 at 0, as (x >= 0)); derivative: " + NO_GRADIENT,
        (0.0,),
    ),
    "sigmoid": (torch.sigmoid, "torch.sigmoid(x)", ()),
    "tanh": (torch.tanh, "torch.tanh(x)", ()),
    "relu": (F.relu, "torch.nn.functional.relu(x)", (0.0,)),
    "leaky_relu": (
        F.leaky_relu, f"torch.nn.functional.leaky_relu(x) (default negative_slope={_default(torch.nn.LeakyReLU, 'negative_slope')})",
        (0.0,),
    ),
    "prelu": (_prelu, "torch.nn.functional.prelu(x, weight) with the weight torch.nn.PReLU() initialises", (0.0,)),
    "elu": (F.elu, f"torch.nn.functional.elu(x) (default alpha={_default(torch.nn.ELU, 'alpha')})", (0.0,)),
    "selu": (F.selu, "torch.nn.functional.selu(x) (its fixed alpha and scale)", (0.0,)),
    "softplus": (
        F.softplus,
        f"torch.nn.functional.softplus(x) (default beta={_default(torch.nn.Softplus, 'beta')}, "
        f"threshold={_default(torch.nn.Softplus, 'threshold')}: above it torch returns x, derivative exactly 1)",
        (),
    ),
    "softsign": (F.softsign, "torch.nn.functional.softsign(x)", (0.0,)),
    "gelu": (F.gelu, f"torch.nn.functional.gelu(x) (default approximate={_default(torch.nn.GELU, 'approximate')!r})", ()),
    "silu": (F.silu, "torch.nn.functional.silu(x)", ()),
    "gaussian": (lambda x: torch.exp(-x**2), "no torch function: torch.exp(-x**2)", ()),
}
SOFTPLUS_BEYOND_THRESHOLD = (20.5, 25.0, 30.0)
SOFTPLUS_AT_THRESHOLD = 20.0  # not above it: torch still uses log1p(exp(x)) here
SOFTMAX_POINTS = ((0.3, -1.2, 2.0), (0.0, 0.0, 0.0), (1.0, 1.0, -0.5))


def _selu_constants() -> dict:
    """SELU's alpha and scale as F.selu shows them: selu(1) = scale, selu(-inf) = -scale alpha."""
    scale = F.selu(torch.tensor(1.0, dtype=DTYPE)).item()
    alpha = -F.selu(torch.tensor(-float("inf"), dtype=DTYPE)).item() / scale
    return {"alpha": alpha, "lamda": scale}


def _parameters() -> dict:
    """PyTorch's defaults, keyed by the catalogue's parameter names."""
    return {
        "prelu": {"a": torch.nn.PReLU(dtype=DTYPE).weight.item()},
        "elu": {"alpha": float(_default(torch.nn.ELU, "alpha"))},
        "selu": _selu_constants(),
    }


def _point(function, at: float) -> dict:
    x = _tensor(at)
    out = function(x)
    if not out.requires_grad:
        raise AssertionError("a differentiable entry lost its graph")
    (derivative,) = torch.autograd.grad(out, x)
    return {"x": at, "value": out.item(), "derivative": derivative.item()}


def _no_gradient_point(function, at: float) -> dict:
    assert _heaviside_has_no_backward() and _cut_from_graph(_binary_step_no_grad, _tensor(at))
    return {"x": at, "value": function(_tensor(at)).item(), "derivative": 0.0}


def record_activation(name: str, parameters: dict) -> dict:
    function, how, kinks = ACTIVATIONS[name]
    at = sorted(set(kinks) | {0.0} | set(ORDINARY) | ({SOFTPLUS_AT_THRESHOLD} if name == "softplus" else set()))
    make = _no_gradient_point if name == "binary_step" else _point
    entry = {"how": how, "parameters": parameters.get(name, {}), "kinks": list(kinks),
             "points": [make(function, point) for point in at]}
    if name == "softplus":
        entry["beyond_threshold"] = {
            "threshold": float(_default(torch.nn.Softplus, "threshold")),
            "points": [_point(function, point) for point in SOFTPLUS_BEYOND_THRESHOLD],
        }
    return entry


def record_softmax() -> dict:
    points = []
    for at in SOFTMAX_POINTS:
        z = torch.tensor(at, dtype=DTYPE)
        jacobian = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, dim=0), z)
        points.append({"z": list(at), "value": torch.softmax(z, dim=0).tolist(), "jacobian": jacobian.tolist()})
    return {"how": "torch.softmax(z, dim=0); Jacobian by torch.autograd.functional.jacobian", "parameters": {},
            "kinks": [], "points": points}


def _margin_scores(f):
    """Two-class scores for multi_margin_loss whose margin term is 1 - y f (x[1] - x[0] = f)."""
    return torch.stack([-f / 2, f / 2]).unsqueeze(0)


def _target(label: float) -> torch.Tensor:
    return torch.tensor([1 if label > 0 else 0])


def _hinge(power: int):
    def loss(f, y):
        return 2 * F.multi_margin_loss(_margin_scores(f), _target(y.item()), p=power)

    return loss


def _zero_one(f, y):
    return (y * f <= 0).to(DTYPE)


HINGE_HOW = (
    "no binary hinge by that name: 2 * torch.nn.functional.multi_margin_loss(stack([-f/2, f/2])[None], "
    "target (y > 0), p={p}), torch's own (multi-class) hinge with two classes, margin term 1 - y f"
)

# symprimer name -> (torch function of (prediction, label), how, kinks as (prediction, label), ordinary points)
LOSSES = {
    "zero_one": (
        _zero_one, "no torch function: (y * f <= 0).to(float64); derivative: " + NO_GRADIENT,
        ((0.0, 1.0), (0.0, -1.0)), ((0.7, 1.0), (-1.2, 1.0), (0.4, -1.0), (-2.0, -1.0)),
    ),
    "squared": (
        lambda f, y: F.mse_loss(f, y, reduction="none"), "torch.nn.functional.mse_loss(f, y, reduction='none')",
        (), ((1.5, 1.5), (0.3, 1.0), (-2.0, 0.5), (2.5, -1.0)),
    ),
    "absolute": (
        lambda f, y: F.l1_loss(f, y, reduction="none"), "torch.nn.functional.l1_loss(f, y, reduction='none')",
        ((1.5, 1.5), (0.0, 0.0), (-2.0, -2.0)), ((0.3, 1.0), (2.5, -1.0)),
    ),
    "bce": (
        lambda p, y: F.binary_cross_entropy(p, y, reduction="none"),
        "torch.nn.functional.binary_cross_entropy(p, y, reduction='none')",
        (), ((0.3, 0.0), (0.8, 1.0), (0.6, 0.25), (0.5, 1.0), (0.1, 0.5)),
    ),
    "hinge": (
        _hinge(1), HINGE_HOW.format(p=1), ((1.0, 1.0), (-1.0, -1.0)), ((0.3, 1.0), (2.0, 1.0), (0.5, -1.0), (-3.0, -1.0)),
    ),
    "squared_hinge": (
        _hinge(2), HINGE_HOW.format(p=2), ((1.0, 1.0), (-1.0, -1.0)), ((0.3, 1.0), (2.0, 1.0), (0.5, -1.0), (-3.0, -1.0)),
    ),
    "huber": (
        lambda f, y: F.huber_loss(f, y, reduction="none"),
        f"torch.nn.functional.huber_loss(f, y, reduction='none') (default delta={_default(torch.nn.HuberLoss, 'delta')})",
        ((2.0, 1.0), (0.0, 1.0), (-1.5, -0.5)), ((1.0, 1.0), (1.3, 1.0), (3.5, 1.0), (-2.0, 1.0)),
    ),
    "log_cosh": (
        lambda f, y: torch.log(torch.cosh(f - y)), "no torch function: torch.log(torch.cosh(f - y))",
        (), ((1.0, 1.0), (0.3, 1.0), (3.0, -1.0), (-0.4, 0.5)),
    ),
}

# Other spellings of the hinge a PyTorch user might write: their derivative at the margin differs.
HINGE_SPELLINGS = {
    "torch.nn.functional.relu(1 - y * f)": lambda f, y: F.relu(1 - y * f),
    "torch.clamp(1 - y * f, min=0)": lambda f, y: torch.clamp(1 - y * f, min=0),
    "torch.maximum(1 - y * f, zeros)": lambda f, y: torch.maximum(1 - y * f, torch.zeros((), dtype=DTYPE)),
}

CCE_POINTS = (((0.2, 0.5, 0.3), (0.0, 1.0, 0.0)), ((0.7, 0.2, 0.1), (1.0, 0.0, 0.0)), ((0.25, 0.25, 0.5), (0.1, 0.6, 0.3)))
CCE_LOGITS = (((0.4, -1.1, 0.9), (1.0, 0.0, 0.0)), ((0.0, 0.0, 0.0), (0.0, 0.0, 1.0)), ((2.0, -0.5, 1.5), (0.2, 0.3, 0.5)))
BCE_LOGITS = ((-2.0, 0.0), (0.0, 1.0), (1.5, 0.25), (3.0, 1.0))


def _loss_point(function, prediction: float, label: float, differentiable: bool = True) -> dict:
    f, y = _tensor(prediction), torch.tensor(label, dtype=DTYPE)
    out = function(f, y).reshape(())
    if differentiable:
        (derivative,) = torch.autograd.grad(out, f)
        value = derivative.item()
    else:
        assert not out.requires_grad
        value = 0.0
    return {"prediction": prediction, "label": label, "value": out.item(), "derivative": value}


def record_loss(name: str) -> dict:
    function, how, kinks, ordinary = LOSSES[name]
    differentiable = name != "zero_one"
    entry = {"how": how, "parameters": {"delta": float(_default(torch.nn.HuberLoss, "delta"))} if name == "huber" else {},
             "kinks": [list(k) for k in kinks],
             "points": [_loss_point(function, f, y, differentiable) for f, y in (*kinks, *ordinary)]}
    if name == "hinge":
        entry["other_spellings"] = {
            how_else: [_loss_point(other, f, y) for f, y in kinks] for how_else, other in HINGE_SPELLINGS.items()
        }
    if name == "bce":
        entry["through"] = {"sigmoid": _through_sigmoid()}
    return entry


def _through_sigmoid() -> dict:
    points = []
    for logit, label in BCE_LOGITS:
        z, y = _tensor(logit), torch.tensor(label, dtype=DTYPE)
        out = F.binary_cross_entropy_with_logits(z, y)
        (derivative,) = torch.autograd.grad(out, z)
        points.append({"z": logit, "label": label, "value": out.item(), "derivative": derivative.item()})
    return {"how": "torch.nn.functional.binary_cross_entropy_with_logits(z, y), derivative in z", "points": points}


def record_cce() -> dict:
    points = []
    for probabilities, labels in CCE_POINTS:
        p, y = _tensor(probabilities), torch.tensor(labels, dtype=DTYPE)
        out = -(y * torch.log(p)).sum()
        (gradient,) = torch.autograd.grad(out, p)
        points.append({"probabilities": list(probabilities), "labels": list(labels), "value": out.item(),
                       "gradient": gradient.tolist()})
    through = []
    for logits, labels in CCE_LOGITS:
        z, y = _tensor(logits), torch.tensor(labels, dtype=DTYPE)
        out = F.cross_entropy(z.unsqueeze(0), y.unsqueeze(0))
        (gradient,) = torch.autograd.grad(out, z)
        through.append({"z": list(logits), "labels": list(labels), "value": out.item(), "gradient": gradient.tolist()})
    return {
        "how": "no torch function on probabilities (cross_entropy takes logits): -(y * torch.log(p)).sum()",
        "parameters": {}, "kinks": [], "points": points,
        "through": {"softmax": {"how": "torch.nn.functional.cross_entropy(z[None], y[None]) (probability "
                                       "targets), gradient in z", "points": through}},
    }


def main() -> None:
    torch.set_default_dtype(DTYPE)
    parameters = _parameters()
    activations = {name: record_activation(name, parameters) for name in ACTIVATIONS}
    activations["softmax"] = record_softmax()
    losses = {name: record_loss(name) for name in LOSSES}
    losses["cce"] = record_cce()
    payload = {
        "_source": "Recorded by tests/nn/record_torch_kinks.py from torch autograd in float64; do not edit by hand.",
        "torch_version": torch.__version__,
        "dtype": "float64",
        "activations": activations,
        "losses": losses,
    }
    OUTPUT.write_text(json.dumps(payload, indent=1) + "\n")
    print("wrote", OUTPUT)


if __name__ == "__main__":
    main()
