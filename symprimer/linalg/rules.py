"""Rule names of the linear-algebra derivations (see symprimer.rules)."""
from types import MappingProxyType

LINALG_RULES = MappingProxyType(
    {
        # linear algebra: transpose family
        "transpose_entry": "(A^T)_ij = A_ji",
        "conjugate_transpose_entry": "(A*)_ij = conj(A_ji)",
        "classify": "a property of the matrix tested",
        "sym_antisym_split": "A = (A + A^T)/2 + (A - A^T)/2",
        # products
        "row_times_column": "(AB)_ij = sum_k a_ik b_kj",
        "matmul": "the product assembled from its entries",
        "matrix_add": "entrywise sum",
        "scalar_multiple": "every entry times the scalar",
        "law": "a law of matrix algebra checked on the given matrices",
        "counterexample": "two sides that differ, shown",
        # determinants
        "det_1x1": "det(a) = a",
        "det_2x2": "det = ad - bc",
        "laplace_expansion": "det A = sum_j (-1)^(i+j) a_ij M_ij along a row or column",
        "laplace_term": "one term (-1)^(i+j) a_ij M_ij of a Laplace expansion",
        "zero_term": "a term whose entry is zero contributes nothing",
        "minor": "M_ij: the determinant with row i and column j deleted",
        "cofactor": "C_ij = (-1)^(i+j) M_ij",
        "cofactor_matrix": "C = (C_ij)",
        "adjugate": "adj A = C^T",
        "inverse_adjoint": "A^-1 = adj(A) / det A",
        "singular": "det A = 0, so A has no inverse",
        "row_swap": "swap two rows",
        "row_scale": "multiply a row by a non-zero scalar",
        "row_replace": "add a multiple of one row to another",
        "triangular_det": "the determinant of a triangular matrix is the product of its diagonal",
        "gauss_jordan": "row-reduce [A | I] to [I | A^-1]",
        "identity_check": "a product equals the identity",
    }
)

EIGEN_RULES = MappingProxyType(
    {
    }
)
