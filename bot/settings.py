"""Settings from the environment (and an optional .env file), read by one pure function."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from bot.errors import SettingsError

DEFAULT_FAQ_DIR = Path(__file__).resolve().parent.parent / "faq"
_TOKEN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")


@dataclass(frozen=True)
class Secret:
    """A value that never shows itself in a repr, a log line or a traceback."""

    value: str

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"


@dataclass(frozen=True)
class Settings:
    faq_dir: Path
    token: Secret | None
    api_base_url: str = DEFAULT_API_BASE_URL  # the library appends the token
    database_path: Path = Path("data/bot.sqlite3")
    unanswered_retention_days: int = 90
    booking_retention_days: int = 30  # bookings are erased this many days after the appointment
    staff_chat_id: int | None = None
    reload_seconds: int = 30
    webhook_url: str | None = None  # set: receive updates by webhook instead of long polling
    webhook_secret: Secret | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443


def load_settings(environ: Mapping[str, str]) -> Settings:
    """Build settings from a mapping such as os.environ; fail fast with the variable's name."""
    faq_dir = Path(environ.get("FAQ_DIR") or DEFAULT_FAQ_DIR)
    raw_token = (environ.get("TELEGRAM_BOT_TOKEN") or "").strip()
    token = None
    if raw_token:
        if not _TOKEN.match(raw_token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters); "
                "copy it again from @BotFather into .env or the environment"
            )
        token = Secret(raw_token)
    base_url = (environ.get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL).strip()
    if not base_url.startswith(("http://", "https://")):
        raise SettingsError("TELEGRAM_API_BASE_URL must start with http:// or https://, like https://api.telegram.org/bot")
    database_path = Path(environ.get("DATABASE_PATH") or "data/bot.sqlite3")
    raw_days = (environ.get("UNANSWERED_RETENTION_DAYS") or "90").strip()
    if not raw_days.isdigit() or int(raw_days) < 1:
        raise SettingsError("UNANSWERED_RETENTION_DAYS must be a whole number of days, like 90")
    raw_booking_days = (environ.get("BOOKING_RETENTION_DAYS") or "30").strip()
    if not raw_booking_days.isdigit() or int(raw_booking_days) < 1:
        raise SettingsError("BOOKING_RETENTION_DAYS must be a whole number of days, like 30")
    raw_staff = (environ.get("STAFF_CHAT_ID") or "").strip()
    if raw_staff and not raw_staff.lstrip("-").isdigit():
        raise SettingsError("STAFF_CHAT_ID must be the numeric id of the staff group, like -1001234567890")
    raw_reload = (environ.get("FAQ_RELOAD_SECONDS") or "30").strip()
    if not raw_reload.isdigit():
        raise SettingsError("FAQ_RELOAD_SECONDS must be a whole number of seconds (0 turns automatic reload off)")
    webhook_url = (environ.get("WEBHOOK_URL") or "").strip() or None
    webhook_secret = (environ.get("WEBHOOK_SECRET") or "").strip()
    if webhook_url:
        if not webhook_url.startswith("https://"):
            raise SettingsError("WEBHOOK_URL must start with https:// (Telegram only calls secure addresses)")
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", webhook_secret):
            raise SettingsError("WEBHOOK_SECRET must be 16 to 256 letters, digits, _ or - when WEBHOOK_URL is set")
    raw_port = (environ.get("WEBHOOK_PORT") or "8443").strip()
    if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
        raise SettingsError("WEBHOOK_PORT must be a port number, like 8443")
    return Settings(
        webhook_url=webhook_url,
        webhook_secret=Secret(webhook_secret) if webhook_url else None,
        webhook_listen=(environ.get("WEBHOOK_LISTEN") or "127.0.0.1").strip(),
        webhook_port=int(raw_port),
        staff_chat_id=int(raw_staff) if raw_staff else None,
        reload_seconds=int(raw_reload),
        faq_dir=faq_dir,
        token=token,
        api_base_url=base_url,
        database_path=database_path,
        unanswered_retention_days=int(raw_days),
        booking_retention_days=int(raw_booking_days),
    )


def read_env_file(path: Path) -> dict[str, str]:
    """Read KEY=value lines from a .env file; a missing file is simply empty."""
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return values
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def environment(env_file: Path = Path(".env")) -> dict[str, str]:
    """The process environment over the .env file: a real environment variable wins."""
    return {**read_env_file(env_file), **os.environ}
