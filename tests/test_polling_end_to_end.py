"""The real polling loop (python-telegram-bot's Updater over HTTP) against our Bot API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import itertools
import logging
from pathlib import Path
from typing import Any

import pytest

from bot.assistant import Assistant
from bot.settings import Secret, Settings
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


def test_user_script_over_real_polling(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    caplog.set_level(logging.INFO)
    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    with BotApiServer(TOKEN) as server:
        settings = Settings(
            faq_dir=REAL_FAQ, token=Secret(TOKEN), api_base_url=server.base_url, database_path=tmp_path / "bot.sqlite3"
        )
        application = build_application(settings, Assistant(faq))

        async def script() -> None:
            async with application:
                assert application.updater is not None
                await application.updater.start_polling(poll_interval=0.0, timeout=1)
                await application.start()
                loop = asyncio.get_running_loop()

                async def say(update: dict[str, Any], replies_so_far: int) -> list[dict[str, Any]]:
                    server.push(update)
                    return await loop.run_in_executor(None, server.wait_for, replies_so_far)

                sent = await say(text_update("/start"), 2)
                assert sent[0]["text"].startswith("¡Hola!")
                sent = await say(text_update("la migra esta en mi puerta"), 3)
                assert "No abra la puerta" in sent[2]["text"]
                sent = await say(press_update("entry:bond"), 4)
                assert "1,500" in sent[3]["text"]
                sent = await say(text_update("how do i check my court date", lang="en"), 5)
                assert "1-800-898-7180" in sent[4]["text"]
                await application.updater.stop()
                await application.stop()

        asyncio.run(script())
    assert server.unexpected == []
    assert len(server.sent("answerCallbackQuery")) == 1
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in logged and "Rosa" not in logged and "migra esta" not in logged
