"""Pictures: real files (PNG/GIF signatures, sizes) and a pixel-level check that paths are drawn."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from symprimer.numeric import plots
from symprimer.numeric.api import descend_function
from symprimer.numeric.sheets import write_figure

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def bowl_descent():
    return descend_function("<Bowl>", None, ["sgd", "adam"], [0.05], 40)


def _pixels(path):
    from matplotlib.image import imread

    return imread(str(path))[:, :, :3]


def _near(image, colour_hex, tolerance=0.08):
    rgb = np.array([int(colour_hex[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return int(np.sum(np.all(np.abs(image - rgb) < tolerance, axis=2)))


def test_contour_plot_is_a_png_with_the_paths_drawn(tmp_path, bowl_descent):
    problem = bowl_descent.problem
    with_path = plots.plot_paths(str(tmp_path / "with.png"), bowl_descent.runs, problem.grid_value(), problem.variables,
                                 window=((-5, 5), (-3, 3)))
    without = plots.plot_paths(str(tmp_path / "without.png"), [], problem.grid_value(), problem.variables,
                               window=((-5, 5), (-3, 3)))
    data = with_path.read_bytes()
    assert data[:8] == PNG and len(data) > 20_000
    image, empty = _pixels(with_path), _pixels(without)
    for colour in plots.PATH_COLOURS[:2]:  # one colour per optimiser
        assert _near(image, colour) > 200
        assert _near(empty, colour) == 0


def test_single_run_marks_the_iterates(tmp_path):
    descent = descend_function("x**2 + 3*y**2", "x=2,y=1", ["sgd"], [0.1], 10)
    path = write_figure(tmp_path / "one.png", descent)
    assert path.read_bytes()[:8] == PNG
    assert _near(_pixels(path), plots.PATH_COLOURS[0]) > 100


def test_loss_curves_and_learning_rate_comparison(tmp_path):
    descent = descend_function("<Rosenbrock>", None, ["sgd", "adam"], [1e-4, 1e-3], 30, sweep=True)
    losses = plots.plot_losses(str(tmp_path / "loss.png"), descent.runs)
    rates = plots.plot_learning_rates(str(tmp_path / "rates.png"), descent.runs)
    for path in (losses, rates):
        assert path.read_bytes()[:8] == PNG and path.stat().st_size > 10_000
    assert _near(_pixels(losses), plots.PATH_COLOURS[3]) > 50  # the fourth run's curve


def test_one_variable_function_draws_the_curve(tmp_path):
    descent = descend_function("(x-1)**2", "x=-2", ["momentum"], [0.05], 20)
    path = write_figure(tmp_path / "curve.png", descent)
    assert _near(_pixels(path), plots.PATH_COLOURS[0]) > 50


def test_animation_is_a_gif_with_frames(tmp_path, bowl_descent):
    from PIL import Image

    problem = bowl_descent.problem
    path = plots.animate_paths(str(tmp_path / "paths.gif"), bowl_descent.runs, problem.grid_value(), problem.variables,
                               window=((-5, 5), (-3, 3)), frames=8)
    assert path.read_bytes()[:6] in (b"GIF89a", b"GIF87a")
    with Image.open(path) as image:
        assert image.n_frames == 8


def test_bad_picture_names_are_refused(tmp_path, bowl_descent):
    from symprimer.core.errors import InputError

    with pytest.raises(InputError, match="must end in"):
        plots.plot_losses(str(tmp_path / "loss.txt"), bowl_descent.runs)
    with pytest.raises(InputError, match="does not exist"):
        plots.plot_losses(str(tmp_path / "no" / "loss.png"), bowl_descent.runs)


def test_drawing_never_imports_pyplot(tmp_path):
    probe = (
        "import sys; from symprimer.numeric.api import descend_function; from symprimer.numeric.sheets import write_figure;"
        f"write_figure({str(tmp_path / 'p.png')!r}, descend_function('<Bowl>', None, ['sgd'], [0.05], 5));"
        "print('matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
