"""An in-memory Bot API: a `BaseRequest` that answers like Telegram and records every call.

Only the methods the bot is expected to use are answered; anything else is recorded as
unexpected, and tests assert there was none.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any

from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "OfficeBot", "username": "office_test_bot"}


class FakeBotApi(BaseRequest):
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.unexpected: list[str] = []
        self._ids = itertools.count(1000)
        self.network_failures = 0  # the next N sendMessage calls fail as if the connection dropped
        self.rejections = 0  # the next N sendMessage calls are refused by Telegram (400)
        self.failing_chats: set[int] = set()  # sendMessage to these chats is refused, as if unreachable

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None, **_: Any) -> tuple[int, bytes]:
        await asyncio.sleep(0)  # a real request yields to other tasks while it waits for Telegram
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data is not None else {}
        if name == "sendMessage" and self.network_failures:
            self.network_failures -= 1
            raise NetworkError("connection reset by peer")
        if request_data is not None and request_data.multipart_data:
            params = dict(params)
            for part, (filename, content, *_) in request_data.multipart_data.items():
                params[part] = {"filename": filename, "content": content if isinstance(content, bytes) else content.read()}
        if name == "sendMessage" and int(params.get("chat_id", 0)) in self.failing_chats:
            self.calls.append(("failed:sendMessage", dict(params)))
            return 400, json.dumps({"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}).encode()
        if name == "sendMessage" and self.rejections:
            self.rejections -= 1
            return 400, json.dumps({"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}).encode()
        self.calls.append((name, dict(params)))
        handler = getattr(self, f"_{name}", None)
        if handler is None:
            self.unexpected.append(name)
            return 400, json.dumps({"ok": False, "error_code": 400, "description": f"unexpected method {name}"}).encode()
        return 200, json.dumps({"ok": True, "result": handler(params)}).encode()

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    # -- the methods the bot may call ----------------------------------------------------------------

    def _getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return BOT_USER

    def _sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "message_id": next(self._ids),
            "date": 1_790_000_000,
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": BOT_USER,
            "text": params.get("text", ""),
        }

    def _editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._sendMessage(params)

    def _sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._sendMessage(params)

    def _answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        return True

    def _deleteWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def _setWebhook(self, params: dict[str, Any]) -> bool:
        return True

    def _setMyCommands(self, params: dict[str, Any]) -> bool:
        return True

    staff_members: set[int] = set()

    def _getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = int(params["user_id"])
        status = "member" if user_id in self.staff_members else "left"
        return {"status": status, "user": {"id": user_id, "is_bot": False, "first_name": "x"}}

    def _getUpdates(self, params: dict[str, Any]) -> list[Any]:
        return []
