"""A progress bar for long runs (tqdm on stderr), silent when stderr is not a terminal."""
from __future__ import annotations

import sys
from contextlib import contextmanager

from tqdm import tqdm

LONG_RUN = 20_000  # updates; shorter runs finish before a bar would be worth drawing


@contextmanager
def progress_bar(total: int, description: str, enabled: bool | None = None):
    """Yield a callable ``advance(n)``; a tqdm bar when enabled (default: long run and a TTY)."""
    if enabled is None:
        enabled = total >= LONG_RUN and sys.stderr.isatty()
    if not enabled:
        yield lambda n=1: None
        return
    with tqdm(total=total, desc=description, file=sys.stderr, leave=False, mininterval=0.2) as bar:
        yield bar.update
