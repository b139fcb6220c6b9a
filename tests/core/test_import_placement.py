"""Imports sit at the top of their module, where the layering can be read; one inside a function
says why on its own line (``# local: <reason>``).  Only the command line's own modules keep
imports local without a word: there they are what keeps ``symprimer --help`` fast.

The integrator's hoisting tool moves imports up; this test keeps them there.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "symprimer"
# the modules ``symprimer --help`` loads to build its parser, which defer everything heavy
HELP_PATH = ("cli.py", "commands/", "api/__init__.py")
REASON = re.compile(r"#.*\blocal:\s*\S")
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def unexplained_local_imports(source: str) -> list[int]:
    """Line numbers of imports inside a function whose lines carry no ``# local: reason``."""
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, FUNCTIONS):
            continue
        for node in ast.walk(function):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                span = lines[node.lineno - 1 : node.end_lineno]
                if not any(REASON.search(line) for line in span):
                    found.append(node.lineno)
    return sorted(set(found))


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import os\n\ndef f():\n    return os.sep\n", []),
        ("def f():\n    import os\n    return os.sep\n", [2]),
        ("def f():\n    import os  # local: a reason\n    return os.sep\n", []),
        ("def f():\n    import os  # local:\n    return os.sep\n", [2]),
        ("class A:\n    def f(self):\n        from os import (\n            sep,\n        )\n        return sep\n", [3]),
        ("class A:\n    def f(self):\n        from os import (  # local: a reason\n            sep,\n        )\n", []),
        ("def f():\n    def g():\n        import os\n    return g\n", [3]),
        ("def f():\n    try:\n        import os  # noqa: F401  # local: optional\n    except ImportError:\n        pass\n", []),
    ],
)
def test_the_rule_reads_source_as_meant(source, expected):
    assert unexplained_local_imports(source) == expected


def test_every_import_inside_a_function_says_why():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(HELP_PATH):
            continue
        source = path.read_text()
        for line in unexplained_local_imports(source):
            offenders.append(f"symprimer/{relative}:{line}: {source.splitlines()[line - 1].strip()}")
    assert not offenders, (
        "imports inside functions belong at the module's top (or say why with '# local: <reason>'):\n"
        + "\n".join(offenders)
    )


def test_help_as_run_from_the_shell_imports_neither_sympy_nor_numpy():
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['symprimer', '--help']\n"
        "try:\n"
        "    runpy.run_module('symprimer', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "heavy = [name for name in ('sympy', 'numpy') if name in sys.modules]\n"
        "print(code, ','.join(heavy), sep='|', file=sys.stderr)\n"
    )
    ran = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    code, heavy = ran.stderr.strip().splitlines()[-1].split("|")
    assert code in ("0", "None")
    assert "usage: symprimer" in ran.stdout
    assert heavy == ""
