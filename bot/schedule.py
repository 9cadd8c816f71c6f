"""The office's consultation schedule and the slots it leaves free, as pure functions of the clock.

Slots are built from local wall-clock times in the office's time zone, so "09:00" stays 09:00 on
both sides of a daylight-saving change. A wall-clock time that does not exist that day (the
spring-forward gap) gives no slot; a time that happens twice (the fall-back hour) gives one slot,
at its first occurrence. Everything compared with `now` or with bookings is compared as an
instant, whatever zone it carries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import Enum
from zoneinfo import ZoneInfo

WEEKDAYS = 7
_UTC = timezone.utc


class Meeting(str, Enum):
    """The ways to meet for a consultation."""

    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"


@dataclass(frozen=True)
class Schedule:
    """When the office gives consultations: opening periods per weekday, closed days and booking limits."""

    time_zone: str
    length: timedelta
    weekly: tuple[tuple[tuple[time, time], ...], ...]
    closed: frozenset[date]
    capacity: int
    ahead_days: int
    min_notice: timedelta
    meetings: tuple[Meeting, ...]
    confirmed: bool

    def __post_init__(self) -> None:
        # The loader reports staff mistakes in plain words; reaching these is a bug in the caller.
        if len(self.weekly) != WEEKDAYS:
            raise ValueError(f"weekly needs {WEEKDAYS} days, Monday first, not {len(self.weekly)}")
        if self.length <= timedelta(0):
            raise ValueError("length must be positive")
        if self.capacity < 1 or self.ahead_days < 0 or self.min_notice < timedelta(0):
            raise ValueError("capacity must be at least 1, ahead_days and min_notice not negative")
        ZoneInfo(self.time_zone)  # an unknown zone fails here, not at the first button press

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)  # ZoneInfo keeps one instance per name: cheap


def slots_on(schedule: Schedule, day: date) -> list[datetime]:
    """Every slot start on that local day (aware datetimes in the office zone), ignoring bookings and notice."""
    return [local for _, local in _slots(schedule, day)]


def free_slots(
    schedule: Schedule, now: datetime, taken: Mapping[datetime, int], day: date | None = None
) -> list[datetime]:
    """Bookable starts: from now + min_notice to the end of local day today + ahead_days.

    Closed days give none, and a start is free while fewer than `capacity` bookings hold it. `taken`
    may be keyed in any zone; keys are compared as instants. With `day`, only that local day.
    """
    window = _Window.of(schedule, now)
    booked = _booked(taken)
    days = window.days() if day is None else [day] if window.first <= day <= window.last else []
    return [local for d in days for _, local in _free(schedule, d, window.earliest, booked)]


def free_days(schedule: Schedule, now: datetime, taken: Mapping[datetime, int], limit: int) -> list[date]:
    """The first `limit` local days that have at least one free slot."""
    window = _Window.of(schedule, now)
    booked = _booked(taken)
    found: list[date] = []
    for day in window.days():
        if len(found) >= limit:
            break
        if next(_free(schedule, day, window.earliest, booked), None) is not None:
            found.append(day)
    return found


def is_bookable(schedule: Schedule, now: datetime, taken: Mapping[datetime, int], start: datetime) -> bool:
    """Whether `start` (aware, any zone) is one of the free slots right now: check again before booking."""
    target = _instant(start, "start")
    window = _Window.of(schedule, now)
    day = target.astimezone(schedule.zone).date()
    if not window.first <= day <= window.last:
        return False
    return any(instant == target for instant, _ in _free(schedule, day, window.earliest, _booked(taken)))


@dataclass(frozen=True)
class _Window:
    """The bookable range seen from `now`: the earliest instant and the first and last local days."""

    earliest: datetime
    first: date
    last: date

    @classmethod
    def of(cls, schedule: Schedule, now: datetime) -> _Window:
        # In UTC, adding the notice adds elapsed time; on a zoned datetime it would add wall-clock time.
        now_utc = _instant(now, "now")
        earliest = now_utc + schedule.min_notice
        zone = schedule.zone
        today = now_utc.astimezone(zone).date()
        return cls(earliest, max(today, earliest.astimezone(zone).date()), today + timedelta(days=schedule.ahead_days))

    def days(self) -> Iterator[date]:
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)


def _slots(schedule: Schedule, day: date) -> list[tuple[datetime, datetime]]:
    """(UTC instant, local start) of every slot on the day, in time order, each instant once."""
    zone = schedule.zone
    found: dict[datetime, datetime] = {}
    for opens, closes in schedule.weekly[day.weekday()]:
        wall = datetime.combine(day, opens)
        end = datetime.combine(day, closes)
        while wall + schedule.length <= end:
            local = wall.replace(tzinfo=zone)  # fold=0: the first of a repeated wall-clock time
            instant = local.astimezone(_UTC)
            if instant.astimezone(zone).replace(tzinfo=None) == wall:  # otherwise it is in the gap
                found.setdefault(instant, local)
            wall += schedule.length
    return sorted(found.items())


def _free(schedule: Schedule, day: date, earliest: datetime, booked: Mapping[datetime, int]) -> Iterator[tuple[datetime, datetime]]:
    if day in schedule.closed:
        return
    for instant, local in _slots(schedule, day):
        if instant >= earliest and booked.get(instant, 0) < schedule.capacity:
            yield instant, local


def _booked(taken: Mapping[datetime, int]) -> dict[datetime, int]:
    """Bookings per UTC instant: equality between zoned datetimes ignores `fold`, UTC has none."""
    booked: dict[datetime, int] = {}
    for start, count in taken.items():
        instant = _instant(start, "a key of taken")
        booked[instant] = booked.get(instant, 0) + count
    return booked


def _instant(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, not {moment!r}")
    return moment.astimezone(_UTC)
