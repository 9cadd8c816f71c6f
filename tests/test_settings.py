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
