"""Run a piece of work in a killable child process under a time and memory budget.

``signal.alarm`` cannot interrupt SymPy stuck inside C code or a huge integer power, so the
work runs in a forked child with an address-space limit; the parent kills it on time-out.
"""
from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import resource
import sys
from dataclasses import dataclass
from typing import Any, Callable

from symprimer.errors import BudgetExceeded, SymprimerError

DEFAULT_SECONDS = 30.0
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True)
class Budget:
    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls) -> "Budget":
        """Defaults, overridable by SYMPRIMER_SECONDS / SYMPRIMER_MEMORY_MB."""
        return cls(
            seconds=float(os.environ.get("SYMPRIMER_SECONDS", DEFAULT_SECONDS)),
            memory_mb=int(os.environ.get("SYMPRIMER_MEMORY_MB", DEFAULT_MEMORY_MB)),
        )


def run_with_budget(
    work: Callable[..., Any], *args: Any, budget: Budget | None = None, what: str = "the work", **kwargs: Any
) -> Any:
    """Return ``work(*args, **kwargs)`` computed in a child, or raise BudgetExceeded.

    Errors of this project raised in the child are raised again in the parent unchanged.
    """
    budget = budget or Budget.from_env()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main, args=(sender, budget.memory_mb, work, args, kwargs), daemon=True
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(budget.seconds):
            raise BudgetExceeded(
                f"{what} did not finish within the time budget of {budget.seconds:g} s; "
                "try a smaller input or raise --timeout."
            )
        try:
            status, payload = pickle.loads(receiver.recv_bytes())
        except (EOFError, OSError):
            raise BudgetExceeded(
                f"{what} stopped before finishing, most likely over the memory budget of "
                f"{budget.memory_mb} MB; try a smaller input."
            ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(1)
        receiver.close()
    if status == "ok":
        return payload
    raise payload


def _child_main(sender: Any, memory_mb: int, work: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    try:
        outcome = ("ok", work(*args, **kwargs))
    except SymprimerError as error:
        outcome = ("error", error)
    except MemoryError:
        outcome = ("error", BudgetExceeded("the work ran out of its memory budget; try a smaller input."))
    except RecursionError:
        outcome = ("error", BudgetExceeded("the input is nested too deeply to work through."))
    except Exception as error:  # a bug: report it as one sentence, not a traceback
        outcome = ("error", SymprimerError(f"internal error ({type(error).__name__}: {error})"))
    try:
        sender.send_bytes(_dumps(outcome))
    except Exception as error:  # unpicklable result
        sender.send(("error", SymprimerError(f"internal error: result could not be returned ({error})")))
    finally:
        sender.close()
        os._exit(0)


def _unevaluated(cls: type, args: tuple) -> Any:
    return cls(*args, evaluate=False)


class _ShapePreservingPickler(pickle.Pickler):
    """Pickles SymPy sums, products and powers so they come back exactly as built.

    Plain pickling rebuilds them with evaluation on, which would collapse the unevaluated
    board forms of a step (``2*3 - 1*1``, ``(-1)**(1+2)``) into their values.  Evaluated
    objects hold canonical arguments, so rebuilding them without evaluation changes nothing.
    """

    def reducer_override(self, obj: Any) -> Any:
        sympy = sys.modules.get("sympy")
        if sympy is not None and type(obj) in (sympy.Add, sympy.Mul, sympy.Pow):
            return _unevaluated, (type(obj), obj.args)
        return NotImplemented


def _dumps(value: Any) -> bytes:
    buffer = io.BytesIO()
    _ShapePreservingPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()
