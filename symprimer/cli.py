"""The ``symprimer`` command: parse arguments, call the library, print, map errors to exits.

Only argparse and the light command tables are imported at start so ``--help`` is quick;
each command's module imports SymPy when it runs.
"""
from __future__ import annotations

import argparse
import sys
from importlib import import_module
from types import MappingProxyType

COMMANDS = MappingProxyType(
    {
        "derive": "symprimer.commands.derive",
        "list": "symprimer.commands.catalogue",
        "check": "symprimer.commands.check",
        "grade": "symprimer.commands.grade",
        "gradebook": "symprimer.commands.gradebook",
        "sheet": "symprimer.commands.sheet",
        "gradcheck": "symprimer.commands.gradcheck",
        "descend": "symprimer.commands.descend",
    }
)

DESCRIPTION = """\
symprimer works the mathematics of the neural-network primer exactly, step by step, and checks
every step: derive worked solutions, check a student's LaTeX, build answer sheets as PDF, and
run gradient descent numerically.

exit status: 0 done; 1 the mathematics says no (no inverse, not equivalent); 2 bad input;
3 the time or memory budget ran out.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="symprimer", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = _light_module(module_name)
        if module is None:
            continue
        command = sub.add_parser(
            name,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command)
        command.set_defaults(run_module=module_name)
    return parser


def _light_module(module_name: str):
    """The command's argument module, or None while that command is not built yet."""
    try:
        return import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name == module_name:
            return None
        raise


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run_module", None):
        parser.print_help()
        return 2
    from symprimer.errors import SymprimerError

    try:
        return int(import_module(args.run_module).run(args) or 0)
    except SymprimerError as error:
        print(f"symprimer {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("symprimer: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader (e.g. `| head`) closed the pipe: stop quietly
        _silence_stdout()
        return 141


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises nothing."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
