"""Benchmark: the primer's .tex for 100 variants (no PDF), and the PDF build time per sheet.

Baseline measured in the same run: the same derive calls made one after another in this
process with plain ``symprimer.api.derive`` and ``.verified`` (no rendering, no workers).  The ratio says what
the sheet pipeline (variants, dedup, workers, rendering, writing) costs on top of the maths.
Run: /tmp/venv/bin/python benchmarks/sheets_build.py [VARIANTS]
"""
from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from symprimer.api import derive
from symprimer.sheets import pdf as pdf_module
from symprimer.sheets.build import BuildOptions, build_sheets, default_workers
from symprimer.sheets.numeric_kinds import answerers
from symprimer.sheets.spec import read_spec
from symprimer.sheets.variants import make_variant

PRIMER = Path(__file__).resolve().parent.parent / "examples" / "primer.yaml"


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    variants = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    spec = read_spec(str(PRIMER), skip_unavailable=True)
    for skipped in spec.skipped:
        print("skipped (kind not available):", skipped)
    workers = default_workers()
    with tempfile.TemporaryDirectory() as folder:
        cpu_before = _cpu_seconds()
        start = time.perf_counter()
        report = build_sheets(spec, BuildOptions(out_dir=Path(folder) / "tex", stem="primer", variants=variants, workers=workers))
        sheet_seconds = time.perf_counter() - start
        sheet_cpu = _cpu_seconds() - cpu_before
        jobs = {job for v in range(1, variants + 1) for job in make_variant(spec.questions, spec.seed, v).jobs}
        numeric = answerers()
        start = time.perf_counter()
        for job in jobs:
            if job.kind in numeric:
                numeric[job.kind](job, user_dir=None, figure_dir=folder)
            else:
                assert derive(job.kind, *job.inputs, **dict(job.options)).verified
        baseline = time.perf_counter() - start
        print(f"primer: {len(spec.questions)} questions, {variants} variants, {len(jobs)} distinct derive calls, {workers} workers")
        print(f"sheet build (.tex, {2 * len(report.sheets)} files): {sheet_seconds:.2f} s  ({sheet_seconds / variants * 1000:.0f} ms per variant)")
        print(f"  CPU time of the build (this process and its workers): {sheet_cpu:.2f} s; load average now {os.getloadavg()[0]:.1f}")
        print(f"baseline: plain derive + verify of the same calls, one process: {baseline:.2f} s")
        print(f"ratio sheet build / baseline: {sheet_seconds / baseline:.2f}x  (target: 100 variants under 60 s)")
        if not pdf_module.tex_available():
            print("no TeX engine: PDF timing skipped")
            return
        single = build_sheets(spec, BuildOptions(out_dir=Path(folder) / "one", stem="primer", workers=1))
        sheet = single.sheets[0]
        for tex in (sheet.questions_tex, sheet.solutions_tex):
            start = time.perf_counter()
            pdf_module.compile_pdf(tex, [Path(folder) / "one" / name for a in sheet.answers for name in a.figures])
            print(f"PDF build of {tex.name}: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
