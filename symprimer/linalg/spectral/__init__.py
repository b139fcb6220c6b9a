"""Eigenvalues, eigenspaces, orthonormal bases, diagonalisation and the SVD."""
