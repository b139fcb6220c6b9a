"""The oracles of the nn tests: sympy.diff and central differences, and PyTorch's recorded values."""
import importlib.util
import json
from pathlib import Path

import numpy as np

_spec = importlib.util.spec_from_file_location(
    "calculus_oracles", Path(__file__).resolve().parent.parent / "calculus" / "calculus_oracles.py"
)
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)

central_difference_agrees = _module.central_difference_agrees
same_as_sympy = _module.same_as_sympy


# PyTorch's values, recorded by record_torch_kinks.py from torch autograd in float64 (torch is
# not needed to run the tests).
TORCH = json.loads((Path(__file__).resolve().parent / "pytorch_kinks.json").read_text())
TORCH_RTOL = 1e-12


def torch_agrees(actual, expected) -> bool:
    """``actual`` equals the recorded float64 value within 1e-12 relative (exactly where torch has 0).

    A constant lambdified from SymPy comes back as a scalar, so it is broadcast to the recorded shape.
    """
    expected = np.asarray(expected, dtype=float)
    actual = np.broadcast_to(np.asarray(actual, dtype=float), expected.shape)
    return bool(np.all(np.abs(actual - expected) <= TORCH_RTOL * np.abs(expected)))
