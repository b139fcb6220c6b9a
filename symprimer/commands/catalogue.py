"""``symprimer list activations|losses``: the catalogue as a table (text, LaTeX or JSON)."""
from __future__ import annotations

import argparse

from symprimer.commands.common import FORMATS

HELP = "list the activation or loss catalogue with derivatives"
DESCRIPTION = (
    "Show the activation functions or the losses symprimer knows, with their definitions and derivatives\n"
    "(hand forms) and PyTorch's conventions at kinks.\n\n"
    "examples:\n  symprimer list activations\n  symprimer list losses --format latex\n"
)
WHAT = ("activations", "losses")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("what", choices=WHAT, help="which catalogue")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")


def run(args: argparse.Namespace) -> int:
    from symprimer.nn.tables import catalogue_table  # local: keeps symprimer --help fast

    print(catalogue_table(args.what, args.format), end="")
    return 0
