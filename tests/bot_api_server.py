"""A small Bot API server on 127.0.0.1 for end-to-end tests of the real polling loop.

It keeps a queue of updates that a test's "user script" adds, serves them through getUpdates,
and records every call the bot makes. Unknown methods are answered with an error and recorded.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from email.parser import BytesParser
from email.policy import default
from urllib.parse import parse_qsl

BOT_USER = {"id": 4242, "is_bot": True, "first_name": "OfficeBot", "username": "office_test_bot"}


class BotApiServer:
    def __init__(self, token: str) -> None:
        self.token = token
        self.updates: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.unexpected: list[str] = []
        self.failing_chats: set[int] = set()  # sendMessage to these chats is refused, as if unreachable
        self.lock = threading.Condition()
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(500)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                kind = self.headers.get("Content-Type", "")
                if "multipart/form-data" in kind:
                    params = _multipart(raw, kind)
                elif "json" in kind:
                    params = json.loads(raw.decode() or "{}")
                else:
                    params = {k: _maybe_json(v) for k, v in parse_qsl(raw.decode())}
                status, result = server.handle(self.path, params)
                payload = json.dumps(result).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot stopped polling while a long poll was open

            def log_message(self, *args: Any) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/bot"

    def __enter__(self) -> "BotApiServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- the user script's side ----------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> None:
        with self.lock:
            update["update_id"] = next(self._ids)
            self.updates.append(update)
            self.lock.notify_all()

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        with self.lock:
            return [params for name, params in self.calls if name == method]

    def wait_for(self, count: int, method: str = "sendMessage", timeout: float = 10.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        with self.lock:
            while len([1 for name, _ in self.calls if name == method]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"the bot sent {self.sent(method)!r}, expected {count} {method}")
                self.lock.wait(left)
        return self.sent(method)

    # -- the bot's side ------------------------------------------------------------------------------

    def handle(self, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix):]
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        with self.lock:
            self.calls.append((method, params))
            self.lock.notify_all()
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method in ("deleteWebhook", "answerCallbackQuery", "setMyCommands"):
            return 200, {"ok": True, "result": True}
        if method == "sendMessage" and int(params.get("chat_id", 0)) in self.failing_chats:
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
        if method in ("sendMessage", "editMessageText", "sendDocument"):
            message = {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": BOT_USER,
                "text": params.get("text", ""),
            }
            return 200, {"ok": True, "result": message}
        with self.lock:
            self.unexpected.append(method)
        return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: unexpected method {method}"}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), 0.5)
        deadline = time.monotonic() + wait
        with self.lock:
            while True:
                ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or time.monotonic() >= deadline:
                    return ready
                self.lock.wait(max(0.0, deadline - time.monotonic()))


def _multipart(raw: bytes, content_type: str) -> dict[str, Any]:
    """A multipart/form-data body (sendDocument): fields as values, files as {"filename", "content"}."""
    envelope = f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    message = BytesParser(policy=default).parsebytes(envelope)
    params: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        content = part.get_payload(decode=True) or b""
        if filename:
            params[name] = {"filename": filename, "content": content}
        else:
            params[name] = _maybe_json(content.decode())
    return params


def _maybe_json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value
