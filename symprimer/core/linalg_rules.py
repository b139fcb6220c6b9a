"""Rule names of the linear-algebra derivations (see symprimer.core.rules)."""
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
        "laplace_terms": "the Laplace expansion written out term by term with the sign chart",
        "conjugate_transpose": "A* = conj(A)^T",
        "zero_term": "a term whose entry is zero contributes nothing",
        "minor": "M_ij: the determinant with row i and column j deleted",
        "cofactor": "C_ij = (-1)^(i+j) M_ij",
        "cofactor_matrix": "C = (C_ij)",
        "adjugate": "adj A = C^T",
        "adjugate_2x2": "a 2x2 adjugate: swap the diagonal entries, negate the others",
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
        # eigenvalues: |lambda I - A| = 0
        "eigen_equation": "A x = lambda x rewritten as (lambda I - A) x = 0, x != 0",
        "characteristic_matrix": "lambda I - A written out",
        "characteristic_polynomial": "|lambda I - A| expanded into a polynomial in lambda",
        "eigenvalue_factorisation": "the characteristic polynomial as a product of (lambda - lambda_i)^m_i",
        "root_check": "an eigenvalue substituted into its factor gives 0",
        "no_closed_form": "roots with no closed form, given exactly as CRootOf and numerically",
        # eigenvectors: (lambda_i I - A) x = 0 by row reduction
        "row_operation": "elementary row operations, i.e. left-multiplication by an elementary matrix",
        "rref": "row reduction to reduced row-echelon form",
        "free_variables": "the general solution of the reduced system in its free variables",
        "geometric_multiplicity": "dim of the eigenspace = n - rank(lambda_i I - A)",
        "eigen_check": "A v = lambda v",
        "defective": "the geometric multiplicities add up to less than n",
        "diagonalisable": "the geometric multiplicities add up to n",
        # diagonalisation and orthonormal bases
        "assemble": "P (or Q, U, V, Sigma) assembled column by column",
        "inverse_check": "P P^-1 = I",
        "diagonalisation_check": "A = P D P^-1",
        "gram_schmidt": "v_k - sum_j <q_j, v_k> q_j: orthogonalised against earlier vectors",
        "normalise": "q = v / ||v||",
        "orthonormal_check": "Q* Q = I",
        # unitary and Hermitian
        "conjugate_transpose": "U* = conj(U)^T",
        "unitary_check": "U* U = I and U U* = I",
        "unitary_inverse": "U* = U^-1 for a unitary U",
        "hermitian_check": "A* = A",
        "unit_modulus": "|det U| = 1 for a unitary U",
        # SVD
        "gram_matrix": "M* M, whose eigen-decomposition gives V and sigma_i^2",
        "singular_values": "sigma_i = sqrt(lambda_i(M* M)), in descending order",
        "left_singular_vector": "u_i = M v_i / sigma_i",
        "complete_basis": "U completed to an orthonormal basis from the null space of M*",
        "svd_check": "U Sigma V* = M",
    }
)
