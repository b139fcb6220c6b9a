"""Options every command shares (budget, output format); the value checks themselves live in
``symprimer.api.values`` (the derive kinds' options use them too)."""
from __future__ import annotations

import argparse

from symprimer.api.values import (  # noqa: F401 (the commands' option types, re-exported)
    finite_float, megabytes, nonnegative_float, nonnegative_int, positive_float, positive_int, seconds, whole_number,
)

FORMATS = ("text", "latex", "json")


def add_budget_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("budget")
    group.add_argument("--timeout", type=seconds, default=30.0, metavar="SECONDS", help="time budget (default 30 s)")
    group.add_argument("--memory", type=megabytes, default=2048, metavar="MB", help="memory budget (default 2048 MB)")


def budget_from(args: argparse.Namespace):
    from symprimer.runtime.budget import Budget  # local: keeps symprimer --help fast

    return Budget(seconds=args.timeout, memory_mb=args.memory)
