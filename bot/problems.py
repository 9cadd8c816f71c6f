"""Problems found in the FAQ files, worded for the staff member who has to fix them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with where it is: file, line, entry id and field (each when known)."""

    severity: Severity
    file: str
    line: int | None
    message: str
    entry_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        what = ", ".join(
            part
            for part in (
                f"entry '{self.entry_id}'" if self.entry_id else "",
                f"field '{self.field}'" if self.field else "",
            )
            if part
        )
        prefix = f"{where}: {what}: " if what else f"{where}: "
        return f"{self.severity.value.upper()} {prefix}{self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]
