"""The Jinja2 environment for LaTeX: sandboxed, confined to the template folders, LaTeX-safe.

Templates come from the package's ``templates`` folder (the top-level ``templates/`` of the
source tree, shipped inside the wheel); a user's folder, when given, overrides any by name.
A user's folder may have been downloaded from anyone, so every template (built-in or not) runs
in Jinja2's ``ImmutableSandboxedEnvironment``: no attributes starting with ``_``, no Python
internals, no changing the values handed in.  ``include``/``extends``/``import`` reach only
files inside the template folders (no ``..``, no absolute paths, no links leading out), and
anything a template is refused becomes one sentence (InputError) rather than a traceback.
Rendering time and memory are bounded by the caller's budget (``symprimer.runtime.budget``).
"""
from __future__ import annotations

import os
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from symprimer.core.errors import InputError
from symprimer.render.escape import escape_latex, escape_prose
from symprimer.render.notation import RELATION_LATEX, to_latex
from symprimer.render.filters import TYPESETTING_FILTERS, TYPESETTING_TESTS

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
MAX_TEMPLATE_BYTES = 1_000_000
MAX_POWER_EXPONENT = 1000
MAX_POWER_BITS = 10_000
MAX_REPEAT_LENGTH = 1_000_000
# Globals a template has no use for (``lipsum`` makes text of any size, ``cycler`` and
# ``joiner`` are classic footholds for sandbox escapes); ``range`` and ``namespace`` stay.
_DROPPED_GLOBALS = ("lipsum", "cycler", "joiner", "dict")


def builtin_template_dir() -> Path:
    """The shipped templates: inside the wheel, or the source tree's top-level folder."""
    for candidate in (_PACKAGE_DIR / "templates", _PACKAGE_DIR.parent / "templates"):
        if (candidate / "steps").is_dir():
            return candidate
    raise FileNotFoundError("symprimer's templates folder is missing from this installation.")


class ConfinedLoader(jinja2.BaseLoader):
    """Loads ``NAME`` only from inside the given folders: regular files, no way out."""

    def __init__(self, folders: list[str]) -> None:
        self.folders = tuple(os.path.realpath(folder) for folder in folders)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = _template_pieces(template)
        for folder in self.folders:
            candidate = os.path.join(folder, *pieces)
            if not os.path.lexists(candidate):
                continue
            real = os.path.realpath(candidate)
            if os.path.commonpath([real, folder]) != folder:
                raise InputError(f"the template {template} is a link leading outside its template folder, which is not allowed.")
            return _read_template(real, template), real, lambda: True
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.folders:
            for root, _dirs, files in os.walk(folder):  # links to folders are not followed
                relative = os.path.relpath(root, folder)
                for file in files:
                    names.add(file if relative == "." else f"{relative}/{file}".replace(os.sep, "/"))
        return sorted(names)


def _template_pieces(template: str) -> list[str]:
    if "\0" in template or "\\" in template or template.startswith("/") or len(template) > 400:
        raise InputError(f"the template name {template[:80]!r} is not a path inside the template folder.")
    pieces = [piece for piece in template.split("/") if piece not in ("", ".")]
    if ".." in pieces or not pieces:
        raise InputError(f"the template name {template[:80]!r} leads outside the template folder, which is not allowed.")
    return pieces


def _read_template(path: str, name: str) -> str:
    """A template file's text: a regular UTF-8 file of modest size (a FIFO would hang us)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"the template {name} is not a regular file.")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise InputError(f"the template {name} is larger than {MAX_TEMPLATE_BYTES // 1_000_000} MB.")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as error:
        raise InputError(f"the template {name} cannot be read ({error.strerror or error}).") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"the template {name} is not UTF-8 text.") from None


class LatexSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with large powers and repetitions refused and refusals put in words.

    ``**`` and ``*`` are intercepted so that Jinja2 cannot fold ``9**9**9`` into a constant
    while compiling (outside any budget); at render time they are checked for size.
    """

    intercepted_binops = frozenset({"**", "*"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _too_big_power(left, right):
            raise InputError("a template asked for a power too large to compute.")
        if operator == "*" and _too_long_repeat(left, right):
            raise InputError("a template asked for a repetition too long to build.")
        return super().call_binop(context, operator, left, right)

    def handle_exception(self, source: str | None = None):
        error = sys.exc_info()[1]
        if isinstance(error, jinja2.exceptions.SecurityError):
            raise InputError(f"a template tried something templates may not do ({_clause(error)}).") from None
        if isinstance(error, OverflowError):
            raise InputError(f"a template asked for too much ({_clause(error)}).") from None
        if isinstance(error, (ArithmeticError, ValueError, TypeError, LookupError)) and not isinstance(
            error, jinja2.TemplateError
        ):
            raise InputError(f"a template failed while rendering ({type(error).__name__}: {_clause(error)}).") from None
        return super().handle_exception(source)


def _clause(error: BaseException) -> str:
    return str(error).strip().rstrip(".")


def _too_big_power(left: Any, right: Any) -> bool:
    if isinstance(left, (int, float)) and abs(left) <= 1:
        return False
    if not isinstance(right, (int, float)):
        return False
    if isinstance(left, int) and isinstance(right, int):
        return abs(right) * left.bit_length() > MAX_POWER_BITS
    return abs(right) > MAX_POWER_EXPONENT


def _too_long_repeat(left: Any, right: Any) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
            return len(sequence) * count > MAX_REPEAT_LENGTH
    return False


@lru_cache(maxsize=8)
def latex_environment(user_dir: str | None = None) -> jinja2.Environment:
    """One environment per template search path (user folder first, then the built-ins)."""
    search = ([user_dir] if user_dir else []) + [str(builtin_template_dir())]
    env = LatexSandbox(
        loader=ConfinedLoader(search),
        block_start_string=r"\BLOCK{",
        block_end_string="}",
        variable_start_string=r"\VAR{",
        variable_end_string="}",
        comment_start_string=r"\#{",
        comment_end_string="}",
        line_comment_prefix="%#",
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    for name in _DROPPED_GLOBALS:
        env.globals.pop(name, None)
    env.filters["e"] = escape_latex
    env.filters["escape"] = escape_latex
    env.filters["prose"] = escape_prose
    env.filters.update(TYPESETTING_FILTERS)
    env.tests.update(TYPESETTING_TESTS)
    env.filters["tex"] = to_latex
    env.filters["rel"] = lambda relation: RELATION_LATEX[relation]
    return env
