"""Writing a file whole or not at all, and never through a link (until the project's shared
atomic-write helper replaces this one)."""
from __future__ import annotations

import os
import tempfile

from symprimer.core.errors import InputError


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    if os.path.islink(path):
        raise InputError(f"{path} is a link; symprimer does not write through links.")
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".symprimer-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
