"""Transcript tests: YAML conversations ("user says / presses, bot replies") run against the core.

They read like the conversations people have, unhappy paths included, and run on the real
FAQ, a real SQLite file and a fixed clock.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.appointments import Appointments
from bot.assistant import Assistant, Session
from bot.bookings import Person
from bot.store import SqliteStore
from bot.validation import check_faq
from conftest import REAL_FAQ, TODAY

TRANSCRIPTS = sorted((Path(__file__).parent / "transcripts").glob("*.yaml"))
PERSON = Person(user_id=9001, chat_id=9001, username="someone")


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_transcript(path: Path, tmp_path: Path) -> None:
    script: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    now = script["now"] if isinstance(script["now"], datetime) else datetime.fromisoformat(script["now"])
    now = now if now.tzinfo else now.replace(tzinfo=timezone.utc)
    store = SqliteStore(tmp_path / "bot.sqlite3")
    assistant = Assistant(faq, appointments=Appointments(faq, store, lambda: now))
    session = Session()
    for number, step in enumerate(script["steps"], start=1):
        where = f"{path.name}, step {number}"
        if "say" in step:
            text = str(step["say"])
            handled = assistant.on_command(session, text, PERSON) if text.startswith("/") else None
            if handled is not None:
                session, replies = handled
            else:
                session, replies, _ = assistant.on_text(session, text, PERSON)
        else:
            session, replies = assistant.on_button(session, str(step["press"]), PERSON)
        store.save(PERSON.user_id, session)
        session = store.load(PERSON.user_id) or Session()  # every step survives a restart
        shown = "\n".join(r.plain() for r in replies)
        for wanted in step.get("expect", []):
            assert str(wanted) in shown, f"{where}: {wanted!r} not in:\n{shown}"
        for unwanted in step.get("not", []):
            assert str(unwanted) not in shown, f"{where}: {unwanted!r} in:\n{shown}"
        if "buttons" in step:
            payloads = [b.payload for b in replies[-1].buttons]
            for prefix in step["buttons"]:
                assert any(p.startswith(prefix) for p in payloads), f"{where}: no {prefix!r} button in {payloads}"
        if "attachment" in step:
            attachments = [r.attachment.filename for r in replies if r.attachment]
            assert attachments == [step["attachment"]], where
