"""Reading YAML while keeping line numbers, so every problem can point at its line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class LinedDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line of itself and of each of its values."""

    line: int
    lines: dict[Any, int]


class LinedList(list):  # type: ignore[type-arg]
    """A YAML list that remembers the line of itself and of each item."""

    line: int
    lines: list[int]


@dataclass(frozen=True)
class YamlError:
    line: int | None
    message: str


def line_of(value: Any, default: int | None = None) -> int | None:
    return getattr(value, "line", default)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: much faster


def parse(text: str) -> tuple[Any, list[YamlError]]:
    """Parse one YAML document; return (data, problems). Never raises for bad input."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket or quote is noticed only later; the context mark is where it opened.
        start, found = exc.context_mark, exc.problem_mark
        line = (start or found).line + 1 if (start or found) else None
        reason = exc.problem or exc.context or "not valid YAML"
        also = f", noticed at line {found.line + 1}" if start and found and found.line != start.line else ""
        message = f"this is not valid YAML ({reason}{also}); check indentation, colons, quotes and brackets"
        return None, [YamlError(line, message)]
    except yaml.YAMLError as exc:
        message = str(exc).splitlines()[0] if str(exc) else "not valid YAML"
        return None, [YamlError(None, f"this is not valid YAML ({message})")]
    if node is None:
        return None, []
    problems: list[YamlError] = []
    constructor = yaml.SafeLoader("")
    try:
        return _build(node, constructor, problems), problems
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        return None, [YamlError(line, f"this value cannot be read ({getattr(exc, 'problem', exc)})")]


def _build(node: yaml.Node, constructor: yaml.SafeLoader, problems: list[YamlError]) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = LinedDict()
        mapping.line = line
        mapping.lines = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                problems.append(YamlError(key_node.start_mark.line + 1, "a key here is not a plain word"))
                continue
            if key in mapping:
                problems.append(
                    YamlError(
                        key_node.start_mark.line + 1,
                        f"'{key}' appears twice in the same block (first on line {mapping.lines[key]}); keep one",
                    )
                )
                continue
            mapping[key] = _build(value_node, constructor, problems)
            mapping.lines[key] = key_node.start_mark.line + 1
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = LinedList()
        sequence.line = line
        sequence.lines = []
        for item in node.value:
            sequence.append(_build(item, constructor, problems))
            sequence.lines.append(item.start_mark.line + 1)
        return sequence
    try:
        return constructor.construct_object(node, deep=True)
    except ValueError:  # a date that does not exist (2026-02-30): keep the text; the field's check reports it
        return str(node.value)
