"""``derive eigen``: eigenvalues, eigenvectors and multiplicities, worked as in the deck.

``eigen_analysis`` is shared by diagonalisation and the SVD; ``derive_eigen`` wraps it into a
Derivation with the JSON contract's ``eigen`` list.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import sympy as sp

from symprimer.board import Grid, Number, Total, numbers
from symprimer.board.expressions import EXPRESSIONS
from symprimer.linalg.basic.matrices import require_square
from symprimer.linalg.spectral import words
from symprimer.linalg.spectral.boards import written_as
from symprimer.linalg.spectral.rational import RATIONAL, rational_grid
from symprimer.linalg.spectral.roots import root_eigenspace
from symprimer.linalg.spectral.values import GENERAL, SpectralKind, Spectrum, spectrum
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


def matrix_grid(matrix: sp.ImmutableMatrix) -> Grid:
    """The matrix over its number domain, chosen once from its entries: ZZ or QQ for rational
    entries, exact expressions (shown as written) for anything else."""
    grid = rational_grid(matrix)
    if grid is not None:
        return grid
    grid = Grid(EXPRESSIONS, tuple(tuple(EXPRESSIONS.from_sympy(e) for e in row) for row in matrix.tolist()))
    return written_as(grid, matrix)


# The pieces of the spectrum that depend on the numbers, per domain of the matrix.
SPECTRAL_KINDS: MappingProxyType[object, SpectralKind] = MappingProxyType({sp.ZZ: RATIONAL, sp.QQ: RATIONAL, EXPRESSIONS: GENERAL})
# Eigenspaces of CRootOf eigenvalues are worked in Q(r), which holds a rational matrix's entries only.
ROOT_SPACES = MappingProxyType({sp.ZZ: root_eigenspace, sp.QQ: root_eigenspace})


def eigen_analysis(matrix: sp.ImmutableMatrix, name: str = "A", grid=None) -> EigenAnalysis:
    """Characteristic polynomial, eigenvalues, and the eigenspace of each eigenvalue: by RREF for
    closed forms, in Q(r) for a rational matrix's CRootOf r (``grid``: the matrix's board form
    when the caller has it)."""
    grid = grid if grid is not None else matrix_grid(matrix)
    found = spectrum(grid, name, SPECTRAL_KINDS[grid.domain])
    spaces = [
        eigenspace(grid, eigenvalue, index, name)
        for index, eigenvalue in enumerate(found.eigenvalues, start=1)
        if eigenvalue.closed_form
    ]
    root_spaces = [
        ROOT_SPACES[grid.domain](grid, eigenvalue, index, name)
        for index, eigenvalue in enumerate(found.eigenvalues, start=1)
        if not eigenvalue.closed_form and grid.domain in ROOT_SPACES
    ]
    steps = list(found.steps) + [space.step for space in spaces] + [space.step for space in root_spaces]
    notes = list(found.notes)
    if root_spaces:
        notes.append(words.ROOT_SPACES_NOTE)
    elif len(spaces) < len(found.eigenvalues):
        notes.append(words.NO_ROOT_SPACES_NOTE)
    assumptions = sorted(
        {-a if a.could_extract_minus_sign() else a for s in spaces for a in s.assumptions}, key=sp.default_sort_key
    )
    if matrix.free_symbols:
        notes.append(words.symbolic_note([to_sympy_string(a) for a in assumptions]))
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
            words.diagonalisable(n),
            before=total,
            after=Number(sp.ZZ, sp.ZZ(n)),
        )
    found = sum(s.geometric_multiplicity for s in analysis.spaces)
    return Step(  # an equation that holds, the comparison with n in words (was "1 != 2" for 1 < 2)
        "defective",
        words.defective(found, n),
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
