"""Pictures: contours with the iterates of one or several optimisers, loss curves, a
learning-rate comparison and an animated GIF.

matplotlib is imported only inside these functions, through the object-oriented API with the
Agg canvas (no pyplot, no window, no global state).  Every picture carries labelled axes, a
legend naming optimiser and learning rate, and the update equations beside it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from symprimer.core.errors import InputError
from symprimer.numeric.equations import equation_lines, settings_latex
from symprimer.runtime.output import atomic_path
from symprimer.numeric.optimizers import DISPLAY_NAMES

# Saturated colours for paths; contours are drawn in greys so paths stand out (and tests can
# find them pixel by pixel).
PATH_COLOURS = ("#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324")
# Each path also has its own marker and dash pattern, so paths that overlap (or a page printed in
# grey) still tell them apart.
PATH_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
PATH_DASHES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 1)), (0, (6, 2)))
# A figure is drawn at the width of a page's text block (about 16 cm), so that its text prints at
# the size given here: equations at 9pt, never under 8pt.
PAGE_WIDTH_INCHES = 6.5
EQUATION_POINTS = 9
PATHS_PLOT_HEIGHT = 3.8  # inches of contour plot above the update equations: a page holds it with its table
GridValue = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _figure(width: float, height: float, dpi: int = 100):
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # local: matplotlib costs ~0.6 s CPU to import; only drawing needs it
    from matplotlib.figure import Figure  # local: matplotlib costs ~0.6 s CPU to import; only drawing needs it

    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure


def _save(figure, path: str) -> Path:
    target = Path(path)
    if target.suffix.lower() not in (".png", ".pdf", ".svg"):
        raise InputError(f"the picture {path} must end in .png, .pdf or .svg.")
    if not target.parent.is_dir():
        raise InputError(f"the folder {target.parent} for the picture {path} does not exist.")
    with atomic_path(target) as temporary:
        figure.savefig(temporary, bbox_inches="tight", format=target.suffix.lower()[1:])
    return target


def _equation_blocks(runs) -> list[tuple[str, tuple[str, ...]]]:
    """Each distinct optimiser's heading and its update equations (mathtext), in order."""
    seen, blocks = set(), []
    for run in runs:
        config = run.optimizer
        key = (config.name, config.convention)
        if key in seen:
            continue
        seen.add(key)
        lines = equation_lines(config)
        blocks.append((f"{DISPLAY_NAMES[config.name]} ({config.convention})",
                       lines[1 if len(lines) > 2 else 0:] + (settings_latex(config),)))
    return blocks


def _equation_panel(axes, runs) -> None:
    """The update equations under the plot, one column per optimiser (two per row at most)."""
    axes.axis("off")
    blocks = _equation_blocks(runs)
    columns = min(2, len(blocks))
    rows = -(-len(blocks) // columns)
    height = max(_block_height(lines) for _, lines in blocks)
    step = 1.0 / (rows * (height + 0.6))
    for index, (heading, lines) in enumerate(blocks):
        x, y = (index % columns) / columns, 1.0 - (index // columns) * (height + 0.6) * step
        axes.text(x, y, heading, fontsize=EQUATION_POINTS, weight="bold", va="top", transform=axes.transAxes)
        y -= step
        for line in lines:
            axes.text(x + 0.02, y, f"${line}$", fontsize=EQUATION_POINTS, va="top", transform=axes.transAxes)
            y -= step * _line_height(line)


def _line_height(line: str) -> float:
    """A line of mathtext in text lines: a fraction stands about twice as tall."""
    return 2.0 if r"\frac" in line else 1.0


def _block_height(lines: tuple[str, ...]) -> float:
    return 1 + sum(_line_height(line) for line in lines)


def _panel_height(runs) -> float:
    """Inches of equations under a plot: a line of 9pt maths takes about 0.2 in."""
    blocks = _equation_blocks(runs)
    if not blocks:
        return 0.0
    rows = -(-len(blocks) // min(2, len(blocks)))
    return 0.22 * rows * (max(_block_height(lines) for _, lines in blocks) + 0.6)


def _window(runs, known: tuple | None, margin: float = 0.15):
    if known is not None:
        return known
    steady = [run.trajectory for run in runs if not run.diverged]
    # a diverged path would stretch the window until the contours mean nothing: keep its start
    paths = steady or [run.trajectory[:5] for run in runs]
    points = np.vstack([path[np.all(np.isfinite(path), axis=1)] for path in paths])
    low, high = points.min(axis=0), points.max(axis=0)
    span = np.maximum(high - low, 1e-3)
    low, high = low - margin * span - 0.5, high + margin * span + 0.5
    return ((low[0], high[0]), (low[1], high[1]))


def _contours(axes, grid_value: GridValue, window, log_levels: bool, resolution: int = 240) -> None:
    (x0, x1), (y0, y1) = window
    xs, ys = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    with np.errstate(all="ignore"):
        zs = np.broadcast_to(np.asarray(grid_value(xs, ys), dtype=float), xs.shape)
    finite = zs[np.isfinite(zs)]
    if finite.size == 0:
        return
    low, high = float(finite.min()), float(finite.max())
    if log_levels and low >= 0 and high > 0:
        floor = max(low, high * 1e-6, 1e-6)
        levels = np.logspace(np.log10(floor), np.log10(high), 30)
    else:
        levels = np.linspace(low, high, 30)
    levels = np.unique(levels)
    if len(levels) < 2:
        return
    axes.contourf(xs, ys, zs, levels=levels, cmap="Greys", alpha=0.35)
    axes.contour(xs, ys, zs, levels=levels, colors="0.55", linewidths=0.5)


def _draw_paths(axes, runs, upto: int | None = None):
    lines = []
    for index, run in enumerate(runs):
        path = run.trajectory if upto is None else run.trajectory[: upto + 1]
        colour = PATH_COLOURS[index % len(PATH_COLOURS)]
        label = run.optimizer.label + (", diverged" if run.diverged else "")
        (line,) = axes.plot(path[:, 0], path[:, 1], color=colour, marker=PATH_MARKERS[index % len(PATH_MARKERS)],
                            linestyle=PATH_DASHES[index % len(PATH_DASHES)], markersize=4, linewidth=1.5, label=label)
        lines.append(line)
    return lines


def _label_iterates(axes, run, count: int = 4) -> None:
    for k, point in enumerate(run.trajectory[:count]):
        if np.all(np.isfinite(point)):
            axes.annotate(f"$x_{{{k}}}$", point, textcoords="offset points", xytext=(4, 4), fontsize=9)


def _setup_contour_axes(
    figure, runs, grid_value, variables, window, minimum, log_levels, title, resolution=240, with_panel=True
):
    panel = _panel_height(runs) if with_panel else 0.0
    with_panel = panel > 0
    plot_height = figure.get_figheight() - panel
    grid = figure.add_gridspec(2, 1, height_ratios=(plot_height, panel)) if with_panel else figure.add_gridspec(1, 1)
    axes = figure.add_subplot(grid[0, 0])
    _contours(axes, grid_value, window, log_levels, resolution)
    if minimum is not None:
        axes.plot([minimum[0]], [minimum[1]], "*", color="black", markersize=12, label="minimum")
    starts = {tuple(run.trajectory[0]) for run in runs}
    for start in starts:
        axes.plot([start[0]], [start[1]], "s", color="black", markersize=5)
    axes.set_xlim(*window[0])
    axes.set_ylim(*window[1])
    axes.set_xlabel(f"${variables[0]}$")
    axes.set_ylabel(f"${variables[1]}$")
    axes.set_title(title)
    if with_panel:
        _equation_panel(figure.add_subplot(grid[1, 0]), runs)
    return axes


def plot_paths(
    path: str,
    runs: Sequence,
    grid_value: GridValue,
    variables: Sequence[str],
    window=None,
    minimum=None,
    log_levels: bool = True,
    title: str = "gradient descent",
) -> Path:
    """Contours of f over two variables with each run's iterates x0, x1, ... drawn on them."""
    figure = _figure(PAGE_WIDTH_INCHES, PATHS_PLOT_HEIGHT + _panel_height(runs))
    window = _window(runs, window)
    axes = _setup_contour_axes(figure, runs, grid_value, variables, window, minimum, log_levels, title)
    _draw_paths(axes, runs)
    if len(runs) == 1:
        _label_iterates(axes, runs[0])
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="best", fontsize=8)
    return _save(figure, path)


def plot_losses(path: str, runs: Sequence, unit: str = "step", title: str = "loss") -> Path:
    """Loss per step (or epoch) for each run, on a log scale when every loss is positive."""
    panel = max(_panel_height(runs), 0.01)
    figure = _figure(PAGE_WIDTH_INCHES, 3.6 + panel)
    grid = figure.add_gridspec(2, 1, height_ratios=(3.6, panel))
    axes = figure.add_subplot(grid[0, 0])
    positive = True
    for index, run in enumerate(runs):
        losses = np.asarray(run.losses, dtype=float)
        positive &= bool(np.all(losses[np.isfinite(losses)] > 0))
        axes.plot(np.arange(len(losses)), losses, color=PATH_COLOURS[index % len(PATH_COLOURS)],
                  linestyle=PATH_DASHES[index % len(PATH_DASHES)], label=run.optimizer.label)
    if positive:
        axes.set_yscale("log")
    axes.set_xlabel(unit)
    axes.set_ylabel("loss")
    axes.set_title(title)
    axes.legend(loc="best", fontsize=8)
    _equation_panel(figure.add_subplot(grid[1, 0]), runs)
    return _save(figure, path)


def plot_learning_rates(path: str, runs: Sequence, unit: str = "step") -> Path:
    """One panel per optimiser, one loss curve per learning rate: the learning-rate comparison."""
    names = list(dict.fromkeys(run.optimizer.name for run in runs))
    figure = _figure(4.2 * len(names), 4)
    figure.set_layout_engine("constrained")
    for column, name in enumerate(names):
        axes = figure.add_subplot(1, len(names), column + 1)
        mine = [run for run in runs if run.optimizer.name == name]
        for index, run in enumerate(mine):
            losses = np.asarray(run.losses, dtype=float)
            axes.plot(np.arange(len(losses)), losses, color=PATH_COLOURS[index % len(PATH_COLOURS)], label=f"lr={run.optimizer.lr:g}")
        if all(np.all(np.asarray(r.losses)[np.isfinite(r.losses)] > 0) for r in mine):
            axes.set_yscale("log")
        update = equation_lines(mine[0].optimizer)[-1]  # the update itself, beside its curves
        axes.set_title(f"{DISPLAY_NAMES[name]} ({mine[0].optimizer.convention})\n${update}$", fontsize=9)
        axes.set_xlabel(unit)
        axes.set_ylabel("loss")
        axes.legend(fontsize=8)
    return _save(figure, path)


def animate_paths(
    path: str,
    runs: Sequence,
    grid_value: GridValue,
    variables: Sequence[str],
    window=None,
    minimum=None,
    log_levels: bool = True,
    frames: int = 40,
    fps: int = 10,
) -> Path:
    """A GIF of the paths growing step by step (matplotlib's PillowWriter)."""
    from matplotlib.animation import PillowWriter  # local: matplotlib costs ~0.6 s CPU to import; only drawing needs it

    target = Path(path)
    if target.suffix.lower() != ".gif":
        raise InputError(f"the animation {path} must end in .gif.")
    if not target.parent.is_dir():
        raise InputError(f"the folder {target.parent} for the animation {path} does not exist.")
    figure = _figure(7, 5.5, dpi=70)
    window = _window(runs, window)
    axes = _setup_contour_axes(
        figure, runs, grid_value, variables, window, minimum, log_levels, "", resolution=120, with_panel=False
    )
    lines = _draw_paths(axes, runs, upto=0)
    axes.legend(loc="best", fontsize=8)
    longest = max(len(run.trajectory) for run in runs)
    steps = np.unique(np.linspace(0, longest - 1, min(frames, longest)).astype(int))
    writer = PillowWriter(fps=fps)
    with atomic_path(target) as temporary, writer.saving(figure, str(temporary), dpi=70):
        for step in steps:
            for line, run in zip(lines, runs):
                upto = run.trajectory[: step + 1]
                line.set_data(upto[:, 0], upto[:, 1])
            axes.set_title(f"step {step}")
            writer.grab_frame()
    return target


def plot_curve(path: str, runs: Sequence, grid_value: Callable[[np.ndarray], np.ndarray], variable: str) -> Path:
    """For a function of one variable: the curve f(x) with each run's iterates on it."""
    panel = max(_panel_height(runs), 0.01)
    figure = _figure(PAGE_WIDTH_INCHES, 3.6 + panel)
    grid = figure.add_gridspec(2, 1, height_ratios=(3.6, panel))
    axes = figure.add_subplot(grid[0, 0])
    points = np.concatenate([run.trajectory[:, 0][np.isfinite(run.trajectory[:, 0])] for run in runs])
    low, high = points.min(), points.max()
    span = max(high - low, 1.0)
    xs = np.linspace(low - 0.2 * span, high + 0.2 * span, 400)
    with np.errstate(all="ignore"):
        axes.plot(xs, np.broadcast_to(grid_value(xs), xs.shape), color="0.5", linewidth=1)
    for index, run in enumerate(runs):
        axes.plot(run.trajectory[:, 0], run.losses, "-o", markersize=3, color=PATH_COLOURS[index % len(PATH_COLOURS)], label=run.optimizer.label)
    if len(runs) == 1:
        for k, (x, y) in enumerate(zip(runs[0].trajectory[:4, 0], runs[0].losses[:4])):
            axes.annotate(f"$x_{{{k}}}$", (x, y), textcoords="offset points", xytext=(4, 4), fontsize=9)
    axes.set_xlabel(f"${variable}$")
    axes.set_ylabel("f")
    axes.legend(fontsize=8)
    _equation_panel(figure.add_subplot(grid[1, 0]), runs)
    return _save(figure, path)
