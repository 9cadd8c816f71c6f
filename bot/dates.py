"""Dates and times as people read them, in each language, without relying on the machine's locale.

Every time shown to a user is in the office's time zone and says so: someone booking from another
state must not be an hour off.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from bot.model import Lang

WEEKDAYS: Final[dict[Lang, tuple[str, ...]]] = {
    Lang.EN: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    Lang.ES: ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
MONTHS: Final[dict[Lang, tuple[str, ...]]] = {
    Lang.EN: (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    Lang.ES: (
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    ),
}


def day_label(day: date, lang: Lang) -> str:
    """'Tuesday, December 1' / 'martes 1 de diciembre'."""
    weekday = WEEKDAYS[lang][day.weekday()]
    month = MONTHS[lang][day.month - 1]
    if lang is Lang.ES:
        return f"{weekday} {day.day} de {month}"
    return f"{weekday}, {month} {day.day}"


def short_day_label(day: date, lang: Lang) -> str:
    """'Tue Dec 1' / 'mar 1 dic': for buttons, where room is short."""
    weekday = WEEKDAYS[lang][day.weekday()][:3]
    month = MONTHS[lang][day.month - 1][:3]
    if lang is Lang.ES:
        return f"{weekday} {day.day} {month}"
    return f"{weekday} {month} {day.day}"


def time_label(moment: datetime, lang: Lang) -> str:
    """'10:30 AM' / '10:30 a. m.' (the caller has already put `moment` in the office's zone)."""
    hour = moment.hour % 12 or 12
    if lang is Lang.ES:
        suffix = "a. m." if moment.hour < 12 else "p. m."
    else:
        suffix = "AM" if moment.hour < 12 else "PM"
    return f"{hour}:{moment.minute:02d} {suffix}"


def zone_label(moment: datetime, lang: Lang) -> str:
    """'Los Angeles time, PST' / 'hora de Los Ángeles, PST': the city of the zone and its abbreviation."""
    key = getattr(moment.tzinfo, "key", "") or ""
    city = key.rsplit("/", 1)[-1].replace("_", " ") or "UTC"
    if lang is Lang.ES:
        city = SPANISH_CITY_NAMES.get(city, city)
        return f"hora de {city}, {moment.tzname()}"
    return f"{city} time, {moment.tzname()}"


SPANISH_CITY_NAMES: Final = {"Los Angeles": "Los Ángeles", "New York": "Nueva York"}


def when_label(moment: datetime, lang: Lang) -> str:
    """The full date and time with its zone: 'Tuesday, December 1, 10:30 AM (Los Angeles time, PST)'."""
    separator = ", " if lang is Lang.EN else (", a la " if moment.hour % 12 == 1 else ", a las ")
    return f"{day_label(moment.date(), lang)}{separator}{time_label(moment, lang)} ({zone_label(moment, lang)})"
