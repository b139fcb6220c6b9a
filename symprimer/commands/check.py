"""``symprimer check``: is a student's answer (or hand derivation) right, and if not, where and why."""
from __future__ import annotations

import argparse
import re

from symprimer.api.values import variable_names
from symprimer.commands.common import add_budget_arguments, budget_from
from symprimer.core.errors import BudgetExceeded, InputError

HELP = "check a student's LaTeX answer or derivation chain against the expected answer"

DESCRIPTION = """\
Check a student's answer (LaTeX by default) against the expected answer, or every '=' step of a
hand derivation.  Conventions: \\log is natural (\\log_2, \\log_{10} explicit); e is Euler's number;
^T, ^{\\top} mean transpose; \\det, |A| and vmatrix are determinants; capital letters are square
matrices and I beside them the identity; \\sigma(...) is the logistic sigmoid unless --let says
otherwise; digit groups (1 000, 1\\,000, 7,425,000) are read as the number, while decimal commas
and 1.5e3 are refused rather than guessed.  Equations are compared as equations (lhs - rhs up to a
non-zero factor, or by their solutions), never against a bare value unless the left side is a
label (y = 2x).  Sets, intervals, clock times, ratios and divisions by zero are refused with a
reason.  Numbers are exact unless --tolerance allows rounding, and the verdict says so.

exit status: 0 equivalent (every step holds); 1 not equivalent; 2 unreadable input; 3 undecided.

examples (single quotes keep the backslashes):
  symprimer check --expected '\\frac{e^{-x}}{(1+e^{-x})^2}' --answer '\\sigma(x)(1-\\sigma(x))'
  symprimer check --expected -2 --answer '\\det\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}' --json
  symprimer check --chain my-derivation.tex --against 'derive det [[1,2],[3,4]]'
  symprimer check --property inverse --of '[[1,2],[3,4]]' --answer '\\begin{pmatrix}-2&1\\\\1.5&-0.5\\end{pmatrix}'
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_argument_group("what to check")
    what.add_argument("--expected", metavar="E", help="the expected answer")
    what.add_argument("--answer", metavar="A", help="the student's answer")
    what.add_argument("--chain", metavar="FILE", help="a .tex file with an align*/equation chain or '='-lines")
    what.add_argument("--against", metavar='"derive KIND INPUT..."', help="with --chain: compare the final line with a derivation's result")
    what.add_argument("--property", choices=("inverse", "eigenvector", "svd"), help="check a non-unique answer by its defining property")
    what.add_argument("--of", metavar="MATRIX", help="with --property: the matrix (any matrix syntax symprimer reads)")
    what.add_argument("--eigenvalue", metavar="LAMBDA", help="with --property eigenvector: the eigenvalue claimed")
    how = parser.add_argument_group("how to read")
    how.add_argument("--plain", action="store_true", help="read answers as plain text (x^2*exp(x)) instead of LaTeX")
    how.add_argument("--let", action="append", default=[], metavar="DEF", help=r'define a name, e.g. "\sigma(x)=\frac{1}{1+e^{-x}}" or "A=\begin{pmatrix}1&2\\3&4\end{pmatrix}"')
    how.add_argument("--tolerance", metavar="REL", help="accept rounded numbers within this relative error, e.g. 1e-6 (off by default: exact); the verdict says when it was used")
    how.add_argument("--labels", metavar="NAMES", help="variables that are 0/1 labels, e.g. y,t: counterexamples use 0 and 1 for them")
    how.add_argument("--probabilities", metavar="NAMES", help="variables that are probabilities, e.g. p,q: counterexamples use values in (0, 1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    add_budget_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import json  # local: keeps symprimer --help fast

    from symprimer.runtime.budget import run_with_budget  # local: keeps symprimer --help fast
    from symprimer.check.verdict import UNDECIDED, UNPARSEABLE  # local: keeps symprimer --help fast

    work, what = _work(args)
    try:
        outcome = run_with_budget(work, args, budget=budget_from(args), what=what)
    except BudgetExceeded as error:
        outcome = _failed(args, UNDECIDED, f"undecided: {error}")
    except InputError as error:
        outcome = _failed(args, UNPARSEABLE, str(error))
    if args.json:
        print(json.dumps(outcome.as_json(), indent=2, ensure_ascii=False))
    else:
        print(_as_text(outcome))
    return outcome.exit_code


def _failed(args: argparse.Namespace, verdict: str, reason: str):
    """The outcome when the check itself could not finish: a chain keeps its JSON shape."""
    from symprimer.check.chain import ChainVerdict  # local: keeps symprimer --help fast
    from symprimer.check.verdict import Verdict  # local: keeps symprimer --help fast

    return ChainVerdict(verdict, reason, (), None) if args.chain else Verdict(verdict, reason)


def _work(args: argparse.Namespace):
    if args.chain:
        if args.expected or args.answer:
            raise InputError("give either --chain FILE or --expected/--answer, not both.")
        return _check_chain, f"checking the chain in {args.chain}"
    if args.property:
        if not (args.of and args.answer):
            raise InputError("--property needs --of MATRIX and --answer.")
        return _check_property, f"checking the {args.property} property"
    if not (args.expected and args.answer):
        raise InputError("give --expected and --answer (or --chain FILE).")
    return _check_answer, "checking the answer"


def _options(args: argparse.Namespace):
    from symprimer.check.answer import ReadOptions  # local: keeps symprimer --help fast

    return ReadOptions(
        plain=args.plain,
        definitions=tuple(args.let),
        tolerance=_tolerance(args.tolerance),
        labels=_names(args.labels, "--labels"),
        probabilities=_names(args.probabilities, "--probabilities"),
    )


def _names(text: str | None, option: str) -> frozenset[str]:
    """A comma-separated list of variable names (letters, digits, underscores)."""
    return frozenset(variable_names(text, option))


def _tolerance(text: str | None):
    """The --tolerance value as an exact positive number below 1 (None when not given)."""
    from fractions import Fraction  # local: keeps symprimer --help fast

    import sympy as sp  # local: keeps symprimer --help fast

    if text is None:
        return None
    if not re.fullmatch(r"\d+(\.\d+)?([eE]-?\d{1,3})?", text.strip()):
        raise InputError(f"--tolerance {text!r} is not a number such as 1e-6 or 0.001.")
    fraction = Fraction(text.strip())
    value = sp.Rational(fraction.numerator, fraction.denominator)
    if not 0 < value < 1:
        raise InputError(f"--tolerance {text!r} must lie strictly between 0 and 1 (a relative error).")
    return value


def _check_answer(args: argparse.Namespace):
    from symprimer.check.answer import check_answer  # local: keeps symprimer --help fast

    return check_answer(args.expected, args.answer, _options(args))


def _check_chain(args: argparse.Namespace):
    from symprimer.check.chain import check_chain  # local: keeps symprimer --help fast

    try:
        with open(args.chain, encoding="utf-8") as handle:
            text = handle.read(200_000)
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"the chain file {args.chain} could not be read ({error.__class__.__name__}).") from None
    against = _derived_result(args.against) if args.against else None
    return check_chain(text, _options(args), against)


def _derived_result(spec: str):
    """The result of ``derive KIND INPUT...`` given as one string (see symprimer.check.derived)."""
    from symprimer.check.derived import derived_result  # local: keeps symprimer --help fast

    return derived_result(spec)


def _check_property(args: argparse.Namespace):
    from symprimer.check.answer import read  # local: keeps symprimer --help fast
    from symprimer.check.properties import PROPERTIES  # local: keeps symprimer --help fast
    from symprimer.parse.matrix import parse_matrix  # local: keeps symprimer --help fast

    matrix = parse_matrix(args.of, what="the matrix given with --of").value
    options = _options(args)
    answer = read(args.answer, "the answer", options)
    extra = {}
    if args.property == "eigenvector" and args.eigenvalue:
        extra["eigenvalue"] = read(args.eigenvalue, "the eigenvalue", options)
    return PROPERTIES[args.property](matrix, answer, **extra)


def _as_text(outcome) -> str:
    lines = [f"{outcome.verdict}: {outcome.reason}"]
    steps = getattr(outcome, "steps", ())
    for step in steps:
        mark = {"equivalent": "ok", "not_equivalent": "WRONG", "undecided": "??", "unparseable": "unreadable"}[step.verdict.verdict]
        lines.append(f"  step {step.index} [{mark}]  {step.source}  =  {step.target}")
        if step.verdict.verdict != "equivalent":
            lines.append(f"      {step.verdict.reason}")
            if step.verdict.diagnosis:
                lines.append(f"      likely mistake: {step.verdict.diagnosis}")
    read_as = getattr(outcome, "read_as", "")
    if isinstance(read_as, tuple) and read_as:
        lines.append("read your lines as: " + "  =  ".join(read_as))
    elif read_as:
        lines.append(f"read your answer as: {read_as}")
    if getattr(outcome, "diagnosis", ""):
        lines.append(f"likely mistake: {outcome.diagnosis}")
    for note in getattr(outcome, "notes", ()):
        lines.append(f"note: {note}")
    return "\n".join(lines)
