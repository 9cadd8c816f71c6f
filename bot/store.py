"""Where conversations are remembered: a small Protocol, an in-memory store and SQLite.

SQLite keeps each user's language choice and conversation state so a restart loses nothing.
Nothing but what the conversation needs is stored, and `delete_user` removes every row about a
user. Unanswered questions are stored scrubbed (`scrub.scrub`) and purged after a retention
period; thumbs up/down are counters per entry, tied to no one.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from bot.assistant import Session
from bot.model import Lang

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    user_id INTEGER PRIMARY KEY,
    lang TEXT,
    preferred TEXT,
    disclaimer_shown INTEGER NOT NULL DEFAULT 0
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
"""


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


class MemoryStore:
    """For the terminal chat and tests: the same contract, nothing on disk."""

    def __init__(self) -> None:
        self._sessions: dict[int, Session] = {}
        self._unanswered: list[tuple[int, Unanswered]] = []
        self._feedback: dict[str, tuple[int, int]] = {}
        self._answers: dict[tuple[date, str, str], int] = {}

    def load(self, user_id: int) -> Session | None:
        return self._sessions.get(user_id)

    def save(self, user_id: int, session: Session) -> None:
        self._sessions[user_id] = session

    def delete_user(self, user_id: int) -> None:
        self._sessions.pop(user_id, None)
        self._unanswered = [(u, item) for u, item in self._unanswered if u != user_id]

    def rows_about(self, user_id: int) -> int:
        return int(user_id in self._sessions) + sum(1 for u, _ in self._unanswered if u == user_id)

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


class SqliteStore:
    """One embedded file; every operation opens, commits and closes its own connection."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as connection, connection:
            connection.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10)
        connection.execute("PRAGMA journal_mode=WAL")
        return connection

    def load(self, user_id: int) -> Session | None:
        with closing(self._connect()) as connection:
            row = connection.execute(
                "SELECT lang, preferred, disclaimer_shown FROM sessions WHERE user_id = ?", (user_id,)
            ).fetchone()
        if row is None:
            return None
        lang, preferred, shown = row
        return Session(lang=_lang(lang), preferred=_lang(preferred), disclaimer_shown=bool(shown))

    def save(self, user_id: int, session: Session) -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute(
                "INSERT INTO sessions (user_id, lang, preferred, disclaimer_shown) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(user_id) DO UPDATE SET lang = excluded.lang, preferred = excluded.preferred, "
                "disclaimer_shown = excluded.disclaimer_shown",
                (user_id, _code(session.lang), _code(session.preferred), int(session.disclaimer_shown)),
            )

    def delete_user(self, user_id: int) -> None:
        with closing(self._connect()) as connection, connection:
            connection.execute("DELETE FROM sessions WHERE user_id = ?", (user_id,))
            connection.execute("DELETE FROM unanswered WHERE user_id = ?", (user_id,))

    def rows_about(self, user_id: int) -> int:
        with closing(self._connect()) as connection:
            count = sum(
                connection.execute(f"SELECT COUNT(*) FROM {table} WHERE user_id = ?", (user_id,)).fetchone()[0]
                for table in ("sessions", "unanswered")
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


def _lang(code: str | None) -> Lang | None:
    return next((lang for lang in Lang if lang.value == code), None)


def _code(lang: Lang | None) -> str | None:
    return lang.value if lang else None
