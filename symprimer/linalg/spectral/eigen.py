"""``derive eigen``: eigenvalues, eigenvectors and multiplicities, worked as in the deck.

``eigen_analysis`` is shared by diagonalisation and the SVD; ``derive_eigen`` wraps it into a
Derivation with the JSON contract's ``eigen`` list.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from symprimer.board import Number, Total, numbers
from symprimer.linalg.basic.matrices import require_square
from symprimer.linalg.spectral.rational import analysis_parts, rational_grid
from symprimer.linalg.spectral.roots import root_eigenspace
from symprimer.linalg.spectral.values import Spectrum, spectrum
from symprimer.linalg.spectral.vectors import Eigenspace, eigenspace
from symprimer.parse.matrix import parse_matrix
from symprimer.render.notation import to_sympy_string
from symprimer.core.steps import Derivation, Step


@dataclass(frozen=True)
class EigenAnalysis:
    matrix: sp.ImmutableMatrix
    spectrum: Spectrum
    spaces: tuple[Eigenspace, ...]  # one per closed-form eigenvalue
    steps: tuple[Step, ...]
    notes: tuple[str, ...]
    root_spaces: tuple[Eigenspace, ...] = ()  # one per CRootOf eigenvalue, worked in Q(r)

    @property
    def complete(self) -> bool:
        """Every eigenvalue had a closed form, so every eigenspace was worked."""
        return len(self.spaces) == len(self.spectrum.eigenvalues)

    @property
    def diagonalisable(self) -> bool | None:
        if not self.complete:
            return True if all(e.algebraic_multiplicity == 1 for e in self.spectrum.eigenvalues) else None
        return sum(s.geometric_multiplicity for s in self.spaces) == self.matrix.rows

    def geometric(self, index: int) -> int | None:
        eigenvalue = self.spectrum.eigenvalues[index]
        for space in self.spaces + self.root_spaces:
            if space.eigenvalue == eigenvalue:
                return space.geometric_multiplicity
        return 1 if eigenvalue.algebraic_multiplicity == 1 else None

    def eigen_list(self) -> list[dict]:
        """The JSON contract's list: value, both multiplicities, eigenspace basis."""
        items = []
        for index, eigenvalue in enumerate(self.spectrum.eigenvalues):
            vectors = next((list(s.basis) for s in self.spaces + self.root_spaces if s.eigenvalue == eigenvalue), [])
            items.append(
                {
                    "value": eigenvalue.value,
                    "algebraic_multiplicity": int(eigenvalue.algebraic_multiplicity),  # a number on every route
                    "geometric_multiplicity": self.geometric(index),
                    "vectors": vectors,
                }
            )
        return items


def eigen_analysis(matrix: sp.ImmutableMatrix, name: str = "A", grid=None) -> EigenAnalysis:
    """Characteristic polynomial, eigenvalues, and the eigenspace of each closed-form eigenvalue.

    A rational matrix is worked on the board (``rational``; ``grid`` is its board form when
    the caller has it); any other with SymPy expressions.
    """
    parts = analysis_parts(matrix, name, grid)
    if parts is not None:
        found, spaces, grid = parts
    else:
        found = spectrum(matrix, name)
        spaces = []
        for index, eigenvalue in enumerate(found.eigenvalues, start=1):
            if eigenvalue.closed_form:
                spaces.append(eigenspace(matrix, eigenvalue, index, name))
    root_spaces = []
    if any(not eigenvalue.closed_form for eigenvalue in found.eigenvalues):
        grid = grid if grid is not None else rational_grid(matrix)
        if grid is not None:  # Q(r) holds the entries of a rational matrix only
            root_spaces = [
                root_eigenspace(grid, eigenvalue, index, name)
                for index, eigenvalue in enumerate(found.eigenvalues, start=1)
                if not eigenvalue.closed_form
            ]
    steps = list(found.steps) + [space.step for space in spaces] + [space.step for space in root_spaces]
    notes = list(found.notes)
    if root_spaces:
        notes.append(
            "Eigenvalues without a closed form get exact eigenvectors, with entries polynomial in the "
            "eigenvalue, from the null space over the field it generates (no row reduction shown)."
        )
    elif len(spaces) < len(found.eigenvalues):
        notes.append(
            "Eigenvalues without a closed form get no eigenvectors here: exact ones (entries polynomial in "
            "the eigenvalue) are found only for matrices with rational entries."
        )
    assumptions = sorted(
        {-a if a.could_extract_minus_sign() else a for s in spaces for a in s.assumptions}, key=sp.default_sort_key
    )
    if matrix.free_symbols:
        notes.append(
            "Symbolic entries: the generic case is worked (eigenvalues that look different are taken as "
            "distinct" + (", and the pivot(s) " + ", ".join(to_sympy_string(a) for a in assumptions) + " as non-zero"
                          if assumptions else "") + ")."
        )
    analysis = EigenAnalysis(matrix, found, tuple(spaces), tuple(steps), tuple(notes), tuple(root_spaces))
    verdict = _verdict_step(analysis)
    if verdict is not None:
        analysis = EigenAnalysis(matrix, found, tuple(spaces), tuple(steps) + (verdict,), tuple(notes), tuple(root_spaces))
    return analysis


def _verdict_step(analysis: EigenAnalysis) -> Step | None:
    if not analysis.complete:
        return None
    total = Total(sp.ZZ, numbers(sp.ZZ, [s.geometric_multiplicity for s in analysis.spaces]))
    n = analysis.matrix.rows
    if analysis.diagonalisable:
        return Step(
            "diagonalisable",
            f"The geometric multiplicities add up to n = {n}: there are n independent eigenvectors, "
            "so the matrix is diagonalisable.",
            before=total,
            after=Number(sp.ZZ, sp.ZZ(n)),
        )
    found = sum(s.geometric_multiplicity for s in analysis.spaces)
    return Step(  # an equation that holds, the comparison with n in words (was "1 != 2" for 1 < 2)
        "defective",
        f"The geometric multiplicities add up to {found}, less than n = {n}: the matrix is defective (short of "
        "independent eigenvectors) and is NOT diagonalisable.",
        before=total if len(analysis.spaces) > 1 else None,
        after=Number(sp.ZZ, sp.ZZ(found)) if len(analysis.spaces) > 1 else None,
    )


def parse_square(inputs: tuple[str, ...], kind: str) -> tuple[sp.ImmutableMatrix, tuple[str, ...]]:
    parsed = parse_matrix(inputs[0], what="the matrix A")
    matrix = sp.ImmutableMatrix(parsed.value)
    require_square(
        matrix, "A", f"derive {kind}", "; eigenvalues exist only for square matrices (for a rectangular one try derive svd)"
    )
    return matrix, tuple(parsed.notes)


def derive_eigen(inputs: tuple[str, ...]) -> Derivation:
    """The worked eigen solution of one square matrix."""
    matrix, parse_notes = parse_square(inputs, "eigen")
    analysis = eigen_analysis(matrix)
    values = [e.value for e in analysis.spectrum.eigenvalues for _ in range(e.algebraic_multiplicity)]
    details = [
        ("eigenvalues", values),
        ("eigen", analysis.eigen_list()),
        ("characteristic_polynomial", analysis.spectrum.polynomial),
        ("diagonalisable", analysis.diagonalisable),
        ("defective", analysis.diagonalisable is False),
    ]
    return Derivation(
        kind="eigen",
        question="Find the eigenvalues and eigenvectors of A.",
        given=(("A", matrix),),
        steps=analysis.steps,
        result=tuple(values),
        result_label="Eigenvalues (repeated by algebraic multiplicity)",
        notes=parse_notes + analysis.notes,
        details=tuple(details),
        source=tuple(inputs),
    )
