"""What the assistant remembers about one user between messages (the store keeps it)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.booking import Draft
from bot.model import Lang


@dataclass(frozen=True)
class Session:
    """What the assistant remembers about one user between messages."""

    lang: Lang | None = None  # the language of the last message
    preferred: Lang | None = None  # chosen with /language; the fallback when a message gives no clue
    disclaimer_shown: bool = False
    booking: Draft | None = None  # a booking in progress

    @property
    def fallback(self) -> Lang:
        return self.preferred or self.lang or Lang.EN
