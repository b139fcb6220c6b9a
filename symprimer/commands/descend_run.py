"""The work behind ``symprimer descend`` (the argument module stays free of heavy imports)."""
from __future__ import annotations

import argparse
import json
import math
import sys
import time

import numpy as np

from symprimer.commands.common import budget_from
from symprimer.core.errors import InputError
from symprimer.numeric import plots, sheets
from symprimer.numeric.api import descend_function
from symprimer.numeric.data import read_csv, synthetic, targets_for
from symprimer.numeric.optimizers import make_optimizer
from symprimer.numeric.progress import progress_bar
from symprimer.numeric.selection import pair_runs, rate_list
from symprimer.numeric.sheets import iterate_table_latex, optimizer_block_latex
from symprimer.numeric.training import Schedule, train
from symprimer.render.notation import to_sympy_string
from symprimer.runtime.budget import run_with_budget


def _names(text: str) -> list[str]:
    return [n.strip().lower() for n in text.split(",") if n.strip()]  # pair_runs refuses an empty list


def _pairs(args) -> tuple[tuple[str, float | None], ...]:
    """(optimiser, learning rate) per run: the two lists pair up, or every combination with --sweep."""
    return pair_runs(_names(args.optimizer), rate_list(args.lr, "--lr"), getattr(args, "sweep", False))


def _settings(args: argparse.Namespace) -> dict:
    return dict(
        momentum=args.momentum, beta1=args.beta1, beta2=args.beta2, alpha=args.alpha, rho=args.rho,
        eps=args.eps, weight_decay=args.weight_decay,
    )


def _clean(values) -> list:
    """Floats for JSON: NaN and infinities become null (JSON has no such numbers)."""
    array = np.asarray(values, dtype=float)
    return [None if not math.isfinite(v) else v for v in array.ravel().tolist()] if array.ndim <= 1 else [_clean(row) for row in array]


def _run_json(run, unit: str) -> dict:
    config = run.optimizer
    return {
        "optimizer": config.name,
        "lr": config.lr,
        "settings": config.settings(),
        "convention": config.convention,
        "trajectory": _clean(run.trajectory),
        "loss": _clean(run.losses),
        "loss_per": unit,
        "stopped_by": run.stopped_by,
        "diverged": run.diverged,
        "message": run.divergence,
    }


def _validate_outputs(args, two_variables: bool) -> None:
    if args.animate and not two_variables:
        raise InputError("--animate draws paths over two variables; this descent has a different number.")
    if args.table is not None and args.table < 1:
        raise InputError("--table K needs K of at least 1.")


def _pictures_function(args, descent) -> list[str]:
    written = []
    if args.plot:
        written.append(str(sheets.write_figure(args.plot, descent, "paths")))
    if args.loss_plot:
        written.append(str(plots.plot_losses(args.loss_plot, descent.runs)))
    if args.lr_plot:
        written.append(str(plots.plot_learning_rates(args.lr_plot, descent.runs)))
    if args.animate:
        problem = descent.problem
        surface = problem.surface
        written.append(
            str(
                plots.animate_paths(
                    args.animate, descent.runs, problem.grid_value(), problem.variables,
                    surface.window if surface else None, surface.minimum if surface else None,
                    surface.log_levels if surface else all(min(r.losses) >= 0 for r in descent.runs),
                )
            )
        )
    return written


def _function_mode(args) -> int:
    pairs = _pairs(args)
    for name, lr in pairs:
        make_optimizer(name, args.convention, lr=lr, **_settings(args))  # fail fast on bad names
    total = len(pairs) * max(args.steps, 0)
    with progress_bar(total, "descend", args.progress) as advance:
        descent = descend_function(
            args.function, args.start, [name for name, _ in pairs], [lr for _, lr in pairs], args.steps,
            args.convention, gradient_tolerance=args.grad_tol, loss_tolerance=args.loss_tol, progress=advance,
            budget=budget_from(args), deadline=time.monotonic() + args.timeout, **_settings(args),
        )
    problem = descent.problem
    _validate_outputs(args, len(problem.variables) == 2)
    written = _pictures_function(args, descent)
    runs = [_run_json(run, "step") for run in descent.runs]
    if args.json:
        payload = {
            "function": to_sympy_string(problem.compiled.expression),
            "variables": list(problem.variables),
            "start": dict(zip(problem.variables, descent.start)),
            "convention": descent.convention,
            "steps": args.steps,
            "gradient_tolerance": args.grad_tol,
            "loss_tolerance": args.loss_tol,
            **{k: runs[0][k] for k in ("optimizer", "lr", "settings", "trajectory", "loss", "stopped_by", "diverged")},
            "runs": runs,
            "files": written,
        }
        print(json.dumps(payload))
    else:
        start = ", ".join(f"{n} = {v:g}" for n, v in zip(problem.variables, descent.start))
        print(f"minimise f = {to_sympy_string(problem.compiled.expression)} from {start} ({descent.convention} convention)")
        for run in descent.runs:
            final = ", ".join(f"{n} = {v:.6g}" for n, v in zip(problem.variables, run.final))
            print(f"  {run.optimizer.label}: {run.steps_taken} steps ({run.stopped_by}); {final}; f = {run.losses[-1]:.6g}")
        for path in written:
            print(f"  wrote {path}")
    if args.table:
        _print_tables(descent.runs, args.table, problem.compiled.gradient)
    return _report_divergence(descent.runs)


def _print_tables(runs, k: int, gradient=None) -> None:
    for run in runs:
        print(f"% {run.optimizer.label}, {run.optimizer.convention} convention")
        print(optimizer_block_latex(run.optimizer) + iterate_table_latex(run, k, gradient=gradient))


def _report_divergence(runs) -> int:
    diverged = [run for run in runs if run.diverged]
    for run in diverged:
        print(f"symprimer descend: {run.divergence}", file=sys.stderr)
    return 1 if diverged else 0


def _model_mode(args) -> int:
    if args.data is None and args.synthetic is None:
        raise InputError("--model needs data: --data FILE.csv or --synthetic N.")
    if args.animate:
        raise InputError("--animate draws paths over a function's two variables; with --model use --plot for the loss.")
    if args.data:
        dataset = run_with_budget(read_csv, args.data, budget=budget_from(args), what=f"reading the data file {args.data}")
    else:
        dataset = synthetic(args.model, args.synthetic, args.seed)
    targets_for(args.model, dataset)  # refuse unusable labels before any training
    schedule = Schedule(args.epochs, args.batch_size, args.seed, not args.no_shuffle, args.loss_tol, args.grad_tol)
    configs = [make_optimizer(name, args.convention, lr=lr, **_settings(args)) for name, lr in _pairs(args)]
    with progress_bar(len(configs) * args.epochs, "epochs", args.progress) as advance:
        deadline = time.monotonic() + args.timeout
        runs = [train(args.model, dataset, config, schedule, advance, deadline) for config in configs]
    targets, _ = targets_for(args.model, dataset)
    written = _pictures_model(args, runs)
    mode = schedule.describe(dataset.size)
    if args.json:
        details = [dict(_run_json(run, "epoch"), accuracy=run.accuracy(dataset.inputs, targets)) for run in runs]
        payload = {
            "model": args.model,
            "data": dataset.source,
            "samples": dataset.size,
            "features": list(dataset.feature_names),
            "parameters": list(runs[0].model.parameter_names),
            "batch_size": min(args.batch_size or dataset.size, dataset.size),
            "mode": mode,
            "epochs": args.epochs,
            "seed": args.seed,
            "shuffle": not args.no_shuffle,
            "convention": args.convention,
            **{k: details[0][k] for k in ("optimizer", "lr", "settings", "trajectory", "loss", "stopped_by", "diverged", "accuracy")},
            "runs": details,
            "files": written,
        }
        print(json.dumps(payload))
    else:
        print(f"{args.model} model on {dataset.source}: {dataset.size} samples, {mode} descent, {args.convention} convention")
        for run in runs:
            accuracy = run.accuracy(dataset.inputs, targets)
            extra = f", accuracy {accuracy:.1%}" if accuracy is not None else ""
            print(f"  {run.optimizer.label}: loss {run.losses[0]:.6g} -> {run.losses[-1]:.6g} after {len(run.losses) - 1} epochs{extra}")
        for path in written:
            print(f"  wrote {path}")
    if args.table:
        _print_tables(runs, args.table)
    return _report_divergence(runs)


def _pictures_model(args, runs) -> list[str]:
    written = []
    for path in (args.plot, args.loss_plot):
        if path:
            written.append(str(plots.plot_losses(path, runs, unit="epoch", title=f"{args.model} model: loss")))
    if args.lr_plot:
        written.append(str(plots.plot_learning_rates(args.lr_plot, runs, unit="epoch")))
    return written


def run_descend(args: argparse.Namespace) -> int:
    if args.model:
        return _model_mode(args)
    return _function_mode(args)
