"""Turning the staff-edited YAML files under faq/ into a `Faq`, reporting every mistake at once.

The loader checks the shape of each file (fields, types, languages, dates, URLs, the consultation
schedule). Checks that need the whole FAQ (duplicate ids, links between entries, office names in
answers, staleness, collisions) live in `validation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rapidfuzz import fuzz, process

from bot.model import LANGS, Category, Entry, Faq, Lang, Office, OfficeValue, PerLang, Source, Synonym
from bot.problems import Problem, Severity
from bot.schedule import Meeting, Schedule
from bot.text import normalize
from bot.vocabulary import usable_variant
from bot.yamlfile import LinedDict, line_of, parse

OFFICE_FILE = "office-details.yaml"
VOCABULARY_FILE = "vocabulary.yaml"

ENTRY_FIELDS = (
    "id",
    "title",
    "urgent",
    "time_sensitive",
    "reviewed",
    "questions",
    "keywords",
    "answer",
    "sources",
    "related",
    "requires",
)
OPTIONAL_ENTRY_FIELDS = frozenset({"keywords", "related", "requires"})
CATEGORY_FIELDS = ("title", "order", "entries")
OFFICE_FIELDS = (
    "name",
    "attorney",
    "address",
    "phone",
    "email",
    "website",
    "hours",
    "time_zone",
    "languages",
)
OFFICE_FILE_BLOCKS = ("office", "schedule")
SCHEDULE_FIELDS = (
    "confirmed",
    "consultation_minutes",
    "at_the_same_time",
    "book_ahead_days",
    "minimum_notice_hours",
    "ways_to_meet",
    "weekly_hours",
    "closed_dates",
)
REQUIRED_SCHEDULE_FIELDS = ("consultation_minutes", "book_ahead_days", "ways_to_meet", "weekly_hours")
MAX_BOOK_AHEAD_DAYS = 365
WEEKDAY_NAMES: dict[str, int] = {
    **{name: index for index, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))},
    **{name: index for index, name in enumerate(("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"))},
}
MEETING_NAMES: dict[str, Meeting] = {  # keys as `normalize` leaves them: "in_person" reads "in person"
    "phone": Meeting.PHONE,
    "telephone": Meeting.PHONE,
    "telefono": Meeting.PHONE,
    "video": Meeting.VIDEO,
    "videollamada": Meeting.VIDEO,
    "in person": Meeting.IN_PERSON,
    "en persona": Meeting.IN_PERSON,
    "presencial": Meeting.IN_PERSON,
}
CLOSED_WORDS = frozenset({"closed", "cerrado"})
_TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-\u2013\u2014]\s*(\d{1,2}):(\d{2})$")
PLACEHOLDER_PREFIX = "TODO"
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_NAMES = {Lang.EN: "English", Lang.ES: "Spanish"}


@dataclass(frozen=True)
class LoadResult:
    """What loading produced: the FAQ (None when a file could not be read at all) and the problems."""

    faq: Faq | None
    problems: list[Problem]


def load_faq(directory: Path) -> LoadResult:
    """Read every YAML file in `directory`. Problems are collected, never raised."""
    reader = _Reader(directory)
    return reader.run()


def is_placeholder(value: str) -> bool:
    return value.strip().upper().startswith(PLACEHOLDER_PREFIX)


def valid_url(url: str) -> bool:
    if any(ch.isspace() for ch in url):
        return False
    parts = urlsplit(url)
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host and not host.startswith(".") and not host.endswith(".")


@dataclass(frozen=True)
class _Seen:
    """Every entry's id and links, even of entries too broken to load, for the cross-file checks."""

    id: str
    file: str
    line: int
    related: tuple[str, ...]


class _Reader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[Problem] = []
        self.file = ""
        self.seen: list[_Seen] = []

    # -- reporting ---------------------------------------------------------------------------

    def error(self, line: int | None, message: str, entry_id: str | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(Severity.ERROR, self.file, line, message, entry_id, field))

    def warn(self, line: int | None, message: str, entry_id: str | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(Severity.WARNING, self.file, line, message, entry_id, field))

    # -- files ---------------------------------------------------------------------------------

    def run(self) -> LoadResult:
        if not self.directory.is_dir():
            self.file = str(self.directory)
            self.error(None, "the FAQ folder does not exist")
            return LoadResult(None, self.problems)
        paths = sorted([*self.directory.glob("*.yaml"), *self.directory.glob("*.yml")])
        categories: list[Category] = []
        entries: list[Entry] = []
        office = Office({}, OFFICE_FILE)
        synonyms: tuple[Synonym, ...] = ()
        schedule: Schedule | None = None
        seen_office = False
        unreadable: list[str] = []
        for path in paths:
            self.file = self._display(path)
            data = self._read(path)
            if data is _UNREADABLE:
                unreadable.append(_raw_text(path))
                continue
            if path.name == OFFICE_FILE:
                seen_office = True
                office = self._office(data)
                schedule = self._schedule(data, office)
            elif path.name == VOCABULARY_FILE:
                synonyms = self._vocabulary(data)
            else:
                loaded = self._category(path.stem, data)
                if loaded is not None:
                    categories.append(loaded[0])
                    entries.extend(loaded[1])
        self._ids_and_links(unreadable)
        if not seen_office:
            self.file = self._display(self.directory / OFFICE_FILE)
            self.error(None, "the office details file is missing; answers use its values")
        if not entries and not any(p.severity is Severity.ERROR for p in self.problems):
            self.file = self._display(self.directory)
            self.error(None, "no FAQ entries were found")
        categories.sort(key=lambda c: (c.order, c.id))
        rank = {c.id: position for position, c in enumerate(categories)}
        entries.sort(key=lambda e: rank.get(e.category, len(rank)))  # stable: file order within a category
        faq = Faq(tuple(categories), tuple(entries), office, synonyms, schedule)
        return LoadResult(faq, self.problems)

    def _display(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)

    def _read(self, path: Path) -> Any:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            self.error(line, "the file is not saved as UTF-8 text; save it again as UTF-8")
            return _UNREADABLE
        except OSError as exc:
            self.error(None, f"the file cannot be opened ({exc.strerror})")
            return _UNREADABLE
        data, yaml_problems = parse(text)
        for problem in yaml_problems:
            self.error(problem.line, problem.message)
        if data is None and not yaml_problems:
            self.error(None, "the file is empty")
        if data is None:
            return _UNREADABLE
        if not isinstance(data, dict):
            self.error(line_of(data, 1), "the file should start with named fields (like 'title:'), not a list or text")
            return _UNREADABLE
        return data

    # -- category files ------------------------------------------------------------------------

    def _category(self, category_id: str, data: LinedDict) -> tuple[Category, list[Entry]] | None:
        self._unknown_fields(data, CATEGORY_FIELDS, None)
        title = self._per_lang_text(data, "title", None)
        order = data.get("order", 100)
        if not isinstance(order, int) or isinstance(order, bool):
            self.error(data.lines.get("order"), "the order must be a whole number, like 1 or 2", field="order")
            order = 100
        raw_entries = data.get("entries")
        entries: list[Entry] = []
        if "entries" not in data:
            self.error(data.line, "the file has no 'entries:' list", field="entries")
        elif not isinstance(raw_entries, list):
            self.error(data.lines["entries"], "'entries' must be a list of entries, each starting with '- id:'", field="entries")
        else:
            for index, raw in enumerate(raw_entries):
                entry = self._entry(category_id, raw, raw_entries.lines[index])
                if entry is not None:
                    entries.append(entry)
        if title is None:
            title = PerLang(category_id, category_id)
        return Category(category_id, title, order, self.file), entries

    def _entry(self, category_id: str, raw: Any, line: int) -> Entry | None:
        if not isinstance(raw, dict):
            self.error(line, "each entry must be a block of fields starting with '- id:'")
            return None
        entry_id = raw.get("id")
        if not isinstance(entry_id, str) or not entry_id.strip():
            self.error(raw.line, "the entry has no id", field="id")
            entry_id = f"(entry at line {raw.line})"
            shown_id = None
        else:
            shown_id = entry_id
            if not ID_PATTERN.match(entry_id):
                self.error(
                    raw.lines["id"],
                    "an id may contain only lowercase letters, digits and single dashes (like 'asylum-deadline')",
                    shown_id,
                    "id",
                )
        self._unknown_fields(raw, ENTRY_FIELDS, shown_id)
        for name in ENTRY_FIELDS:
            if name not in raw and name not in OPTIONAL_ENTRY_FIELDS:
                self.error(raw.line, f"the field '{name}' is missing", shown_id, name)
        title = self._per_lang_text(raw, "title", shown_id)
        if title is not None:
            for lang, text in title.items():
                if len(text) > 40:
                    self.warn(
                        raw.lines["title"],
                        f"the {LANG_NAMES[lang]} title is {len(text)} characters; buttons show about 40",
                        shown_id,
                        f"title.{lang.value}",
                    )
        answer = self._per_lang_text(raw, "answer", shown_id)
        questions = self._per_lang_list(raw, "questions", shown_id, required=True)
        keywords = self._per_lang_list(raw, "keywords", shown_id, required=False)
        sources = self._sources(raw, shown_id)
        reviewed = self._date(raw, "reviewed", shown_id)
        urgent = self._bool(raw, "urgent", shown_id)
        time_sensitive = self._bool(raw, "time_sensitive", shown_id)
        related = self._related(raw, shown_id)
        requires = self._requires(raw, shown_id)
        if shown_id:
            self.seen.append(_Seen(shown_id, self.file, raw.line, related))
        if None in (shown_id, title, answer, questions, sources, reviewed, urgent, time_sensitive):
            return None
        assert shown_id and title and answer and questions and reviewed is not None
        return Entry(
            id=shown_id,
            category=category_id,
            title=title,
            questions=questions,
            keywords=keywords or PerLang((), ()),
            answer=answer,
            sources=sources or (),
            reviewed=reviewed,
            time_sensitive=bool(time_sensitive),
            urgent=bool(urgent),
            related=related,
            file=self.file,
            line=raw.line,
            requires=requires,
        )

    def _ids_and_links(self, unreadable: list[str]) -> None:
        """Duplicate ids and links to unknown ids, across all files.

        A link to an id that appears in a file too broken to read is not reported: fixing that file
        fixes the link.
        """
        first: dict[str, _Seen] = {}
        for seen in self.seen:
            if seen.id in first:
                other = first[seen.id]
                self.problems.append(
                    Problem(
                        Severity.ERROR,
                        seen.file,
                        seen.line,
                        f"this id is already used in {other.file}, line {other.line}; ids must be unique",
                        seen.id,
                        "id",
                    )
                )
            else:
                first[seen.id] = seen
        for seen in self.seen:
            for related in seen.related:
                if related == seen.id:
                    self.problems.append(Problem(Severity.WARNING, seen.file, seen.line, "an entry lists itself as related", seen.id, "related"))
                elif related not in first and not any(_mentions_id(text, related) for text in unreadable):
                    self.problems.append(
                        Problem(Severity.ERROR, seen.file, seen.line, f"'{related}' is not the id of any entry", seen.id, "related")
                    )

    # -- fields --------------------------------------------------------------------------------

    def _unknown_fields(self, data: LinedDict, allowed: tuple[str, ...], entry_id: str | None, prefix: str = "") -> None:
        for key in data:
            if key in allowed:
                continue
            guess = process.extractOne(str(key), allowed, scorer=fuzz.ratio, score_cutoff=60)
            hint = f"; did you mean '{guess[0]}'?" if guess else f"; the fields are: {', '.join(allowed)}"
            self.error(data.lines.get(key), f"'{key}' is not a field the FAQ knows{hint}", entry_id, f"{prefix}{key}")

    def _per_lang(self, data: LinedDict, name: str, entry_id: str | None, required: bool) -> dict[Lang, Any] | None:
        if name not in data:
            return None
        value = data[name]
        line = data.lines[name]
        if not isinstance(value, dict):
            self.error(line, f"'{name}' needs one value per language, on lines 'en:' and 'es:'", entry_id, name)
            return None
        for key in value:
            if key not in (lang.value for lang in LANGS):
                self.error(value.lines.get(key), f"'{key}' is not a language here; use 'en' or 'es'", entry_id, f"{name}.{key}")
        found: dict[Lang, Any] = {}
        for lang in LANGS:
            if lang.value in value:
                found[lang] = value[lang.value]
            elif required:
                self.error(line, f"the {LANG_NAMES[lang]} version ('{lang.value}:') is missing", entry_id, f"{name}.{lang.value}")
        return found

    def _per_lang_text(self, data: LinedDict, name: str, entry_id: str | None) -> PerLang[str] | None:
        found = self._per_lang(data, name, entry_id, required=True)
        if found is None:
            return None
        texts: dict[Lang, str] = {}
        for lang, text in found.items():
            field = f"{name}.{lang.value}"
            line = data[name].lines.get(lang.value)
            if not isinstance(text, str) or not text.strip():
                self.error(line, f"the {LANG_NAMES[lang]} {name} is empty or not text", entry_id, field)
                continue
            texts[lang] = text.strip()
        if len(texts) != len(LANGS):
            return None
        return PerLang(texts[Lang.EN], texts[Lang.ES])

    def _per_lang_list(
        self, data: LinedDict, name: str, entry_id: str | None, required: bool
    ) -> PerLang[tuple[str, ...]] | None:
        found = self._per_lang(data, name, entry_id, required=required)
        if found is None:
            return None
        lists: dict[Lang, tuple[str, ...]] = {lang: () for lang in LANGS}
        ok = True
        for lang, items in found.items():
            field = f"{name}.{lang.value}"
            line = data[name].lines.get(lang.value)
            if not isinstance(items, list):
                self.error(line, f"the {LANG_NAMES[lang]} {name} must be a list, one '- ' line each", entry_id, field)
                ok = False
                continue
            clean: list[str] = []
            for index, item in enumerate(items):
                if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
                    self.error(items.lines[index], f"an item of the {LANG_NAMES[lang]} {name} is empty or not text", entry_id, field)
                    ok = False
                    continue
                clean.append(str(item).strip())
            if required and not clean:
                self.error(line, f"the {LANG_NAMES[lang]} {name} list is empty", entry_id, field)
                ok = False
            lists[lang] = tuple(clean)
        if required and len(found) != len(LANGS):
            return None
        return PerLang(lists[Lang.EN], lists[Lang.ES]) if ok else None

    def _sources(self, data: LinedDict, entry_id: str | None) -> tuple[Source, ...] | None:
        if "sources" not in data:
            return None
        raw = data["sources"]
        line = data.lines["sources"]
        if not isinstance(raw, list) or not raw:
            self.error(line, "'sources' must list at least one source, each with 'title:' and 'url:'", entry_id, "sources")
            return None
        sources: list[Source] = []
        ok = True
        for index, item in enumerate(raw):
            item_line = raw.lines[index]
            if not isinstance(item, dict):
                self.error(item_line, "each source needs 'title:' and 'url:'", entry_id, "sources")
                ok = False
                continue
            self._unknown_fields(item, ("title", "url"), entry_id)
            title = item.get("title")
            url = item.get("url")
            if not isinstance(title, str) or not title.strip():
                self.error(item_line, "a source has no title", entry_id, "sources.title")
                ok = False
            if not isinstance(url, str) or not url.strip():
                self.error(item_line, "a source has no url", entry_id, "sources.url")
                ok = False
            elif not valid_url(url.strip()):
                self.error(
                    item.lines.get("url", item_line),
                    f"'{url}' is not a web address; it should start with https:// and have no spaces",
                    entry_id,
                    "sources.url",
                )
                ok = False
            if ok:
                sources.append(Source(str(title).strip(), str(url).strip()))
        return tuple(sources) if ok else None

    def _date(self, data: LinedDict, name: str, entry_id: str | None) -> date | None:
        if name not in data:
            return None
        value = data[name]
        found = _as_date(value)
        if found is None:
            self.error(data.lines[name], f"'{value}' is not a date; write it as YYYY-MM-DD, like 2026-11-28", entry_id, name)
        return found

    def _bool(self, data: LinedDict, name: str, entry_id: str | None) -> bool | None:
        if name not in data:
            return None
        value = data[name]
        if not isinstance(value, bool):
            self.error(data.lines[name], f"'{name}' must be true or false, not '{value}'", entry_id, name)
            return None
        return value

    def _related(self, data: LinedDict, entry_id: str | None) -> tuple[str, ...]:
        if "related" not in data or data["related"] is None:
            return ()
        value = data["related"]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(data.lines["related"], "'related' must be a list of entry ids, like [bond, detained]", entry_id, "related")
            return ()
        return tuple(value)

    def _requires(self, data: LinedDict, entry_id: str | None) -> tuple[str, ...]:
        """Optional word beginnings ('asil', 'refug', '589'), one of which a message must contain."""
        if "requires" not in data or data["requires"] is None:
            return ()
        value = data["requires"]
        hint = "'requires' must be a list of word beginnings, like [asil, asyl, refug]"
        if not isinstance(value, list) or not value or not all(isinstance(item, (str, int)) for item in value):
            self.error(data.lines["requires"], hint, entry_id, "requires")
            return ()
        words = tuple(normalize(str(item)) for item in value)
        bad = [str(item) for item, word in zip(value, words) if not word or " " in word or len(word) < 3]
        if bad:
            self.error(
                data.lines["requires"],
                f"each word in 'requires' must be one word of at least 3 letters or digits, not {', '.join(repr(b) for b in bad)}",
                entry_id,
                "requires",
            )
            return ()
        return words

    # -- office and vocabulary -----------------------------------------------------------------

    def _office(self, data: LinedDict) -> Office:
        block = data.get("office")
        if not isinstance(block, dict):
            self.error(data.line, "the file must start with 'office:' and the office's details under it")
            return Office({}, self.file)
        for key in data:
            if key not in OFFICE_FILE_BLOCKS:
                guess = process.extractOne(str(key), OFFICE_FILE_BLOCKS, scorer=fuzz.ratio, score_cutoff=60)
                hint = f"did you mean '{guess[0]}'?" if guess else "the file holds 'office:' and, optionally, 'schedule:'"
                self.error(data.lines.get(key), f"'{key}' is not expected here; {hint}")
        values: dict[str, OfficeValue] = {}
        for key, raw in block.items():
            line = block.lines[key]
            if key not in OFFICE_FIELDS:
                guess = process.extractOne(str(key), OFFICE_FIELDS, scorer=fuzz.ratio, score_cutoff=60)
                hint = f"; did you mean '{guess[0]}'?" if guess else ""
                self.warn(line, f"'{key}' is not one of the usual office details{hint}", field=f"office.{key}")
            value = self._office_value(str(key), raw, line)
            if value is not None:
                values[str(key)] = value
        for key in OFFICE_FIELDS:
            if key not in values and key not in block:
                self.error(block.line, f"the office detail '{key}' is missing (write \"TODO\" if it is not known yet)", field=f"office.{key}")
        tz = values.get("time_zone")
        if tz is not None and not tz.placeholder:
            try:
                ZoneInfo(tz.value.en)
            except (ZoneInfoNotFoundError, ValueError):
                self.error(tz.line, f"'{tz.value.en}' is not a time zone name; use one like America/Los_Angeles", field="office.time_zone")
        return Office(values, self.file)

    def _office_value(self, key: str, raw: Any, line: int) -> OfficeValue | None:
        field = f"office.{key}"
        if isinstance(raw, list):
            raw = ", ".join(str(item) for item in raw)
        if isinstance(raw, (str, int)) and not isinstance(raw, bool):
            text = str(raw).strip()
            if not text:
                self.error(line, "this office detail is empty; write \"TODO\" if it is not known yet", field=field)
                return None
            return OfficeValue(PerLang(text, text), is_placeholder(text), line)
        if isinstance(raw, dict):
            texts: dict[Lang, str] = {}
            for lang in LANGS:
                item = raw.get(lang.value)
                if not isinstance(item, str) or not item.strip():
                    self.error(raw.lines.get(lang.value, line), f"the {LANG_NAMES[lang]} version is missing or empty", field=f"{field}.{lang.value}")
                    continue
                texts[lang] = item.strip()
            for other in raw:
                if other not in ("en", "es"):
                    self.error(raw.lines.get(other), f"'{other}' is not a language here; use 'en' or 'es'", field=f"{field}.{other}")
            if len(texts) != len(LANGS):
                return None
            return OfficeValue(
                PerLang(texts[Lang.EN], texts[Lang.ES]),
                any(is_placeholder(t) for t in texts.values()),
                line,
            )
        self.error(line, "this office detail must be text, or one text per language ('en:' and 'es:')", field=field)
        return None

    # -- consultation schedule -----------------------------------------------------------------

    def _schedule(self, data: LinedDict, office: Office) -> Schedule | None:
        """The optional 'schedule:' block of the office file; None when it is absent or has errors."""
        if "schedule" not in data:
            return None
        block = data["schedule"]
        line = data.lines["schedule"]
        if not isinstance(block, dict):
            self.error(
                line,
                "the consultation schedule needs its settings indented under 'schedule:' (see docs/faq-format.md)",
                field="schedule",
            )
            return None
        errors_before = self._error_count()
        self._unknown_fields(block, SCHEDULE_FIELDS, None, prefix="schedule.")
        for name in REQUIRED_SCHEDULE_FIELDS:
            if name not in block:
                self.error(line, f"the schedule setting '{name}' is missing", field=f"schedule.{name}")
        confirmed = self._schedule_confirmed(block, line)
        minutes = self._schedule_number(block, "consultation_minutes", "30", whole=True, smallest=1)
        capacity = self._schedule_number(block, "at_the_same_time", "1", whole=True, smallest=1, default=1)
        ahead = self._schedule_number(block, "book_ahead_days", "21", whole=True, smallest=1, largest=MAX_BOOK_AHEAD_DAYS)
        notice = self._schedule_number(block, "minimum_notice_hours", "4 or 1.5", whole=False, smallest=0, default=0)
        meetings = self._ways_to_meet(block)
        length = timedelta(minutes=minutes) if minutes is not None else None
        weekly = self._weekly_hours(block, length)
        closed = self._closed_dates(block)
        if self._error_count() > errors_before:
            return None
        try:
            ZoneInfo(office.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return None  # already reported under office.time_zone
        assert length is not None and capacity is not None and ahead is not None and notice is not None
        assert meetings is not None and weekly is not None and closed is not None and confirmed is not None
        return Schedule(
            time_zone=office.time_zone,
            length=length,
            weekly=weekly,
            closed=closed,
            capacity=int(capacity),
            ahead_days=int(ahead),
            min_notice=timedelta(hours=notice),
            meetings=meetings,
            confirmed=confirmed,
        )

    def _error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    def _schedule_confirmed(self, block: LinedDict, line: int) -> bool | None:
        draft = "the consultation schedule is a draft: the office has not confirmed it"
        if "confirmed" not in block:
            self.warn(line, f"{draft}; add 'confirmed: true' once the attorney has checked these hours", field="schedule.confirmed")
            return False
        value = block["confirmed"]
        if not isinstance(value, bool):
            self.error(block.lines["confirmed"], f"'confirmed' must be true or false, not '{value}'", field="schedule.confirmed")
            return None
        if not value:
            message = f"{draft}; set 'confirmed: true' once the attorney has checked these hours"
            self.warn(block.lines["confirmed"], message, field="schedule.confirmed")
        return value

    def _schedule_number(
        self,
        block: LinedDict,
        name: str,
        example: str,
        *,
        whole: bool,
        smallest: int,
        largest: int | None = None,
        default: float | None = None,
    ) -> float | None:
        if name not in block:
            return default
        value = block[name]
        line = block.lines[name]
        field = f"schedule.{name}"
        kinds = (int,) if whole else (int, float)
        kind = "a whole number" if whole else "a number"
        if not isinstance(value, kinds) or isinstance(value, bool) or value != value:  # value != value: .nan
            self.error(line, f"'{name}' must be {kind}, like {example}; not '{value}'", field=field)
            return None
        if value < smallest:
            least = "above 0" if smallest == 1 else f"{smallest} or more"
            self.error(line, f"'{name}' must be {least}, like {example}; not {value}", field=field)
            return None
        if largest is not None and value > largest:
            self.error(line, f"'{name}' can be at most {largest}, not {value}", field=field)
            return None
        return value

    def _ways_to_meet(self, block: LinedDict) -> tuple[Meeting, ...] | None:
        if "ways_to_meet" not in block:
            return None
        raw = block["ways_to_meet"]
        line = block.lines["ways_to_meet"]
        field = "schedule.ways_to_meet"
        allowed = ", ".join(m.value for m in Meeting)
        if isinstance(raw, str):
            items: list[tuple[Any, int]] = [(part.strip(), line) for part in raw.split(",")]
        elif isinstance(raw, list):
            items = list(zip(raw, raw.lines))
        else:
            self.error(line, f"'ways_to_meet' must be a list, like [{allowed}]", field=field)
            return None
        found: list[Meeting] = []
        ok = True
        for item, item_line in items:
            meeting = MEETING_NAMES.get(normalize(item)) if isinstance(item, str) else None
            if meeting is None:
                self.error(item_line, f"'{item}' is not a way to meet the bot knows; use {allowed}", field=field)
                ok = False
            elif meeting in found:
                self.warn(item_line, f"'{item}' is listed twice; once is enough", field=field)
            else:
                found.append(meeting)
        if ok and not found:
            self.error(line, f"'ways_to_meet' is empty; list at least one of {allowed}", field=field)
        return tuple(found) if ok and found else None

    def _weekly_hours(self, block: LinedDict, length: timedelta | None) -> tuple[tuple[tuple[time, time], ...], ...] | None:
        if "weekly_hours" not in block:
            return None
        raw = block["weekly_hours"]
        line = block.lines["weekly_hours"]
        field = "schedule.weekly_hours"
        if not isinstance(raw, dict):
            self.error(line, "'weekly_hours' needs one line per day, like: monday: [\"09:00-12:00\", \"13:00-17:00\"]", field=field)
            return None
        days: list[tuple[tuple[time, time], ...]] = [()] * 7
        named: dict[int, tuple[str, int]] = {}
        ok = True
        for key, value in raw.items():
            key_line = raw.lines[key]
            day_field = f"{field}.{key}"
            index = WEEKDAY_NAMES.get(normalize(str(key)))
            if index is None:
                guess = process.extractOne(normalize(str(key)), tuple(WEEKDAY_NAMES), scorer=fuzz.ratio, score_cutoff=60)
                hint = f"did you mean '{guess[0]}'?" if guess else "use monday to sunday, or lunes to domingo"
                self.error(key_line, f"'{key}' is not a day of the week; {hint}", field=day_field)
                ok = False
                continue
            if index in named:
                other, other_line = named[index]
                self.error(key_line, f"'{key}' is the same day as '{other}' on line {other_line}; keep one", field=day_field)
                ok = False
                continue
            named[index] = (str(key), key_line)
            periods = self._opening_periods(value, key_line, day_field, length)
            if periods is None:
                ok = False
            else:
                days[index] = periods
        if not ok:
            return None
        if not any(days):
            self.error(
                line,
                "no day has opening hours, so nobody could book; give at least one day its hours, like: monday: [\"09:00-17:00\"]",
                field=field,
            )
            return None
        return tuple(days)

    def _opening_periods(self, value: Any, line: int, field: str, length: timedelta | None) -> tuple[tuple[time, time], ...] | None:
        """One day's periods, in time order; None after reporting a problem."""
        if value is None:
            return ()
        if isinstance(value, str):
            if normalize(value) in CLOSED_WORDS:
                return ()
            items: list[tuple[Any, int]] = [(part.strip(), line) for part in value.split(",")]
        elif isinstance(value, list):
            items = list(zip(value, value.lines))
        else:
            example = '["09:00-12:00", "13:00-17:00"]'
            self.error(line, f"write the hours as a list, like {example}, or [] when closed; not '{value}'", field=field)
            return None
        periods: list[tuple[tuple[time, time], str, int]] = []
        ok = True
        for item, item_line in items:
            period = self._opening_period(item, item_line, field, length)
            if period is None:
                ok = False
            else:
                periods.append((period, str(item).strip(), item_line))
        periods.sort()
        for (earlier, earlier_text, _), (later, later_text, later_line) in zip(periods, periods[1:]):
            if later[0] < earlier[1]:
                self.error(later_line, f"'{later_text}' overlaps '{earlier_text}'; the periods of a day must not overlap", field=field)
                ok = False
        return tuple(period for period, _, _ in periods) if ok else None

    def _opening_period(self, item: Any, line: int, field: str, length: timedelta | None) -> tuple[time, time] | None:
        text = str(item).strip() if isinstance(item, (str, int)) and not isinstance(item, bool) else ""
        match = _TIME_RANGE.match(text)
        if match is None:
            self.error(line, f"'{item}' is not a time range; write start-end on the 24-hour clock, like \"09:00-17:00\"", field=field)
            return None
        start_hour, start_minute, end_hour, end_minute = (int(part) for part in match.groups())
        if max(start_hour, end_hour) > 23 or max(start_minute, end_minute) > 59:
            self.error(line, f"'{text}' has a time that does not exist; times run from 00:00 to 23:59", field=field)
            return None
        opens, closes = time(start_hour, start_minute), time(end_hour, end_minute)
        if closes <= opens:
            how = "starts and ends at the same time" if closes == opens else "ends before it starts"
            self.error(line, f"'{text}' {how}; use the 24-hour clock, where 5 pm is 17:00", field=field)
            return None
        if length is not None and datetime.combine(date.min, closes) - datetime.combine(date.min, opens) < length:
            minutes = int(length.total_seconds() // 60)
            self.error(line, f"'{text}' is shorter than one consultation ({minutes} minutes)", field=field)
            return None
        return opens, closes

    def _closed_dates(self, block: LinedDict) -> frozenset[date] | None:
        raw = block.get("closed_dates")
        if raw is None:
            return frozenset()
        line = block.lines["closed_dates"]
        field = "schedule.closed_dates"
        if isinstance(raw, (date, str)):
            items: list[tuple[Any, int]] = [(raw, line)]
        elif isinstance(raw, list):
            items = list(zip(raw, raw.lines))
        else:
            self.error(line, "'closed_dates' must be a list of dates, like [2026-12-24, 2026-12-25]", field=field)
            return None
        found: set[date] = set()
        ok = True
        for item, item_line in items:
            day = _as_date(item)
            if day is None:
                self.error(item_line, f"'{item}' is not a date; write it as YYYY-MM-DD, like 2026-12-25", field=field)
                ok = False
            else:
                found.add(day)
        return frozenset(found) if ok else None

    def _vocabulary(self, data: LinedDict) -> tuple[Synonym, ...]:
        for key in data:
            if key != "synonyms":
                self.error(data.lines.get(key), f"'{key}' is not expected here; the file holds one list, 'synonyms:'")
        raw = data.get("synonyms")
        if not isinstance(raw, list):
            self.error(data.line, "the file needs a 'synonyms:' list of {canonical, variants}")
            return ()
        synonyms: list[Synonym] = []
        owner: dict[str, tuple[str, int]] = {}
        for index, item in enumerate(raw):
            line = raw.lines[index]
            if not isinstance(item, dict):
                self.error(line, "each synonym needs 'canonical:' and 'variants:'")
                continue
            self._unknown_fields(item, ("canonical", "variants"), None)
            canonical = item.get("canonical")
            variants = item.get("variants")
            if not isinstance(canonical, str) or not normalize(canonical):
                self.error(line, "a synonym has no 'canonical' word", field="canonical")
                continue
            if not isinstance(variants, list) or not variants:
                self.error(item.lines.get("variants", line), f"'{canonical}' has no 'variants' list", field="variants")
                continue
            clean: list[str] = []
            for v_index, variant in enumerate(variants):
                v_line = variants.lines[v_index]
                text = normalize(str(variant)) if isinstance(variant, (str, int)) else ""
                if not text:
                    self.error(v_line, f"an empty variant under '{canonical}'", field="variants")
                    continue
                if not usable_variant(str(variant)):
                    self.warn(
                        v_line,
                        f"the variant '{variant}' reads as '{text}', a word in almost every message; it is ignored",
                        field="variants",
                    )
                    continue
                if text in owner and owner[text][0] != normalize(canonical):
                    self.error(
                        v_line,
                        f"'{variant}' is listed for both '{owner[text][0]}' (line {owner[text][1]}) and '{canonical}'; keep one",
                        field="variants",
                    )
                    continue
                owner[text] = (normalize(canonical), v_line)
                clean.append(str(variant))
            synonyms.append(Synonym(canonical, tuple(clean), self.file, line))
        return tuple(synonyms)


_UNREADABLE: Any = object()


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _raw_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _mentions_id(text: str, entry_id: str) -> bool:
    return re.search(rf"\bid:\s*['\"]?{re.escape(entry_id)}['\"]?\s*$", text, re.MULTILINE) is not None
