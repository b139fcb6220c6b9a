"""Reading a sheet spec's YAML safely, keeping the line of every value for error messages.

``yaml.safe_load`` already refuses Python object tags; on top of that this loader refuses
aliases (``*name``), which is how a "billion laughs" alias bomb blows up memory, and caps the
size of the text.  The composed node tree gives each key and value its line number.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml

from symprimer.core.errors import InputError

MAX_SPEC_CHARS = 200_000
MAX_DEPTH = 20

Path = tuple  # a path into the data: ("questions", 3, "matrix")


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting: a spec is small, plain data."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise InputError(
                f"line {event.start_mark.line + 1}: the spec uses the YAML alias *{event.anchor}; "
                "aliases are not allowed in a sheet spec (write the value out)."
            )
        if self._depth >= MAX_DEPTH:
            raise InputError(f"line {event.start_mark.line + 1}: the spec is nested more than {MAX_DEPTH} levels deep.")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@dataclass(frozen=True)
class LoadedYaml:
    """The plain data of a spec plus the line (1-based) where each path starts."""

    data: Any
    lines: MappingProxyType

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def load_yaml(text: str, source: str = "the spec") -> LoadedYaml:
    """Parse ``text``; every problem becomes one InputError sentence naming the line."""
    if len(text) > MAX_SPEC_CHARS:
        raise InputError(f"{source} is {len(text)} characters long; a sheet spec may have at most {MAX_SPEC_CHARS}.")
    try:
        loader = _NoAliasLoader(text)  # the reader refuses NUL and other control characters here
    except yaml.reader.ReaderError as error:
        raise InputError(
            f"{source} holds the character U+{error.character:04X} at position {error.position}, which YAML does not allow "
            "(is it a text file?)."
        ) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError(f"{source} is empty; it needs at least a title and a list of questions.")
        data = loader.construct_document(node)
    except yaml.constructor.ConstructorError as error:
        raise InputError(_tag_message(error, source)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        raise InputError(f"{where}{source} is not valid YAML ({error.problem}).") from None
    except yaml.YAMLError as error:
        raise InputError(f"{source} is not valid YAML ({error}).") from None
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    _record_lines(node, (), lines)
    return LoadedYaml(data, MappingProxyType(lines))


def _tag_message(error: yaml.constructor.ConstructorError, source: str) -> str:
    mark = error.problem_mark
    where = f"line {mark.line + 1}: " if mark else ""
    problem = str(error.problem or "")
    if "tag" in problem:
        tag = problem.split("tag", 1)[1].strip(" '\"")
        return (
            f"{where}{source} uses the YAML tag {tag!r}; a sheet spec holds plain data only "
            "(text, numbers, lists and mappings), so tags that build Python objects are refused."
        )
    return f"{where}{source} could not be read ({problem})."


def _record_lines(node: yaml.Node, path: Path, lines: dict[Path, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                child = path + (key_node.value,)
                _record_lines(value_node, child, lines)
                lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines)
