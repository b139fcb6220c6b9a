"""Building sheets: variants -> distinct derive calls (in parallel) -> documents -> files -> PDF.

Identical derive calls (a literal matrix shared by every variant) are derived once.  Output is
a pure function of the spec, the seed and the templates: no dates, no paths, no timestamps,
so the same inputs give byte-identical ``.tex``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import Callable

import jinja2
from tqdm import tqdm

from symprimer.core.kinds import KINDS
from symprimer.render.environment import latex_environment
from symprimer.runtime import output as safe_output
from symprimer.runtime.budget import Budget, run_with_budget
from symprimer.core.errors import InputError, too_deep
from symprimer.sheets import answers as answer_module
from symprimer.sheets import pdf as pdf_module
from symprimer.sheets.answers import Answer
from symprimer.sheets.document import render_document, sheet_document
from symprimer.sheets.folding import folded_answers
from symprimer.sheets.parallel import run_parallel
from symprimer.sheets.spec import SheetSpec
from symprimer.sheets.variants import DeriveJob, Variant, make_variant

MAX_VARIANTS = 1000
VARIANTS_PER_RENDER = 20  # variants rendered per budgeted child
_STEM = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path
    stem: str = "sheet"
    variants: int = 0  # 0: a single pair of sheets without variant labels
    seed: int | None = None
    template: str | None = None
    user_templates: str | None = None
    workers: int = 2
    pdf: bool = False
    budget: Budget = Budget(seconds=60.0, memory_mb=2048)
    tex_timeout: float = 180.0
    progress: bool = False
    detail: str | None = None  # the worked solutions' detail (None: the spec's, else standard)


@dataclass(frozen=True)
class BuiltSheet:
    """The files of one variant (or of the single sheet) and the answers they print."""

    variant: Variant
    questions_tex: Path
    solutions_tex: Path
    answers: tuple[Answer, ...]
    labelled: bool

    def pdfs(self) -> tuple[Path, Path]:
        return self.questions_tex.with_suffix(".pdf"), self.solutions_tex.with_suffix(".pdf")


@dataclass(frozen=True)
class BuildReport:
    sheets: tuple[BuiltSheet, ...]
    pdf_built: bool
    message: str = ""  # e.g. how to get the PDFs when no TeX engine is present


def safe_stem(name: str) -> str:
    stem = _STEM.sub("-", Path(name).stem).strip("-")
    return stem[:60] or "sheet"


def build_sheets(spec: SheetSpec, options: BuildOptions) -> BuildReport:
    if not 0 <= options.variants <= MAX_VARIANTS:
        raise InputError(f"--variants must be between 1 and {MAX_VARIANTS}.")
    spec = replace(spec, template=options.template or spec.template, seed=spec.seed if options.seed is None else options.seed)
    spec = spec.at_detail(options.detail)
    count = max(options.variants, 1)
    variants = [make_variant(spec.questions, spec.seed, index) for index in range(1, count + 1)]
    owners = _job_owners(spec, variants, labelled=options.variants > 0)
    jobs = list(owners)
    out = Path(options.out_dir)
    safe_output.output_folder(out)
    _warm_up(spec, options.user_templates)
    with _progress(options.progress and count > 1, len(jobs), "deriving") as tick:
        results = run_parallel(
            partial(answer_module.answer_for, user_dir=options.user_templates, figure_dir=str(options.out_dir)),
            jobs,
            workers=options.workers if len(jobs) > 1 else 1,
            budget=options.budget,
            describe=owners.__getitem__,
            on_progress=tick,
        )
    by_job = dict(zip(jobs, results))
    sheets = _write_variants(spec, variants, by_job, out, options)
    if not options.pdf:
        return BuildReport(tuple(sheets), pdf_built=False)
    if not pdf_module.tex_available():
        return BuildReport(tuple(sheets), pdf_built=False, message=pdf_module.HOW_TO_GET_PDF)
    texs = []
    for sheet in sheets:
        figures = tuple(out / name for a in sheet.answers for name in a.figures)
        texs.append((sheet.questions_tex, figures))
        texs.append((sheet.solutions_tex, figures))
    with _progress(options.progress and len(texs) > 2, len(texs), "pdflatex") as tick:
        pdf_module.compile_many(texs, workers=options.workers, timeout=options.tex_timeout, on_progress=tick)
    return BuildReport(tuple(sheets), pdf_built=True)


def _job_owners(spec: SheetSpec, variants: list[Variant], labelled: bool) -> dict[DeriveJob, str]:
    """Each distinct derive call and the first question (and variant) that asks for it."""
    owners: dict[DeriveJob, str] = {}
    for variant in variants:
        for question, job in zip(spec.questions, variant.jobs):
            where = f" of variant {variant.label}" if labelled else ""
            owners.setdefault(job, f"question {question.number} ({question.kind}, line {question.line}){where}")
    return owners


def _warm_up(spec: SheetSpec, user_templates: str | None) -> None:
    """Import the derivers and load the templates once, before the workers fork."""
    for kind in {q.kind for q in spec.questions}:
        if kind in KINDS:
            import_module(KINDS[kind].module)
    env = latex_environment(user_templates)
    for name in env.list_templates(filter_func=lambda n: n.endswith(".tex.j2")):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as error:
            raise InputError(f"the template {name} has a syntax error on line {error.lineno}: {error.message}.") from None
        except RecursionError:
            raise too_deep(f"the template {name}") from None


def _write_variants(spec: SheetSpec, variants: list[Variant], by_job: dict, out: Path, options: BuildOptions) -> list[BuiltSheet]:
    """Render the variants' documents in budgeted children (a few variants per child, as a
    fork costs more than a typical render) and write each ``.tex`` atomically."""
    sheets = []
    for first in range(0, len(variants), VARIANTS_PER_RENDER):
        chunk = variants[first : first + VARIANTS_PER_RENDER]
        texts = run_with_budget(
            _render_variants, spec, chunk, by_job, options, budget=options.budget,
            what=f"rendering the templates of {_base(chunk[0], options)}" + (" and the next variants" if len(chunk) > 1 else ""),
        )
        for index, variant in enumerate(chunk):
            base = _base(variant, options)
            paths = [out / f"{base}-{suffix}.tex" for suffix in ("questions", "solutions")]
            for path, text in zip(paths, texts[2 * index : 2 * index + 2]):
                safe_output.write_text(path, text)
            answers = tuple(by_job[job] for job in variant.jobs)
            sheets.append(BuiltSheet(variant, paths[0], paths[1], answers, options.variants > 0))
    return sheets


def _base(variant: Variant, options: BuildOptions) -> str:
    return f"{options.stem}-{variant.label}" if options.variants > 0 else options.stem


def _documents(spec: SheetSpec, variant: Variant, by_job: dict, options: BuildOptions) -> list:
    """The question sheet and the solution sheet of one variant; the solutions refer back to an
    earlier question for working it shows in full (folded per variant, as the numbers differ)."""
    labelled = options.variants > 0
    answers = [by_job[job] for job in variant.jobs]
    shown = folded_answers([q.number for q in spec.questions], answers, options.user_templates)
    label = f"Variant {variant.label}, seed {variant.seed}" if labelled else ""
    number = variant.index if labelled else None
    return [
        sheet_document(spec, answers, solutions=False, variant_label=label, variant_number=number),
        sheet_document(spec, answers, solutions=True, variant_label=label, variant_number=number, shown=shown),
    ]


def _render_variants(spec: SheetSpec, variants: list[Variant], by_job: dict, options: BuildOptions) -> list[str]:
    """The .tex text of each variant's two documents; run in a budgeted child, as templates may
    loop (folding renders a solution's templates again)."""
    return [
        render_document(document, options.user_templates)
        for variant in variants
        for document in _documents(spec, variant, by_job, options)
    ]


class _progress:
    """A tqdm bar on stderr when asked for (imported only then), else a no-op counter."""

    def __init__(self, enabled: bool, total: int, what: str) -> None:
        self.enabled, self.total, self.what, self.bar = enabled, total, what, None

    def __enter__(self) -> Callable[[int], None]:
        if self.enabled:
            self.bar = tqdm(total=self.total, desc=self.what, unit="job", leave=False)
            return self.bar.update
        return lambda done: None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
