"""The real polling loop (python-telegram-bot's Updater over HTTP) against our Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import itertools
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest

from bot.assistant import Assistant
from bot.settings import Secret, Settings
from bot.store import SqliteStore
from bot.telegram_adapter.app import build_application
from bot.validation import check_faq
from bot_api_server import BotApiServer
from conftest import REAL_FAQ, TODAY

TOKEN = "123456789:AAEhBOweik6ad6PsVMRxjeQKXvE-AbCdEfG"
_ids = itertools.count(1)


def text_update(text: str, lang: str = "es") -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(_ids),
        "date": 1_790_000_000,
        "chat": {"id": 31337, "type": "private"},
        "from": {"id": 31337, "is_bot": False, "first_name": "Rosa", "language_code": lang},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"message": message}


def press_update(data: str) -> dict[str, Any]:
    return {
        "callback_query": {
            "id": str(next(_ids)),
            "from": {"id": 31337, "is_bot": False, "first_name": "Rosa", "language_code": "es"},
            "chat_instance": "x",
            "data": data,
            "message": {"message_id": 1, "date": 1_790_000_000, "chat": {"id": 31337, "type": "private"}, "text": "-"},
        }
    }


def user_script(server: BotApiServer) -> Callable[..., Awaitable[list[dict[str, Any]]]]:
    """The user's side: send one update, then wait for the bot's `new` calls of `method`."""

    async def step(update: dict[str, Any], new: int, method: str = "sendMessage") -> list[dict[str, Any]]:
        before = len(server.sent(method))
        server.push(update)
        loop = asyncio.get_running_loop()
        return (await loop.run_in_executor(None, server.wait_for, before + new, method))[before:]

    return step


def test_done_when_walkthrough(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    """Issue 4's walk-through in one polling run: every Bot API call succeeds, nothing is logged as an error."""
    import shutil

    from conftest import edit

    caplog.set_level(logging.INFO)
    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    faq_dir = tmp_path / "faq"
    shutil.copytree(REAL_FAQ, faq_dir)
    staff = -100999
    with BotApiServer(TOKEN) as server:
        settings = Settings(
            faq_dir=faq_dir,
            token=Secret(TOKEN),
            api_base_url=server.base_url,
            database_path=tmp_path / "bot.sqlite3",
            staff_chat_id=staff,
        )
        application = build_application(settings, Assistant(faq))

        async def script() -> None:
            async with application:
                assert application.updater is not None
                await application.updater.start_polling(poll_interval=0.0, timeout=1)
                await application.start()
                step = user_script(server)

                (greeting, menu) = await step(text_update("/start", lang="en"), 2)
                assert "not legal advice" in greeting["text"] and "/delete" in greeting["text"]
                (category,) = await step(press_update("cat:asylum"), 1, "editMessageText")
                first_entry = category["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
                (entry,) = await step(press_update(first_entry), 1)
                assert "Sources:" in entry["text"] or "Fuentes:" in entry["text"]
                (english,) = await step(text_update("how do i check my court date", lang="en"), 1)
                assert "1-800-898-7180" in english["text"]
                (spanish,) = await step(text_update("cuanto cuesta pedir asilo", lang="en"), 1)
                assert "asilo" in spanish["text"].lower() and "Fuentes:" in spanish["text"]
                (emergency,) = await step(text_update("ICE is at my door right now", lang="en"), 1)
                assert "Do not open the door" in emergency["text"][:300]
                (suggestion,) = await step(text_update("papeles", lang="es"), 1)
                pick = suggestion["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
                assert pick.startswith("entry:")
                (picked,) = await step(press_update(pick), 1)
                assert "Fuentes:" in picked["text"]
                photo = text_update("x")
                del photo["message"]["text"]
                photo["message"]["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
                (photo_reply,) = await step(photo, 1)
                assert "escriba su pregunta" in photo_reply["text"]
                (choose,) = await step(text_update("/idioma"), 1)
                (done, menu_es) = await step(press_update("lang:es"), 2)
                assert done["text"].startswith("Listo")
                (confirm,) = await step(text_update("/borrar"), 1)
                (deleted,) = await step(press_update("delete:yes"), 1)
                assert deleted["text"].startswith("Listo. Se borró todo")
                assert SqliteStore(tmp_path / "bot.sqlite3").rows_about(31337) == 0
                edit(faq_dir / "court.yaml", "  - id: court-date\n", "  - id: court-date\n    anwser: x\n")
                reload_update = text_update("/reload", lang="en")
                reload_update["message"]["chat"] = {"id": staff, "type": "supergroup", "title": "Staff"}
                (report,) = await step(reload_update, 1)
                assert "NOT reloaded" in report["text"] and "court.yaml, line" in report["text"]
                (still,) = await step(text_update("how do i check my court date", lang="en"), 1)
                assert "1-800-898-7180" in still["text"]
                await application.updater.stop()
                await application.stop()

        asyncio.run(script())
    assert server.unexpected == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Traceback" not in logged and "Rosa" not in logged and "pedir asilo" not in logged


def _as(update: dict[str, Any], user_id: int, lang: str, username: str) -> dict[str, Any]:
    """The same update from another person (each booking below is a new user)."""
    kind = "message" if "message" in update else "callback_query"
    body = update[kind]
    body["from"] = {"id": user_id, "is_bot": False, "first_name": "Ana", "language_code": lang, "username": username}
    chat = body["message"]["chat"] if kind == "callback_query" else body["chat"]
    chat["id"] = user_id
    return update


def test_new_users_book_in_spanish_and_english_over_polling(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    """Issue 5's done-when: a booking in each language against a Bot API on 127.0.0.1, with the
    confirmation, the calendar file and the staff chat's notice."""
    caplog.set_level(logging.INFO)
    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    staff = -100777
    with BotApiServer(TOKEN) as server:
        settings = Settings(
            faq_dir=REAL_FAQ, token=Secret(TOKEN), api_base_url=server.base_url,
            database_path=tmp_path / "bot.sqlite3", staff_chat_id=staff,
        )
        application = build_application(settings, Assistant(faq))

        async def script() -> None:
            async with application:
                assert application.updater is not None
                await application.updater.start_polling(poll_interval=0.0, timeout=1)
                await application.start()
                step = user_script(server)

                def first(reply: dict[str, Any], prefix: str) -> str:
                    rows = reply["reply_markup"]["inline_keyboard"]
                    return next(b["callback_data"] for row in rows for b in row if b["callback_data"].startswith(prefix))

                for user_id, lang, words in (
                    (40001, "es", ("/cita", "Ana", "818 555 0134", "Su consulta gratis quedó reservada", "consulta.ics")),
                    (40002, "en", ("/book", "Ann", "+52 55 1234 5678", "Your free consultation is booked", "consultation.ics")),
                ):
                    command, name, phone, booked, filename = words
                    me = lambda update: _as(update, user_id, lang, f"user{user_id}")  # noqa: E731
                    (consent,) = await step(me(text_update(command, lang=lang)), 1)
                    assert "/borrar" in consent["text"] or "/delete" in consent["text"]
                    (ask_name,) = await step(me(press_update("bk:ok")), 1)
                    (ask_contact,) = await step(me(text_update(name, lang=lang)), 1)
                    assert ask_contact["reply_markup"]["keyboard"][0][0]["request_contact"] is True
                    (thanks, ask_meeting) = await step(me(text_update(phone, lang=lang)), 2)
                    (ask_day,) = await step(me(press_update(first(ask_meeting, "bk:m:"))), 1)
                    (ask_time,) = await step(me(press_update(first(ask_day, "bk:d:"))), 1)
                    assert "Los Angeles" in ask_time["text"] or "Los Ángeles" in ask_time["text"]
                    (ask_topic,) = await step(me(press_update(first(ask_time, "bk:t:"))), 1)
                    (summary,) = await step(me(press_update("bk:topic:detention")), 1)
                    before_documents = len(server.sent("sendDocument"))
                    (confirmation, notice) = await step(me(press_update("bk:yes")), 2)
                    assert confirmation["text"].startswith(booked) and int(confirmation["chat_id"]) == user_id
                    await asyncio.get_running_loop().run_in_executor(None, server.wait_for, before_documents + 1, "sendDocument")
                    document = server.sent("sendDocument")[-1]
                    assert document["document"]["filename"] == filename
                    assert b"BEGIN:VEVENT" in document["document"]["content"]
                    assert int(notice["chat_id"]) == staff and "— URGENT" in notice["text"] and name in notice["text"]
                await application.updater.stop()
                await application.stop()

        asyncio.run(script())
    assert server.unexpected == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Ana" not in logged and "555 0134" not in logged and "40001" not in logged
