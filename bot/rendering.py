"""Turning an entry into the text a user reads: office values filled in, sources and date added."""

from __future__ import annotations

import re

from bot.model import Entry, Lang, Office
from bot.texts import say

OFFICE_REFERENCE = "office"
_REFERENCE = re.compile(r"\{\s*office\.([a-z_]+)\s*\}")
_LONGEST_PLACEHOLDER = "x" * 120  # stands in for an office value when measuring the longest answer
SOURCES_SHOWN = 3  # on a phone in a hurry, the first (official) sources; staff order them


def office_value(office: Office, key: str, lang: Lang) -> str:
    """An office detail in `lang`, or a neutral 'ask the office' while it is still a TODO."""
    value = office.values.get(key)
    if value is None or value.placeholder:
        return say("office_unknown", lang)
    return value.value[lang]


def contact_office_text(office: Office, key: str, lang: Lang) -> str:
    """A text of `texts` that tells how to reach the office ({office_name}, {phone}, {hours}, {address})."""
    values = {name: office_value(office, field, lang) for name, field in CONTACT_SLOTS}
    return say(key, lang, **values)


CONTACT_SLOTS = (("office_name", "name"), ("phone", "phone"), ("hours", "hours"), ("address", "address"))


def fill_office(text: str, office: Office, lang: Lang, longest: bool = False) -> str:
    """Replace every {office.name} in `text`. Unknown names stay as written (the validator reports them)."""

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in office.values:
            return match.group(0)
        if longest:
            return max(office_value(office, key, lang), _LONGEST_PLACEHOLDER, key=len)
        return office_value(office, key, lang)

    return _REFERENCE.sub(replace, text)


def answer_body(entry: Entry, office: Office, lang: Lang, longest: bool = False) -> str:
    return fill_office(entry.answer[lang], office, lang, longest)


def source_lines(entry: Entry, lang: Lang) -> str:
    lines = [say("sources", lang)]
    lines.extend(f"- {source.title}: {source.url}" for source in entry.sources[:SOURCES_SHOWN])
    if len(entry.sources) > SOURCES_SHOWN:
        lines.append(say("more_sources", lang, count=str(len(entry.sources) - SOURCES_SHOWN)))
    key = "time_sensitive" if entry.time_sensitive else "reviewed"
    lines.append(say(key, lang, date=entry.reviewed.isoformat()))
    return "\n".join(lines)


def render_answer(entry: Entry, office: Office, lang: Lang, longest: bool = False) -> str:
    """The whole message as the user sees it, in plain text."""
    return f"{entry.title[lang]}\n\n{answer_body(entry, office, lang, longest)}\n\n{source_lines(entry, lang)}"
