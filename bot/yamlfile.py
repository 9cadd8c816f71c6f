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
        return None, [_explain(exc, text.splitlines())]
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


_COLON_EXAMPLE = "write the name, a colon and a space, then the value (like 'urgent: false')"


def _explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> YamlError:
    """Say in plain words what is wrong and on which line: the parser often notices a line late."""
    start, found = exc.context_mark, exc.problem_mark
    reason = exc.problem or exc.context or "not valid YAML"
    found_line = found.line + 1 if found else None
    start_line = start.line + 1 if start else None

    def plain(line: int | None, what: str) -> YamlError:
        return YamlError(line, f"this is not valid YAML: {what}")

    if "mapping values are not allowed" in reason and found_line:
        above = _line_above(lines, found_line)
        # The line above is the broken one when it is a key line missing its colon (not answer text).
        if (
            above
            and ":" not in _unquoted(lines[above - 1])
            and _indent(lines[above - 1]) <= _indent(lines[found_line - 1])
        ):
            return plain(above, f"a colon seems to be missing on this line; {_COLON_EXAMPLE}")
        return plain(found_line, "this value has a colon and a space in it; put the whole value in double quotes")
    if "could not find expected ':'" in reason:
        return plain(
            start_line or found_line, f"a colon seems to be missing on this line; {_COLON_EXAMPLE}"
        )
    if "quoted scalar" in (exc.context or "") and start_line:
        return plain(start_line, "a quote opened on this line is never closed")
    tab = found is not None and _char_at(lines, found) == "\t"
    if "tab character" in reason or ("cannot start any token" in reason and tab):
        return plain(found_line, "this line has a tab in it; indent with spaces only")
    if reason.startswith(("did not find expected key", "did not find expected '-'", "expected <block end>")):
        return plain(found_line or start_line, "this line is not lined up with the lines around it; fix its indentation")
    # An unclosed bracket is noticed only later; the context mark is where it opened.
    also = f", noticed at line {found_line}" if start_line and found_line and found_line != start_line else ""
    return YamlError(
        start_line or found_line,
        f"this is not valid YAML ({reason}{also}); check indentation, colons, quotes and brackets",
    )


def _line_above(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` (1-based) that holds something other than a comment."""
    for number in range(line - 1, 0, -1):
        content = lines[number - 1].strip()
        if content and not content.startswith("#"):
            return number
    return None


def _indent(line: str) -> int:
    """Where the line's content starts, a list dash counting as indentation."""
    stripped = line.lstrip(" ")
    while stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
    return len(line) - len(stripped)


def _unquoted(line: str) -> str:
    """The line without quoted parts and comments, so a colon inside quotes does not count."""
    out, quote = [], ""
    for char in line:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        else:
            out.append(char)
    return "".join(out)


def _char_at(lines: list[str], mark: yaml.Mark) -> str:
    return lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""


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
