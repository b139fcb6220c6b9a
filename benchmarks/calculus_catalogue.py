"""Derivative-with-steps of the whole catalogue (built and verified) against plain sympy.diff.

Run: /tmp/venv/bin/python benchmarks/calculus_catalogue.py [repeats]
Both sides differentiate the same expressions in the same run; the ratio is printed (target <= 5x).
A second baseline, sympy.diff followed by simplify (what it takes to reach a readable form with
plain SymPy), is printed for context.
"""
from __future__ import annotations

import sys
import time

import sympy as sp
from sympy.core.cache import clear_cache

from symprimer.api import derive
from symprimer.nn.activations import ACTIVATIONS, Z
from symprimer.core.functions import sigmoid, softmax_probability
from symprimer.nn.losses import LOSSES, cce_definition, cce_symbols, z

JOBS = (
    [("activation", name, {}) for name in ACTIVATIONS]
    + [("loss", name, {}) for name in LOSSES]
    + [("loss", "bce", {"through": "sigmoid"}), ("loss", "cce", {"through": "softmax", "classes": 3})]
)


def plain_sympy(kind: str, name: str, options: dict, simplify: bool) -> None:
    """The same derivatives with sympy.diff alone (no steps, no verification)."""
    finish = sp.simplify if simplify else (lambda e: e)
    if kind == "activation":
        entry = ACTIVATIONS[name]
        if name == "softmax":
            entry.definition.jacobian(list(Z)).applyfunc(finish)
        else:
            finish(sp.diff(entry.definition, entry.variable))
        return
    entry = LOSSES[name]
    if name == "cce":
        labels, probabilities = cce_symbols(3)
        loss = cce_definition(3)
        if options.get("through"):
            logits = sp.symbols("z_1:4", real=True)
            soft = [softmax_probability(j, *logits).as_quotient() for j in range(1, 4)]
            loss = loss.xreplace(dict(zip(probabilities, soft)))
            [finish(sp.diff(loss, zi)) for zi in logits]
        else:
            [finish(sp.diff(loss, pj)) for pj in probabilities]
        return
    if options.get("through") == "sigmoid":
        finish(sp.diff(entry.definition.subs(entry.prediction, sigmoid(z)), z))
    else:
        finish(sp.diff(entry.definition, entry.prediction))


def with_steps(kind: str, name: str, options: dict) -> None:
    derivation = derive(kind, name, **options)
    if not derivation.verified:
        raise SystemExit(f"{kind} {name} did not verify")


def timed(function, repeats: int) -> tuple[float, list[float]]:
    """The best of ``repeats`` passes over the catalogue, each from a cold SymPy cache, with the
    time of every job in that pass."""
    best, best_jobs = float("inf"), []
    for _ in range(repeats):
        clear_cache()  # SymPy memoises; without this a repeat of sympy.diff is a cache lookup
        jobs = []
        for job in JOBS:
            start = time.perf_counter()
            function(*job)
            jobs.append(time.perf_counter() - start)
        if sum(jobs) < best:
            best, best_jobs = sum(jobs), jobs
    return best, best_jobs


def worst_jobs(ours: list[float], plain: list[float], count: int = 5) -> list[str]:
    """The jobs with the highest ratio (each job's time in the best pass of each side)."""
    rows = sorted(zip(JOBS, ours, plain), key=lambda row: row[1] / row[2], reverse=True)[:count]
    return [
        f"  {kind} {name}{' ' + str(options) if options else ''}: {mine * 1000:.1f} ms vs {theirs * 1000:.1f} ms "
        f"= {mine / theirs:.1f}x"
        for (kind, name, options), mine, theirs in rows
    ]


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with_steps(*JOBS[0])  # warm imports and caches on both sides once
    plain_sympy(*JOBS[0], simplify=False)
    plain, plain_jobs = timed(lambda *job: plain_sympy(*job, simplify=False), repeats)
    plain_simplified, _ = timed(lambda *job: plain_sympy(*job, simplify=True), repeats)
    ours, our_jobs = timed(with_steps, repeats)
    print(f"catalogue: {len(JOBS)} derivations, best of {repeats} passes")
    print(f"plain sympy.diff:              {plain * 1000:9.1f} ms")
    print(f"plain sympy.diff + simplify:   {plain_simplified * 1000:9.1f} ms")
    print(f"symprimer steps, verified:     {ours * 1000:9.1f} ms")
    print(f"ratio vs sympy.diff:            {ours / plain:8.1f}x  (target <= 5x)")
    print(f"ratio vs sympy.diff + simplify: {ours / plain_simplified:8.1f}x")
    print("worst jobs against sympy.diff (SymPy's cache is shared by the jobs of one pass, on both sides):")
    print("\n".join(worst_jobs(our_jobs, plain_jobs)))


if __name__ == "__main__":
    main()
