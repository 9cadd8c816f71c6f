"""Shared fixtures: a small valid FAQ copied per test (tests break it on purpose), and the real one."""

from __future__ import annotations

import logging
import shutil
from datetime import date
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini"
REAL_FAQ = HERE.parent / "faq"
LABELLED = HERE / "labelled"
TODAY = date(2026, 12, 6)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "faq"
    shutil.copytree(MINI, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` with `new` in a file, failing loudly if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path.name}")


TEST_TOKEN_SECRET = "AAEhBOweik6ad6PsVMRxjeQKXvE-AbCdEfG"  # the secret half of the token the tests use


@pytest.fixture(autouse=True)
def no_token_in_logs(caplog: pytest.LogCaptureFixture):  # type: ignore[no-untyped-def]
    """Every test: whatever was logged, down to DEBUG, the bot token never appears."""
    caplog.set_level(logging.DEBUG)
    yield
    for record in caplog.records:
        assert TEST_TOKEN_SECRET not in record.getMessage(), f"token logged by {record.name}"


@pytest.fixture(autouse=True)
def own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test that reads settings gets its own database file, never the repository's data/."""
    path = tmp_path / "db" / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(path))
    return path
