"""The errors a user can meet, each with its exit status and a one-sentence message."""
from __future__ import annotations


class SymprimerError(Exception):
    """Base: ``str(error)`` is the one clear sentence shown to the user."""

    exit_code = 2


class InputError(SymprimerError):
    """The input could not be read or does not fit the request (exit 2)."""

    exit_code = 2


class NoAnswer(SymprimerError):
    """The mathematics says no, e.g. a singular matrix has no inverse (exit 1)."""

    exit_code = 1


class Unverified(SymprimerError):
    """A result was derived but one of its steps did not check out (exit 4)."""

    exit_code = 4


class BudgetExceeded(SymprimerError):
    """The work did not finish within its time or memory budget (exit 3)."""

    exit_code = 3


class TooLarge(InputError):
    """The input is beyond what a person would work by hand, or beyond the caps (exit 2)."""


# Refusals several readers share, each sentence written once.


def too_long(what: str, length: int, limit: int) -> TooLarge:
    return TooLarge(f"{what} is {length} characters long; the limit is {limit}.")


def too_deep(what: str) -> TooLarge:
    return TooLarge(f"{what} is nested too deeply to read.")


def not_a_symbol_name(what: str, name: str) -> InputError:
    return InputError(f"{what}: {name!r} is not a symbol name like x, w1 or x_1.")


def not_name_value(what: str, part: str) -> InputError:
    return InputError(f"{what}: {part!r} is not of the form name=value.")


def not_a_plain_file(what: str) -> InputError:
    return InputError(f"{what} is a link or a folder; give a file name.")
