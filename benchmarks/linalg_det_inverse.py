"""derive det / derive inverse (steps built AND verified) against plain SymPy, same run.

Run: /tmp/venv/bin/python benchmarks/linalg_det_inverse.py
Baselines: Matrix.det(method="berkowitz") and Matrix.inv() on the same matrices.  The ratio
is (symprimer time) / (SymPy time); the issue's target is at most 3x.  Both sides start from
the same SymPy matrix ("ratio", "cold ratio"); "text ratio" adds symprimer's safe parsing of
the matrix literal to its side (SymPy's side has nothing to parse).  Also times
`symprimer --help` (target under 0.3 s).
"""
from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time

import sympy as sp
from sympy.core.cache import clear_cache

from symprimer.api import derive


def literal(matrix: sp.Matrix) -> str:
    return "[" + ",".join("[" + ",".join(str(e) for e in matrix.row(i)) + "]" for i in range(matrix.rows)) + "]"


def numeric(n: int, rng: random.Random) -> sp.Matrix:
    while True:
        matrix = sp.Matrix(n, n, lambda i, j: rng.randint(-9, 9))
        if matrix.det() != 0:
            return matrix


def symbolic(n: int) -> sp.Matrix:
    return sp.Matrix(n, n, sp.symbols(f"a0:{n * n}"))


def best_of(work, repeats: int, cold: bool = False) -> float:
    """Median wall time; ``cold`` empties SymPy's cache before each run (not timed)."""
    times = []
    for _ in range(repeats):
        if cold:
            clear_cache()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def derive_verified(kind: str, given) -> None:
    derivation = derive(kind, given)
    assert derivation.verified


def main() -> None:
    rng = random.Random(2026)
    cases = [(f"numeric {n}x{n}", numeric(n, rng), 21) for n in (3, 4, 5, 6)]
    cases += [(f"symbolic {n}x{n}", symbolic(n), 5) for n in (3, 4)]
    derive("det", "[[1,2],[3,4]]").verified  # warm caches and imports
    print("warm: SymPy's cache kept between repeats; cold: cache emptied before every run")
    print(f"{'case':<14} {'kind':<8} {'symprimer s':>12} {'sympy s':>10} {'ratio':>7} {'cold ratio':>11} {'text ratio':>11}")
    worst = 0.0
    for label, matrix, repeats in cases:
        text = literal(matrix)
        given = sp.ImmutableMatrix(matrix)
        for kind, baseline in (
            ("det", lambda m=given: sp.Matrix(m).det(method="berkowitz")),
            ("inverse", lambda m=given: sp.Matrix(m).inv()),
        ):
            ours = best_of(lambda: derive_verified(kind, given), repeats)
            theirs = best_of(baseline, repeats)
            cold = best_of(lambda: derive_verified(kind, given), repeats, cold=True) / best_of(baseline, repeats, cold=True)
            from_text = best_of(lambda: derive_verified(kind, text), repeats) / theirs
            worst = max(worst, ours / theirs, cold)
            print(f"{label:<14} {kind:<8} {ours:>12.4f} {theirs:>10.4f} {ours / theirs:>6.1f}x {cold:>10.1f}x {from_text:>10.1f}x")
    print(f"worst of ratio and cold ratio: {worst:.1f}x (target: at most 3x)")
    four = sp.ImmutableMatrix(cases[1][1])
    ours = best_of(lambda: derive("inverse", four, method="adjoint").verified, 21)
    theirs = best_of(lambda: sp.Matrix(four).inv(), 21)
    print(f"not a default, for the record: numeric 4x4 inverse --method adjoint (sixteen 3x3 cofactors) {ours / theirs:.1f}x")
    help_times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "symprimer", "--help"], capture_output=True, check=True)
        help_times.append(time.perf_counter() - started)
    print(f"symprimer --help: {statistics.median(help_times):.3f} s (median of 5, interpreter start-up included)")


if __name__ == "__main__":
    main()
