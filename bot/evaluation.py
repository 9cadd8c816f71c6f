"""Measuring the matcher on labelled messages: how often it answers right the first time."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.errors import UserError
from bot.matching import Band, Match, Matcher
from bot.yamlfile import parse


@dataclass(frozen=True)
class Case:
    text: str
    expect: tuple[str, ...]  # empty: out of scope
    source: str  # file and line, for the miss report


@dataclass(frozen=True)
class Outcome:
    case: Case
    match: Match

    @property
    def answered(self) -> bool:
        return self.match.band in (Band.ANSWER, Band.URGENT)

    @property
    def right_first(self) -> bool:
        return self.answered and self.match.entry_id in self.case.expect

    @property
    def right_offered(self) -> bool:
        return self.right_first or any(s in self.case.expect for s in self.match.suggestions)

    @property
    def miss(self) -> bool:
        return (not self.right_first) if self.case.expect else self.answered


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]

    @property
    def in_scope(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.case.expect)

    @property
    def out_of_scope(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if not o.case.expect)

    @property
    def top1(self) -> float:
        return _share(sum(o.right_first for o in self.in_scope), len(self.in_scope))

    @property
    def offered(self) -> float:
        return _share(sum(o.right_offered for o in self.in_scope), len(self.in_scope))

    @property
    def false_answers(self) -> float:
        return _share(sum(o.answered for o in self.out_of_scope), len(self.out_of_scope))

    @property
    def misses(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.miss)


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def load_cases(paths: list[Path]) -> list[Case]:
    """Read labelled files: YAML lists of {q: text, expect: [ids]}. A folder means all its .yaml files."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    cases: list[Case] = []
    for file in files:
        try:
            data, problems = parse(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise UserError(f"{file}: cannot read the labelled file ({exc.strerror})") from None
        if problems:
            first = problems[0]
            raise UserError(f"{file}, line {first.line}: {first.message}")
        if not isinstance(data, list):
            raise UserError(f"{file}: a labelled file is a list of items like '- q: text' with 'expect: [ids]'")
        for index, item in enumerate(data):
            line = data.lines[index]
            if not isinstance(item, dict) or not isinstance(item.get("q"), str) or not isinstance(item.get("expect"), list):
                raise UserError(f"{file}, line {line}: each item needs 'q: text' and 'expect: [ids]'")
            cases.append(Case(item["q"], tuple(str(i) for i in item["expect"]), f"{file}:{line}"))
    return cases


def unknown_ids(cases: list[Case], known: set[str]) -> list[tuple[Case, str]]:
    return [(case, i) for case in cases for i in case.expect if i not in known]


def evaluate(matcher: Matcher, cases: list[Case]) -> Report:
    return Report(tuple(Outcome(case, matcher.match(case.text)) for case in cases))
