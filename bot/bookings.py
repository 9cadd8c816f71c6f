"""Booked consultations as plain data: what the store keeps and the staff chat is told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from bot.model import Lang
from bot.schedule import Meeting


class Status(str, Enum):
    BOOKED = "booked"  # made by the person, not yet seen by staff
    CONFIRMED = "confirmed"  # staff marked it confirmed
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


ACTIVE: tuple[Status, ...] = (Status.BOOKED, Status.CONFIRMED)  # these hold their slot


class Reminder(str, Enum):
    DAY_BEFORE = "24h"
    HOUR_BEFORE = "1h"

    @property
    def lead(self) -> timedelta:
        return timedelta(hours=24) if self is Reminder.DAY_BEFORE else timedelta(hours=1)


@dataclass(frozen=True)
class Person:
    """Who is booking, as the transport knows them. `chat_id` is where reminders go."""

    user_id: int
    chat_id: int
    username: str = ""  # Telegram username, kept only when they chose to be reached on Telegram


@dataclass(frozen=True)
class Booking:
    id: int  # 0 until stored
    user_id: int
    chat_id: int
    name: str
    phone: str  # E.164, or empty when reached on Telegram
    username: str
    meeting: Meeting
    start: datetime  # aware, UTC
    end: datetime
    topic: str | None
    court_soon: bool | None
    urgent: bool
    lang: Lang
    status: Status
    created_at: datetime

    @property
    def by_telegram(self) -> bool:
        return not self.phone


class NoticeKind(str, Enum):
    NEW = "new"
    MOVED = "moved"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"  # the person used /delete: the booking and its details are gone


@dataclass(frozen=True)
class Notice:
    """A message for the staff chat that waits in the database until Telegram accepts it."""

    id: int
    kind: NoticeKind
    booking_id: int
    note: str  # for WITHDRAWN: what staff may still see (number and time, no personal details)
    attempts: int
