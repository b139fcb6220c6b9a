"""The calculus oracles (sympy.diff, central differences), shared with the catalogue tests."""
import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "calculus_oracles", Path(__file__).resolve().parent.parent / "calculus" / "calculus_oracles.py"
)
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)

central_difference_agrees = _module.central_difference_agrees
same_as_sympy = _module.same_as_sympy
