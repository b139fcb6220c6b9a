"""``symprimer sheet SPEC.yaml -o DIR``: question and solution sheets, variants, PDF."""
from __future__ import annotations

import argparse
import os
import stat
import sys

from symprimer.commands.common import add_budget_arguments, nonnegative_int, seconds, whole_number
from symprimer.core.errors import InputError
from symprimer.core.levels import DETAIL_LEVELS

HELP = "build question and solution sheets (LaTeX, PDF) from a YAML spec"
DESCRIPTION = """\
Build a question sheet and its worked-solution sheet from a YAML spec: every answer is a
derivation whose steps were verified. With --variants N, one pair per student variant, each
labelled with its id and seed (variant k uses seed S + k - 1). With --pdf, compile them with
latexmk and pdflatex (shell escape off, file access restricted to the build folder).

examples:
  symprimer sheet examples/primer.yaml -o build --pdf
  symprimer sheet examples/primer.yaml -o build --variants 30 --seed 2026 --pdf
  symprimer sheet examples/primer.yaml -o slides --template beamer --pdf
  symprimer sheet my.yaml --templates ~/my-house-style/
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", metavar="SPEC.yaml", help="the sheet spec (see examples/primer.yaml)")
    parser.add_argument("-o", "--output", default="build", metavar="DIR", help="build folder (default build)")
    parser.add_argument("--seed", type=nonnegative_int, metavar="N", help="seed for the random draws (default: the spec's seed)")
    parser.add_argument("--variants", type=nonnegative_int, default=0, metavar="N", help="write N labelled per-student variants")
    parser.add_argument("--template", metavar="NAME", help="document template: exam, handout or beamer (default: the spec's)")
    parser.add_argument("--templates", metavar="DIR", help="your own template folder; its files override the built-in ones by name")
    parser.add_argument("--pdf", action="store_true", help="compile the .tex files with latexmk and pdflatex")
    parser.add_argument(
        "--detail", choices=DETAIL_LEVELS,
        help="working in the solutions: brief, standard or full (default: standard; brief for beamer slides); "
        "overrides the spec's detail, not a question's own",
    )
    parser.add_argument("--workers", type=whole_number, metavar="N", help="worker processes (default: up to 2)")
    parser.add_argument("--skip-unavailable", action="store_true", help="leave out questions whose kind this installation lacks")
    parser.add_argument("--tex-timeout", type=seconds, default=180.0, metavar="SECONDS", help="time limit per PDF (default 180 s)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_budget_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path  # local: keeps symprimer --help fast

    from symprimer.runtime.budget import Budget  # local: keeps symprimer --help fast
    from symprimer.runtime.output import output_folder  # local: keeps symprimer --help fast
    from symprimer.sheets.build import BuildOptions, build_sheets, default_workers, safe_stem  # local: keeps symprimer --help fast
    from symprimer.sheets.spec import read_spec  # local: keeps symprimer --help fast

    if args.templates and not Path(args.templates).expanduser().is_dir():
        missing = not Path(args.templates).expanduser().exists()
        raise InputError(f"the template folder {args.templates} {'does not exist' if missing else 'is not a folder'}.")
    out = Path(args.output)
    if os.path.lexists(out) and not out.is_dir():
        raise InputError(f"the build folder {args.output} exists and is not a folder.")
    if args.workers is not None and not 1 <= args.workers <= 64:
        raise InputError("--workers must be between 1 and 64.")
    if args.seed is not None and args.seed < 0:
        raise InputError("--seed must be a whole number of 0 or more.")
    _check_spec_file(args.spec)
    spec = read_spec(args.spec, skip_unavailable=args.skip_unavailable)
    for skipped in spec.skipped:
        print(f"symprimer sheet: skipped: {skipped}", file=sys.stderr)
    options = BuildOptions(
        out_dir=out,
        stem=safe_stem(args.spec),
        variants=args.variants,
        seed=args.seed,
        template=args.template,
        user_templates=str(Path(args.templates).expanduser().resolve()) if args.templates else None,
        workers=args.workers or default_workers(),
        pdf=args.pdf,
        budget=Budget(seconds=args.timeout, memory_mb=args.memory),
        tex_timeout=args.tex_timeout,
        progress=not args.quiet,
        detail=args.detail,
    )
    output_folder(out)
    report = build_sheets(spec, options)
    _summarise(report)
    return 0


def _check_spec_file(path: str) -> None:
    """The spec must be a regular file: reading a FIFO or a device would wait forever."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(f"the sheet spec {path} does not exist.") from None
    except OSError as error:
        raise InputError(f"the sheet spec {path} cannot be read ({error.strerror or error}).") from None
    if not stat.S_ISREG(mode):
        raise InputError(f"the sheet spec {path} is not a regular file.")


def _summarise(report) -> None:
    sheets = report.sheets
    files = [s.questions_tex for s in sheets] + [s.solutions_tex for s in sheets]
    if report.pdf_built:
        files += [pdf for s in sheets for pdf in s.pdfs()]
    if len(files) <= 6:
        for path in files:
            print(f"wrote {path}")
    else:
        kinds = ".tex and .pdf" if report.pdf_built else ".tex"
        print(f"wrote {len(sheets)} variants ({len(files)} {kinds} files) to {sheets[0].questions_tex.parent}/, "
              f"from {sheets[0].questions_tex.name} to {sheets[-1].solutions_tex.name}")
    if report.message:
        print(f"symprimer sheet: {report.message}", file=sys.stderr)
