"""Helpers of the hostile-input suite: run the command, check it ended in one sentence."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from symprimer.cli import main

ROOT = Path(__file__).resolve().parents[2]
SMALL_SPEC = """\
title: Hostile
seed: 1
template: exam
questions:
  - kind: det
    matrix: "[[1,2],[3,4]]"
"""


def run_main(argv: list[str], capsys) -> tuple[int, str]:
    """``symprimer ARGV`` in-process: (exit status, stderr); argparse's exits count too."""
    capsys.readouterr()
    try:
        status = main(argv)
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 2
    return status, capsys.readouterr().err


def run_cli(argv: list[str], cwd: Path, timeout: float = 120.0) -> tuple[int, str, float]:
    """``python -m symprimer ARGV`` in a child: (exit status, stderr, seconds taken)."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "symprimer", *argv], cwd=cwd, env=cli_environment(),
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout,
    )
    return done.returncode, done.stderr, time.monotonic() - started


def cli_environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def assert_one_sentence(stderr: str, *, mentions: str = "") -> None:
    """stderr is one line from symprimer, no traceback, and names what was wrong."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("symprimer"), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert mentions.lower() in lines[0].lower(), stderr


def tree(folder: Path, skip: Path | None = None) -> dict[str, tuple]:
    """Every entry under ``folder`` (not under ``skip``) with its kind, size and content digest."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        info = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        entries[str(path.relative_to(folder))] = (info.st_mode, info.st_size, content)
    return entries


def write_spec(folder: Path, text: str = SMALL_SPEC, name: str = "spec.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
