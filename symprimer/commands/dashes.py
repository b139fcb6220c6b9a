"""Values that begin with a minus sign (``--answer -2(y-f)``, ``derive diff -x**2``) as plain
arguments, on every command.

argparse takes any word starting with '-' that is not a negative number for an option, so
``--expected -2(y-f)`` ended in "expected one argument".  Here a word is an option only when it
starts with '--' or is one of the parser's own option strings (``-h``, ``-o``): everything else
beginning with a single '-' is a value.
"""
from __future__ import annotations

import argparse
import re

_SINGLE_DASH_VALUE = re.compile(r"^-(?!-)")


def allow_leading_minus(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Let words like ``-x`` or ``-2(y-f)`` be values (argparse's own hook for negative numbers)."""
    if not parser._has_negative_number_optionals:  # an option such as -1 would make '-1' ambiguous
        parser._negative_number_matcher = _SINGLE_DASH_VALUE
    return parser
