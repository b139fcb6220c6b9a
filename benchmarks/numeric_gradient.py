"""Benchmark: symprimer's compiled logistic-regression gradient and Adam loop vs hand-written NumPy.

    /tmp/venv/bin/python benchmarks/numeric_gradient.py

1. gradient of the mean BCE loss on N = 10,000 samples, d = 50 features: symprimer's compiled
   model (per-sample dl/dz derived by the calculus engine, lambdified with CSE, chain rule
   through z = X w in matrix form) vs X^T (sigmoid(X w) - y) / N.  Target <= 1.2x.
2. compile time: derive + lambdify, cold (modules imported first, nothing derived before):
   the logistic model and the Beale surface.  Target < 0.5 s.
3. an Adam loop (200 steps) with symprimer's pure optimiser steps vs a hand-written NumPy
   Adam loop on the same gradient.  Target <= 1.3x.

Times are the best of several interleaved repeats (the machine is shared; the minimum is the
stable figure), with BLAS on one thread so both sides run under the same conditions.
"""
from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import math  # noqa: E402
import time  # noqa: E402
import timeit  # noqa: E402

import numpy as np  # noqa: E402

from symprimer.numeric.api import function_problem  # noqa: E402
from symprimer.numeric.descent import iterate  # noqa: E402
from symprimer.numeric.models import compile_model  # noqa: E402
from symprimer.numeric.optimizers import make_optimizer  # noqa: E402

N, D, STEPS = 10_000, 50, 200


def best_pair(first, second, number: int, rounds: int = 15) -> tuple[float, float]:
    """Best time per call of each, measured in alternation so load spikes hit both alike."""
    times_first, times_second = [], []
    for _ in range(rounds):
        times_first.append(timeit.timeit(first, number=number) / number)
        times_second.append(timeit.timeit(second, number=number) / number)
    return min(times_first), min(times_second)


def hand_gradient(w, X, y):
    return X.T @ (1.0 / (1.0 + np.exp(-(X @ w))) - y) / len(y)


def hand_adam(gradient, w, steps, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        g = gradient(w)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - lr / (1 - b1**t) * m / (np.sqrt(v) / math.sqrt(1 - b2**t) + eps)
    return w


def main() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(N, D))
    true_w = rng.normal(size=D)
    y = (rng.random(N) < 1 / (1 + np.exp(-(X @ true_w)))).astype(float)
    w = rng.normal(size=D) * 0.1

    import symprimer.calculus.gradient  # noqa: F401  imports only; the derivation below is cold
    import symprimer.nn.losses  # noqa: F401

    start = time.perf_counter()
    model = compile_model("logistic", D, bias=False)
    compile_seconds = time.perf_counter() - start
    start = time.perf_counter()
    function_problem("<Beale>", ("x", "y"))
    beale_seconds = time.perf_counter() - start

    ours = model.gradient(w, X, y)
    assert np.allclose(ours, hand_gradient(w, X, y), rtol=1e-12, atol=1e-15)
    t_ours, t_hand = best_pair(lambda: model.gradient(w, X, y), lambda: hand_gradient(w, X, y), 20, 30)

    config = make_optimizer("adam", lr=1e-3)
    final_ours = iterate(lambda p: model.gradient(p, X, y), w, config, STEPS)
    final_hand = hand_adam(lambda p: hand_gradient(p, X, y), w, STEPS)
    assert np.allclose(final_ours, final_hand, rtol=1e-9, atol=1e-12)
    loop_ours, loop_hand = best_pair(
        lambda: iterate(lambda p: model.gradient(p, X, y), w, config, STEPS),
        lambda: hand_adam(lambda p: hand_gradient(p, X, y), w, STEPS),
        1,
        7,
    )

    print(f"derived dl/dz: {model.score_gradient[0]}")
    print(f"gradient, N={N}, d={D}: symprimer {t_ours * 1e6:8.1f} us   hand-written {t_hand * 1e6:8.1f} us   "
          f"ratio {t_ours / t_hand:.2f}x (target <= 1.2x)")
    print(f"compile (derive + lambdify), cold: logistic BCE {compile_seconds * 1e3:.1f} ms, "
          f"Beale surface {beale_seconds * 1e3:.1f} ms (target < 500 ms)")
    print(f"Adam loop, {STEPS} steps: symprimer {loop_ours * 1e3:8.1f} ms   hand-written {loop_hand * 1e3:8.1f} ms   "
          f"ratio {loop_ours / loop_hand:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
