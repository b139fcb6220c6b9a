"""The checks option values get as they are read (argparse ``type`` functions), kept free of heavy
imports: a bad value (``--timeout nan``, ``--memory -5``) is refused at once in one sentence.
They live below the commands because the derive kinds' own options (``--classes``, ``--steps``)
use them too, wherever those options are read: the command line, a sheet spec or a key."""
from __future__ import annotations

import argparse
import math
import re
from typing import Any

from symprimer.core.errors import InputError

MAX_SECONDS = 7 * 24 * 3600.0
MAX_MEMORY_MB = 1 << 20  # 1 TiB: anything above is a typo


def finite_float(text: str) -> float:
    """A finite number (nan and infinities are refused)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def positive_float(text: str) -> float:
    """A finite number above zero."""
    value = finite_float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return value


def nonnegative_float(text: str) -> float:
    """A finite number of zero or more (tolerances)."""
    value = finite_float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value


def seconds(text: str) -> float:
    """A time budget: finite, above zero, at most a week."""
    value = positive_float(text)
    if value > MAX_SECONDS:
        raise argparse.ArgumentTypeError(f"{text!r} seconds is more than a week")
    return value


def whole_number(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def positive_int(text: str) -> int:
    """A whole number of 1 or more."""
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def nonnegative_int(text: str) -> int:
    """A whole number of 0 or more."""
    value = whole_number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value


def megabytes(text: str) -> int:
    """A memory budget in MB: a whole number above zero."""
    value = positive_int(text)
    if value > MAX_MEMORY_MB:
        raise argparse.ArgumentTypeError(f"{text!r} MB is more than any machine has")
    return value


_VARIABLE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,20}")


def variable_names(value: Any, what: str) -> tuple[str, ...]:
    """Names of variables given as ``y,t`` (or, in a key, a list of names), a leading backslash
    dropped (``\\sigma`` is sigma); sorted, so the same set always reads the same.  ``check
    --labels``/``--probabilities`` and a grading key's ``labels``/``probabilities`` read them so."""
    if value is None or value == "" or value == []:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(item, str) for item in items):
        raise InputError(f"{what} {value!r} is not a comma-separated list of variable names such as y,t.")
    names = [item.strip().lstrip("\\") for item in items]
    if not all(_VARIABLE_NAME.fullmatch(name) for name in names):
        raise InputError(f"{what} {value!r} is not a comma-separated list of variable names such as y,t.")
    return tuple(sorted(set(names)))
