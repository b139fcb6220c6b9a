"""Options every command shares (budget, output format), kept free of heavy imports."""
from __future__ import annotations

import argparse

FORMATS = ("text", "latex", "json")


def add_budget_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("budget")
    group.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS", help="time budget (default 30 s)")
    group.add_argument("--memory", type=int, default=2048, metavar="MB", help="memory budget (default 2048 MB)")


def budget_from(args: argparse.Namespace):
    from symprimer.budget import Budget

    return Budget(seconds=args.timeout, memory_mb=args.memory)
