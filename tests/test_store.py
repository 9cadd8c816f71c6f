"""One contract, every store: what the conversation core relies on."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.assistant import Session
from bot.booking import Draft, Step
from bot.bookings import Booking, NoticeKind, Reminder, Status
from bot.model import Lang
from bot.schedule import Meeting
from bot.store import MemoryStore, SqliteStore, Store


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    return MemoryStore() if request.param == "memory" else SqliteStore(tmp_path / "db" / "bot.sqlite3")


def test_unknown_user_has_no_session(store: Store) -> None:
    assert store.load(1) is None and store.rows_about(1) == 0


def test_save_load_overwrite(store: Store) -> None:
    store.save(1, Session(lang=Lang.ES, preferred=None, disclaimer_shown=True))
    store.save(2, Session(lang=Lang.EN))
    store.save(1, Session(lang=Lang.EN, preferred=Lang.ES, disclaimer_shown=True))
    assert store.load(1) == Session(lang=Lang.EN, preferred=Lang.ES, disclaimer_shown=True)
    assert store.load(2) == Session(lang=Lang.EN)


def test_delete_user_removes_only_that_user(store: Store) -> None:
    store.save(1, Session(lang=Lang.ES))
    store.save(2, Session(lang=Lang.EN))
    store.delete_user(1)
    store.delete_user(99)  # deleting someone unknown is fine
    assert store.rows_about(1) == 0 and store.load(1) is None
    assert store.load(2) == Session(lang=Lang.EN)


def test_sqlite_schema_is_idempotent_and_data_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    SqliteStore(path).save(7, Session(lang=Lang.ES, preferred=Lang.ES))
    again = SqliteStore(path)
    assert again.load(7) == Session(lang=Lang.ES, preferred=Lang.ES)
    with closing(sqlite3.connect(path)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= {"sessions", "unanswered", "feedback"}


def test_unanswered_questions_are_listed_purged_and_deleted_with_the_user(store: Store) -> None:
    from datetime import datetime, timezone

    from bot.store import Unanswered

    old = datetime(2026, 8, 1, tzinfo=timezone.utc)
    new = datetime(2026, 11, 27, tzinfo=timezone.utc)
    store.add_unanswered(1, Unanswered("can i get [phone]", "bond", Lang.EN, old))
    store.add_unanswered(1, Unanswered("que hago con [date]", None, Lang.ES, new))
    store.add_unanswered(2, Unanswered("other", "tps", Lang.EN, new))
    assert [u.text for u in store.unanswered_since(datetime(2026, 11, 1, tzinfo=timezone.utc))] == ["que hago con [date]", "other"]
    assert store.purge_unanswered(datetime(2026, 9, 1, tzinfo=timezone.utc)) == 1
    store.delete_user(1)
    assert store.rows_about(1) == 0
    assert [u.text for u in store.unanswered_since(old)] == ["other"]


def test_feedback_is_counted_per_entry(store: Store) -> None:
    store.add_feedback("bond", up=True)
    store.add_feedback("bond", up=True)
    store.add_feedback("bond", up=False)
    store.add_feedback("tps", up=False)
    assert store.feedback() == {"bond": (2, 1), "tps": (0, 1)}


def test_answers_are_counted_per_day_band_and_entry(store: Store) -> None:
    from datetime import date

    store.count_answer(date(2026, 11, 1), "answer", "bond")
    store.count_answer(date(2026, 11, 27), "answer", "bond")
    store.count_answer(date(2026, 11, 27), "none", None)
    assert store.answers_since(date(2026, 11, 20)) == {("answer", "bond"): 1, ("none", "-"): 1}
    assert store.answers_since(date(2026, 10, 1))[("answer", "bond")] == 2


# -- bookings: one contract for both stores ---------------------------------------------------------

UTC = timezone.utc
LA = ZoneInfo("America/Los_Angeles")
T0 = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)  # Monday, 10:00 in Los Angeles
BOOKED_AT = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def consultation(user_id: int, start: datetime, minutes: int = 30, **changes: object) -> Booking:
    booking = Booking(
        id=0, user_id=user_id, chat_id=user_id * 10, name=f"Person {user_id}", phone="+18185550100", username="",
        meeting=Meeting.PHONE, start=start, end=start + timedelta(minutes=minutes), topic="court", court_soon=True,
        urgent=True, lang=Lang.ES, status=Status.BOOKED, created_at=BOOKED_AT,
    )
    return replace(booking, **changes)  # type: ignore[arg-type]


def test_book_returns_the_stored_booking_with_an_id(store: Store) -> None:
    first = store.book(consultation(1, T0), capacity=1)
    second = store.book(consultation(2, T0 + timedelta(hours=1), court_soon=None, topic=None, urgent=False), capacity=1)
    assert first is not None and second is not None and first.id != second.id and first.id > 0
    assert first == replace(consultation(1, T0), id=first.id)
    assert store.booking(first.id) == first and store.booking(second.id) == second
    assert store.booking(second.id).court_soon is None  # type: ignore[union-attr]
    assert store.booking(999) is None


def test_book_up_to_capacity_then_none(store: Store) -> None:
    assert store.book(consultation(1, T0), capacity=2) is not None
    assert store.book(consultation(2, T0), capacity=2) is not None
    assert store.book(consultation(3, T0), capacity=2) is None
    assert store.book(consultation(3, T0), capacity=3) is not None
    assert len(store.bookings_between(T0, T0 + timedelta(minutes=1))) == 3


@pytest.mark.parametrize(
    ("start", "minutes", "fits"),
    [
        (T0 + timedelta(minutes=15), 30, False),  # overlaps the second half
        (T0 - timedelta(minutes=15), 30, False),  # overlaps the first half
        (T0 + timedelta(minutes=10), 10, False),  # inside
        (T0 - timedelta(minutes=30), 90, False),  # around
        (T0 + timedelta(minutes=30), 30, True),  # starts when it ends
        (T0 - timedelta(minutes=30), 30, True),  # ends when it starts
    ],
)
def test_overlapping_bookings_count_against_capacity(store: Store, start: datetime, minutes: int, fits: bool) -> None:
    assert store.book(consultation(1, T0), capacity=1) is not None
    assert (store.book(consultation(2, start, minutes), capacity=1) is not None) is fits


def test_only_active_bookings_hold_their_slot(store: Store) -> None:
    for user_id, status in enumerate((Status.CANCELLED, Status.DONE, Status.NO_SHOW), start=1):
        assert store.book(consultation(user_id, T0, status=status), capacity=1) is not None
    confirmed = store.book(consultation(4, T0), capacity=1)
    assert confirmed is not None
    store.set_status(confirmed.id, Status.CONFIRMED)
    assert store.book(consultation(5, T0), capacity=1) is None


def test_the_same_instant_in_another_zone_is_the_same_slot(store: Store) -> None:
    assert store.book(consultation(1, T0.astimezone(LA)), capacity=1) is not None
    assert store.book(consultation(2, T0), capacity=1) is None
    assert store.taken(T0 - timedelta(hours=1), T0 + timedelta(hours=1)) == {T0: 1}
    assert store.taken(T0.astimezone(LA), T0 + timedelta(hours=1))[T0.astimezone(LA)] == 1


def test_move(store: Store) -> None:
    mine = store.book(consultation(1, T0), capacity=1)
    other = store.book(consultation(2, T0 + timedelta(hours=1)), capacity=1)
    assert mine is not None and other is not None
    store.set_status(mine.id, Status.CONFIRMED)
    later = T0 + timedelta(hours=2)
    moved = store.move(mine.id, later, later + timedelta(minutes=30), capacity=1)
    assert moved == replace(mine, start=later, end=later + timedelta(minutes=30), status=Status.BOOKED)
    assert store.booking(mine.id) == moved
    assert store.taken(T0, T0 + timedelta(days=1)) == {T0 + timedelta(hours=1): 1, later: 1}  # T0 is free
    full = T0 + timedelta(hours=1)
    assert store.move(mine.id, full, full + timedelta(minutes=30), capacity=1) is None  # taken by the other
    assert store.booking(mine.id) == moved
    nearby = later + timedelta(minutes=15)  # overlaps only itself
    assert store.move(mine.id, nearby, nearby + timedelta(minutes=30), capacity=1) is not None
    assert store.move(999, T0, T0 + timedelta(minutes=30), capacity=1) is None


def test_a_cancelled_booking_cannot_be_moved(store: Store) -> None:
    mine = store.book(consultation(1, T0), capacity=1)
    assert mine is not None
    store.set_status(mine.id, Status.CANCELLED)
    later = T0 + timedelta(hours=2)
    assert store.move(mine.id, later, later + timedelta(minutes=30), capacity=1) is None
    assert store.booking(mine.id) == replace(mine, status=Status.CANCELLED)


def test_set_status(store: Store) -> None:
    mine = store.book(consultation(1, T0), capacity=1)
    assert mine is not None
    for status in Status:
        assert store.set_status(mine.id, status) == replace(mine, status=status)
        assert store.booking(mine.id) == replace(mine, status=status)
    assert store.set_status(999, Status.DONE) is None


def test_upcoming_booking(store: Store) -> None:
    past = store.book(consultation(1, T0 - timedelta(days=1)), capacity=1)
    later = store.book(consultation(1, T0 + timedelta(days=2)), capacity=1)
    sooner = store.book(consultation(1, T0 + timedelta(days=1)), capacity=1)
    cancelled = store.book(consultation(1, T0 + timedelta(hours=2)), capacity=1)
    store.book(consultation(2, T0 + timedelta(hours=1)), capacity=1)
    assert past and later and sooner and cancelled
    store.set_status(cancelled.id, Status.CANCELLED)
    assert store.upcoming_booking(1, T0) == sooner
    assert store.upcoming_booking(1, sooner.start + timedelta(minutes=10)) == sooner  # still going on
    assert store.upcoming_booking(1, sooner.end) == later
    store.set_status(later.id, Status.DONE)
    assert store.upcoming_booking(1, sooner.end) is None
    assert store.upcoming_booking(3, T0) is None


def test_bookings_between_includes_every_status_in_time_order(store: Store) -> None:
    b = [store.book(consultation(n, T0 + timedelta(hours=h)), capacity=9) for n, h in ((1, 2), (2, 0), (3, 1), (4, 3))]
    assert all(b)
    store.set_status(b[2].id, Status.CANCELLED)  # type: ignore[union-attr]
    between = store.bookings_between(T0, T0 + timedelta(hours=3))  # start included, end excluded
    assert [x.user_id for x in between] == [2, 3, 1]
    assert between[1].status is Status.CANCELLED
    assert store.bookings_between(T0.astimezone(LA), (T0 + timedelta(hours=1)).astimezone(LA))[0].user_id == 2


def test_taken_counts_active_bookings_per_start(store: Store) -> None:
    store.book(consultation(1, T0), capacity=9)
    store.book(consultation(2, T0), capacity=9)
    store.book(consultation(3, T0 + timedelta(minutes=30), status=Status.CANCELLED), capacity=9)
    store.book(consultation(4, T0 + timedelta(days=5)), capacity=9)
    assert store.taken(T0, T0 + timedelta(days=1)) == {T0: 2}
    assert store.taken(T0 + timedelta(seconds=1), T0 + timedelta(days=6)) == {T0 + timedelta(days=5): 1}


def test_due_reminders_and_mark_reminded(store: Store) -> None:
    booked = store.book(consultation(1, T0), capacity=1)
    late = store.book(consultation(2, T0, created_at=T0 - timedelta(hours=5)), capacity=2)  # booked 5 hours ahead
    assert booked and late
    assert store.due_reminders(T0 - timedelta(hours=24, seconds=1)) == []
    assert store.due_reminders(T0 - timedelta(hours=24)) == [(booked, Reminder.DAY_BEFORE)]
    store.mark_reminded(booked.id, Reminder.DAY_BEFORE)
    assert store.due_reminders(T0 - timedelta(hours=2)) == []
    due = store.due_reminders(T0 - timedelta(hours=1))
    assert sorted((b.user_id, r.value) for b, r in due) == [(1, "1h"), (2, "1h")]
    store.mark_reminded(booked.id, Reminder.HOUR_BEFORE)
    store.mark_reminded(late.id, Reminder.HOUR_BEFORE)
    assert store.due_reminders(T0 - timedelta(minutes=30)) == []
    assert store.due_reminders(T0) == []


def test_no_reminders_for_inactive_or_past_bookings(store: Store) -> None:
    for user_id, status in enumerate((Status.CANCELLED, Status.DONE, Status.NO_SHOW), start=1):
        store.book(consultation(user_id, T0, status=status), capacity=9)
    assert store.due_reminders(T0 - timedelta(minutes=30)) == []
    store.book(consultation(9, T0), capacity=9)
    assert store.due_reminders(T0 + timedelta(minutes=1)) == []  # it has started


def test_moving_resets_the_reminders(store: Store) -> None:
    booked = store.book(consultation(1, T0), capacity=1)
    assert booked is not None
    store.mark_reminded(booked.id, Reminder.DAY_BEFORE)
    later = T0 + timedelta(days=1)
    moved = store.move(booked.id, later, later + timedelta(minutes=30), capacity=1)
    assert store.due_reminders(later - timedelta(hours=23)) == [(moved, Reminder.DAY_BEFORE)]


def test_notices_are_first_in_first_out(store: Store) -> None:
    store.add_notice(NoticeKind.NEW, 3, T0)
    store.add_notice(NoticeKind.MOVED, 1, T0)
    store.add_notice(NoticeKind.WITHDRAWN, 2, T0, note="#2, Monday 10:00")
    store.add_notice(NoticeKind.CANCELLED, 4, T0 + timedelta(minutes=5))  # not yet
    pending = store.pending_notices(T0)
    assert [(n.kind, n.booking_id, n.note, n.attempts) for n in pending] == [
        (NoticeKind.NEW, 3, "", 0), (NoticeKind.MOVED, 1, "", 0), (NoticeKind.WITHDRAWN, 2, "#2, Monday 10:00", 0),
    ]
    assert len({n.id for n in pending}) == 3
    store.notice_sent(pending[0].id)
    store.notice_sent(pending[0].id)  # twice is harmless
    assert [n.booking_id for n in store.pending_notices(T0 + timedelta(minutes=5))] == [1, 2, 4]


def test_a_failed_notice_waits_longer_each_time(store: Store) -> None:
    store.add_notice(NoticeKind.NEW, 1, T0)
    (notice,) = store.pending_notices(T0)
    store.notice_failed(notice.id, T0)
    assert store.pending_notices(T0 + timedelta(seconds=59)) == []
    assert store.pending_notices(T0 + timedelta(minutes=1)) == [replace(notice, attempts=1)]
    store.notice_failed(notice.id, T0 + timedelta(minutes=1))
    assert store.pending_notices(T0 + timedelta(minutes=2)) == []
    assert store.pending_notices(T0 + timedelta(minutes=3)) == [replace(notice, attempts=2)]
    store.notice_failed(999, T0)  # an unknown notice is ignored
    store.notice_sent(notice.id)
    assert store.pending_notices(T0 + timedelta(days=1)) == []


def test_delete_user_removes_their_bookings_and_notices(store: Store) -> None:
    mine = store.book(consultation(1, T0), capacity=9)
    theirs = store.book(consultation(2, T0), capacity=9)
    assert mine and theirs
    store.save(1, Session(lang=Lang.ES, booking=Draft(step=Step.NAME)))
    store.add_notice(NoticeKind.NEW, mine.id, T0)
    store.add_notice(NoticeKind.NEW, theirs.id, T0)
    assert store.rows_about(1) == 2
    store.delete_user(1)
    assert store.rows_about(1) == 0 and store.booking(mine.id) is None
    assert store.booking(theirs.id) == theirs
    assert [n.booking_id for n in store.pending_notices(T0)] == [theirs.id]
    assert store.taken(T0, T0 + timedelta(hours=1)) == {T0: 1}


def test_purge_bookings(store: Store) -> None:
    old = store.book(consultation(1, T0 - timedelta(days=40)), capacity=9)
    recent = store.book(consultation(2, T0 - timedelta(days=10)), capacity=9)
    assert old and recent
    store.add_notice(NoticeKind.CANCELLED, old.id, T0)
    store.add_notice(NoticeKind.CANCELLED, recent.id, T0)
    assert store.purge_bookings(T0 - timedelta(days=30)) == 1
    assert store.booking(old.id) is None and store.booking(recent.id) == recent
    assert [n.booking_id for n in store.pending_notices(T0)] == [recent.id]
    assert store.purge_bookings(T0 - timedelta(days=30)) == 0


def test_a_session_keeps_its_booking_draft(store: Store) -> None:
    draft = Draft(
        step=Step.TOPIC, name="María", phone="+18185550100", meeting=Meeting.VIDEO, day=T0.date(), start=T0,
        changing=True, moving=None, page=1,
    )
    store.save(1, Session(lang=Lang.ES, booking=draft))
    assert store.load(1) == Session(lang=Lang.ES, booking=draft)
    store.save(1, Session(lang=Lang.ES))  # finished: the draft is gone
    assert store.load(1) == Session(lang=Lang.ES)


def test_a_stored_booking_keeps_its_time_as_an_instant(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "bot.sqlite3")
    stored = store.book(consultation(1, T0.astimezone(LA)), capacity=1)
    assert stored is not None
    again = SqliteStore(tmp_path / "bot.sqlite3").booking(stored.id)
    assert again is not None and again.start == T0 and again.start.utcoffset() == timedelta(0)
    with closing(sqlite3.connect(tmp_path / "bot.sqlite3")) as connection:
        assert connection.execute("SELECT start_at FROM bookings").fetchone()[0] == "2026-11-30T18:00:00+00:00"


# -- SQLite only: the race, a restart, an old file --------------------------------------------------


def test_two_people_pressing_the_same_slot_at_once_get_one_booking(tmp_path: Path) -> None:
    """Two threads, each with its own store on one file, book the same slot in the same instant."""
    path = tmp_path / "race.sqlite3"
    stores = [SqliteStore(path), SqliteStore(path)]
    rounds = 20
    barrier = threading.Barrier(len(stores))
    results: list[list[Booking | None]] = [[] for _ in stores]
    errors: list[BaseException] = []

    def press(index: int) -> None:
        try:
            for round_ in range(rounds):
                slot = T0 + timedelta(hours=round_)
                barrier.wait(timeout=10)
                results[index].append(stores[index].book(consultation(100 + index, slot), capacity=1))
        except BaseException as exc:  # reported below: a thread's exception would otherwise vanish
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=press, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    for round_ in range(rounds):
        outcomes = [results[i][round_] for i in range(len(stores))]
        assert sum(outcome is not None for outcome in outcomes) == 1, f"round {round_}: {outcomes}"
    assert SqliteStore(path).taken(T0, T0 + timedelta(hours=rounds)) == {T0 + timedelta(hours=r): 1 for r in range(rounds)}


def test_two_people_moving_into_the_last_place_get_one(tmp_path: Path) -> None:
    path = tmp_path / "race.sqlite3"
    first, second = SqliteStore(path), SqliteStore(path)
    mine = first.book(consultation(1, T0), capacity=1)
    theirs = first.book(consultation(2, T0 + timedelta(hours=1)), capacity=1)
    assert mine and theirs
    target = T0 + timedelta(hours=3)
    barrier = threading.Barrier(2)
    outcomes: dict[int, Booking | None] = {}
    errors: list[BaseException] = []

    def move(store: SqliteStore, booking_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[booking_id] = store.move(booking_id, target, target + timedelta(minutes=30), capacity=1)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=move, args=(s, b.id)) for s, b in ((first, mine), (second, theirs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len(outcomes) == 2 and sum(outcome is not None for outcome in outcomes.values()) == 1
    assert first.taken(target, target + timedelta(minutes=1)) == {target: 1}


def test_a_restart_in_the_middle_of_a_booking_resumes_it(tmp_path: Path) -> None:
    path = tmp_path / "db" / "bot.sqlite3"
    draft = Draft(
        step=Step.SUMMARY, name="José", phone="", by_telegram=True, meeting=Meeting.IN_PERSON, day=T0.date(),
        start=T0, topic="court", court_soon=None, changing=False, moving=None, page=0,
    )
    SqliteStore(path).save(42, Session(lang=Lang.ES, preferred=Lang.ES, disclaimer_shown=True, booking=draft))
    loaded = SqliteStore(path).load(42)
    assert loaded == Session(lang=Lang.ES, preferred=Lang.ES, disclaimer_shown=True, booking=draft)
    assert loaded.booking is not None and loaded.booking.start == T0 and loaded.booking.start.tzinfo is not None


def test_a_damaged_stored_draft_starts_over_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = SqliteStore(path)
    store.save(42, Session(lang=Lang.ES, booking=Draft(step=Step.NAME)))
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE sessions SET booking = ? WHERE user_id = 42", ('{"step": "flying"}',))
    assert store.load(42) == Session(lang=Lang.ES, booking=None)


def test_an_old_database_without_the_booking_column_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "CREATE TABLE sessions (user_id INTEGER PRIMARY KEY, lang TEXT, preferred TEXT, "
            "disclaimer_shown INTEGER NOT NULL DEFAULT 0)"
        )
        connection.execute("INSERT INTO sessions VALUES (7, 'es', 'es', 1)")
    store = SqliteStore(path)
    assert store.load(7) == Session(lang=Lang.ES, preferred=Lang.ES, disclaimer_shown=True)
    store.save(7, Session(lang=Lang.ES, booking=Draft(step=Step.CONTACT, name="Ana")))
    assert SqliteStore(path).load(7) == Session(lang=Lang.ES, booking=Draft(step=Step.CONTACT, name="Ana"))
    with closing(sqlite3.connect(path)) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(sessions)")]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert columns.count("booking") == 1
    assert {"bookings", "notices"} <= tables
    assert store.book(consultation(1, T0), capacity=1) is not None
