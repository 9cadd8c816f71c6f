"""Webhook mode: Telegram's POSTs on 127.0.0.1, with the secret header checked."""

from __future__ import annotations

import asyncio
import json
import socket
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from bot.assistant import Assistant
from bot.settings import Secret, Settings
from bot.store import SqliteStore
from bot.telegram_adapter.app import WEBHOOK_PATH, build_application
from bot.validation import check_faq
from conftest import REAL_FAQ, TODAY
from fake_bot_api import FakeBotApi

TOKEN = "123456789:AAEhBOweik6ad6PsVMRxjeQKXvE-AbCdEfG"
SECRET = "webhook-secret-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(url: str, body: dict, secret: str) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_webhook_answers_telegram_and_refuses_a_wrong_secret() -> None:
    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    api = FakeBotApi()
    port = free_port()
    settings = Settings(faq_dir=REAL_FAQ, token=Secret(TOKEN), api_base_url="http://127.0.0.1:9/bot")
    application = build_application(
        settings, Assistant(faq), request=api, updates_request=api, rate_limit=False, store=SqliteStore(Path(tempfile.mkdtemp()) / "b.sqlite3")
    )
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 1_790_000_000,
            "chat": {"id": 55, "type": "private"},
            "from": {"id": 55, "is_bot": False, "first_name": "Luis", "language_code": "es"},
            "text": "la migra esta en mi puerta",
        },
    }
    url = f"http://127.0.0.1:{port}/{WEBHOOK_PATH}"

    async def go() -> tuple[int, int]:
        async with application:
            assert application.updater is not None
            await application.updater.start_webhook(
                listen="127.0.0.1", port=port, url_path=WEBHOOK_PATH, webhook_url=f"https://bot.example.org/{WEBHOOK_PATH}", secret_token=SECRET
            )
            await application.start()
            loop = asyncio.get_running_loop()
            refused = await loop.run_in_executor(None, post, url, {**update, "update_id": 2}, "wrong-secret-000000000")
            accepted = await loop.run_in_executor(None, post, url, update, SECRET)
            for _ in range(100):
                if api.sent():
                    break
                await asyncio.sleep(0.05)
            await application.updater.stop()
            await application.stop()
            return refused, accepted

    refused, accepted = asyncio.run(go())
    assert (refused, accepted) == (403, 200)
    (hook,) = api.sent("setWebhook")
    assert hook["url"] == f"https://bot.example.org/{WEBHOOK_PATH}" and hook["secret_token"] == SECRET
    (answer,) = api.sent()
    assert "No abra la puerta" in answer["text"]
    assert api.unexpected == []
