"""``symprimer gradcheck``: the analytic gradient against finite differences at a point."""
from __future__ import annotations

import argparse

from symprimer.commands.common import add_budget_arguments, budget_from, positive_float

HELP = "compare the analytic gradient of a function with finite differences (the gradient check)"

DESCRIPTION = """\
Derive the gradient of a function symbolically, evaluate it at a point and compare it with
finite differences (central by default, step eps^(1/3) * max(1, |x|)).  Prints a table of
analytic vs numeric values with the relative error per component and overall
(|a - n| / max(|a|, |n|)); exit 1 when the overall error exceeds the tolerance.  Where the
numbers at the point overflow floating point or are not numbers (0/0, outside the real domain)
the check cannot be made: one sentence says so and the exit status is 2.

example:
  symprimer gradcheck --function "log(1+exp(-y*(w1*x1+w2*x2)))" --wrt w1,w2 \\
      --at w1=0.3,w2=-1.2,x1=0.7,x2=2.0,y=1
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--function", required=True, metavar="F", help='the function, or a named surface like "<Rosenbrock>"')
    parser.add_argument("--wrt", required=True, metavar="w1,w2", help="the variables of the gradient")
    parser.add_argument("--at", required=True, metavar="w1=0.3,x1=0.7", help="values of every symbol in the function")
    parser.add_argument("--scheme", choices=("central", "forward"), default="central", help="finite differences (default central)")
    parser.add_argument("--tolerance", type=positive_float, help="largest overall relative error that passes (default 1e-6 central, 1e-4 forward)")
    parser.add_argument("--json", action="store_true", help='print {"analytic", "numeric", "rel_error", ...}')
    add_budget_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from symprimer.numeric.api import check_gradient  # local: keeps symprimer --help fast
    from symprimer.numeric.finite import Uncheckable, check_table_text  # local: keeps symprimer --help fast
    from symprimer.render.notation import to_sympy_string  # local: keeps symprimer --help fast

    try:
        problem, check = check_gradient(args.function, args.wrt, args.at, args.scheme, args.tolerance, budget=budget_from(args))
    except Uncheckable as refused:
        if not args.json:
            raise
        _print_json(refused.problem, refused.check)  # the reason is in the object; exit 2 as on the terminal
        return refused.exit_code
    if args.json:
        _print_json(problem, check)
    else:
        print(f"f = {to_sympy_string(problem.expression)}")
        for name, derivative in zip(check.variables, problem.compiled.general_gradient):
            print(f"  df/d{name} = {to_sympy_string(derivative)}")
        print(check_table_text(check), end="")
    return 0 if check.passed else 1


def _print_json(problem, check) -> None:
    import json  # local: keeps symprimer --help fast

    from symprimer.render.notation import to_sympy_string  # local: keeps symprimer --help fast

    payload = {
        "function": to_sympy_string(problem.expression),
        "gradient": [to_sympy_string(g) for g in problem.compiled.general_gradient],
        **check.as_json(),
    }
    print(json.dumps(payload, allow_nan=False))
