"""Sheet-only question kinds served by the numeric side: ``gradcheck`` and ``descend``.

They are available once ``symprimer.numeric`` provides its sheet helpers.  The analytic
gradient in each worked solution is a verified ``grad`` derivation; the numbers (finite
differences, iterates, losses) come from ``symprimer.numeric``; tables and figures are laid
out by templates under ``templates/sheets/``.  Figures are written into the build folder under
a name derived from the question, so the ``.tex`` that includes them stays deterministic.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from symprimer.errors import InputError

GRADCHECK_OPTIONS = ("wrt", "at", "scheme")
DESCEND_OPTIONS = (
    "start", "optimizer", "lr", "steps", "convention", "momentum", "table", "figure",
    "model", "synthetic", "batch_size", "epochs", "seed",
)
MAX_SHEET_STEPS = 5000
MAX_TABLE_ROWS = 20
MAX_EPOCHS = 200


def _numeric_ready() -> bool:
    try:
        return all(find_spec(name) is not None for name in ("symprimer.numeric.api", "symprimer.numeric.sheets"))
    except (ImportError, ValueError):
        return False


def available() -> dict[str, tuple[str, ...]]:
    """kind -> option names, for the numeric kinds this installation can serve."""
    if not _numeric_ready():
        return {}
    return {"gradcheck": GRADCHECK_OPTIONS, "descend": DESCEND_OPTIONS}


def answerers() -> dict:
    """kind -> function(job, user_dir=, figure_dir=) -> Answer, for the available numeric kinds."""
    if not _numeric_ready():
        return {}
    return {"gradcheck": gradcheck_answer, "descend": descend_answer}


@dataclass(frozen=True)
class TableRow:
    cells: tuple[str, ...]


@dataclass(frozen=True)
class RunSummary:
    """One optimiser's run as the descend template prints it (numbers already formatted)."""

    label: str
    table: str
    divergence: str
    final: str
    loss: str
    steps: int


def _integer(options: dict, name: str, default: int, low: int, high: int) -> int:
    value = options.get(name, default)
    try:
        number = int(str(value))
    except ValueError:
        raise InputError(f"{name} must be a whole number, not {value!r}.") from None
    if not low <= number <= high:
        raise InputError(f"{name} = {number} must be between {low} and {high} on a sheet.")
    return number


def _floats(text: Any, what: str = "the learning rate") -> list[float | None]:
    if text is None:
        return [None]
    values = []
    for part in str(text).split(","):
        try:
            values.append(float(part))
        except ValueError:
            raise InputError(f"{what} {part.strip()!r} is not a number.") from None
    return values


def _names(text: Any, default: str) -> list[str]:
    return [n.strip() for n in str(text or default).split(",") if n.strip()]


def _figure_name(job) -> str:
    digest = hashlib.sha256(repr((job.kind, job.inputs, job.options)).encode()).hexdigest()[:12]
    return f"figure-{job.kind}-{digest}.png"


def _render(name: str, user_dir: str | None, **context: Any) -> str:
    from symprimer.render.environment import latex_environment

    return latex_environment(user_dir).get_template(name).render(**context).strip()


def _gradient_solution(expression_text: str, variables: tuple[str, ...], user_dir: str | None, detail: str | None = None) -> str:
    """The verified worked gradient, as the sheet's LaTeX fragment."""
    from symprimer.api import derive
    from symprimer.levels import DEFAULT_LEVEL
    from symprimer.sheets.answers import solution_fragment

    derivation = derive("grad", expression_text, wrt=",".join(variables), detail=detail or DEFAULT_LEVEL)
    if not derivation.verified:
        raise InputError("the worked gradient did not verify, so it is not printed.")
    return solution_fragment(derivation, user_dir)


def _point_latex(names: tuple[str, ...], values: tuple[float, ...]) -> str:
    from symprimer.numeric.sheets import format_number
    from symprimer.render.notation import to_latex
    import sympy as sp

    return r",\ ".join(f"{to_latex(sp.Symbol(n))} = {format_number(v)}" for n, v in zip(names, values))


def gradcheck_answer(job, user_dir: str | None = None, figure_dir: str = ""):
    import sympy as sp

    from symprimer.numeric.api import check_gradient
    from symprimer.numeric.sheets import format_number
    from symprimer.render.notation import to_latex, to_sympy_string
    from symprimer.sheets.answers import Answer

    options = dict(job.options)
    if len(job.inputs) != 1 or "wrt" not in options or "at" not in options:
        raise InputError("gradcheck needs an expression, wrt (the variables) and at (the point, e.g. w1=0.3,x1=2).")
    problem, check = check_gradient(job.inputs[0], options["wrt"], options["at"], options.get("scheme", "central"))
    rows = tuple(
        TableRow((f"${to_latex(sp.Symbol(n))}$", f"${format_number(a, 10)}$", f"${format_number(m, 10)}$", f"${format_number(r, 3)}$"))
        for n, a, m, r in zip(check.variables, check.analytic, check.numeric, check.rel_error)
    )
    at = _assignments(options["at"])
    point = _point_latex(tuple(at), tuple(at.values()))
    solution = _render(
        "sheets/gradcheck.tex.j2", user_dir,
        gradient=_gradient_solution(job.inputs[0], check.variables, user_dir, options.get("detail")),
        rows=rows, check=check, overall=format_number(check.overall, 3), tolerance=format_number(check.tolerance, 2),
        point=point,
    )
    return Answer(
        kind=job.kind, inputs=job.inputs,
        question=f"Check the gradient of f with respect to {', '.join(check.variables)} by finite differences at the point below.",
        given=(("f", to_latex(problem.expression)),),
        solution=solution, result_label="overall relative error",
        result_latex=format_number(check.overall, 3), result_sympy=to_sympy_string(sp.Float(check.overall)),
        answer_exists=True, question_extra=f"\\[ {point} \\]",
    )


def _assignments(text: str) -> dict[str, float]:
    from symprimer.numeric.api import parse_assignments

    return parse_assignments(text, "at")


def descend_answer(job, user_dir: str | None = None, figure_dir: str = ""):
    options = dict(job.options)
    if "model" in options:
        return _training_answer(job, options, user_dir, figure_dir)
    if len(job.inputs) != 1:
        raise InputError("descend needs an expression (or a named surface such as <Beale>), or a model.")
    from symprimer.numeric.api import descend_function
    from symprimer.numeric.sheets import format_number, iterate_table_latex, optimizer_block_latex, write_figure
    from symprimer.render.notation import to_latex
    from symprimer.sheets.answers import Answer

    steps = _integer(options, "steps", 20, 1, MAX_SHEET_STEPS)
    rows = _integer(options, "table", 5, 1, MAX_TABLE_ROWS)
    momentum = _floats(options["momentum"], "momentum")[0] if "momentum" in options else None
    optimizers, rates = _names(options.get("optimizer"), "sgd"), _floats(options.get("lr"))
    settings = dict(start=options.get("start"), steps=steps, convention=options.get("convention", "pytorch"), momentum=momentum)
    if len(optimizers) > 1 and len(rates) == len(optimizers):  # one learning rate per optimiser
        parts = [descend_function(job.inputs[0], optimizers=[o], learning_rates=[r], **settings) for o, r in zip(optimizers, rates)]
        descent = replace(parts[0], runs=tuple(run for part in parts for run in part.runs))
    else:  # every optimiser with every learning rate
        descent = descend_function(job.inputs[0], optimizers=optimizers, learning_rates=rates, **settings)
    problem = descent.problem
    runs = tuple(
        RunSummary(
            label=run.optimizer.label, table=iterate_table_latex(run, rows + 1), divergence=run.divergence or "",
            final=_point_latex(problem.variables, tuple(run.trajectory[-1])), loss=format_number(run.losses[-1]),
            steps=len(run.losses) - 1,
        )
        for run in descent.runs
    )
    figure = ""
    if figure_dir and (len(runs) > 1 or str(options.get("figure", "")).lower() == "true"):
        figure = _figure_name(job)
        write_figure(Path(figure_dir) / figure, descent)
    gradient = "" if problem.surface is not None else _gradient_solution(job.inputs[0], problem.variables, user_dir, options.get("detail"))
    blocks = "\n".join(dict.fromkeys(optimizer_block_latex(run.optimizer) for run in descent.runs))
    solution = _render("sheets/descend.tex.j2", user_dir, gradient=gradient, runs=runs, rows=rows, steps=steps)
    first = descent.runs[0]
    return Answer(
        kind=job.kind, inputs=job.inputs,
        question=f"Run gradient descent on f from the start point for {steps} steps.",
        given=(("f", to_latex(problem.expression)),),
        solution=solution, result_label="final point", result_latex=_point_latex(problem.variables, tuple(first.trajectory[-1])),
        result_sympy=repr(tuple(float(v) for v in first.trajectory[-1])), answer_exists=True, figure=figure,
        question_extra=f"\\[ {_point_latex(problem.variables, descent.start)} \\]\n{blocks}",
    )


class _Relabelled:
    """An optimiser config shown under another legend label (the batch mode, not the optimiser)."""

    def __init__(self, config: Any, label: str) -> None:
        self._config, self.label = config, label

    def __getattr__(self, name: str) -> Any:
        return getattr(self._config, name)


def _training_answer(job, options: dict, user_dir: str | None, figure_dir: str):
    from symprimer.numeric import plots
    from symprimer.numeric.data import synthetic
    from symprimer.numeric.optimizers import make_optimizer
    from symprimer.numeric.sheets import format_number, optimizer_block_latex
    from symprimer.numeric.training import Schedule, train
    from symprimer.sheets.answers import Answer

    model = str(options["model"])
    samples = _integer(options, "synthetic", 100, 2, 5000)
    epochs = _integer(options, "epochs", 10, 1, MAX_EPOCHS)
    seed = _integer(options, "seed", 0, 0, 2**31)
    sizes = [_integer({"batch_size": s}, "batch_size", 1, 1, samples) for s in _names(options.get("batch_size"), str(samples))]
    config = make_optimizer(_names(options.get("optimizer"), "sgd")[0], options.get("convention", "pytorch"), lr=_floats(options.get("lr"))[0])
    dataset = synthetic(model, samples, seed)
    runs = [train(model, dataset, config, Schedule(epochs, size, seed)) for size in sizes]
    modes = [f"{run.schedule.describe(samples)} (batch size {size})" for run, size in zip(runs, sizes)]
    rows = tuple(TableRow((str(epoch),) + tuple(f"${format_number(run.losses[epoch])}$" for run in runs)) for epoch in range(epochs + 1))
    figure = ""
    if figure_dir:
        figure = _figure_name(job)
        shown = [SimpleNamespace(losses=run.losses, optimizer=_Relabelled(run.optimizer, mode)) for run, mode in zip(runs, modes)]
        plots.plot_losses(str(Path(figure_dir) / figure), shown, unit="epoch", title=f"{model} model: loss per epoch")
    solution = _render(
        "sheets/training.tex.j2", user_dir, modes=modes, rows=rows, model=model, samples=samples,
        updates=[-(-samples // size) for size in sizes], epochs=epochs,
    )
    return Answer(
        kind=job.kind, inputs=job.inputs,
        question=f"Train the {model} model on {samples} samples for {epochs} epochs with each batch size and compare.",
        given=(), solution=solution, result_label="final loss per mode",
        result_latex=r",\ ".join(format_number(run.losses[-1]) for run in runs),
        result_sympy=repr(tuple(float(run.losses[-1]) for run in runs)), answer_exists=True, figure=figure,
        question_extra=optimizer_block_latex(config),
    )
