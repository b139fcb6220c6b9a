"""The Jinja2 environment for LaTeX: LaTeX-safe delimiters, strict undefined, escaping.

Templates come from the package's ``templates`` folder (the top-level ``templates/`` of the
source tree, shipped inside the wheel); a user's folder, when given, overrides any by name.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

from symprimer.render.escape import escape_latex, escape_prose
from symprimer.render.notation import RELATION_LATEX, to_latex
from symprimer.render.filters import TYPESETTING_FILTERS, TYPESETTING_TESTS

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def builtin_template_dir() -> Path:
    """The shipped templates: inside the wheel, or the source tree's top-level folder."""
    for candidate in (_PACKAGE_DIR / "templates", _PACKAGE_DIR.parent / "templates"):
        if (candidate / "steps").is_dir():
            return candidate
    raise FileNotFoundError("symprimer's templates folder is missing from this installation.")


@lru_cache(maxsize=8)
def latex_environment(user_dir: str | None = None) -> jinja2.Environment:
    """One environment per template search path (user folder first, then the built-ins)."""
    search = ([user_dir] if user_dir else []) + [str(builtin_template_dir())]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
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
    )
    env.filters["e"] = escape_latex
    env.filters["escape"] = escape_latex
    env.filters["prose"] = escape_prose
    env.filters.update(TYPESETTING_FILTERS)
    env.tests.update(TYPESETTING_TESTS)
    env.filters["tex"] = to_latex
    env.filters["rel"] = lambda relation: RELATION_LATEX[relation]
    return env
