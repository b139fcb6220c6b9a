"""``symprimer descend``: gradient descent with named optimisers on a function or a model."""
from __future__ import annotations

import argparse

from symprimer.commands.common import add_budget_arguments, finite_float, nonnegative_float, nonnegative_int, positive_int, whole_number

HELP = "run gradient descent (sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam) and draw it"

DESCRIPTION = """\
Run gradient descent numerically on a function of named variables or on a model fitted to data.
The gradient is derived symbolically and compiled to NumPy.  Optimisers follow PyTorch's update
rules and defaults (so they match torch.optim step for step) unless --convention textbook asks
for the Ruder/Sutskever forms.  A run that diverges is reported, naming the learning rate as the
likely cause (exit 1).  Lists pair up: --optimizer sgd,momentum,adam --lr 0.005,0.005,0.05 runs
sgd at 0.005, momentum at 0.005 and adam at 0.05; one rate applies to every optimiser; --sweep
runs every combination.

named surfaces: <Beale>, <Rosenbrock>, <Bowl> (= <Quadratic>), <Himmelblau>

examples:
  symprimer descend --function "(1-x)**2 + 100*(y-x**2)**2" --start x=-1.5,y=2 --optimizer adam --lr 0.01 --steps 500 --json
  symprimer descend --function "<Beale>" --start x=1,y=1.5 --optimizer sgd,momentum,adam --lr 0.001 --steps 300 --plot paths.png --animate paths.gif
  symprimer descend --function "<Beale>" --optimizer sgd,momentum,adam --lr 0.005,0.005,0.05 --steps 500 --plot paths.png
  symprimer descend --function "<Rosenbrock>" --optimizer sgd,adam --lr 0.001,0.01 --sweep --lr-plot rates.png
  symprimer descend --model logistic --data examples/data/points.csv --batch-size 16 --optimizer sgd --lr 0.1 --epochs 20 --plot loss.png
  symprimer descend --model logistic --synthetic 300 --seed 0 --batch-size 1 --lr 0.05 --epochs 5
"""

OPTIMIZER_NAMES = "sgd, momentum, nesterov, adagrad, adadelta, rmsprop, adam, adamw"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_argument_group("what to minimise (one of)")
    target = what.add_mutually_exclusive_group(required=True)
    target.add_argument("--function", metavar="F", help='a function of named variables, or a named surface like "<Beale>"')
    target.add_argument("--model", choices=("linear", "logistic", "softmax"), help="a model fitted to --data or --synthetic data")
    what.add_argument("--start", metavar="x=1,y=2", help="start point (order of the variables; default for named surfaces)")

    optim = parser.add_argument_group("optimisers")
    optim.add_argument("--optimizer", "--optimiser", default="sgd", metavar="NAMES", help=f"comma-separated: {OPTIMIZER_NAMES}")
    optim.add_argument(
        "--lr", metavar="RATES",
        help="learning rate(s), comma-separated: one for all, or one per optimiser in order (default: each optimiser's)",
    )
    optim.add_argument("--sweep", action="store_true", help="run every optimiser with every learning rate")
    optim.add_argument("--convention", choices=("pytorch", "textbook"), default="pytorch", help="update rules (default pytorch)")
    optim.add_argument("--momentum", type=finite_float, help="momentum/nesterov coefficient (default 0.9)")
    optim.add_argument("--beta1", type=finite_float, help="adam: first-moment decay (default 0.9)")
    optim.add_argument("--beta2", type=finite_float, help="adam: second-moment decay (default 0.999)")
    optim.add_argument("--alpha", type=finite_float, help="rmsprop: decay of the squared-gradient average")
    optim.add_argument("--rho", type=finite_float, help="adadelta: decay (default 0.9)")
    optim.add_argument("--eps", type=finite_float, help="the epsilon of adagrad/adadelta/rmsprop/adam")
    optim.add_argument("--weight-decay", type=finite_float, help="adamw: decoupled weight decay (default 0.01)")

    stop = parser.add_argument_group("stopping")
    stop.add_argument("--steps", type=nonnegative_int, default=100, help="function descent: number of steps (default 100)")
    stop.add_argument("--epochs", type=positive_int, default=20, help="model descent: number of epochs (default 20)")
    stop.add_argument("--grad-tol", type=nonnegative_float, metavar="TOL", help="stop when the gradient norm is at most TOL")
    stop.add_argument("--loss-tol", type=nonnegative_float, metavar="TOL", help="stop when the loss changes by at most TOL")

    data = parser.add_argument_group("data (with --model)")
    source = data.add_mutually_exclusive_group()
    source.add_argument("--data", metavar="CSV", help="CSV with a header; label column y/label/target/class or the last")
    source.add_argument("--synthetic", type=whole_number, metavar="N", help="generate N samples from --seed")
    data.add_argument("--seed", type=nonnegative_int, default=0, help="seed for synthetic data and shuffling (default 0)")
    data.add_argument("--batch-size", type=positive_int, metavar="B", help="1: stochastic; B: mini-batch; default: the whole data set")
    data.add_argument("--no-shuffle", action="store_true", help="visit the samples in file order")

    out = parser.add_argument_group("output")
    out.add_argument("--json", action="store_true", help="print one JSON object (trajectory, loss, settings, convention)")
    out.add_argument("--plot", metavar="FILE", help="picture: contours with the paths (2 variables) or loss curves")
    out.add_argument("--loss-plot", metavar="FILE", help="picture: loss per step or epoch")
    out.add_argument("--lr-plot", metavar="FILE", help="picture: learning-rate comparison, one panel per optimiser")
    out.add_argument("--animate", metavar="FILE.gif", help="animated GIF of the paths (2 variables)")
    out.add_argument("--table", type=positive_int, metavar="K", help="print a LaTeX table of the first K iterates and the update equations")
    out.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="progress bar on stderr (default: long runs on a terminal)")
    add_budget_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from symprimer.commands.descend_run import run_descend  # local: keeps symprimer --help fast

    return run_descend(args)
