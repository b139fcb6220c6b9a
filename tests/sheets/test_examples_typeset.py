"""Every example document built and compiled once, read as a reader meets it: no overfull box
over 1pt in the pdflatex log, no \\textasciicircum in the .tex, and no ASCII mathematics (lambda,
sigma, sum_, x_2, ^, !=, >=, ->, **) in the text pdftotext reads out of the PDF."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from symprimer.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DOCUMENTS = (  # (spec, template or None for the spec's own)
    ("primer.yaml", "exam"), ("primer.yaml", "handout"), ("primer.yaml", "beamer"),
    ("lecture.yaml", None), ("problem-set.yaml", None),
)
ASCII_MATHS = re.compile(r"lambda|lamda|sigma|sum_|\b[A-Za-z]_[0-9a-z]|\^|!=|>=|<=|->|\*\*|torch\.|_backward")
LINE_PT = 20.0  # a line of text and its leading, in TeX points
needs_tex = pytest.mark.skipif(not (shutil.which("pdflatex") and shutil.which("pdftotext")),
                               reason="pdflatex and pdftotext are not installed")


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> dict[str, tuple[str, str, str]]:
    """Each document's .tex, pdflatex log and pdftotext text, built and compiled once."""
    out: dict[str, tuple[str, str, str]] = {}
    for spec, template in DOCUMENTS:
        folder = tmp_path_factory.mktemp(spec.split(".")[0] + (template or ""))
        argv = ["sheet", str(EXAMPLES / spec), "-o", str(folder), "--quiet"] + (["--template", template] if template else [])
        assert main(argv) == 0
        for tex in sorted(folder.glob("*.tex")):
            subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", tex.name],
                           cwd=folder, capture_output=True, timeout=600)
            log = tex.with_suffix(".log").read_text(errors="replace")
            text = subprocess.run(["pdftotext", str(tex.with_suffix(".pdf")), "-"], capture_output=True,
                                  text=True, timeout=120).stdout
            out[f"{template or spec}/{tex.name}"] = (tex.read_text(), log, text)
    return out


@needs_tex
def test_every_example_compiles_with_nothing_off_the_page(compiled):
    assert len(compiled) == 2 * len(DOCUMENTS)
    for name, (_, log, _) in compiled.items():
        assert "Output written" in log, name
        wide = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]
        assert not [w for w in wide if w > 1], (name, wide)
        # A page or slide overfull by more than a line hides what runs past its foot (a frame
        # cannot break inside a figure taller than the slide); a display nudging into the
        # bottom margin by a few points is left to TeX.
        tall = [float(h) for h in re.findall(r"Overfull \\vbox \(([\d.]+)pt too high\)", log)]
        assert not [h for h in tall if h > LINE_PT], (name, tall)


@needs_tex
def test_no_ascii_mathematics_reaches_a_document(compiled):
    for name, (tex, _, text) in compiled.items():
        lines = [line for line in text.splitlines() if ASCII_MATHS.search(line)]
        assert not lines, (name, lines)
        carets = [line for line in tex.splitlines() if "textasciicircum" in line]
        assert not carets, (name, carets)


@needs_tex
def test_conventions_are_stated_once_and_not_repeated(compiled):
    for name, (_, _, text) in compiled.items():
        assert text.count("Conventions") == 1, name
        assert "natural logarithm." not in text.replace("is the natural logarithm (", ""), name
