"""Shared helpers of the sheet tests: writing specs, building, independent answer oracles."""
from __future__ import annotations

from pathlib import Path

import sympy as sp

from symprimer.runtime.budget import Budget
from symprimer.sheets.build import BuildOptions, build_sheets
from symprimer.sheets.spec import read_spec

SMALL_SPEC = """\
title: 'Golden sheet \\input{/etc/passwd} \\write18{rm -rf /} 100% & $x$ #1 ~ ^ _'
author: A. Lecturer
course: NLP primer
date: 2026-11-26
seed: 7
questions:
  - kind: det
    section: Linear algebra
    matrix: [[2, 1], [5, 3]]
    points: 2
  - kind: transpose
    matrix: [[1, 2, 3], [4, 5, 6]]
    prompt: Transpose A; can A be symmetric?
  - kind: inverse
    random: {shape: 2x2, property: integer-inverse, entries: [-3, 3]}
    points: 3
  - kind: diff
    section: 'Differentiation \\input{/etc/shadow}'
    expression: x**2*exp(x)
    wrt: x
    points: 2
    prompt: 'Differentiate f. \\immediate\\write18{id} \\openin5=/etc/passwd λ ☃'
"""

VARIANT_SPEC = """\
title: Variants
seed: 2026
questions:
  - kind: det
    random: {shape: 3x3, property: invertible, entries: [-4, 4]}
  - kind: inverse
    random: {shape: 3x3, property: integer-inverse, entries: [-3, 3]}
  - kind: cofactors
    random: {shape: 3x3, entries: [-5, 5]}
  - kind: matmul
    matrices: [{random: {shape: 2x3}}, {random: {shape: 3x2}}]
  - kind: transpose
    random: {shape: 2x3, entries: [-9, 9]}
  - kind: diff
    expression: {random: {choose: ["x**2*exp(x)", "sin(x)/x", "log(1 + exp(x))", "x*tanh(x)"]}}
    wrt: x
  - kind: eigen
    random: {shape: 2x2, property: integer-eigenvalues, entries: [-6, 6]}
  - kind: svd
    random: {shape: 2x2, property: svd-friendly}
"""


def write_spec(folder: Path, text: str, name: str = "sheet.yaml") -> Path:
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return path


def build(spec_path: Path, out: Path, skip_unavailable: bool = False, **options):
    spec = read_spec(str(spec_path), skip_unavailable=skip_unavailable)
    settings = dict(out_dir=Path(out), stem=Path(spec_path).stem, budget=Budget(seconds=60, memory_mb=2048))
    settings.update(options)
    return build_sheets(spec, BuildOptions(**settings))


def _matrix(literal: str) -> sp.Matrix:
    return sp.Matrix(sp.sympify(literal))  # test oracle: SymPy reads the canonical literal itself


ORACLES = {
    "det": lambda inputs: _matrix(inputs[0]).det(),
    "inverse": lambda inputs: _matrix(inputs[0]).inv(),
    "cofactors": lambda inputs: _matrix(inputs[0]).cofactor_matrix(),
    "matmul": lambda inputs: _matrix(inputs[0]) * _matrix(inputs[1]),
    "transpose": lambda inputs: _matrix(inputs[0]).T,
    "diff": lambda inputs: sp.diff(sp.sympify(inputs[0]), sp.Symbol("x")),
}


def _eigen_correct(inputs, answer) -> bool:
    expected = sorted(v for v, k in _matrix(inputs[0]).eigenvals().items() for _ in range(k))
    return sorted(sp.sympify(answer.result_sympy)) == expected


def _svd_correct(inputs, answer) -> bool:
    m = _matrix(inputs[0])
    details = dict(answer.details)
    u, s, v = (sp.Matrix(sp.sympify(details[name])) for name in ("U", "S", "V"))
    singular = sorted((sp.sqrt(value) for value, k in (m.T * m).eigenvals().items() for _ in range(k)), reverse=True)
    reconstructed = (u * s * v.H - m).applyfunc(sp.simplify) == sp.zeros(*m.shape)
    printed_product = sp.Matrix(sp.sympify(answer.result_sympy)) == m  # the printed result is U Sigma V*
    return reconstructed and printed_product and [s[i, i] for i in range(min(s.shape))] == singular


SET_ORACLES = {"eigen": _eigen_correct, "svd": _svd_correct}


def answer_is_correct(answer) -> bool:
    """The sheet's printed result equals the oracle's, re-derived with plain SymPy."""
    if answer.kind in SET_ORACLES:
        return SET_ORACLES[answer.kind](answer.inputs, answer)
    printed = sp.sympify(answer.result_sympy, locals={"sigmoid": lambda z: 1 / (1 + sp.exp(-z))})
    expected = ORACLES[answer.kind](answer.inputs)
    difference = sp.Matrix(printed) - expected if isinstance(expected, sp.MatrixBase) else printed - expected
    if isinstance(difference, sp.MatrixBase):
        return all(sp.simplify(entry) == 0 for entry in difference)
    return sp.simplify(difference) == 0
