"""Compiling a sheet to PDF with latexmk and pdflatex, locked down.

Each ``.tex`` compiles in a fresh folder of its own inside the build folder, with no rc files
(``-norc``), shell escape off, and kpathsea's ``openin_any=p`` / ``openout_any=p`` set in the
environment (so TeX reads and writes nothing outside that folder whatever texmf.cnf says).
A time-out kills the whole process group; a failure shows the log's error lines.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, Sequence

from symprimer.errors import BudgetExceeded, SymprimerError

WORK_FOLDER = "tex-work"
LATEXMK = ("latexmk", "-norc", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape")
HOW_TO_GET_PDF = (
    "no TeX engine found (pdflatex and latexmk): the .tex files are written; install TeX Live "
    "(Debian: apt-get install texlive-latex-extra latexmk lmodern) and run `latexmk -pdf FILE.tex` to get the PDFs."
)
ERROR_CONTEXT_LINES = 4


class TexFailed(SymprimerError):
    """pdflatex stopped with an error: the message quotes the relevant log lines."""


def tex_available() -> bool:
    return all(shutil.which(tool) for tool in ("pdflatex", "latexmk"))


def tex_environment() -> dict[str, str]:
    """The subprocess environment: paranoid file access and no shell escape, whatever the config."""
    env = dict(os.environ)
    env.update({"openin_any": "p", "openout_any": "p", "shell_escape": "f"})
    env.pop("TEXINPUTS", None)
    return env


def compile_pdf(tex: Path, extra_files: Sequence[Path] = (), timeout: float = 120.0) -> Path:
    """Compile ``tex`` (plus files it includes) and place ``<stem>.pdf`` next to it."""
    tex = Path(tex)
    work = tex.parent / WORK_FOLDER / tex.stem
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for path in (tex, *extra_files):
        shutil.copy2(path, work / Path(path).name)
    process = subprocess.Popen(
        [*LATEXMK, tex.name],
        cwd=work,
        env=tex_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise BudgetExceeded(f"pdflatex on {tex.name} did not finish within {timeout:g} s.") from None
    log = work / f"{tex.stem}.log"
    if process.returncode != 0 or not (work / f"{tex.stem}.pdf").exists():
        raise TexFailed(f"pdflatex could not compile {tex.name} (kept in {work}):\n{error_excerpt(log, output)}")
    pdf = tex.with_suffix(".pdf")
    shutil.move(str(work / pdf.name), pdf)
    shutil.rmtree(work, ignore_errors=True)
    return pdf


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

    def one(item: tuple[Path, Sequence[Path]]) -> Path:
        pdf = compile_pdf(item[0], item[1], timeout)
        on_progress(1)
        return pdf

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(one, item) for item in texs]
        try:
            pdfs = [future.result() for future in futures]
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    if texs:
        _remove_if_empty(Path(texs[0][0]).parent / WORK_FOLDER)
    return pdfs


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
