"""The .ics file: RFC 5545 escaping, folding at 75 octets, CRLF, times in UTC."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.calendar_file import LINE_OCTETS, escape_text, event_file, fold

LA = ZoneInfo("America/Los_Angeles")


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("plain text", "plain text"),
        ("1 Test Street, Van Nuys, CA", "1 Test Street\\, Van Nuys\\, CA"),
        ("a;b", "a\\;b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("windows\r\nlines", "windows\\nlines"),
        ("\\,", "\\\\\\,"),  # the backslash first, so the comma's own escape is not doubled
        ("Día: año", "Día: año"),
    ],
)
def test_escape_text(value: str, escaped: str) -> None:
    assert escape_text(value) == escaped


def test_a_short_line_is_not_folded() -> None:
    assert fold("SUMMARY:short") == "SUMMARY:short"
    assert fold("x" * LINE_OCTETS) == "x" * LINE_OCTETS
    assert fold("") == ""


def test_a_line_one_octet_too_long_is_folded() -> None:
    assert fold("x" * 76) == "x" * 75 + "\r\n x"


def test_long_lines_fold_into_pieces_of_at_most_75_octets() -> None:
    line = "DESCRIPTION:" + "abcdefghij" * 30
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert len(pieces) == 5
    assert all(len(p.encode("utf-8")) <= LINE_OCTETS for p in pieces)
    assert len(pieces[0]) == 75 and all(p.startswith(" ") and len(p) == 75 for p in pieces[1:-1])
    assert unfold(folded) == line


@pytest.mark.parametrize("char", ["é", "ñ", "€", "🙂"])
def test_folding_never_splits_a_character(char: str) -> None:
    line = "DESCRIPTION:" + char * 100
    pieces = fold(line).split("\r\n")
    for piece in pieces:
        encoded = piece.encode("utf-8")
        assert len(encoded) <= LINE_OCTETS
        assert encoded.decode("utf-8") == piece  # each physical line is whole UTF-8
    assert unfold(fold(line)) == line


def make(**changes: object) -> str:
    values: dict[str, object] = {
        "uid": "consultation-7-20261129T180000@immigration-bot",
        "start": datetime(2026, 11, 30, 10, 0, tzinfo=LA),
        "end": datetime(2026, 11, 30, 10, 30, tzinfo=LA),
        "summary": "Free consultation: Law Office, Inc.",
        "description": "Phone call. To move or cancel it, write /mybooking to the bot.",
        "location": "",
        "stamp": datetime(2026, 11, 29, 18, 5, 9, tzinfo=timezone.utc),
    }
    values.update(changes)
    content = event_file(**values)  # type: ignore[arg-type]
    assert isinstance(content, bytes)
    return content.decode("utf-8")


def test_event_file_structure_and_utc_times() -> None:
    text = make()
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = unfold(text).split("\r\n")[:-1]
    assert lines[:6] == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//immigration-faq-bot//booking//EN", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "BEGIN:VEVENT",
    ]
    assert lines[-3:] == ["END:VALARM", "END:VEVENT", "END:VCALENDAR"]
    assert "UID:consultation-7-20261129T180000@immigration-bot" in lines
    assert "DTSTART:20261130T180000Z" in lines and "DTEND:20261130T183000Z" in lines  # 10:00 PST is 18:00 UTC
    assert "DTSTAMP:20261129T180509Z" in lines
    assert "SUMMARY:Free consultation: Law Office\\, Inc." in lines
    assert "DESCRIPTION:Phone call. To move or cancel it\\, write /mybooking to the bot." in lines
    assert "TRIGGER:-PT1H" in lines and "ACTION:DISPLAY" in lines
    assert not any(line.startswith("LOCATION") for line in lines)
    assert all(len(line.encode("utf-8")) <= LINE_OCTETS for line in text.split("\r\n"))


def test_event_file_in_summer_time_and_with_a_location() -> None:
    text = make(
        start=datetime(2027, 3, 15, 9, tzinfo=LA),
        end=datetime(2027, 3, 15, 9, 30, tzinfo=LA),
        location="14545 Victory Blvd, Suite 200; Van Nuys, CA 91411",
    )
    lines = unfold(text).split("\r\n")
    assert "DTSTART:20270315T160000Z" in lines  # PDT: seven hours behind
    assert "LOCATION:14545 Victory Blvd\\, Suite 200\\; Van Nuys\\, CA 91411" in lines


def test_event_file_spanish_text_is_utf8_and_folded_whole() -> None:
    description = "Por teléfono. Para cambiarla o cancelarla, escriba /micita al bot. " * 3
    text = make(summary="Consulta gratis: Oficina Jurídica Núñez", description=description)
    assert "SUMMARY:Consulta gratis: Oficina Jurídica Núñez" in unfold(text).split("\r\n")
    assert escape_text(description) in unfold(text)
    assert all(len(line.encode("utf-8")) <= LINE_OCTETS for line in text.split("\r\n"))
