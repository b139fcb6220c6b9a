"""Every sentence is written in one place: no string literal of 30 characters or more (words, not
identifiers; docstrings aside) appears in two modules of ``symprimer``.

A sentence written twice drifts: one copy is corrected and the other is not (issue 12).  Literals
are read with ``ast``, so the pieces of an f-string count as the literals they are.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import symprimer

MIN_LENGTH = 30
PACKAGE = Path(symprimer.__file__).parent

# Sentences allowed in two modules (none: the refusals several readers share are built in
# core.errors); the test fails when a listed one is no longer repeated, so the list only shrinks.
KNOWN_ELSEWHERE: frozenset[str] = frozenset()  # shared refusals are built in core.errors


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def sentences_by_module(source: str) -> set[str]:
    """The string literals of one module that are sentences (or pieces of one) of 30+ characters."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        and len(node.value) >= MIN_LENGTH and any(c.isspace() for c in node.value)
    }


def repeated_sentences() -> dict[str, list[str]]:
    modules = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        for sentence in sentences_by_module(path.read_text(encoding="utf-8")):
            modules[sentence].append(str(path.relative_to(PACKAGE)))
    return {sentence: paths for sentence, paths in modules.items() if len(paths) > 1}


def test_the_scan_finds_a_sentence_written_in_two_modules():
    sentence = "The characteristic polynomial is the determinant."
    one = f'def f():\n    """A docstring that is long enough to count if it were not one."""\n    return "{sentence}"\n'
    assert sentences_by_module(one) == {sentence}
    assert sentences_by_module('X = "identifier_that_is_long_but_has_no_space"\n') == set()
    assert sentences_by_module('Y = f"short {1} and then a piece that is long enough"\n') == {" and then a piece that is long enough"}


def test_no_sentence_is_written_in_two_modules():
    repeated = repeated_sentences()
    new = {sentence: paths for sentence, paths in repeated.items() if sentence not in KNOWN_ELSEWHERE}
    assert not new, f"sentences written in two modules (move each to one module): {new}"
    fixed = KNOWN_ELSEWHERE - set(repeated)
    assert not fixed, f"no longer repeated, so drop them from KNOWN_ELSEWHERE: {sorted(fixed)}"
