"""A class's submissions, read so that one bad file never stops the others.

A folder holds one ``.tex`` per student; a CSV holds one row per student.  Every entry is
looked at with ``lstat`` first: only regular files (or links to regular files inside the
folder) are opened, and they are opened and read in a budgeted worker with a size cap, never
in the parent, so a FIFO or a device cannot hang the run.  A file that cannot be graded (too
long, binary, not UTF-8, special, a dangling or outside link, an ambiguous variant) becomes a
``Submission`` whose ``problem`` says why, and the rest of the class is graded.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from dataclasses import dataclass
from typing import Any

from symprimer.runtime.budget import Budget
from symprimer.core.errors import InputError, SymprimerError
from symprimer.runtime.pool import run_budgeted

MAX_SUBMISSION_BYTES = 200_000
MAX_CSV_BYTES = 64_000_000
MAX_VARIANT = 10_000
_ANSWER_ENV = re.compile(r"\\begin\{answer\}\s*\{([^{}]{1,40})\}(.*?)\\end\{answer\}", re.S)
_ANSWER_MACRO = re.compile(r"\\answer\s*\{([^{}]{1,40})\}\s*\{")
_VARIANT_MACRO = re.compile(r"\\variant\s*\{\s*([^{}]{0,12}?)\s*\}")
_SPECIAL_KINDS = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a FIFO", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device", stat.S_ISSOCK: "a socket"}


@dataclass(frozen=True)
class Submission:
    student: str
    answers: tuple[tuple[str, str], ...]  # (question id, raw text)
    variant: int | None = None  # the student's sheet variant (\variant{k}, or a CSV column)
    problem: str = ""  # why this submission cannot be graded ("" when it can)

    @property
    def digest(self) -> str:
        """What was submitted, as a hash: the same answers and variant give the same digest."""
        content = repr((self.answers, self.variant, self.problem)).encode("utf-8", "surrogatepass")
        return hashlib.sha256(content).hexdigest()


def load_submissions(path: str, *, workers: int = 2, budget: Budget | None = None) -> list[Submission]:
    """A folder of .tex files (one per student) or a CSV of answers."""
    budget = budget or Budget(seconds=10, memory_mb=2048)
    try:
        info = os.stat(path)
    except OSError:
        raise InputError(f"the submissions {path} do not exist.") from None
    if stat.S_ISDIR(info.st_mode):
        return _folder_submissions(path, workers, budget)
    if path.lower().endswith(".csv") and stat.S_ISREG(info.st_mode):
        return _in_worker(_csv_file, [path], budget, "reading the CSV of answers")[0]
    raise InputError(f"{path} is neither a folder of .tex files nor a .csv file of answers.")


def _in_worker(work: Any, items: list, budget: Budget, what: str, workers: int = 1) -> list:
    found: list[Any] = [None] * len(items)
    for done in run_budgeted(work, items, workers=workers, budget=budget, what=lambda _: what):
        found[done.position] = done.value
    for value in found:
        if isinstance(value, SymprimerError):
            raise value
    return found


def _folder_submissions(folder: str, workers: int, budget: Budget) -> list[Submission]:
    names = sorted(n for n in os.listdir(folder) if n.endswith(".tex"))
    if not names:
        raise InputError(f"the folder {folder} holds no .tex submissions.")
    found: dict[str, Submission] = {}
    to_read: list[tuple[str, str]] = []
    for name in names:
        student = name[: -len(".tex")]
        target, problem = _readable(folder, name)
        if problem:
            found[student] = Submission(student, (), problem=f"{name} {problem}")
        else:
            to_read.append((student, target))
    for done in run_budgeted(_tex_file, to_read, workers=workers, budget=budget, what=lambda item: f"reading {os.path.basename(item[1])}"):
        student = to_read[done.position][0]
        found[student] = done.value if done.ok else Submission(student, (), problem=str(done.value))
    return [found[name[: -len(".tex")]] for name in names]


def _readable(folder: str, name: str) -> tuple[str, str]:
    """(the path to open, "") for a regular file, or ("", why it is not read) from lstat alone."""
    path = os.path.join(folder, name)
    try:
        info = os.lstat(path)
    except OSError:
        return "", "could not be looked at."
    if stat.S_ISLNK(info.st_mode):
        target = os.path.realpath(path)
        if not os.path.exists(target):
            return "", "is a link to nothing (a dangling link)."
        if os.path.commonpath([target, os.path.realpath(folder)]) != os.path.realpath(folder):
            return "", "is a link to outside the submissions folder."
        path, info = target, os.stat(target)
    for test, kind in _SPECIAL_KINDS.items():
        if test(info.st_mode):
            return "", f"is {kind}, not a text file."
    if not stat.S_ISREG(info.st_mode):
        return "", "is not a regular file."
    if info.st_size > MAX_SUBMISSION_BYTES:
        return "", _too_long(info.st_size, MAX_SUBMISSION_BYTES)
    return path, ""


def _too_long(size: int, limit: int) -> str:
    return f"is too long ({size:,} bytes; a submission may have at most {limit:,})."


def read_capped(path: str, limit: int) -> bytes:
    """The bytes of a regular file, opened without following a link or blocking on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        raise InputError(f"could not be opened ({error.strerror}).") from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise InputError("is not a regular file.")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(handle)
    if len(data) > limit:
        raise InputError(f"is too long (a submission may have at most {limit:,} bytes).")
    return data


def _text(data: bytes) -> str:
    if b"\x00" in data:
        raise InputError("is binary (it holds NUL bytes), not LaTeX text.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"is not UTF-8 text (byte {error.start + 1} cannot be read); save it as UTF-8.") from None


def _tex_file(item: tuple[str, str]) -> Submission:
    """In a worker: read one student's file and find their answers and variant."""
    student, path = item
    try:
        text = _text(read_capped(path, MAX_SUBMISSION_BYTES))
    except InputError as error:
        raise InputError(f"{student}.tex {error}") from None
    return tex_submission(student, text)


def tex_submission(student: str, text: str) -> Submission:
    named = _VARIANT_MACRO.findall(text)
    if len(set(named)) > 1:
        raise InputError(f"the submission of {student} names more than one variant ({', '.join(sorted(set(named)))}).")
    return Submission(student, tuple(answers_in_tex(text)), variant(named[0], student) if named else None)


def variant(text: str, student: str) -> int:
    """A variant id as written by the student: a whole number from 1."""
    cleaned = text.strip().lstrip("vV")  # "3", or "v03" as the sheet's header prints it
    if not cleaned.isdigit() or len(cleaned) > 6 or not 1 <= int(cleaned) <= MAX_VARIANT:
        shown = text if len(text) <= 20 else text[:20] + "..."
        raise InputError(f"the submission of {student} names the variant {shown!r}; write the sheet's variant number (1 to {MAX_VARIANT}), like \\variant{{3}}.")
    return int(cleaned)


def answers_in_tex(text: str) -> list[tuple[str, str]]:
    found = [(m.group(1).strip(), m.group(2).strip()) for m in _ANSWER_ENV.finditer(text)]
    for match in _ANSWER_MACRO.finditer(text):
        end = _closing_brace(text, match.end() - 1)
        if end is not None:
            found.append((match.group(1).strip(), text[match.end() : end].strip()))
    return found


def _closing_brace(text: str, start: int) -> int | None:
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{" and text[index - 1] != "\\":
            depth += 1
        elif text[index] == "}" and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index
    return None


def _csv_file(path: str) -> list[Submission]:
    """In a worker: every row of a CSV of answers, one Submission each (bad rows carry their problem)."""
    try:
        data = read_capped(path, MAX_CSV_BYTES)
    except InputError as error:
        raise InputError(f"the CSV {path} {error}") from None
    text = data.decode("utf-8", "surrogateescape")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or "student" not in header:
            raise InputError(f"the CSV {path} needs a header row with a 'student' column and one column per question.")
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise InputError(f"the CSV {path} could not be read at line {reader.line_num} ({error}).") from None
    seen: set[str] = set()
    submissions = []
    for line, row in rows:
        submission = _csv_row(dict(zip(header, row)), line)
        if submission.student in seen:
            submission = Submission(submission.student, (), problem=f"line {line}: the student {submission.student} has an earlier row too; only the first is graded.")
        seen.add(submission.student)
        submissions.append(submission)
    return submissions


def _csv_row(row: dict[str, str], line: int) -> Submission:
    student = row.get("student", "").strip()
    if not student or _unreadable(student):
        return Submission(student if student and not _unreadable(student) else f"(line {line})", (), problem=f"line {line}: the row has no readable student name.")
    if any(_unreadable(cell) for cell in row.values()):
        return Submission(student, (), problem=f"line {line}: the row holds binary or non-UTF-8 bytes.")
    try:
        chosen = variant(row["variant"], student) if (row.get("variant") or "").strip() else None
    except InputError as error:
        return Submission(student, (), problem=f"line {line}: {error}")
    answers = tuple((q, a) for q, a in row.items() if q not in ("student", "variant") and a and a.strip())
    return Submission(student, answers, chosen)


def _unreadable(cell: str) -> bool:
    return "\x00" in cell or any("\udc80" <= ch <= "\udcff" for ch in cell)

