"""The command line's own behaviour: fast help, clear errors, exit statuses."""
from __future__ import annotations

import subprocess
import sys

import pytest

from symprimer.cli import COMMANDS, build_parser, main

HEAVY = ("sympy", "numpy", "matplotlib", "jinja2", "latex2sympy2_extended", "yaml")


def test_help_imports_no_heavy_library():
    probe = (
        "import sys; from symprimer.cli import build_parser; build_parser().format_help();"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""


def test_every_registered_command_has_help():
    parser = build_parser()
    text = parser.format_help()
    built = [name for name in COMMANDS if name in text]
    assert "derive" in built


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "usage" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, code, fragment",
    [
        (["derive", "det", "[[1,2],[3]]"], 2, "ragged rows"),
        (["derive", "det", "__import__('os').system('echo hacked')"], 2, "character"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(capsys, argv, code, fragment):
    assert main(argv) == code
    err = capsys.readouterr().err
    assert fragment in err
    assert "Traceback" not in err and err.count("\n") == 1
