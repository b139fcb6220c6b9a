"""Worked eigen and SVD derivations (all steps built and verified) against plain SymPy.

Run: /tmp/venv/bin/python benchmarks/eigen_svd.py
Baselines in the same run: Matrix.eigenvects() and Matrix.singular_value_decomposition().
Target: at most 3x plain SymPy.  Every timed call starts with SymPy's cache (and symprimer's
square-free cache) cleared; "ratio" is best of 3, "cold ratio" the first call of each case
against SymPy's first call on it.
"""
from __future__ import annotations

import time

import sympy as sp

from symprimer.api import derive
from symprimer.board.surds import square_free_split

EIGEN_CASES = {
    "2x2": [[2, 1], [1, 2]],
    "2x2 irrational": [[1, 2], [3, 4]],
    "3x3": [[2, 0, 1], [0, 3, 0], [1, 0, 2]],
    "3x3 defective": [[2, 1, 0], [0, 2, 0], [0, 0, 3]],
    "4x4": [[2, 1, 0, 0], [1, 2, 0, 0], [0, 0, 3, 1], [0, 0, 1, 3]],
}
SVD_CASES = {
    "2x2": [[4, 0], [3, -5]],
    "2x3": [[3, 2, 2], [2, 3, -2]],
    "3x3": [[2, 0, 1], [0, 3, 0], [1, 0, 2]],
    "3x2 rank 1": [[1, 2], [2, 4], [3, 6]],
    "4x4": [[2, 1, 0, 0], [1, 2, 0, 0], [0, 0, 3, 1], [0, 0, 1, 3]],
}
REPEATS = 3


def clear_caches() -> None:
    sp.core.cache.clear_cache()
    square_free_split.cache_clear()


def timed(fn) -> float:
    clear_caches()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best_of(fn) -> float:
    return min(timed(fn) for _ in range(REPEATS))


def worked(kind: str, rows) -> None:
    derivation = derive(kind, str(rows).replace(" ", ""))
    assert derivation.verified, f"{kind} {rows} did not verify"


def build_only(kind: str, rows) -> None:
    derive(kind, str(rows).replace(" ", ""))


def report(title: str, kind: str, cases: dict, baseline) -> list[float]:
    print(f"\n{title}")
    print(f"{'case':<16}{'symprimer (s)':>15}{'build only':>12}{'sympy (s)':>12}{'ratio':>8}{'build ratio':>13}{'cold ratio':>12}")
    ratios = []
    for name, rows in cases.items():
        cold = timed(lambda: worked(kind, rows)) / timed(lambda: baseline(sp.Matrix(rows)))
        ours = best_of(lambda: worked(kind, rows))
        build = best_of(lambda: build_only(kind, rows))
        theirs = best_of(lambda: baseline(sp.Matrix(rows)))
        ratios.append(ours / theirs)
        print(f"{name:<16}{ours:>15.4f}{build:>12.4f}{theirs:>12.4f}{ours / theirs:>8.2f}{build / theirs:>13.2f}{cold:>12.2f}")
    return ratios


def main() -> None:
    for kind in ("eigen", "svd"):  # first imports (modules loaded on first use), not part of any case
        worked(kind, [[5]])
    sp.Matrix([[5]]).eigenvects()
    sp.Matrix([[5]]).singular_value_decomposition()
    eigen = report("eigen (steps built and verified) vs Matrix.eigenvects()", "eigen", EIGEN_CASES, lambda m: m.eigenvects())
    svd = report(
        "svd (steps built and verified) vs Matrix.singular_value_decomposition()",
        "svd", SVD_CASES, lambda m: m.singular_value_decomposition(),
    )
    for label, ratios in (("eigen", eigen), ("svd", svd)):
        geo = 1.0
        for r in ratios:
            geo *= r
        print(f"{label}: geometric-mean ratio {geo ** (1 / len(ratios)):.2f}, worst {max(ratios):.2f} (target <= 3)")


if __name__ == "__main__":
    main()
