"""The derive kinds' options, read the same way wherever they are written (the command line, a
sheet spec, a key's ``derive ...`` string), and values that begin with a minus sign.

Values that begin with a minus sign (``--answer -2(y-f)``, ``derive diff -x**2``) are plain
arguments on every command.

argparse takes any word starting with '-' that is not a negative number for an option, so
``--expected -2(y-f)`` ended in "expected one argument".  Here a word is an option only when it
starts with '--' or is one of the parser's own option strings (``-h``, ``-o``): everything else
beginning with a single '-' is a value.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
from typing import Any

from symprimer.api.values import positive_int
from symprimer.core.errors import InputError
from symprimer.core.kinds import KINDS

_SINGLE_DASH_VALUE = re.compile(r"^-(?!-)")


def allow_leading_minus(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Let words like ``-x`` or ``-2(y-f)`` be values (argparse's own hook for negative numbers)."""
    if not parser._has_negative_number_optionals:  # an option such as -1 would make '-1' ambiguous
        parser._negative_number_matcher = _SINGLE_DASH_VALUE
    return parser


# what the derive command line adds besides the kind's own options
NOT_KIND_OPTIONS = frozenset({"kind", "inputs", "format", "timeout", "memory", "command", "run_module", "detail", "help"})


def add_kind_arguments(parser: argparse.ArgumentParser) -> None:
    """KIND, its inputs and every kind-specific option (one source of truth for their types)."""
    parser.add_argument("kind", choices=sorted(KINDS), metavar="KIND", help="what to derive (see the list above)")
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="matrices, expressions or catalogue names")
    linalg = parser.add_argument_group("linear algebra")
    linalg.add_argument("--along", metavar="rowN|colN", help="det: expand along this row or column (default: most zeros)")
    linalg.add_argument("--method", metavar="NAME", help="det: laplace|elimination; inverse: adjoint|gauss-jordan; diff: rules|limit")
    spectral = parser.add_argument_group("eigen, diagonalise, unitary and svd")
    spectral.add_argument("--reduced", action="store_true", default=None, help="svd: the thin SVD (U m x k, Sigma k x k, V n x k, k = min(m, n))")
    calculus = parser.add_argument_group("calculus and the neural-network catalogue")
    calculus.add_argument("--wrt", metavar="x[,y,...]", help="diff/grad/jacobian/hessian: the variable(s) to differentiate in")
    calculus.add_argument("--at", metavar="POINT", help="diff/activation: check continuity and differentiability at this point (e.g. 0)")
    calculus.add_argument("--through", metavar="sigmoid|softmax|identity", help="loss: differentiate with respect to the logits z through this output function")
    calculus.add_argument("--classes", type=positive_int, metavar="K", help="loss cce: the number of classes (default 3)")
    numeric = parser.add_argument_group("gradient descent by hand (derive descent)")
    numeric.add_argument("--start", metavar="x=1,y=2", help="descent: the start point x_0 (exact numbers)")
    numeric.add_argument("--lr", metavar="ETA", help="descent: the learning rate, e.g. 1/10 (default 1/10)")
    numeric.add_argument("--steps", type=positive_int, metavar="K", help="descent: the number of iterations (default 3, at most 10)")
    numeric.add_argument("--optimizer", metavar="sgd|momentum", help="descent: sgd (default) or momentum (PyTorch's buffer)")
    numeric.add_argument("--momentum", metavar="MU", help="descent: the momentum coefficient (default 9/10)")


def kind_options(args: argparse.Namespace) -> dict:
    """The kind-specific options as keyword arguments (None where not given)."""
    return {name: value for name, value in vars(args).items() if name not in NOT_KIND_OPTIONS}


def derived_from_words(spec: str) -> Any:
    """The derivation named by one command string, ``derive KIND INPUT... [--option value]``, its
    options read by the same parser as on the command line (a key entry, ``check --against``)."""
    from symprimer.api.derivations import derive  # local: keeps symprimer --help fast

    try:
        words = shlex.split(spec)
    except ValueError:
        raise InputError(f"the derivation {spec!r} is not a well-quoted command.") from None
    if words and words[0] == "derive":
        words = words[1:]
    parser = argparse.ArgumentParser(prog="derive", add_help=False, exit_on_error=False)
    add_kind_arguments(parser)
    allow_leading_minus(parser)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            args = parser.parse_args(words)
    except (argparse.ArgumentError, SystemExit):
        raise InputError(f"the derivation {spec!r} is not a valid derive command (derive KIND INPUT... [--option value]).") from None
    return derive(args.kind, *args.inputs, **kind_options(args))
