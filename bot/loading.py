"""Turning the staff-edited YAML files under faq/ into a `Faq`, reporting every mistake at once.

The loader checks the shape of each file (fields, types, languages, dates, URLs). Checks that need
the whole FAQ (duplicate ids, links between entries, office names in answers, staleness, collisions)
live in `validation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

from bot.model import LANGS, Category, Entry, Faq, Lang, Office, OfficeValue, PerLang, Source, Synonym
from bot.problems import Problem, Severity
from bot.text import normalize
from bot.vocabulary import usable_variant
from bot.yamlfile import LinedDict, LinedList, line_of, parse

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
)
OPTIONAL_ENTRY_FIELDS = frozenset({"keywords", "related"})
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
        faq = Faq(tuple(categories), tuple(entries), office, synonyms)
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

    def _unknown_fields(self, data: LinedDict, allowed: tuple[str, ...], entry_id: str | None) -> None:
        for key in data:
            if key in allowed:
                continue
            guess = process.extractOne(str(key), allowed, scorer=fuzz.ratio, score_cutoff=60)
            hint = f"; did you mean '{guess[0]}'?" if guess else f"; the fields are: {', '.join(allowed)}"
            self.error(data.lines.get(key), f"'{key}' is not a field the FAQ knows{hint}", entry_id, str(key))

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
        line = data.lines[name]
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(line, f"'{value}' is not a date; write it as YYYY-MM-DD, like 2026-11-28", entry_id, name)
        return None

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

    # -- office and vocabulary -----------------------------------------------------------------

    def _office(self, data: LinedDict) -> Office:
        block = data.get("office")
        if not isinstance(block, dict):
            self.error(data.line, "the file must start with 'office:' and the office's details under it")
            return Office({}, self.file)
        for key in data:
            if key != "office":
                self.error(data.lines.get(key), f"'{key}' is not expected here; put everything under 'office:'")
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
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
            synonyms.append(Synonym(canonical, tuple(clean)))
        return tuple(synonyms)


_UNREADABLE: Any = object()


def _raw_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _mentions_id(text: str, entry_id: str) -> bool:
    return re.search(rf"\bid:\s*['\"]?{re.escape(entry_id)}['\"]?\s*$", text, re.MULTILINE) is not None
