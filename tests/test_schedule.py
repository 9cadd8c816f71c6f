"""Consultation slots: weekly hours in the office's zone, closed days, capacity, notice, range, DST."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import Meeting, Schedule, free_days, free_slots, is_bookable, slots_on

UTC = timezone.utc
LA = ZoneInfo("America/Los_Angeles")
OFFICE_HOURS = ((time(9), time(12)), (time(13), time(17)))
NIGHT = ((time(1), time(4)),)  # open across the hour the clocks change
CLOSED = ()
WEEKDAYS_ONLY = (OFFICE_HOURS,) * 5 + (CLOSED, CLOSED)
EVERY_NIGHT = (NIGHT,) * 7

MONDAY = date(2026, 11, 30)
SPRING_FORWARD = date(2027, 3, 14)  # 02:00 PST becomes 03:00 PDT
FALL_BACK = date(2026, 11, 1)  # 02:00 PDT becomes 01:00 PST


def make(**changes: object) -> Schedule:
    schedule = Schedule(
        time_zone="America/Los_Angeles",
        length=timedelta(minutes=30),
        weekly=WEEKDAYS_ONLY,
        closed=frozenset(),
        capacity=1,
        ahead_days=14,
        min_notice=timedelta(0),
        meetings=tuple(Meeting),
        confirmed=True,
    )
    return replace(schedule, **changes)  # type: ignore[arg-type]


def local(day: date, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, fold=fold, tzinfo=LA)


def wall(slots: list[datetime]) -> list[str]:
    return [s.strftime("%H:%M %Z") for s in slots]


def utc(slots: list[datetime]) -> list[str]:
    return [s.astimezone(UTC).strftime("%H:%M") for s in slots]


# -- slots of a day --------------------------------------------------------------------------


def test_slots_follow_the_weekly_hours_in_the_office_zone() -> None:
    slots = slots_on(make(), MONDAY)
    assert len(slots) == 14
    assert wall(slots[:7]) == [f"{h:02d}:{m:02d} PST" for h in (9, 10, 11) for m in (0, 30)] + ["13:00 PST"]
    assert slots[-1] == local(MONDAY, 16, 30)
    assert all(s.tzinfo is LA for s in slots)
    assert slots[0].astimezone(UTC) == datetime(2026, 11, 30, 17, tzinfo=UTC)


def test_a_day_without_hours_has_no_slots() -> None:
    assert slots_on(make(), date(2026, 12, 5)) == []  # a Saturday


def test_a_slot_must_end_by_the_end_of_its_period() -> None:
    schedule = make(weekly=(((time(9), time(10, 45)),),) * 7, length=timedelta(minutes=30))
    assert wall(slots_on(schedule, MONDAY)) == ["09:00 PST", "09:30 PST", "10:00 PST"]


def test_the_office_zone_decides_the_wall_clock() -> None:
    madrid = make(time_zone="Europe/Madrid")
    assert madrid.zone == ZoneInfo("Europe/Madrid")
    assert slots_on(madrid, MONDAY)[0].astimezone(UTC) == datetime(2026, 11, 30, 8, tzinfo=UTC)


# -- daylight saving -------------------------------------------------------------------------


def test_spring_forward_skips_the_hour_that_does_not_exist() -> None:
    slots = slots_on(make(weekly=EVERY_NIGHT), SPRING_FORWARD)
    assert wall(slots) == ["01:00 PST", "01:30 PST", "03:00 PDT", "03:30 PDT"]
    assert utc(slots) == ["09:00", "09:30", "10:00", "10:30"]


def test_fall_back_gives_each_instant_once() -> None:
    slots = slots_on(make(weekly=EVERY_NIGHT), FALL_BACK)
    assert wall(slots) == ["01:00 PDT", "01:30 PDT", "02:00 PST", "02:30 PST", "03:00 PST", "03:30 PST"]
    instants = [s.astimezone(UTC) for s in slots]
    assert instants == sorted(set(instants))


def test_fall_back_booking_in_the_repeated_hour_is_told_apart() -> None:
    schedule = make(weekly=EVERY_NIGHT)
    now = datetime(2026, 10, 31, 12, tzinfo=UTC)
    second_half_past_one = local(FALL_BACK, 1, 30, fold=1)  # 01:30 PST, 09:30 UTC: not a slot
    first_half_past_one = local(FALL_BACK, 1, 30)  # 01:30 PDT, 08:30 UTC: the slot
    # In one zone, Python compares these two as equal (it ignores fold); as instants they are not.
    assert "08:30" in utc(free_slots(schedule, now, {second_half_past_one: 1}, FALL_BACK))
    assert "08:30" not in utc(free_slots(schedule, now, {first_half_past_one: 1}, FALL_BACK))
    assert not is_bookable(schedule, now, {}, second_half_past_one)
    assert is_bookable(schedule, now, {}, first_half_past_one)


def test_notice_counts_elapsed_time_across_fall_back() -> None:
    schedule = make(weekly=EVERY_NIGHT, min_notice=timedelta(hours=2))
    now = local(FALL_BACK, 0, 30)  # 07:30 UTC; two hours later it is 01:30 PST, not 02:30
    assert wall(free_slots(schedule, now, {}, FALL_BACK)) == ["02:00 PST", "02:30 PST", "03:00 PST", "03:30 PST"]


def test_notice_counts_elapsed_time_across_spring_forward() -> None:
    schedule = make(weekly=EVERY_NIGHT, min_notice=timedelta(hours=1))
    now = datetime(2027, 3, 14, 8, 30, tzinfo=UTC)  # 00:30 PST
    assert wall(free_slots(schedule, now, {}, SPRING_FORWARD)) == ["01:30 PST", "03:00 PDT", "03:30 PDT"]


# -- what can be booked ----------------------------------------------------------------------


def test_local_today_is_the_office_day_not_the_utc_day() -> None:
    schedule = make(ahead_days=1)
    now = datetime(2026, 12, 1, 7, tzinfo=UTC)  # Monday 30 November, 23:00 in Los Angeles
    assert free_days(schedule, now, {}, limit=5) == [date(2026, 12, 1)]
    assert free_slots(schedule, now, {})[0] == local(date(2026, 12, 1), 9)


def test_minimum_notice_is_inclusive() -> None:
    schedule = make(min_notice=timedelta(hours=4))
    assert free_slots(schedule, local(MONDAY, 10), {}, MONDAY)[0] == local(MONDAY, 14)
    assert free_slots(schedule, local(MONDAY, 10, 10), {}, MONDAY)[0] == local(MONDAY, 14, 30)
    assert free_slots(schedule, local(MONDAY, 13), {}, MONDAY) == []


def test_booking_range_ends_with_the_last_local_day() -> None:
    schedule = make(ahead_days=2)
    now = local(MONDAY, 8)
    slots = free_slots(schedule, now, {})
    assert {s.date() for s in slots} == {MONDAY, MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)}
    assert slots[-1] == local(MONDAY + timedelta(days=2), 16, 30)
    assert free_slots(schedule, now, {}, MONDAY + timedelta(days=3)) == []
    assert free_slots(schedule, now, {}, MONDAY - timedelta(days=1)) == []


def test_closed_dates_have_no_free_slots() -> None:
    schedule = make(closed=frozenset({MONDAY + timedelta(days=1)}))
    now = local(MONDAY, 8)
    assert free_slots(schedule, now, {}, MONDAY + timedelta(days=1)) == []
    assert slots_on(schedule, MONDAY + timedelta(days=1)) != []  # slots_on ignores closures on purpose
    assert free_days(schedule, now, {}, limit=3) == [MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=3)]


def test_capacity_counts_bookings_as_instants_in_any_zone() -> None:
    schedule = make(capacity=2)
    now = local(MONDAY, 8)
    nine = local(MONDAY, 9)
    assert nine in free_slots(schedule, now, {nine.astimezone(UTC): 1}, MONDAY)
    for key in (nine, nine.astimezone(UTC), nine.astimezone(ZoneInfo("Asia/Tokyo"))):
        full = {key: 2}
        assert nine not in free_slots(schedule, now, full, MONDAY)
        assert local(MONDAY, 9, 30) in free_slots(schedule, now, full, MONDAY)
        assert not is_bookable(schedule, now, full, nine.astimezone(UTC))


def test_free_days_skip_full_days_weekends_and_stop_at_the_limit() -> None:
    schedule = make(ahead_days=30)
    now = local(MONDAY, 8)
    monday_full = {slot: 1 for slot in slots_on(schedule, MONDAY)}
    days = free_days(schedule, now, monday_full, limit=5)
    assert days == [date(2026, 12, d) for d in (1, 2, 3, 4, 7)]
    assert free_days(schedule, now, {}, limit=0) == []


def test_is_bookable_accepts_only_free_slot_starts() -> None:
    schedule = make(min_notice=timedelta(hours=1))
    now = local(MONDAY, 9)
    assert is_bookable(schedule, now, {}, local(MONDAY, 10).astimezone(UTC))
    assert not is_bookable(schedule, now, {}, local(MONDAY, 9, 30))  # too soon
    assert not is_bookable(schedule, now, {}, local(MONDAY, 10, 15))  # not a slot start
    assert not is_bookable(schedule, now, {}, local(MONDAY, 12))  # lunch
    assert not is_bookable(schedule, now, {local(MONDAY, 10): 1}, local(MONDAY, 10))
    assert not is_bookable(schedule, now, {}, local(MONDAY + timedelta(days=15), 10))  # too far ahead


def test_a_whole_quarter_ahead_is_cheap() -> None:
    schedule = make(ahead_days=90)
    now = local(MONDAY, 8)
    slots = free_slots(schedule, now, {})
    assert len(slots) == len(set(slots)) == 14 * 65  # 65 weekdays in 91 days from a Monday
    assert len(free_days(schedule, now, {}, limit=7)) == 7


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        free_slots(make(), datetime(2026, 11, 30, 9), {})
    with pytest.raises(ValueError, match="aware"):
        free_slots(make(), local(MONDAY, 8), {datetime(2026, 11, 30, 9): 1})


def test_a_schedule_needs_seven_days() -> None:
    with pytest.raises(ValueError, match="7 days"):
        make(weekly=(OFFICE_HOURS,) * 5)
