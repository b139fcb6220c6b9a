"""The table of ``derive`` kinds: name -> where its deriver lives and which options it takes.

Kept free of heavy imports so ``symprimer --help`` stays fast; derivers are imported on use.
A deriver is called as ``function(inputs, **options)`` with ``inputs`` the tuple of raw
strings from the command line (or a sheet) and returns a ``Derivation``.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Kind:
    module: str
    function: str
    summary: str
    inputs: str  # a human description of the positional inputs, for --help
    options: tuple[str, ...] = ()
    arity: tuple[int, int] = (1, 1)


KINDS = MappingProxyType(
    {
        "transpose": Kind("symprimer.linalg.transpose", "derive_transpose", "transpose, classification, symmetric + antisymmetric split", "MATRIX"),
        "matmul": Kind("symprimer.linalg.product", "derive_matmul", "matrix product entry by entry", "MATRIX MATRIX", arity=(2, 2)),
        "laws": Kind("symprimer.linalg.laws", "derive_laws", "transpose/product/inverse laws verified on given matrices", "MATRIX [MATRIX [MATRIX]]", arity=(1, 3)),
        "det": Kind("symprimer.linalg.determinant", "derive_det", "determinant by Laplace expansion (or elimination)", "MATRIX", ("along", "method")),
        "cofactors": Kind("symprimer.linalg.cofactors", "derive_cofactors", "every minor and cofactor, the cofactor matrix", "MATRIX"),
        "inverse": Kind("symprimer.linalg.inverse", "derive_inverse", "inverse by the adjoint method (or Gauss-Jordan)", "MATRIX", ("method",)),
    }
)
