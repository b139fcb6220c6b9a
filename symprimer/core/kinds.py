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
        "transpose": Kind("symprimer.linalg.basic.transpose", "derive_transpose", "transpose, classification, symmetric + antisymmetric split", "MATRIX"),
        "matmul": Kind("symprimer.linalg.basic.product", "derive_matmul", "matrix product entry by entry", "MATRIX MATRIX", arity=(2, 2)),
        "laws": Kind("symprimer.linalg.basic.laws", "derive_laws", "transpose/product/inverse laws verified on given matrices", "MATRIX [MATRIX [MATRIX]]", arity=(1, 3)),
        "det": Kind("symprimer.linalg.determinant.laplace", "derive_det", "determinant by Laplace expansion (or elimination)", "MATRIX", ("along", "method")),
        "cofactors": Kind("symprimer.linalg.determinant.cofactors", "derive_cofactors", "every minor and cofactor, the cofactor matrix", "MATRIX"),
        "inverse": Kind("symprimer.linalg.inverse.adjoint", "derive_inverse", "inverse by the adjoint method (or Gauss-Jordan)", "MATRIX", ("method",)),
        "eigen": Kind("symprimer.linalg.spectral.eigen", "derive_eigen", "eigenvalues from |lambda I - A| = 0, eigenvectors by RREF", "MATRIX"),
        "diagonalise": Kind("symprimer.linalg.spectral.diagonalise", "derive_diagonalise", "A = P D P^-1 (A = Q D Q^T when symmetric), checked", "MATRIX"),
        "diagonalize": Kind("symprimer.linalg.spectral.diagonalise", "derive_diagonalise", "same as diagonalise", "MATRIX"),
        "unitary": Kind("symprimer.linalg.basic.unitary", "derive_unitary", "conjugate transpose, U* U = I, U* = U^-1", "MATRIX"),
        "svd": Kind("symprimer.linalg.spectral.svd", "derive_svd", "singular value decomposition by hand from M* M", "MATRIX", ("reduced",)),
        "diff": Kind("symprimer.calculus.diff", "derive_diff", "derivative by named rules (or from first principles; --at: differentiability)", "EXPRESSION", ("wrt", "method", "at")),
        "grad": Kind("symprimer.calculus.gradient", "derive_grad", "partial derivatives and the gradient vector", "EXPRESSION", ("wrt",)),
        "jacobian": Kind("symprimer.calculus.gradient", "derive_jacobian", "the Jacobian of a vector of functions", "[F1, F2, ...]", ("wrt",)),
        "hessian": Kind("symprimer.calculus.gradient", "derive_hessian", "second partial derivatives, the Hessian", "EXPRESSION", ("wrt",)),
        "activation": Kind("symprimer.nn.derive_activation", "derive_activation", "an activation function and its derivative (hand form)", "NAME", ("at",)),
        "loss": Kind("symprimer.nn.derive_loss", "derive_loss", "a loss function and its derivative (through sigmoid/softmax)", "NAME", ("through", "classes")),
        "descent": Kind("symprimer.numeric.worked", "derive_descent", "the first gradient-descent iterations, exactly (sgd or momentum)", "EXPRESSION", ("start", "lr", "steps", "optimizer", "momentum")),
    }
)
