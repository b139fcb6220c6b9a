"""The result of a derivation named as one command string (``derive KIND INPUT... --option v``),
as a key entry or ``check --against`` names it."""
from __future__ import annotations

import argparse
from typing import Any

from symprimer.errors import InputError


def derived_result(spec: str) -> Any:
    """Run ``derive`` on the words of ``spec`` (read by the derive command's own parser, so options
    get the same types as on the command line) and return its result."""
    import contextlib
    import io
    import shlex

    from symprimer.api import derive
    from symprimer.commands import derive as derive_command

    try:
        words = shlex.split(spec)
    except ValueError:
        raise InputError(f"the derivation {spec!r} is not a well-quoted command.") from None
    if words and words[0] == "derive":
        words = words[1:]
    parser = argparse.ArgumentParser(prog="derive", add_help=False, exit_on_error=False)
    derive_command.add_arguments(parser)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            args = parser.parse_args(words)
    except (argparse.ArgumentError, SystemExit):
        raise InputError(f"the derivation {spec!r} is not a valid derive command (derive KIND INPUT... [--option value]).") from None
    return derive(args.kind, *args.inputs, **derive_command.option_values(args)).result
