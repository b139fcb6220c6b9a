"""``symprimer derive KIND INPUT...``: a worked, verified derivation as text, LaTeX or JSON."""
from __future__ import annotations

import argparse

from symprimer.api.arguments import add_kind_arguments, kind_options
from symprimer.commands.common import FORMATS, add_budget_arguments, budget_from
from symprimer.core.errors import NoAnswer, TooLarge, Unverified
from symprimer.core.kinds import KINDS
from symprimer.core.levels import DEFAULT_LEVEL, DETAIL_LEVELS

HELP = "derive a worked, step-by-step solution (det, inverse, eigen, diff, ...)"


def _description() -> str:
    width = max(len(name) for name in KINDS)
    rows = "\n".join(f"  {name:<{width}}  {kind.inputs:<24} {kind.summary}" for name, kind in KINDS.items())
    return (
        "Derive a worked solution whose every step is verified.\n"
        "exit status: 0 verified; 1 the mathematics says no (explained, in JSON too); 2 bad input;\n"
        "3 over the time or memory budget; 4 derived, but a step did not check out.\n\n"
        f"kinds:\n{rows}\n\n"
        "A MATRIX is written [[1,2],[3,4]], 1 2; 3 4 or as a LaTeX pmatrix/bmatrix; entries may be\n"
        "integers, fractions (1/2), decimals (kept exact), symbols (a, x_1, alpha), I and sqrt(2).\n"
        "examples:\n"
        '  symprimer derive det "[[2,1,0],[1,3,1],[0,1,2]]"\n'
        '  symprimer derive inverse "[[a,b],[c,d]]" --format latex\n'
    )


DESCRIPTION = _description()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_kind_arguments(parser)
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    parser.add_argument(
        "--detail", choices=DETAIL_LEVELS, default=DEFAULT_LEVEL,
        help="how much working to show: brief (key lines), standard (the board; default) or full (every step)",
    )
    add_budget_arguments(parser)


def derive_and_verify(kind: str, *inputs: str, **options):
    """Derive and verify in the budgeted child: checking every step is work the budget covers
    (each step caches its verdict, which travels back with the derivation)."""
    from symprimer.api import derive  # local: keeps symprimer --help fast

    try:
        derivation = derive(kind, *inputs, **options)
        derivation.verified
    except OverflowError:  # a number beyond any machine format, e.g. x**(x**(x**...)) at a point
        raise TooLarge(f"the numbers in this {kind} grow beyond what can be computed; try a smaller input.") from None
    return derivation


def run(args: argparse.Namespace) -> int:
    """Exit 0 verified; 1 the mathematics says no (explained in the chosen format); 4 derived
    but a step did not check out (the solution is still printed, marked NOT VERIFIED)."""
    from symprimer.runtime.budget import run_with_budget  # local: keeps symprimer --help fast
    from symprimer.render import formats  # local: keeps symprimer --help fast

    try:
        derivation = run_with_budget(
            derive_and_verify, args.kind, *args.inputs, budget=budget_from(args), what=f"derive {args.kind}", **kind_options(args)
        )
    except NoAnswer as error:
        if args.format != "json":
            raise
        _print_no_answer(args, str(error))
        return NoAnswer.exit_code
    from symprimer.render.views import view  # local: keeps symprimer --help fast

    print(formats.render(view(derivation, args.detail), args.format), end="")
    if not derivation.verified:
        return Unverified.exit_code
    return 0 if derivation.answer_exists else 1


def _print_no_answer(args: argparse.Namespace, explanation: str) -> None:
    """Exit 1 in JSON is still one JSON object, with the explanation in it."""
    import json  # local: keeps symprimer --help fast

    record = {
        "kind": args.kind,
        "input": list(args.inputs),
        "result": None,
        "steps": [],
        "verified": False,
        "answer_exists": False,
        "explanation": explanation,
    }
    print(json.dumps(record, indent=2, ensure_ascii=False))
