"""Where conversations are remembered: a small Protocol, an in-memory store and SQLite.

SQLite keeps each user's language choice and conversation state so a restart loses nothing.
Nothing but what the conversation needs is stored, and `delete_user` removes every row about a
user.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
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
"""


class Store(Protocol):
    def load(self, user_id: int) -> Session | None: ...

    def save(self, user_id: int, session: Session) -> None: ...

    def delete_user(self, user_id: int) -> None: ...

    def rows_about(self, user_id: int) -> int: ...


class MemoryStore:
    """For the terminal chat and tests: the same contract, nothing on disk."""

    def __init__(self) -> None:
        self._sessions: dict[int, Session] = {}

    def load(self, user_id: int) -> Session | None:
        return self._sessions.get(user_id)

    def save(self, user_id: int, session: Session) -> None:
        self._sessions[user_id] = session

    def delete_user(self, user_id: int) -> None:
        self._sessions.pop(user_id, None)

    def rows_about(self, user_id: int) -> int:
        return int(user_id in self._sessions)


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

    def rows_about(self, user_id: int) -> int:
        with closing(self._connect()) as connection:
            (count,) = connection.execute("SELECT COUNT(*) FROM sessions WHERE user_id = ?", (user_id,)).fetchone()
        return int(count)


def _lang(code: str | None) -> Lang | None:
    return next((lang for lang in Lang if lang.value == code), None)


def _code(lang: Lang | None) -> str | None:
    return lang.value if lang else None
