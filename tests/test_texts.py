from __future__ import annotations

import string

from bot.model import LANGS
from bot.texts import TEXTS, say


def slots(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_exists_in_every_language_with_the_same_slots() -> None:
    for key, versions in TEXTS.items():
        assert set(versions) == set(LANGS), key
        english = slots(versions[LANGS[0]])
        for lang in LANGS:
            assert versions[lang].strip(), (key, lang)
            assert slots(versions[lang]) == english, (key, lang)


def test_say_fills_slots() -> None:
    assert say("reviewed", LANGS[1], date="2026-11-28") == "Revisado el 2026-11-28."
