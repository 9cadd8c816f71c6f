"""Dates and times as people read them, in English and Spanish, always with the office's zone."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.dates import day_label, short_day_label, time_label, when_label, zone_label
from bot.model import Lang

LA = ZoneInfo("America/Los_Angeles")


@pytest.mark.parametrize(
    ("day", "en", "es"),
    [
        (date(2026, 12, 1), "Tuesday, December 1", "martes 1 de diciembre"),
        (date(2026, 12, 2), "Wednesday, December 2", "miércoles 2 de diciembre"),
        (date(2027, 1, 2), "Saturday, January 2", "sábado 2 de enero"),
        (date(2027, 3, 14), "Sunday, March 14", "domingo 14 de marzo"),
    ],
)
def test_day_label(day: date, en: str, es: str) -> None:
    assert day_label(day, Lang.EN) == en
    assert day_label(day, Lang.ES) == es


def test_short_day_label_for_buttons() -> None:
    assert short_day_label(date(2026, 12, 1), Lang.EN) == "Tue Dec 1"
    assert short_day_label(date(2026, 12, 2), Lang.ES) == "mié 2 dic"
    assert short_day_label(date(2027, 9, 30), Lang.ES) == "jue 30 sep"


@pytest.mark.parametrize(
    ("hour", "minute", "en", "es"),
    [
        (0, 0, "12:00 AM", "12:00 a. m."),
        (9, 5, "9:05 AM", "9:05 a. m."),
        (11, 59, "11:59 AM", "11:59 a. m."),
        (12, 0, "12:00 PM", "12:00 p. m."),
        (12, 30, "12:30 PM", "12:30 p. m."),
        (13, 0, "1:00 PM", "1:00 p. m."),
        (23, 45, "11:45 PM", "11:45 p. m."),
    ],
)
def test_time_label(hour: int, minute: int, en: str, es: str) -> None:
    moment = datetime(2026, 11, 30, hour, minute, tzinfo=LA)
    assert time_label(moment, Lang.EN) == en
    assert time_label(moment, Lang.ES) == es


def test_time_label_reads_the_wall_clock_of_the_moment_given() -> None:
    utc = datetime(2026, 11, 30, 18, 0, tzinfo=timezone.utc)
    assert time_label(utc, Lang.EN) == "6:00 PM"
    assert time_label(utc.astimezone(LA), Lang.EN) == "10:00 AM"


def test_zone_label_names_the_city_and_the_abbreviation_of_that_day() -> None:
    winter = datetime(2026, 11, 30, 10, tzinfo=LA)
    summer = datetime(2027, 3, 15, 9, tzinfo=LA)
    assert zone_label(winter, Lang.EN) == "Los Angeles time, PST"
    assert zone_label(winter, Lang.ES) == "hora de Los Ángeles, PST"
    assert zone_label(summer, Lang.EN) == "Los Angeles time, PDT"
    assert zone_label(datetime(2026, 11, 30, tzinfo=ZoneInfo("America/New_York")), Lang.ES) == "hora de Nueva York, EST"
    assert zone_label(datetime(2026, 11, 30, tzinfo=ZoneInfo("America/Mexico_City")), Lang.EN) == "Mexico City time, CST"
    assert zone_label(datetime(2026, 11, 30, tzinfo=timezone.utc), Lang.EN) == "UTC time, UTC"


def test_when_label() -> None:
    moment = datetime(2026, 12, 1, 10, 30, tzinfo=LA)
    assert when_label(moment, Lang.EN) == "Tuesday, December 1, 10:30 AM (Los Angeles time, PST)"
    assert when_label(moment, Lang.ES) == "martes 1 de diciembre, a las 10:30 a. m. (hora de Los Ángeles, PST)"


def test_when_label_across_the_spring_change() -> None:
    before = datetime(2027, 3, 13, 9, tzinfo=LA)
    after = datetime(2027, 3, 15, 9, tzinfo=LA)
    assert when_label(before, Lang.EN).endswith("9:00 AM (Los Angeles time, PST)")
    assert when_label(after, Lang.EN).endswith("9:00 AM (Los Angeles time, PDT)")


def test_spanish_says_a_la_una() -> None:
    one = datetime(2026, 12, 1, 13, 0, tzinfo=LA)
    assert when_label(one, Lang.ES) == "martes 1 de diciembre, a la 1:00 p. m. (hora de Los Ángeles, PST)"
    assert ", a las 2:00 p. m." in when_label(one.replace(hour=14), Lang.ES)
