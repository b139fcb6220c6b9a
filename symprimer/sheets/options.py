"""A question's options are the ``derive`` command line's options, converted the same way.

The argument parser of ``symprimer derive`` is the one source of truth for option types and
choices, so a key in a sheet spec means exactly what the flag means on the command line.
"""
from __future__ import annotations

import argparse
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from symprimer.api.arguments import add_kind_arguments
from symprimer.core.errors import InputError

_NOT_OPTIONS = {"kind", "inputs", "format", "timeout", "memory", "help"}


@lru_cache(maxsize=1)
def derive_actions() -> MappingProxyType:
    """dest -> argparse action of every kind-specific option of ``symprimer derive``."""
    parser = argparse.ArgumentParser(add_help=False)
    add_kind_arguments(parser)
    return MappingProxyType({a.dest: a for a in parser._actions if a.dest not in _NOT_OPTIONS})


def option_key(key: str) -> str:
    """A spec key as an option name: ``learning-rate`` and ``learning_rate`` are the same."""
    return key.replace("-", "_")


def convert_option(kind: str, name: str, value: Any) -> Any:
    """The value as the command line would hand it to the deriver, or an InputError."""
    action = derive_actions().get(name)
    flag = "--" + name.replace("_", "-")
    items = value if isinstance(value, list) else [value]
    if any(isinstance(item, (dict, list)) or item is None for item in items):
        raise InputError(f"the option {name} of {kind} must be a value or a list of values.")
    if action is not None and action.nargs == 0:  # a switch such as --reduced
        if not isinstance(value, bool):
            raise InputError(f"the option {name} of {kind} is a switch ({flag}); write true or false.")
        return value or None
    if isinstance(value, bool):
        if action is None:
            return value
        raise InputError(f"the option {name} of {kind} takes a value ({flag} VALUE), not true/false.")
    text = ",".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if action is None:
        return text
    try:
        converted = action.type(text) if callable(action.type) else text
    except (TypeError, ValueError, argparse.ArgumentTypeError) as error:
        raise InputError(f"the option {name} of {kind} has the value {text!r}, which {flag} does not accept ({error}).") from None
    if action.choices is not None and converted not in action.choices:
        choices = ", ".join(str(c) for c in action.choices)
        raise InputError(f"the option {name} of {kind} is {text!r}; it must be one of {choices}.")
    return converted
