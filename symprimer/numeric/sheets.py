"""What the sheet builder includes: LaTeX tables of the first iterates, update equations, and
figures written to the build folder.

Numbers go through ``format_number`` (fixed significant digits, LaTeX minus and powers of ten)
so a table reads the same on every machine; names go through ``to_latex`` of their symbols.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import sympy as sp

from symprimer.numeric import plots
from symprimer.numeric.equations import settings_latex, update_equations_latex
from symprimer.render.notation import to_latex


def format_number(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits, as LaTeX (``-1.5``, ``2.3 \\cdot 10^{-5}``)."""
    if not np.isfinite(value):
        return r"\text{NaN}" if np.isnan(value) else (r"\infty" if value > 0 else r"-\infty")
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa} \\cdot 10^{{{int(exponent)}}}"
    return "0" if text in ("-0", "0") else text


def _variable_latex(name: str) -> str:
    return to_latex(sp.Symbol(name))


def iterate_table_latex(run, k: int = 5, digits: int = 4, gradient=None) -> str:
    """A ``tabular`` of the first ``k`` iterates of a run: t, each coordinate of x_t, f(x_t)
    and, when ``gradient`` (a callable) is given, the gradient norm at x_t.

    ``run`` is a ``DescentRun`` (or any object with ``trajectory``, ``losses`` and ``variables``).
    """
    count = min(k, len(run.trajectory))
    names = [_variable_latex(v) for v in run.variables] or [f"x_{{{i + 1}}}" for i in range(run.trajectory.shape[1])]
    header = ["$t$"] + [f"${n}^{{(t)}}$" for n in names] + ["$f_t$"]
    if gradient is not None:
        header.append(r"$\lVert \nabla f_t \rVert$")
    lines = [
        r"\begin{tabular}{" + "r" * len(header) + "}",
        r"\hline",
        " & ".join(header) + r" \\",
        r"\hline",
    ]
    for t in range(count):
        point = run.trajectory[t]
        cells = [str(t)] + [f"${format_number(c, digits)}$" for c in point] + [f"${format_number(run.losses[t], digits)}$"]
        if gradient is not None:
            cells.append(f"${format_number(float(np.linalg.norm(gradient(point))), digits)}$")
        lines.append(" & ".join(cells) + r" \\")
    lines += [r"\hline", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


MAX_DATA_ROWS = 60  # samples a question prints in full; larger sets are not for a paper question
DATA_BLOCKS = 3  # the samples are set side by side in this many column groups


def data_table_latex(dataset, digits: int = 3) -> str:
    """The samples of a small data set as a ``tabular``, set in side-by-side column groups
    (index, features, label) so that 60 samples fit in a third of a page."""
    size = dataset.size
    if size > MAX_DATA_ROWS:
        raise ValueError(f"a question prints at most {MAX_DATA_ROWS} samples, not {size}")
    names = [f"${_variable_latex(n)}$" for n in dataset.feature_names] + ["$y$"]
    blocks = min(DATA_BLOCKS, size)
    height = -(-size // blocks)
    group = "r" + "r" * len(names)
    lines = [r"\begin{tabular}{" + "@{\\quad}".join([group] * blocks) + "}", r"\hline",
             " & ".join(["$i$", *names] * blocks) + r" \\", r"\hline"]
    for row in range(height):
        cells = []
        for block in range(blocks):
            i = block * height + row
            if i < size:
                values = [*dataset.inputs[i], dataset.labels[i]]
                cells += [str(i + 1)] + [f"${format_number(float(v), digits)}$" for v in values]
            else:
                cells += [""] * (1 + len(names))
        lines.append(" & ".join(cells) + r" \\")
    lines += [r"\hline", r"\end{tabular}"]
    return "\n".join(lines) + "\n"


def optimizer_block_latex(config) -> str:
    """The update equations of ``config`` as a displayed equation, with its settings."""
    return "\\[\n" + update_equations_latex(config) + "\n\\]\n" + f"\\[ {settings_latex(config)} \\]\n"


def write_figure(path: str | Path, descent, kind: str = "paths") -> Path:
    """Write a figure of a ``FunctionDescent`` (from ``api.descend_function``) for a sheet:
    ``kind`` is ``paths`` (contours with the iterates; two variables), ``losses`` (loss curves)
    or ``learning-rates`` (one panel per optimiser).  Returns the file written (PNG or PDF)."""
    runs = descent.runs
    if kind == "losses":
        return plots.plot_losses(str(path), runs)
    if kind == "learning-rates":
        return plots.plot_learning_rates(str(path), runs)
    problem = descent.problem
    surface = problem.surface
    if len(problem.variables) == 1:
        return plots.plot_curve(str(path), runs, problem.grid_value(), problem.variables[0])
    if len(problem.variables) != 2:
        return plots.plot_losses(str(path), runs)
    return plots.plot_paths(
        str(path),
        runs,
        problem.grid_value(),
        problem.variables,
        window=surface.window if surface else None,
        minimum=surface.minimum if surface else None,
        log_levels=surface.log_levels if surface else _nonnegative(runs),
        title=surface.name if surface else "gradient descent",
    )


def write_question_figure(path: str | Path, descent) -> Path:
    """The contour plot a question refers to, before anything is solved: the surface over the
    window the runs will cover with the start point marked, and no paths (they are the answer)."""
    problem = descent.problem
    surface = problem.surface
    window = plots._window(descent.runs, surface.window if surface else None)
    figure = plots._figure(7.5, 6)
    log_levels = surface.log_levels if surface else _nonnegative(descent.runs)
    title = (surface.name if surface else "f") + ": contours and the start point"
    axes = plots._setup_contour_axes(
        figure, descent.runs[:1], problem.grid_value(), problem.variables, window, None, log_levels, title, with_panel=False
    )
    axes.annotate(r"$\theta_0$", tuple(descent.start), textcoords="offset points", xytext=(5, 5), fontsize=10)
    return plots._save(figure, str(path))


def _nonnegative(runs: Sequence) -> bool:
    return all(min(run.losses) >= 0 for run in runs)


def gradcheck_table_latex(check, digits: int = 8) -> str:
    """A ``tabular`` of a ``GradientCheck``: analytic vs numeric value and relative error per
    variable, then the overall relative error and the difference scheme."""
    lines = [
        r"\begin{tabular}{lrrr}",
        r"\hline",
        r"variable & analytic & numeric & relative error \\",
        r"\hline",
    ]
    for name, a, n, r in zip(check.variables, check.analytic, check.numeric, check.rel_error):
        lines.append(
            f"${_variable_latex(name)}$ & ${format_number(a, digits)}$ & ${format_number(n, digits)}$ & ${format_number(r, 2)}$ \\\\"
        )
    lines += [
        r"\hline",
        r"\multicolumn{4}{l}{overall relative error $" + format_number(check.overall, 2) + f"$ ({check.scheme} differences)}} \\\\",
        r"\end{tabular}",
    ]
    return "\n".join(lines) + "\n"
