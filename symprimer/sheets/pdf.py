"""Compiling a sheet to PDF with latexmk and pdflatex, locked down.

Each ``.tex`` compiles in a fresh folder of its own inside the build folder, with no rc files
(``-norc``), shell escape off, and kpathsea's ``openin_any=p`` / ``openout_any=p`` set in the
environment (so TeX reads and writes nothing outside that folder whatever texmf.cnf says).
A time-out, Ctrl-C or SIGTERM kills the whole process group (pdflatex runs in a session of
its own, so it would otherwise outlive us); a failure shows the log's error lines.  The work
folder is made fresh and never removed through a link (``symprimer.runtime.output``).
"""
from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Sequence

from symprimer.core.errors import BudgetExceeded, InputError, SymprimerError
from symprimer.runtime.output import fresh_folder, move_into, remove_folder

WORK_FOLDER = "tex-work"
LATEXMK = ("latexmk", "-norc", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape")
HOW_TO_GET_PDF = (
    "no TeX engine found (pdflatex and latexmk): the .tex files are written; install TeX Live "
    "(Debian: apt-get install texlive-latex-extra latexmk lmodern) and run `latexmk -pdf FILE.tex` to get the PDFs."
)
ERROR_CONTEXT_LINES = 4


class TexFailed(SymprimerError):
    """pdflatex stopped with an error: the message quotes the relevant log lines."""


class BuildStopped(SymprimerError):
    """An interrupt or another sheet's failure stopped the build before this TeX run began."""


def tex_available() -> bool:
    return all(shutil.which(tool) for tool in ("pdflatex", "latexmk"))


def tex_environment() -> dict[str, str]:
    """The subprocess environment: paranoid file access and no shell escape, whatever the config."""
    env = dict(os.environ)
    env.update({"openin_any": "p", "openout_any": "p", "shell_escape": "f"})
    env.pop("TEXINPUTS", None)
    return env


class ProcessGroups:
    """The TeX runs of one build, so that an interrupt can end every one of them at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen] = set()
        self._stopped = False

    def start(self, command: Sequence[str], cwd: Path) -> subprocess.Popen:
        with self._lock:
            if self._stopped:
                raise BuildStopped(f"the build stopped before {command[-1]} was compiled.")
            process = subprocess.Popen(
                list(command),
                cwd=cwd,
                env=tex_environment(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self._running.add(process)
            return process

    def finished(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._running.discard(process)

    def kill_all(self) -> None:
        """End every running TeX process group and refuse to start more."""
        with self._lock:
            self._stopped = True
            running = list(self._running)
        for process in running:
            kill_group(process)


def kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def compile_pdf(
    tex: Path, extra_files: Sequence[Path] = (), timeout: float = 120.0, groups: ProcessGroups | None = None
) -> Path:
    """Compile ``tex`` (plus files it includes) and place ``<stem>.pdf`` next to it."""
    tex = Path(tex)
    groups = groups or ProcessGroups()
    work = fresh_folder(tex.parent, WORK_FOLDER, tex.stem)
    for path in (tex, *extra_files):
        _copy_regular(Path(path), work)
    process = groups.start([*LATEXMK, tex.name], work)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        process.communicate()
        raise BudgetExceeded(f"pdflatex on {tex.name} did not finish within {timeout:g} s.") from None
    except BaseException:
        kill_group(process)
        raise
    finally:
        groups.finished(process)
    log = work / f"{tex.stem}.log"
    if process.returncode != 0 or not (work / f"{tex.stem}.pdf").exists():
        raise TexFailed(f"pdflatex could not compile {tex.name} (kept in {work}):\n{error_excerpt(log, output)}")
    pdf = move_into(work / f"{tex.stem}.pdf", tex.with_suffix(".pdf"))
    remove_folder(work)
    return pdf


def _copy_regular(path: Path, work: Path) -> None:
    """Copy a file we wrote into the TeX folder; a link or special file in its place is refused."""
    try:
        info = os.lstat(path)
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}.") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path} is not a regular file (a link or special file was put in its place); remove it and build again.")
    shutil.copyfile(path, work / path.name)


def error_excerpt(log: Path, output: bytes = b"") -> str:
    """The log's lines starting with '!' and the few after each (the usual TeX error form)."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = output.decode("utf-8", errors="replace").splitlines()
    excerpt: list[str] = []
    for index, line in enumerate(lines):
        if line.startswith("!"):
            excerpt.extend(lines[index : index + 1 + ERROR_CONTEXT_LINES])
    if not excerpt:
        excerpt = lines[-ERROR_CONTEXT_LINES * 2 :]
    return "\n".join("  " + line for line in excerpt[:40])


def compile_many(
    texs: Sequence[tuple[Path, Sequence[Path]]],
    *,
    workers: int = 2,
    timeout: float = 120.0,
    on_progress: Callable[[int], None] = lambda done: None,
) -> list[Path]:
    """Compile several sheets, ``workers`` pdflatex runs at a time; the first failure stops all."""

    groups = ProcessGroups()

    def one(item: tuple[Path, Sequence[Path]]) -> Path:
        pdf = compile_pdf(item[0], item[1], timeout, groups)
        on_progress(1)
        return pdf

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(one, item) for item in texs]
        try:
            pdfs = [future.result() for future in futures]
        except BaseException:  # a failure, Ctrl-C or SIGTERM: stop every TeX run now
            for future in futures:
                future.cancel()
            groups.kill_all()
            raise
    if texs:
        _remove_if_empty(Path(texs[0][0]).parent / WORK_FOLDER)
    return pdfs


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
