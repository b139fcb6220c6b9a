"""One finite decimal number as written in a data file, a sheet spec or an option list."""
from __future__ import annotations

import math

from symprimer.core.errors import InputError


def finite_number(text: str, where: str) -> float:
    """``text`` as a float, refused in one sentence naming ``where`` when it is not a number or
    not finite (nan and inf would poison every later step without an error)."""
    try:
        value = float(text)
    except ValueError:
        raise InputError(f"{where}: {text!r} is not a number.") from None
    if not math.isfinite(value):
        raise InputError(f"{where}: {text!r} is not a finite number.")
    return value
