"""Ctrl-C and SIGTERM: the command ends its TeX runs and children, exits 130/143, no traceback."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hostile_helpers import cli_environment, write_spec

# Generous for a shared, loaded machine; the requirement is 2 s, a hang would be minutes.
PROMPTLY = 6.0


def processes_working_in(folder: Path) -> list[int]:
    """Processes whose working folder is inside ``folder`` (pdflatex runs in tex-work/...)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if cwd == str(folder) or cwd.startswith(str(folder) + os.sep):
            found.append(int(entry.name))
    return found


def start(argv: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "symprimer", *argv], cwd=cwd, env=cli_environment(),
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def interrupt(process: subprocess.Popen, signum: int) -> tuple[int, str, float]:
    process.send_signal(signum)
    sent = time.monotonic()
    try:
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    return process.returncode, stderr, time.monotonic() - sent


@pytest.mark.tex
@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_sheet_pdf_interrupted_ends_pdflatex_and_leaves_no_orphan(tmp_path, require_tex, signum, status):
    spec = write_spec(tmp_path)
    work = tmp_path / "out" / "tex-work"
    process = start(["sheet", str(spec), "-o", "out", "--pdf", "--variants", "30", "--workers", "2", "--quiet"], tmp_path)
    try:
        assert wait_until(lambda: processes_working_in(work), 120), "pdflatex never started"
    except BaseException:
        process.kill()
        raise
    code, stderr, seconds = interrupt(process, signum)
    assert code == status, stderr
    assert seconds < PROMPTLY
    assert "Traceback" not in stderr
    assert wait_until(lambda: not processes_working_in(work), 2.0), "pdflatex outlived the command"


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_descend_interrupted_exits_cleanly(tmp_path, signum, status):
    process = start(
        ["descend", "--model", "softmax", "--synthetic", "1000", "--epochs", "1999", "--batch-size", "1",
         "--timeout", "600", "--no-progress"],
        tmp_path,
    )
    time.sleep(5)  # well into the training loop (imports take about two seconds)
    assert process.poll() is None, process.communicate()[1]
    code, stderr, seconds = interrupt(process, signum)
    assert code == status, stderr
    assert seconds < PROMPTLY
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if line.strip()] == [
        "symprimer: interrupted." if signum == signal.SIGINT else "symprimer: terminated."
    ]
