"""What a budgeted child does for itself: its own process group, a memory cap, death with its
parent, and every outcome (a value or one project error) made ready to send back."""
from __future__ import annotations

import ctypes
import gc
import io
import os
import pickle
import resource
import signal
import sys
from typing import Any, Callable

from symprimer.core.errors import BudgetExceeded, SymprimerError

_PR_SET_PDEATHSIG = 1


def prepare(memory_mb: int) -> None:
    """Leave the parent's process group (so one kill ends this child and anything it starts),
    ignore the terminal's Ctrl-C (the parent decides), die with the parent, cap the memory, and
    drop garbage-collector hooks inherited from the parent (a Dask worker's), which the checker's
    own timers could interrupt."""
    gc.callbacks.clear()
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def attempt(work: Callable[[Any], Any], item: Any) -> tuple[str, Any]:
    """``("ok", value)``, ``("error", project error)`` or ``("fatal", error)``: after a fatal
    outcome (memory, recursion) the child's state is suspect and it should be replaced."""
    try:
        return ("ok", work(item))
    except SymprimerError as error:
        return ("error", error)
    except MemoryError:
        return ("fatal", BudgetExceeded("it ran out of its memory budget; try a smaller input."))
    except RecursionError:
        return ("fatal", BudgetExceeded("it is nested too deeply to work through."))
    except Exception as error:  # a bug: one sentence, not a traceback
        return ("error", SymprimerError(f"internal error ({type(error).__name__}: {error})"))


def dumps(value: Any) -> bytes:
    """Pickle a value so that unevaluated SymPy sums, products and powers come back as built."""
    buffer = io.BytesIO()
    try:
        _ShapePreservingPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    except Exception as error:  # an unpicklable result
        return pickle.dumps(("error", SymprimerError(f"internal error: the result could not be returned ({error})")))
    return buffer.getvalue()


def _unevaluated(cls: type, args: tuple) -> Any:
    return cls(*args, evaluate=False)


class _ShapePreservingPickler(pickle.Pickler):
    """Plain pickling rebuilds SymPy sums, products and powers with evaluation on, collapsing
    the board forms of a step (``2*3 - 1*1``); evaluated objects hold canonical arguments, so
    rebuilding them without evaluation changes nothing."""

    def reducer_override(self, obj: Any) -> Any:
        sympy = sys.modules.get("sympy")
        if sympy is not None and type(obj) in (sympy.Add, sympy.Mul, sympy.Pow):
            return _unevaluated, (type(obj), obj.args)
        return NotImplemented
