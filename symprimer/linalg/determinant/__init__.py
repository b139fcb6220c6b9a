"""Determinants: Laplace expansion by minors, cofactors, and row elimination."""
