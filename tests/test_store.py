"""One contract, every store: what the conversation core relies on."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bot.assistant import Session
from bot.model import Lang
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
