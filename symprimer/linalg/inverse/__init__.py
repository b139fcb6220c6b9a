"""Inverses: the adjoint (adjugate over the determinant) and Gauss-Jordan on [A | I]."""
