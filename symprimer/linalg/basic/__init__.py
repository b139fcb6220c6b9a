"""Matrices read from the user, transpose, products, the algebra laws and unitary checks."""
