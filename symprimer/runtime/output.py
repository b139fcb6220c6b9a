"""Writing into an output folder safely: atomically, never through a link, fresh work folders.

An output folder may hold links someone else planted (names like ``sheet-questions.tex`` or a
figure's are predictable), so every target is checked with ``lstat`` and refused when it is a
link or anything but a regular file.  A file is written to a temporary name in the same folder
and renamed over the target (``os.replace``), so a reader never sees half a file and a rename
replaces a link rather than writing where it points.  Errors are one sentence (InputError).
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterator

from symprimer.core.errors import InputError


def check_target(path: str | os.PathLike) -> Path:
    """``path`` if a file may be written there: absent, or an existing regular file, not a link."""
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror}.") from None
    if stat.S_ISLNK(info.st_mode):
        raise InputError(f"{target} is a symbolic link; symprimer never writes through a link, so remove it or choose another folder.")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{target} exists and is not a regular file; remove it or choose another folder.")
    return target


def _check_folder(folder: Path, what: str) -> None:
    if not folder.is_dir():
        raise InputError(f"the folder {folder} for {what} does not exist.")


@contextmanager
def atomic_writer(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None) -> Iterator[IO]:
    """A file handle on a temporary file next to ``path`` (``atomic_path``); renamed over ``path``
    on success, removed on any error, the target left as it was.

    ``mode`` is ``"w"`` (text, ``encoding``/``newline`` as for ``open``) or ``"wb"``.
    """
    binary = "b" in mode
    with atomic_path(path) as temporary:
        with open(temporary, "wb" if binary else "w", encoding=None if binary else encoding,
                  newline=None if binary else newline) as handle:
            yield handle


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A fresh temporary path next to ``path`` (same extension) for a library that wants a
    file name (matplotlib, Pillow); renamed over ``path`` on success, removed on failure."""
    target = check_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    _check_folder(folder, str(target))
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.stem[:80]}.", suffix=target.suffix, dir=folder)
        os.close(descriptor)
    except OSError as error:
        raise InputError(f"cannot write {target}: {error.strerror or error}.") from None
    try:
        yield Path(temporary)
        check_target(target)
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        _remove_quietly(temporary)
        raise InputError(f"cannot write {target}: {error.strerror or error}.") from None
    except BaseException:
        _remove_quietly(temporary)
        raise


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically, never through a link."""
    with atomic_writer(path, "w", encoding=encoding, newline="") as handle:
        handle.write(text)
    return Path(path)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, never through a link."""
    with atomic_writer(path, "wb") as handle:
        handle.write(data)
    return Path(path)


def move_into(source: str | os.PathLike, target: str | os.PathLike) -> Path:
    """Rename a file we made (e.g. a PDF in a work folder) onto ``target``, never through a link."""
    destination = check_target(target)
    try:
        os.replace(source, destination)
    except OSError as error:
        raise InputError(f"cannot write {destination}: {error.strerror or error}.") from None
    return destination


def fresh_folder(parent: str | os.PathLike, *names: str) -> Path:
    """The folder ``parent/names...``, emptied or made new; no part of it may be a link.

    Removal uses ``shutil.rmtree``, which on this platform works through file descriptors and
    does not follow links inside the tree; a link in place of the folder itself is refused.
    """
    folder = Path(parent)
    for index, name in enumerate(names):
        if not name or name in (".", "..") or "/" in name or "\0" in name:
            raise InputError(f"{name!r} is not a plain folder name.")
        folder = folder / name
        if _make_folder(folder):
            continue
        _check_real_folder(folder)
        if index == len(names) - 1:
            remove_folder(folder)
            if not _make_folder(folder):
                raise InputError(f"cannot make the folder {folder}: something else made it at the same time.")
    return folder


def _check_real_folder(folder: Path) -> None:
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode):
        raise InputError(f"{folder} is a symbolic link; symprimer never works through a link, so remove it.")
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(f"{folder} exists and is not a folder; remove it or choose another output folder.")


def output_folder(path: str | os.PathLike) -> Path:
    """The user's output folder, made (with its parents) if absent.

    The folder itself may be a link the user chose to give; a dangling link or a file in its
    place is refused in one sentence.
    """
    folder = Path(path)
    if os.path.lexists(folder) and not folder.is_dir():
        what = "a link to nothing" if folder.is_symlink() and not folder.exists() else "not a folder"
        raise InputError(f"the output folder {folder} exists and is {what}.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"cannot make the output folder {folder}: {error.strerror or error}.") from None
    return folder


def remove_folder(folder: str | os.PathLike) -> None:
    """Remove a work folder we made; a link in its place is left alone (never followed)."""
    path = Path(folder)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(info.st_mode):
        return
    try:
        shutil.rmtree(path)
    except OSError as error:
        raise InputError(f"cannot empty the work folder {path}: {error.strerror or error}.") from None


def _make_folder(folder: Path) -> bool:
    """True when the folder was made now, False when something already has that name
    (``mkdir`` never follows a link, so a planted link is reported as existing)."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        return False
    except OSError as error:
        raise InputError(f"cannot make the folder {folder}: {error.strerror or error}.") from None
    return True


@lru_cache(maxsize=1)
def _umask() -> int:
    """The process umask, read from /proc where possible (``os.umask`` would change it briefly
    while other threads may be creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
