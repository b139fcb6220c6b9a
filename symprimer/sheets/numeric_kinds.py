"""Sheet-only question kinds served by the numeric side: ``gradcheck`` and ``descend``.

They are available once ``symprimer.numeric`` provides its sheet helpers.  The analytic
gradient in each worked solution is a verified ``grad`` derivation; the numbers (finite
differences, iterates, losses) come from ``symprimer.numeric``; tables and figures are laid
out by templates under ``templates/sheets/``.  Figures are written into the build folder under
a name derived from the question, so the ``.tex`` that includes them stays deterministic.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import sympy as sp

from symprimer.api import derive
from symprimer.core.errors import InputError
from symprimer.core.levels import DEFAULT_LEVEL
from symprimer.numeric import plots
from symprimer.numeric.api import check_gradient, descend_function, parse_assignments
from symprimer.numeric.data import synthetic
from symprimer.numeric.optimizers import make_optimizer
from symprimer.numeric.selection import rate_list
from symprimer.numeric.sheets import (
    data_table_latex,
    format_number,
    iterate_table_latex,
    optimizer_block_latex,
    write_figure,
    write_question_figure,
)
from symprimer.numeric.training import Schedule, train
from symprimer.numeric.worked import OPTIMIZERS as HAND_OPTIMIZERS, exact_point  # those derive descent works exactly
from symprimer.numeric.worked_check import exact_step, step_latex as h_latex, worked_check
from symprimer.render.environment import latex_environment
from symprimer.render.latex import step_latex
from symprimer.render.notation import to_latex, to_sympy_string

GRADCHECK_OPTIONS = ("wrt", "at", "scheme", "h")
DEFAULT_SHEET_STEP = 0.0001  # the h a gradient-check question states unless it gives its own
DESCEND_OPTIONS = (
    "start", "optimizer", "lr", "steps", "convention", "momentum", "table", "figure",
    "model", "synthetic", "batch_size", "epochs", "seed",
)
MAX_SHEET_STEPS = 5000
MAX_TABLE_ROWS = 20
MAX_EPOCHS = 200
MAX_DATA_ROWS = 60  # a training question prints its data in full


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


def _names(text: Any, default: str) -> list[str]:
    return [n.strip() for n in str(text or default).split(",") if n.strip()]


def _figure_name(job) -> str:
    digest = hashlib.sha256(repr((job.kind, job.inputs, job.options)).encode()).hexdigest()[:12]
    return f"figure-{job.kind}-{digest}.png"


def _render(name: str, user_dir: str | None, **context: Any) -> str:
    return latex_environment(user_dir).get_template(name).render(**context).strip()


def _gradient_derivation(expression_text: str, variables: tuple[str, ...], detail: str | None = None):
    """The verified worked gradient (a ``grad`` derivation) at the question's level of detail."""
    derivation = derive("grad", expression_text, wrt=",".join(variables), detail=detail or DEFAULT_LEVEL)
    if not derivation.verified:
        raise InputError("the worked gradient did not verify, so it is not printed.")
    return derivation


def _gradient_solution(expression_text: str, variables: tuple[str, ...], user_dir: str | None, detail: str | None = None) -> str:
    """The verified worked gradient, as the sheet's LaTeX fragment."""
    from symprimer.sheets.answers import solution_fragment  # local: answers imports this module (via variants, questions)

    return solution_fragment(_gradient_derivation(expression_text, variables, detail), user_dir)


def sheet_step(options: dict) -> float:
    """The h of a gradient-check question: its ``h`` key, else the sheet default."""
    value = options.get("h", DEFAULT_SHEET_STEP)
    try:
        return float(str(value))
    except ValueError:
        raise InputError(f"h must be a number such as 0.0001, not {value!r}.") from None


def _worked_check(job, options: dict, h: float, user_dir: str | None):
    """The check by hand at the stated h: verified steps rendered one by one."""
    derivation = _gradient_derivation(job.inputs[0], tuple(n.strip() for n in str(options["wrt"]).split(",")), options.get("detail"))
    f = dict(derivation.given)["f"]
    by_name = {s.name: s for s in f.free_symbols}
    point = exact_point(str(options["at"]), by_name)
    variables = [by_name[n.strip()] for n in str(options["wrt"]).split(",")]
    worked = worked_check(f, list(derivation.result), variables, point, exact_step(h), options.get("scheme", "central"))
    failed = [step.rule for step in worked.steps if not step.verify()]
    if failed:
        raise InputError(f"the worked gradient check did not verify (rules {', '.join(failed)}), so it is not printed.")
    return derivation, worked, [step_latex(step, user_dir) for step in worked.steps]


def _point_latex(names: tuple[str, ...], values: tuple[float, ...]) -> str:
    return r",\ ".join(f"{to_latex(sp.Symbol(n))} = {format_number(v)}" for n, v in zip(names, values))


def gradcheck_answer(job, user_dir: str | None = None, figure_dir: str = ""):
    from symprimer.sheets.answers import Answer, solution_fragment  # local: answers imports this module (via variants, questions)

    options = dict(job.options)
    if len(job.inputs) != 1 or "wrt" not in options or "at" not in options:
        raise InputError("gradcheck needs an expression, wrt (the variables) and at (the point, e.g. w1=0.3,x1=2).")
    h = sheet_step(options)
    scheme = options.get("scheme", "central")
    problem, check = check_gradient(job.inputs[0], options["wrt"], options["at"], scheme, step=h)
    derivation, worked, worked_steps = _worked_check(job, options, h, user_dir)
    overall = format_number(float(sp.N(worked.relative_error, 30)), 3)  # the worked check's exact r, rounded
    rows = tuple(
        TableRow((f"${to_latex(sp.Symbol(n))}$", f"${format_number(a, 10)}$", f"${format_number(m, 10)}$", f"${format_number(r, 3)}$"))
        for n, a, m, r in zip(check.variables, check.analytic, check.numeric, check.rel_error)
    )
    at = _assignments(options["at"])
    point = _point_latex(tuple(at), tuple(at.values()))
    solution = _render(
        "sheets/gradcheck.tex.j2", user_dir,
        gradient=solution_fragment(derivation, user_dir), worked=worked_steps, h=h_latex(exact_step(h)),
        rows=rows, check=check, overall=overall, tolerance=format_number(check.tolerance, 2),
        point=point,
    )
    names = ", ".join(check.variables)
    return Answer(
        kind=job.kind, inputs=job.inputs,
        question=f"Check the gradient of f with respect to {names} at the point below by {scheme} differences with the step h given.",
        given=(("f", to_latex(problem.expression)),),
        solution=solution, result_label="overall relative error",
        result_latex=overall, result_sympy=to_sympy_string(sp.Float(sp.N(worked.relative_error, 15))),
        answer_exists=True, question_extra=f"\\[ {point},\\qquad h = {h_latex(exact_step(h))} \\]",
    )


def _assignments(text: str) -> dict[str, float]:
    return parse_assignments(text, "at")


def descend_answer(job, user_dir: str | None = None, figure_dir: str = ""):
    options = dict(job.options)
    if "model" in options:
        return _training_answer(job, options, user_dir, figure_dir)
    if len(job.inputs) != 1:
        raise InputError("descend needs an expression (or a named surface such as <Beale>), or a model.")
    from symprimer.sheets.answers import Answer  # local: answers imports this module (via variants, questions)

    steps = _integer(options, "steps", 20, 1, MAX_SHEET_STEPS)
    rows = _integer(options, "table", 5, 1, MAX_TABLE_ROWS)
    momentum = rate_list(options["momentum"], "momentum")[0] if "momentum" in options else None
    optimizers, rates = _names(options.get("optimizer"), "sgd"), rate_list(options.get("lr"), "the learning rate")
    settings = dict(start=options.get("start"), steps=steps, convention=options.get("convention", "pytorch"), momentum=momentum)
    descent = descend_function(job.inputs[0], optimizers=optimizers, learning_rates=rates, **settings)  # lists pair up
    problem = descent.problem
    runs = tuple(
        RunSummary(
            label=run.optimizer.label, table=iterate_table_latex(run, rows + 1), divergence=run.divergence or "",
            final=_point_latex(problem.variables, tuple(run.trajectory[-1])), loss=format_number(run.losses[-1]),
            steps=len(run.losses) - 1,
        )
        for run in descent.runs
    )
    figure = question_figure = ""
    if figure_dir and (len(runs) > 1 or str(options.get("figure", "")).lower() == "true"):
        figure = _figure_name(job)
        write_figure(Path(figure_dir) / figure, descent)
        if len(problem.variables) == 2:  # the contour plot the question asks to compare paths on
            question_figure = figure.replace(".png", "-question.png")
            write_question_figure(Path(figure_dir) / question_figure, descent)
    gradient = "" if problem.surface is not None else _gradient_solution(job.inputs[0], problem.variables, user_dir, options.get("detail"))
    blocks = "\n".join(dict.fromkeys(optimizer_block_latex(run.optimizer) for run in descent.runs))
    solution = _render(
        "sheets/descend.tex.j2", user_dir, gradient=gradient, runs=runs, rows=rows, steps=steps,
        first_update=_first_update(job.inputs[0], options, descent, user_dir),
    )
    first = descent.runs[0]
    return Answer(
        kind=job.kind, inputs=job.inputs,
        question=f"Run gradient descent on f from the start point for {steps} steps.",
        given=(("f", to_latex(problem.expression)),),
        solution=solution, result_label="final point", result_latex=_point_latex(problem.variables, tuple(first.trajectory[-1])),
        result_sympy=repr(tuple(float(v) for v in first.trajectory[-1])), answer_exists=True, figure=figure,
        question_extra=_descend_statement(problem.variables, descent.start, steps, min(rows, steps), len(runs)) + blocks,
        question_figure=question_figure,
    )


def _descend_statement(variables, start, steps: int, rows: int, runs: int) -> str:
    """What every descent question states, whatever its prompt says: start, steps, rows asked for."""
    count = f"{steps} {'step' if steps == 1 else 'steps'}"
    if runs > 1:
        task = f"take {count} with each update below"
    else:
        task = f"take {count} with the update below and tabulate the {'first ' + str(rows) + ' ' if rows < steps else ''}iterates"
    return f"Start at $\\theta_{{0}}$: ${_point_latex(variables, start)}$; {task}.\n"


def _first_update(function: str, options: dict, descent, user_dir: str | None) -> str:
    """theta_1 = theta_0 - eta grad f(theta_0) with the numbers put in, for the first run that
    is plain or momentum descent (a verified ``derive descent`` step); "" when none is."""
    run = next((run for run in descent.runs if run.optimizer.name in HAND_OPTIMIZERS), None)
    if run is None or descent.convention != "pytorch":
        return ""
    start = ",".join(f"{name}={value!r}" for name, value in zip(descent.problem.variables, descent.start))
    momentum = {"momentum": repr(run.optimizer.momentum)} if run.optimizer.name == "momentum" else {}
    derivation = derive("descent", function, start=start, lr=repr(run.optimizer.lr), steps=1,
                        optimizer=run.optimizer.name, **momentum)
    if not derivation.verified:
        raise InputError("the worked first update did not verify, so it is not printed.")
    return step_latex(derivation.steps[-1], user_dir)


def _training_statement(dataset, model: str, epochs: int, sizes: list[int]) -> str:
    """What every training question states: the data in full, the model, epochs and batch sizes."""
    names = ", ".join(f"${to_latex_name(n)}$" for n in dataset.feature_names)
    return (
        f"The data: {dataset.size} samples with features {names} and label $y$.\n"
        f"\\begin{{center}}\n\\small\n{data_table_latex(dataset)}\\end{{center}}\n"
        f"Fit the {model} model from zero weights for {epochs} {'epoch' if epochs == 1 else 'epochs'} "
        f"with batch sizes {', '.join(map(str, sizes))}, by the update below.\n"
    )


def to_latex_name(name: str) -> str:
    return to_latex(sp.Symbol(name))


class _Relabelled:
    """An optimiser config shown under another legend label (the batch mode, not the optimiser)."""

    def __init__(self, config: Any, label: str) -> None:
        self._config, self.label = config, label

    def __getattr__(self, name: str) -> Any:
        return getattr(self._config, name)


def _training_answer(job, options: dict, user_dir: str | None, figure_dir: str):
    from symprimer.sheets.answers import Answer  # local: answers imports this module (via variants, questions)

    model = str(options["model"])
    samples = _integer(options, "synthetic", 24, 2, MAX_DATA_ROWS)
    epochs = _integer(options, "epochs", 10, 1, MAX_EPOCHS)
    seed = _integer(options, "seed", 0, 0, 2**31)
    sizes = [_integer({"batch_size": s}, "batch_size", 1, 1, samples) for s in _names(options.get("batch_size"), str(samples))]
    config = make_optimizer(_names(options.get("optimizer"), "sgd")[0], options.get("convention", "pytorch"), lr=rate_list(options.get("lr"), "the learning rate")[0])
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
        question_extra=_training_statement(dataset, model, epochs, sizes) + optimizer_block_latex(config),
    )
