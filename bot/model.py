"""The FAQ as plain, frozen data: what the loader builds and everything else reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Generic, Iterator, TypeVar

from bot.schedule import Schedule

T = TypeVar("T")


class Lang(str, Enum):
    """The languages the bot speaks; every text exists in each of them."""

    EN = "en"
    ES = "es"


LANGS: tuple[Lang, ...] = tuple(Lang)


@dataclass(frozen=True)
class PerLang(Generic[T]):
    """One value per language, so a missing translation cannot exist once loaded."""

    en: T
    es: T

    def __getitem__(self, lang: Lang) -> T:
        return self.en if lang is Lang.EN else self.es

    def items(self) -> Iterator[tuple[Lang, T]]:
        yield Lang.EN, self.en
        yield Lang.ES, self.es


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Entry:
    """One question the office answers, in both languages, with its sources and review date."""

    id: str
    category: str
    title: PerLang[str]
    questions: PerLang[tuple[str, ...]]
    keywords: PerLang[tuple[str, ...]]
    answer: PerLang[str]
    sources: tuple[Source, ...]
    reviewed: date
    time_sensitive: bool
    urgent: bool
    related: tuple[str, ...]
    file: str
    line: int
    # Word beginnings one of which a message must contain for this entry to be answered outright
    # (otherwise it is only suggested): "asil" keeps marriage or renewal questions off asylum entries.
    requires: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    id: str
    title: PerLang[str]
    order: int
    file: str


@dataclass(frozen=True)
class OfficeValue:
    """An office detail; `placeholder` is true while staff have not filled it in (a TODO)."""

    value: PerLang[str]
    placeholder: bool
    line: int


@dataclass(frozen=True)
class Office:
    values: dict[str, OfficeValue]
    file: str

    @property
    def time_zone(self) -> str:
        tz = self.values.get("time_zone")
        return tz.value.en if tz and not tz.placeholder else "America/Los_Angeles"


@dataclass(frozen=True)
class Synonym:
    canonical: str
    variants: tuple[str, ...]
    file: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Faq:
    """The whole validated FAQ: categories in menu order, entries, office details, vocabulary.

    `schedule` is None when the office file has no consultation schedule: booking then falls back to
    "contact the office".
    """

    categories: tuple[Category, ...]
    entries: tuple[Entry, ...]
    office: Office
    synonyms: tuple[Synonym, ...]
    schedule: Schedule | None = None
    by_id: dict[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {e.id: e for e in self.entries})

    def in_category(self, category_id: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.category == category_id)
