"""Where conversations and bookings are remembered: a small Protocol, an in-memory store and SQLite.

SQLite keeps each user's language choice and conversation state (a booking in progress included)
so a restart loses nothing. Nothing but what the conversation needs is stored, and `delete_user`
removes every row about a user. Unanswered questions are stored scrubbed (`scrub.scrub`) and purged
after a retention period; thumbs up/down are counters per entry, tied to no one.

Bookings: `book` and `move` check the slot and write in one IMMEDIATE transaction, so two people
pressing the same time get one booking. Staff notices wait in `notices` until Telegram accepts them;
reminder flags live on the booking, so a restart neither loses nor repeats a reminder.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator, Protocol

from bot.booking import Draft
from bot.bookings import ACTIVE, Booking, Notice, NoticeKind, Reminder, Status
from bot.model import Lang
from bot.schedule import Meeting
from bot.session import Session

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    user_id INTEGER PRIMARY KEY,
    lang TEXT,
    preferred TEXT,
    disclaimer_shown INTEGER NOT NULL DEFAULT 0,
    booking TEXT
);
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    closest TEXT,
    lang TEXT NOT NULL,
    asked_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS unanswered_asked_at ON unanswered (asked_at);
CREATE TABLE IF NOT EXISTS answers (
    day TEXT NOT NULL,
    band TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, band, entry_id)
);
CREATE TABLE IF NOT EXISTS feedback (
    entry_id TEXT PRIMARY KEY,
    up INTEGER NOT NULL DEFAULT 0,
    down INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS bookings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    username TEXT NOT NULL,
    meeting TEXT NOT NULL,
    start_at TEXT NOT NULL,  -- UTC, ISO 8601: sorts and compares as text
    end_at TEXT NOT NULL,
    topic TEXT,
    court_soon INTEGER,
    urgent INTEGER NOT NULL,
    lang TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    reminded_24h INTEGER NOT NULL DEFAULT 0,
    reminded_1h INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS bookings_start ON bookings (start_at);
CREATE INDEX IF NOT EXISTS bookings_user ON bookings (user_id);
CREATE TABLE IF NOT EXISTS notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    booking_id INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try_at TEXT NOT NULL
);
"""
NOTICE_RETRY = timedelta(minutes=1)  # a failed staff notice is tried again after this, then less often
NOTICE_RETRY_MAX = timedelta(minutes=30)


@dataclass(frozen=True)
class Unanswered:
    """A question the bot could not answer, already scrubbed of personal details."""

    text: str
    closest: str | None
    lang: Lang
    asked_at: datetime


class Store(Protocol):
    def load(self, user_id: int) -> Session | None: ...

    def save(self, user_id: int, session: Session) -> None: ...

    def delete_user(self, user_id: int) -> None: ...

    def rows_about(self, user_id: int) -> int: ...

    def add_unanswered(self, user_id: int, item: Unanswered) -> None: ...

    def unanswered_since(self, since: datetime) -> list[Unanswered]: ...

    def purge_unanswered(self, older_than: datetime) -> int: ...

    def add_feedback(self, entry_id: str, up: bool) -> None: ...

    def feedback(self) -> dict[str, tuple[int, int]]: ...

    def count_answer(self, day: date, band: str, entry_id: str | None) -> None: ...

    def answers_since(self, day: date) -> dict[tuple[str, str], int]: ...

    # -- bookings --

    def book(self, booking: Booking, capacity: int) -> Booking | None:
        """Store the booking if fewer than `capacity` active bookings overlap it; else None."""

    def move(self, booking_id: int, start: datetime, end: datetime, capacity: int) -> Booking | None: ...

    def set_status(self, booking_id: int, status: Status) -> Booking | None: ...

    def booking(self, booking_id: int) -> Booking | None: ...

    def upcoming_booking(self, user_id: int, now: datetime) -> Booking | None: ...

    def bookings_between(self, start: datetime, end: datetime) -> list[Booking]: ...

    def taken(self, start: datetime, end: datetime) -> dict[datetime, int]: ...

    def due_reminders(self, now: datetime) -> list[tuple[Booking, Reminder]]: ...

    def mark_reminded(self, booking_id: int, reminder: Reminder) -> None: ...

    def purge_bookings(self, ended_before: datetime) -> int: ...

    def add_notice(self, kind: NoticeKind, booking_id: int, now: datetime, note: str = "") -> None: ...

    def pending_notices(self, now: datetime) -> list[Notice]: ...

    def notice_sent(self, notice_id: int) -> None: ...

    def notice_failed(self, notice_id: int, now: datetime) -> None: ...


def due(booking: Booking, now: datetime, sent: set[Reminder]) -> list[Reminder]:
    """Reminders to send now: inside their window, not sent, and not for a booking made inside it.

    A window closes when the next, shorter one opens: after a pause, "tomorrow" is not sent an hour before."""
    if booking.status not in ACTIVE or booking.start <= now:
        return []
    latest = min((r for r in Reminder if booking.start - r.lead <= now), key=lambda r: r.lead, default=None)
    if latest is None or latest in sent or booking.created_at >= booking.start - latest.lead:
        return []
    return [latest]


def retry_after(attempts: int) -> timedelta:
    return min(NOTICE_RETRY * (2 ** min(attempts, 10)), NOTICE_RETRY_MAX)


class MemoryStore:
    """For the terminal chat and tests: the same contract, nothing on disk."""

    def __init__(self) -> None:
        self._sessions: dict[int, Session] = {}
        self._unanswered: list[tuple[int, Unanswered]] = []
        self._feedback: dict[str, tuple[int, int]] = {}
        self._answers: dict[tuple[date, str, str], int] = {}
        self._bookings: dict[int, Booking] = {}
        self._reminded: dict[int, set[Reminder]] = {}
        self._notices: dict[int, tuple[Notice, datetime]] = {}
        self._next_id = 1

    def load(self, user_id: int) -> Session | None:
        return self._sessions.get(user_id)

    def save(self, user_id: int, session: Session) -> None:
        self._sessions[user_id] = session

    def delete_user(self, user_id: int) -> None:
        self._sessions.pop(user_id, None)
        self._unanswered = [(u, item) for u, item in self._unanswered if u != user_id]
        for booking in [b for b in self._bookings.values() if b.user_id == user_id]:
            self._forget(booking.id)

    def rows_about(self, user_id: int) -> int:
        return (
            int(user_id in self._sessions)
            + sum(1 for u, _ in self._unanswered if u == user_id)
            + sum(1 for b in self._bookings.values() if b.user_id == user_id)
        )

    def add_unanswered(self, user_id: int, item: Unanswered) -> None:
        self._unanswered.append((user_id, item))

    def unanswered_since(self, since: datetime) -> list[Unanswered]:
        return [item for _, item in self._unanswered if item.asked_at >= since]

    def purge_unanswered(self, older_than: datetime) -> int:
        before = len(self._unanswered)
        self._unanswered = [(u, item) for u, item in self._unanswered if item.asked_at >= older_than]
        return before - len(self._unanswered)

    def add_feedback(self, entry_id: str, up: bool) -> None:
        ups, downs = self._feedback.get(entry_id, (0, 0))
        self._feedback[entry_id] = (ups + up, downs + (not up))

    def feedback(self) -> dict[str, tuple[int, int]]:
        return dict(self._feedback)

    def count_answer(self, day: date, band: str, entry_id: str | None) -> None:
        key = (day, band, entry_id or "-")
        self._answers[key] = self._answers.get(key, 0) + 1

    def answers_since(self, day: date) -> dict[tuple[str, str], int]:
        totals: dict[tuple[str, str], int] = {}
        for (d, band, entry_id), count in self._answers.items():
            if d >= day:
                totals[(band, entry_id)] = totals.get((band, entry_id), 0) + count
        return totals


    def book(self, booking: Booking, capacity: int) -> Booking | None:
        if self._overlapping(booking.start, booking.end, exclude=0) >= capacity:
            return None
        stored = replace(booking, id=self._new_id())
        self._bookings[stored.id] = stored
        return stored

    def move(self, booking_id: int, start: datetime, end: datetime, capacity: int) -> Booking | None:
        current = self._bookings.get(booking_id)
        if current is None or current.status not in ACTIVE or self._overlapping(start, end, exclude=booking_id) >= capacity:
            return None
        moved = replace(current, start=start, end=end, status=Status.BOOKED)
        self._bookings[booking_id] = moved
        self._reminded[booking_id] = set()
        return moved

    def set_status(self, booking_id: int, status: Status) -> Booking | None:
        current = self._bookings.get(booking_id)
        if current is None:
            return None
        self._bookings[booking_id] = replace(current, status=status)
        return self._bookings[booking_id]

    def booking(self, booking_id: int) -> Booking | None:
        return self._bookings.get(booking_id)

    def upcoming_booking(self, user_id: int, now: datetime) -> Booking | None:
        mine = [b for b in self._bookings.values() if b.user_id == user_id and b.status in ACTIVE and b.end > now]
        return min(mine, key=lambda b: b.start, default=None)

    def bookings_between(self, start: datetime, end: datetime) -> list[Booking]:
        return sorted((b for b in self._bookings.values() if start <= b.start < end), key=lambda b: (b.start, b.id))

    def taken(self, start: datetime, end: datetime) -> dict[datetime, int]:
        counts: dict[datetime, int] = {}
        for b in self._bookings.values():
            if b.status in ACTIVE and start <= b.start < end:
                counts[b.start] = counts.get(b.start, 0) + 1
        return counts

    def due_reminders(self, now: datetime) -> list[tuple[Booking, Reminder]]:
        return [(b, r) for b in self._bookings.values() for r in due(b, now, self._reminded.get(b.id, set()))]

    def mark_reminded(self, booking_id: int, reminder: Reminder) -> None:
        self._reminded.setdefault(booking_id, set()).add(reminder)

    def purge_bookings(self, ended_before: datetime) -> int:
        old = [b.id for b in self._bookings.values() if b.end < ended_before]
        for booking_id in old:
            self._forget(booking_id)
        return len(old)

    def add_notice(self, kind: NoticeKind, booking_id: int, now: datetime, note: str = "") -> None:
        notice = Notice(self._new_id(), kind, booking_id, note, 0)
        self._notices[notice.id] = (notice, now)

    def pending_notices(self, now: datetime) -> list[Notice]:
        return [n for n, at in sorted(self._notices.values(), key=lambda pair: pair[0].id) if at <= now]

    def notice_sent(self, notice_id: int) -> None:
        self._notices.pop(notice_id, None)

    def notice_failed(self, notice_id: int, now: datetime) -> None:
        if notice_id in self._notices:
            notice, _ = self._notices[notice_id]
            self._notices[notice_id] = (replace(notice, attempts=notice.attempts + 1), now + retry_after(notice.attempts))

    def _overlapping(self, start: datetime, end: datetime, exclude: int) -> int:
        return sum(
            1 for b in self._bookings.values()
            if b.id != exclude and b.status in ACTIVE and b.start < end and b.end > start
        )

    def _forget(self, booking_id: int) -> None:
        self._bookings.pop(booking_id, None)
        self._reminded.pop(booking_id, None)
        for notice_id in [i for i, (n, _) in self._notices.items() if n.booking_id == booking_id]:
            del self._notices[notice_id]

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1


class SqliteStore:
    """One embedded file; every operation opens, commits and closes its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as connection, connection:
            connection.executescript(SCHEMA)
            columns = {row[1] for row in connection.execute("PRAGMA table_info(sessions)")}
            if "booking" not in columns:  # a database from before bookings existed
                connection.execute("ALTER TABLE sessions ADD COLUMN booking TEXT")

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10)
        connection.execute("PRAGMA journal_mode=WAL")
        return connection

    def load(self, user_id: int) -> Session | None:
        with closing(self._connect()) as connection:
            row = connection.execute(
                "SELECT lang, preferred, disclaimer_shown, booking FROM sessions WHERE user_id = ?", (user_id,)
            ).fetchone()
        if row is None:
            return None
        lang, preferred, shown, booking = row
        draft = Draft.from_json(booking) if booking else None
        return Session(lang=_lang(lang), preferred=_lang(preferred), disclaimer_shown=bool(shown), booking=draft)

    def save(self, user_id: int, session: Session) -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT INTO sessions (user_id, lang, preferred, disclaimer_shown, booking) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(user_id) DO UPDATE SET lang = excluded.lang, preferred = excluded.preferred, "
                "disclaimer_shown = excluded.disclaimer_shown, booking = excluded.booking",
                (
                    user_id,
                    _code(session.lang),
                    _code(session.preferred),
                    int(session.disclaimer_shown),
                    session.booking.to_json() if session.booking else None,
                ),
            )

    def delete_user(self, user_id: int) -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
            connection.execute("DELETE FROM unanswered WHERE user_id = ?", (user_id,))
            connection.execute("DELETE FROM notices WHERE booking_id IN (SELECT id FROM bookings WHERE user_id = ?)", (user_id,))
            connection.execute("DELETE FROM bookings WHERE user_id = ?", (user_id,))

    def rows_about(self, user_id: int) -> int:
        with closing(self._connect()) as connection:
            count = sum(
                connection.execute(f"SELECT COUNT(*) FROM {table} WHERE user_id = ?", (user_id,)).fetchone()[0]
                for table in ("sessions", "unanswered", "bookings")
            )
        return int(count)

    def add_unanswered(self, user_id: int, item: Unanswered) -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT INTO unanswered (user_id, text, closest, lang, asked_at) VALUES (?, ?, ?, ?, ?)",
                (user_id, item.text, item.closest, item.lang.value, item.asked_at.isoformat()),
            )

    def unanswered_since(self, since: datetime) -> list[Unanswered]:
        with closing(self._connect()) as connection:
            rows = connection.execute(
                "SELECT text, closest, lang, asked_at FROM unanswered WHERE asked_at >= ? ORDER BY asked_at", (since.isoformat(),)
            ).fetchall()
        return [Unanswered(text, closest, Lang(lang), datetime.fromisoformat(at)) for text, closest, lang, at in rows]

    def purge_unanswered(self, older_than: datetime) -> int:
        with closing(self._connect()) as connection, connection:
            return connection.execute("DELETE FROM unanswered WHERE asked_at < ?", (older_than.isoformat(),)).rowcount

    def add_feedback(self, entry_id: str, up: bool) -> None:
        column = "up" if up else "down"
        with closing(self._connect()) as connection, connection:
            connection.execute(
                f"INSERT INTO feedback (entry_id, {column}) VALUES (?, 1) "
                f"ON CONFLICT(entry_id) DO UPDATE SET {column} = {column} + 1",
                (entry_id,),
            )

    def feedback(self) -> dict[str, tuple[int, int]]:
        with closing(self._connect()) as connection:
            rows = connection.execute("SELECT entry_id, up, down FROM feedback").fetchall()
        return {entry_id: (up, down) for entry_id, up, down in rows}

    def count_answer(self, day: date, band: str, entry_id: str | None) -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT INTO answers (day, band, entry_id, count) VALUES (?, ?, ?, 1) "
                "ON CONFLICT(day, band, entry_id) DO UPDATE SET count = count + 1",
                (day.isoformat(), band, entry_id or "-"),
            )

    def answers_since(self, day: date) -> dict[tuple[str, str], int]:
        with closing(self._connect()) as connection:
            rows = connection.execute(
                "SELECT band, entry_id, SUM(count) FROM answers WHERE day >= ? GROUP BY band, entry_id", (day.isoformat(),)
            ).fetchall()
        return {(band, entry_id): int(total) for band, entry_id, total in rows}


    # -- bookings --

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE takes the write lock first, so a check-then-insert cannot interleave."""
        connection = self._connect()
        connection.isolation_level = None
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()

    def book(self, booking: Booking, capacity: int) -> Booking | None:
        with self._transaction() as connection:
            if _overlapping(connection, booking.start, booking.end, exclude=0) >= capacity:
                return None
            cursor = connection.execute(
                f"INSERT INTO bookings ({_BOOKING_COLUMNS}) VALUES ({', '.join('?' * 14)})", _booking_row(booking)
            )
            booking_id = int(cursor.lastrowid or 0)
        return replace(booking, id=booking_id)

    def move(self, booking_id: int, start: datetime, end: datetime, capacity: int) -> Booking | None:
        with self._transaction() as connection:
            row = connection.execute(f"SELECT id, {_BOOKING_COLUMNS} FROM bookings WHERE id = ?", (booking_id,)).fetchone()
            if row is None or _booking(row).status not in ACTIVE:
                return None
            if _overlapping(connection, start, end, exclude=booking_id) >= capacity:
                return None
            connection.execute(
                "UPDATE bookings SET start_at = ?, end_at = ?, status = ?, reminded_24h = 0, reminded_1h = 0 WHERE id = ?",
                (_utc(start), _utc(end), Status.BOOKED.value, booking_id),
            )
        return self.booking(booking_id)

    def set_status(self, booking_id: int, status: Status) -> Booking | None:
        with closing(self._connect()) as connection, connection:
            connection.execute("UPDATE bookings SET status = ? WHERE id = ?", (status.value, booking_id))
        return self.booking(booking_id)

    def booking(self, booking_id: int) -> Booking | None:
        with closing(self._connect()) as connection:
            row = connection.execute(f"SELECT id, {_BOOKING_COLUMNS} FROM bookings WHERE id = ?", (booking_id,)).fetchone()
        return _booking(row) if row else None

    def upcoming_booking(self, user_id: int, now: datetime) -> Booking | None:
        with closing(self._connect()) as connection:
            row = connection.execute(
                f"SELECT id, {_BOOKING_COLUMNS} FROM bookings WHERE user_id = ? AND end_at > ? AND status IN (?, ?) "
                "ORDER BY start_at LIMIT 1",
                (user_id, _utc(now), *(s.value for s in ACTIVE)),
            ).fetchone()
        return _booking(row) if row else None

    def bookings_between(self, start: datetime, end: datetime) -> list[Booking]:
        with closing(self._connect()) as connection:
            rows = connection.execute(
                f"SELECT id, {_BOOKING_COLUMNS} FROM bookings WHERE start_at >= ? AND start_at < ? ORDER BY start_at, id",
                (_utc(start), _utc(end)),
            ).fetchall()
        return [_booking(row) for row in rows]

    def taken(self, start: datetime, end: datetime) -> dict[datetime, int]:
        with closing(self._connect()) as connection:
            rows = connection.execute(
                "SELECT start_at, COUNT(*) FROM bookings WHERE start_at >= ? AND start_at < ? AND status IN (?, ?) "
                "GROUP BY start_at",
                (_utc(start), _utc(end), *(s.value for s in ACTIVE)),
            ).fetchall()
        return {datetime.fromisoformat(at): int(count) for at, count in rows}

    def due_reminders(self, now: datetime) -> list[tuple[Booking, Reminder]]:
        horizon = now + Reminder.DAY_BEFORE.lead
        with closing(self._connect()) as connection:
            rows = connection.execute(
                f"SELECT id, {_BOOKING_COLUMNS}, reminded_24h, reminded_1h FROM bookings "
                "WHERE start_at > ? AND start_at <= ? AND status IN (?, ?) AND (reminded_24h = 0 OR reminded_1h = 0)",
                (_utc(now), _utc(horizon), *(s.value for s in ACTIVE)),
            ).fetchall()
        result = []
        for row in rows:
            booking = _booking(row[:15])
            sent = {r for r, flag in zip((Reminder.DAY_BEFORE, Reminder.HOUR_BEFORE), row[15:]) if flag}
            result.extend((booking, reminder) for reminder in due(booking, now, sent))
        return result

    def mark_reminded(self, booking_id: int, reminder: Reminder) -> None:
        column = "reminded_24h" if reminder is Reminder.DAY_BEFORE else "reminded_1h"
        with closing(self._connect()) as connection, connection:
            connection.execute(f"UPDATE bookings SET {column} = 1 WHERE id = ?", (booking_id,))

    def purge_bookings(self, ended_before: datetime) -> int:
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "DELETE FROM notices WHERE booking_id IN (SELECT id FROM bookings WHERE end_at < ?)", (_utc(ended_before),)
            )
            return connection.execute("DELETE FROM bookings WHERE end_at < ?", (_utc(ended_before),)).rowcount

    def add_notice(self, kind: NoticeKind, booking_id: int, now: datetime, note: str = "") -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT INTO notices (kind, booking_id, note, next_try_at) VALUES (?, ?, ?, ?)",
                (kind.value, booking_id, note, _utc(now)),
            )

    def pending_notices(self, now: datetime) -> list[Notice]:
        with closing(self._connect()) as connection:
            rows = connection.execute(
                "SELECT id, kind, booking_id, note, attempts FROM notices WHERE next_try_at <= ? ORDER BY id", (_utc(now),)
            ).fetchall()
        return [Notice(i, NoticeKind(kind), booking_id, note, attempts) for i, kind, booking_id, note, attempts in rows]

    def notice_sent(self, notice_id: int) -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute("DELETE FROM notices WHERE id = ?", (notice_id,))

    def notice_failed(self, notice_id: int, now: datetime) -> None:
        with closing(self._connect()) as connection, connection:
            row = connection.execute("SELECT attempts FROM notices WHERE id = ?", (notice_id,)).fetchone()
            if row is not None:
                connection.execute(
                    "UPDATE notices SET attempts = attempts + 1, next_try_at = ? WHERE id = ?",
                    (_utc(now + retry_after(int(row[0]))), notice_id),
                )


_BOOKING_COLUMNS = (
    "user_id, chat_id, name, phone, username, meeting, start_at, end_at, topic, court_soon, urgent, lang, status, created_at"
)


def _booking_row(b: Booking) -> tuple[object, ...]:
    return (
        b.user_id, b.chat_id, b.name, b.phone, b.username, b.meeting.value, _utc(b.start), _utc(b.end), b.topic,
        None if b.court_soon is None else int(b.court_soon), int(b.urgent), b.lang.value, b.status.value, _utc(b.created_at),
    )


def _booking(row: tuple) -> Booking:  # type: ignore[type-arg]
    (booking_id, user_id, chat_id, name, phone, username, meeting, start, end, topic, soon, urgent, lang, status, created) = row
    return Booking(
        id=booking_id, user_id=user_id, chat_id=chat_id, name=name, phone=phone, username=username,
        meeting=Meeting(meeting), start=datetime.fromisoformat(start), end=datetime.fromisoformat(end), topic=topic,
        court_soon=None if soon is None else bool(soon), urgent=bool(urgent), lang=Lang(lang), status=Status(status),
        created_at=datetime.fromisoformat(created),
    )


def _overlapping(connection: sqlite3.Connection, start: datetime, end: datetime, exclude: int) -> int:
    row = connection.execute(
        "SELECT COUNT(*) FROM bookings WHERE id != ? AND status IN (?, ?) AND start_at < ? AND end_at > ?",
        (exclude, *(s.value for s in ACTIVE), _utc(end), _utc(start)),
    ).fetchone()
    return int(row[0])


def _utc(moment: datetime) -> str:
    """Every stored time is UTC in one format, so text order is time order."""
    return moment.astimezone(timezone.utc).isoformat()


def _lang(code: str | None) -> Lang | None:
    return next((lang for lang in Lang if lang.value == code), None)


def _code(lang: Lang | None) -> str | None:
    return lang.value if lang else None
