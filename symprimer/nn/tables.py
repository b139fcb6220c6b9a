"""The catalogues as tables: one row per entry, in text, LaTeX or JSON."""
from __future__ import annotations

import json

from symprimer.nn.activations import ACTIVATIONS
from symprimer.nn.losses import LOSSES
from symprimer.render.escape import escape_latex
from symprimer.render.handprint import hand_string
from symprimer.render.notation import to_latex, to_sympy_string
from symprimer.render.prose import prose_latex, prose_unicode

COLUMNS = {
    "activations": ("name", "definition", "derivative", "range", "continuity", "at kinks (PyTorch)"),
    "losses": ("name", "definition", "derivative", "use", "convexity", "at kinks (PyTorch)"),
}


def _activation_rows(printer) -> list[tuple[str, ...]]:
    rows = []
    for entry in ACTIVATIONS.values():
        kinks = "; ".join(f"x = {p}: {printer(v)}" for p, v in entry.kink_values) or "none"
        if entry.name == "softmax":
            rows.append((entry.name, r"$s_{i} = e^{z_{i}} / \sum_{k} e^{z_{k}}$",
                         r"$\frac{\partial s_{i}}{\partial z_{j}} = s_{i} (\delta_{ij} - s_{j})$",
                         entry.value_range, entry.continuity, kinks))
            continue
        rows.append((entry.name, printer(entry.definition), printer(entry.derivative), entry.value_range,
                     entry.continuity, kinks))
    return rows


def _loss_rows(printer) -> list[tuple[str, ...]]:
    rows = []
    for entry in LOSSES.values():
        if entry.name == "cce":
            definition = r"$-\sum_{j} y_{j} \log p_{j}$"
            derivative = r"$\frac{\partial L}{\partial p_{i}} = -\frac{y_{i}}{p_{i}}$; through softmax $p_{i} - y_{i}$"
        else:
            definition, derivative = printer(entry.definition), printer(entry.derivative)
            if entry.through:
                derivative += "; through " + ", ".join(f"{k}: {printer(v)}" for k, v in entry.through)
        kink = entry.kink_text or "none"
        rows.append((entry.name, definition, derivative, entry.use, entry.convexity, kink))
    return rows


def catalogue_table(what: str, fmt: str = "text") -> str:
    build = _activation_rows if what == "activations" else _loss_rows
    if fmt == "json":
        rows = [tuple(prose_unicode(cell) for cell in row) for row in build(to_sympy_string)]
        return json.dumps([dict(zip(COLUMNS[what], row)) for row in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "latex":
        return _latex_table(what, build(lambda v: f"${to_latex(v)}$"))
    return _text_table(what, [tuple(prose_unicode(cell) for cell in row) for row in build(hand_string)])


def _text_table(what: str, rows: list[tuple[str, ...]]) -> str:
    lines = []
    for row in rows:
        lines.append(row[0])
        for column, cell in zip(COLUMNS[what][1:], row[1:]):
            lines.append(f"  {column:<20} {cell}")
    return "\n".join(lines) + "\n"


def _latex_table(what: str, rows: list[tuple[str, ...]]) -> str:
    header = " & ".join(escape_latex(c) for c in COLUMNS[what][:3])
    body = []
    for row in rows:
        name, definition, derivative = row[:3]
        cells = [escape_latex(name)] + [prose_latex(c) for c in (definition, derivative)]
        body.append(" & ".join(cells) + r" \\")
    return "\n".join([r"\begin{tabular}{lll}", r"\hline", header + r" \\", r"\hline", *body, r"\hline", r"\end{tabular}"]) + "\n"
