"""The ``symprimer`` command: parse arguments, call the library, print, map errors to exits.

Only argparse and the light command tables are imported at start so ``--help`` is quick;
each command's module imports SymPy when it runs.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from contextlib import contextmanager
from importlib import import_module
from types import MappingProxyType
from typing import Iterator, NoReturn

from symprimer.api.arguments import allow_leading_minus
from symprimer.core.errors import SymprimerError

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
3 the time or memory budget ran out; 4 a result was derived but a step did not check out;
130/143 interrupted (Ctrl-C / SIGTERM).
"""


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C so that child processes and TeX runs are ended."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose complaints are one sentence (exit 2), without the usage block."""

    def error(self, message: str) -> NoReturn:
        sentence = message.rstrip(".")
        self.exit(2, f"{self.prog}: {sentence}; see {self.prog} --help.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
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
        allow_leading_minus(command)
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


INTERRUPTS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _interrupts_unwind() -> Iterator[None]:
    """Ctrl-C and SIGTERM unwind the command (so ``finally`` blocks end child processes).

    Forked helpers inherit the handlers; in them the signal just ends the helper quietly, as
    the command itself is unwinding and will report the interruption once.  The previous
    handlers come back afterwards (``main`` is also called in-process, e.g. by tests).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    command_pid = os.getpid()

    def interrupted(signum: int, frame: object) -> None:
        if os.getpid() != command_pid:
            os._exit(128 + signum)
        raise KeyboardInterrupt if signum == signal.SIGINT else Terminated

    # a signal ignored when we started (e.g. SIGINT for a background job) stays ignored
    previous = {
        signum: signal.signal(signum, interrupted)
        for signum in INTERRUPTS
        if signal.getsignal(signum) is not signal.SIG_IGN
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: list[str] | None = None) -> int:
    try:
        with _interrupts_unwind():
            return _main(argv)
    except KeyboardInterrupt:
        print("symprimer: interrupted.", file=sys.stderr)
        return 130
    except Terminated:
        print("symprimer: terminated.", file=sys.stderr)
        return 143


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run_module", None):
        parser.print_help()
        return 2
    try:
        return int(import_module(args.run_module).run(args) or 0)
    except SymprimerError as error:
        print(f"symprimer {args.command}: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:  # the reader (e.g. `| head`) closed the pipe: stop quietly
        _silence_stdout()
        return 141
    except OSError as error:  # a file or folder the command could not use
        where = f" {error.filename}" if error.filename else ""
        print(f"symprimer {args.command}: cannot use{where}: {error.strerror or error}.", file=sys.stderr)
        return 2
    except MemoryError:
        print(f"symprimer {args.command}: ran out of memory; try a smaller input.", file=sys.stderr)
        return 3
    except RecursionError:
        print(f"symprimer {args.command}: the input is nested too deeply to work through.", file=sys.stderr)
        return 2


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
