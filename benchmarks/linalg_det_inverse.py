"""derive det / derive inverse (steps built AND verified) against plain SymPy, same run.

Run: .venv/bin/python benchmarks/linalg_det_inverse.py
Baselines: Matrix.det(method="berkowitz") and Matrix.inv() on the same matrices.  The ratio
is (symprimer time) / (SymPy time); the target is at most 2.5x, warm and cold (issue 12).  Both sides start from
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

TARGET = 2.5  # issue 12: the worst of the warm and cold ratios


def literal(matrix: sp.Matrix) -> str:
    return "[" + ",".join("[" + ",".join(str(e) for e in matrix.row(i)) + "]" for i in range(matrix.rows)) + "]"


def numeric(n: int, rng: random.Random) -> sp.Matrix:
    while True:
        matrix = sp.Matrix(n, n, lambda i, j: rng.randint(-9, 9))
        if matrix.det() != 0:
            return matrix


def symbolic(n: int) -> sp.Matrix:
    return sp.Matrix(n, n, sp.symbols(f"a0:{n * n}"))


def timed(work, cold: bool) -> float:
    if cold:
        clear_cache()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def ratio_of(ours, theirs, repeats: int, cold: bool = False) -> tuple[float, float, float]:
    """Median times of the two jobs and the median of their per-round ratios.

    The two run in alternation, so a burst of load on the machine lands on both sides of a
    round instead of on one side of the comparison; ``cold`` empties SymPy's cache before
    every run (not timed).
    """
    mine, baseline, ratios = [], [], []
    for _ in range(repeats):
        a, b = timed(ours, cold), timed(theirs, cold)
        mine.append(a)
        baseline.append(b)
        ratios.append(a / b)
    return statistics.median(mine), statistics.median(baseline), statistics.median(ratios)


def derive_verified(kind: str, given, **options) -> None:
    derivation = derive(kind, given, **options)
    assert derivation.verified


def surds() -> sp.Matrix:
    """Issue 15's surd matrix (worked over the surd domain, not EX)."""
    r2, r3 = sp.sqrt(2), sp.sqrt(3)
    return sp.Matrix([[r3, -r2, 1 + r3], [-3, 2, 1 + r3], [2 * r2, r2, r2]])


def main() -> None:
    rng = random.Random(2026)
    cases = [(f"numeric {n}x{n}", numeric(n, rng), 41) for n in (3, 4, 5, 6)]
    cases += [(f"symbolic {n}x{n}", symbolic(n), 9) for n in (3, 4)]
    cases += [("surd 3x3", surds(), 9)]
    derive("det", "[[1,2],[3,4]]").verified  # warm caches and imports
    print("warm: SymPy's cache kept between repeats; cold: cache emptied before every run; ratios are medians of alternating rounds")
    print(f"{'case':<14} {'kind':<8} {'symprimer s':>12} {'sympy s':>10} {'ratio':>7} {'cold ratio':>11} {'text ratio':>11}")
    worst = 0.0
    for label, matrix, repeats in cases:
        text = literal(matrix)
        given = sp.ImmutableMatrix(matrix)
        # a surd matrix's inverse by Gauss-Jordan (issue 15: it once took 18 s, SymPy under 1 s)
        options = {"method": "gauss-jordan"} if label.startswith("surd") else {}
        for kind, baseline, chosen in (
            ("det", lambda m=given: sp.Matrix(m).det(method="berkowitz"), {}),
            ("inverse", lambda m=given: sp.Matrix(m).inv(), options),
        ):
            ours, theirs, ratio = ratio_of(lambda: derive_verified(kind, given, **chosen), baseline, repeats)
            cold = ratio_of(lambda: derive_verified(kind, given, **chosen), baseline, repeats, cold=True)[2]
            from_text = ratio_of(lambda: derive_verified(kind, text, **chosen), baseline, repeats)[2]
            worst = max(worst, ratio, cold)
            print(f"{label:<14} {kind:<8} {ours:>12.4f} {theirs:>10.4f} {ratio:>6.1f}x {cold:>10.1f}x {from_text:>10.1f}x")
    print(f"worst of ratio and cold ratio: {worst:.1f}x (target: at most {TARGET}x)")
    four = sp.ImmutableMatrix(cases[1][1])
    adjoint = ratio_of(lambda: derive("inverse", four, method="adjoint").verified, lambda: sp.Matrix(four).inv(), 21)[2]
    print(f"not a default, for the record: numeric 4x4 inverse --method adjoint (sixteen 3x3 cofactors) {adjoint:.1f}x")
    help_times = []
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "symprimer", "--help"], capture_output=True, check=True)
        help_times.append(time.perf_counter() - started)
    print(f"symprimer --help: {statistics.median(help_times):.3f} s (median of 5, interpreter start-up included)")


if __name__ == "__main__":
    main()
