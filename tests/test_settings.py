from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import SettingsError
from bot.settings import Secret, load_settings, read_env_file

TOKEN = "123456789:AAEhBOweik6ad6PsVMRxjeQKXvE-AbCdEfG"


def test_defaults_without_token() -> None:
    settings = load_settings({})
    assert settings.token is None
    assert settings.faq_dir.name == "faq"


def test_token_is_kept_secret() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "FAQ_DIR": "/srv/faq"})
    assert settings.token == Secret(TOKEN)
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.token)
    assert settings.faq_dir == Path("/srv/faq")


def test_malformed_token_names_the_variable_without_echoing_it() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"TELEGRAM_BOT_TOKEN": "12345:short"})
    assert "TELEGRAM_BOT_TOKEN" in str(caught.value) and "12345:short" not in str(caught.value)


def test_env_file(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("# comment\nTELEGRAM_BOT_TOKEN='abc'\nexport FAQ_DIR=/x\n\nBROKEN LINE\n")
    assert read_env_file(env) == {"TELEGRAM_BOT_TOKEN": "abc", "FAQ_DIR": "/x"}
    assert read_env_file(tmp_path / "missing") == {}


def test_webhook_settings() -> None:
    settings = load_settings({"WEBHOOK_URL": "https://bot.example.org", "WEBHOOK_SECRET": "s" * 20, "WEBHOOK_PORT": "8080"})
    assert settings.webhook_url == "https://bot.example.org" and settings.webhook_port == 8080
    assert settings.webhook_secret is not None and "s" * 20 not in repr(settings)
    for bad in ({"WEBHOOK_URL": "http://x.org", "WEBHOOK_SECRET": "s" * 20}, {"WEBHOOK_URL": "https://x.org", "WEBHOOK_SECRET": "short"}, {"WEBHOOK_PORT": "99999"}):
        with pytest.raises(SettingsError):
            load_settings(bad)


def test_other_settings_are_checked() -> None:
    assert load_settings({"STAFF_CHAT_ID": "-1001234", "UNANSWERED_RETENTION_DAYS": "30"}).staff_chat_id == -1001234
    for bad in ({"STAFF_CHAT_ID": "staff"}, {"UNANSWERED_RETENTION_DAYS": "0"}, {"TELEGRAM_API_BASE_URL": "ftp://x"}, {"FAQ_RELOAD_SECONDS": "-1"}):
        with pytest.raises(SettingsError):
            load_settings(bad)


def test_booking_retention_has_a_default_and_is_checked() -> None:
    assert load_settings({}).booking_retention_days == 30
    assert load_settings({"BOOKING_RETENTION_DAYS": "45"}).booking_retention_days == 45
    for bad in ("0", "thirty", "-3"):
        with pytest.raises(SettingsError, match="BOOKING_RETENTION_DAYS"):
            load_settings({"BOOKING_RETENTION_DAYS": bad})
