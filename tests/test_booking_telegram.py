"""Booking a consultation through the Telegram adapter, with the Bot API answered in memory.

Every `Office.run` builds a new Application on the same SQLite file: each call is a restart, so
these tests also show that nothing of a booking lives only in memory.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Awaitable, Callable

import pytest
from telegram import Update
from telegram.ext import Application

from bot.assistant import Assistant
from bot.bookings import Status
from bot.settings import Secret, Settings
from bot.store import SqliteStore
from bot.telegram_adapter.app import build_application
from bot.validation import check_faq
from conftest import REAL_FAQ, TODAY
from fake_bot_api import FakeBotApi

TOKEN = "123456789:AAEhBOweik6ad6PsVMRxjeQKXvE-AbCdEfG"
STAFF = -100200300
USER = 555
_ids = itertools.count(1)


def _from(lang: str, user_id: int = USER, username: str | None = "rosa_lopez") -> dict[str, Any]:
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Rosa", "language_code": lang}
    if username:
        data["username"] = username
    return data


def say(text: str, lang: str = "es", user_id: int = USER) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": next(_ids),
        "date": 1_790_000_000,
        "chat": {"id": user_id, "type": "private"},
        "from": _from(lang, user_id),
        "text": text,
    }
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": next(_ids), "message": body}


def share_contact(phone: str, lang: str = "es") -> dict[str, Any]:
    body = {
        "message_id": next(_ids),
        "date": 1_790_000_000,
        "chat": {"id": USER, "type": "private"},
        "from": _from(lang),
        "contact": {"phone_number": phone, "first_name": "Rosa", "user_id": USER},
    }
    return {"update_id": next(_ids), "message": body}


def press(data: str, lang: str = "es", user_id: int = USER, chat_id: int | None = None) -> dict[str, Any]:
    chat = {"id": chat_id or user_id, "type": "private" if chat_id is None else "supergroup"}
    return {
        "update_id": next(_ids),
        "callback_query": {
            "id": str(next(_ids)),
            "from": _from(lang, user_id),
            "chat_instance": "ci",
            "data": data,
            "message": {"message_id": 9, "date": 1_790_000_000, "chat": chat, "text": "-"},
        },
    }


class Office:
    """The bot as a process that can be restarted, on one database, one Bot API and one clock."""

    def __init__(self, tmp_path: Path, now: datetime) -> None:
        self.store = SqliteStore(tmp_path / "bot.sqlite3")
        self.api = FakeBotApi()
        self.now = now
        faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
        assert faq is not None and faq.schedule is not None
        self.faq = faq

    def within(self, work: Callable[[Application], Awaitable[object]]) -> None:  # type: ignore[type-arg]
        """Start the bot (a fresh Application on the same database), do `work`, stop it."""
        settings = Settings(faq_dir=REAL_FAQ, token=Secret(TOKEN), api_base_url="http://127.0.0.1:9/bot", staff_chat_id=STAFF)
        application = build_application(
            settings, Assistant(self.faq), request=self.api, updates_request=self.api, rate_limit=False,
            store=self.store, clock=lambda: self.now,
        )

        async def go() -> None:
            async with application:
                await work(application)

        asyncio.run(go())
        assert self.api.unexpected == []

    def run(self, *updates: dict[str, Any], chores: bool = False) -> None:
        async def work(application: Application) -> None:  # type: ignore[type-arg]
            for data in updates:
                await application.process_update(Update.de_json(data, application.bot))
            if chores:
                handlers = application.bot_data["handlers"]
                await handlers.send_reminders(application.bot)
                await handlers.deliver_notices(application.bot)

        self.within(work)

    # -- reading what was sent -------------------------------------------------------------------

    def to(self, chat_id: int) -> list[dict[str, Any]]:
        return [p for p in self.api.sent() if int(p["chat_id"]) == chat_id]

    def last_buttons(self, chat_id: int = USER) -> list[tuple[str, str]]:
        for params in reversed(self.to(chat_id)):
            markup = params.get("reply_markup") or {}
            if "inline_keyboard" in markup:
                return [(b["text"], b["callback_data"]) for row in markup["inline_keyboard"] for b in row]
        raise AssertionError("no buttons were sent")

    def payload(self, prefix: str, chat_id: int = USER) -> str:
        return next(data for _, data in self.last_buttons(chat_id) if data.startswith(prefix))


@pytest.fixture
def office(tmp_path: Path) -> Office:
    return Office(tmp_path, datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc))  # Monday, 8:00 AM in Los Angeles


def book_up_to_the_time(office: Office, lang: str = "es") -> None:
    office.run(say("/cita" if lang == "es" else "/book", lang))
    office.run(press("bk:ok", lang), say("Rosa María", lang), share_contact("18185550134", lang))
    office.run(press("bk:m:phone", lang))
    office.run(press(office.payload("bk:d:"), lang))


def test_a_spanish_booking_end_to_end_with_calendar_file_and_staff_notice(office: Office) -> None:
    book_up_to_the_time(office)
    office.run(press(office.payload("bk:t:")))
    office.run(press("bk:topic:court"), press("bk:soon:y"))
    summary = office.to(USER)[-1]["text"]
    assert "Revise su cita" in summary and "Rosa María" in summary and "(818) 555-0134" in summary
    assert "hora de Los Ángeles" in summary
    office.run(press("bk:yes"))

    confirmation = office.to(USER)[-1]["text"]
    assert confirmation.startswith("Su consulta gratis quedó reservada") and "/micita" in confirmation
    (document,) = office.api.sent("sendDocument")
    assert int(document["chat_id"]) == USER
    ics = document["document"]["content"].decode()
    assert document["document"]["filename"] == "consulta.ics"
    assert "BEGIN:VEVENT" in ics and "DTSTART:20261130T210000Z" in ics  # 1:00 PM in Los Angeles, in UTC

    (notice,) = office.to(STAFF)
    assert notice["text"].startswith("🆕 New consultation #1 — URGENT")
    assert "Rosa María" in notice["text"] and "(818) 555-0134" in notice["text"] and "Language: Spanish" in notice["text"]
    assert "court date within 7 days: yes" in notice["text"]
    staff_buttons = [b["callback_data"] for row in notice["reply_markup"]["inline_keyboard"] for b in row]
    assert staff_buttons == ["st:confirmed:1", "st:done:1", "st:no_show:1"]
    assert office.store.upcoming_booking(USER, office.now) is not None


def test_an_english_booking_by_typed_answers(office: Office) -> None:
    office.run(say("I want to book an appointment with the attorney", "en"))
    assert "I will ask for a name to call you" in office.to(USER)[-1]["text"]
    office.run(say("ok", "en"), say("Rosa", "en"), say("(818) 555-0134", "en"), say("video", "en"))
    office.run(say("tomorrow", "en"))
    assert office.to(USER)[-1]["text"].startswith("What time on Tuesday, December 1?")
    office.run(say("10:30", "en"), say("skip", "en"))
    assert "When: Tuesday, December 1, 10:30 AM (Los Angeles time, PST)" in office.to(USER)[-1]["text"]
    office.run(say("confirm", "en"))
    assert office.to(USER)[-1]["text"].startswith("Your free consultation is booked.")
    assert office.api.sent("sendDocument")[0]["document"]["filename"] == "consultation.ics"
    assert "Meeting: Video call" in office.to(STAFF)[0]["text"]


def test_the_contact_step_offers_telegrams_share_number_button_and_then_removes_it(office: Office) -> None:
    office.run(say("/book", "en"), press("bk:ok", "en"), say("Rosa", "en"))
    ask = office.to(USER)[-1]
    keys = [row[0] for row in ask["reply_markup"]["keyboard"]]
    assert keys[0] == {"text": "📱 Share my phone number", "request_contact": True}
    assert {"text": "Here on Telegram"} in keys
    office.run(share_contact("+52 55 1234 5678", "en"))
    thanks, meeting = office.to(USER)[-2:]
    assert thanks["reply_markup"] == {"remove_keyboard": True} and "+52 55 1234 5678" in thanks["text"]
    assert meeting["text"] == "How do you want to meet?"


def test_killing_the_bot_mid_booking_resumes_where_it_was(office: Office) -> None:
    book_up_to_the_time(office)  # every run above was a fresh Application on the same database
    chosen = office.payload("bk:t:")
    office.run(say("/cita"))  # after the restart, /cita picks the booking up at the same step
    assert office.to(USER)[-1]["text"].startswith("¿A qué hora el")
    office.run(press(chosen), press("bk:topic:-"), press("bk:yes"))
    assert office.to(USER)[-1]["text"].startswith("Su consulta gratis quedó reservada")


def test_a_question_mid_booking_is_answered_then_the_booking_continues(office: Office) -> None:
    book_up_to_the_time(office)
    office.run(say("cuanto cuesta la fianza?"))
    answer, offer = office.to(USER)[-2:]
    assert "fianza" in answer["text"].lower() and "Fuentes:" in answer["text"]
    assert offer["text"].startswith("Su cita todavía no está lista")
    office.run(press("bk:resume"))
    assert office.to(USER)[-1]["text"].startswith("¿A qué hora el")


def test_an_emergency_mid_booking_is_answered_first(office: Office) -> None:
    office.run(say("/cita"), press("bk:ok"))
    office.run(say("la migra esta en mi puerta"))
    answer, offer = office.to(USER)[-2:]
    assert "No abra la puerta" in answer["text"][:400]
    assert offer["text"].startswith("Su cita todavía no está lista")


def test_cancel_stops_the_booking_at_any_step_and_keeps_nothing(office: Office) -> None:
    book_up_to_the_time(office)
    office.run(say("/cancel"))
    assert office.to(USER)[-1]["text"].startswith("Se detuvo la cita")
    assert office.store.load(USER).booking is None  # type: ignore[union-attr]
    assert office.store.upcoming_booking(USER, office.now) is None and office.to(STAFF) == []


def test_with_the_staff_chat_failing_bookings_are_kept_and_notices_arrive_once_it_works(office: Office) -> None:
    office.api.failing_chats = {STAFF}
    book_up_to_the_time(office)
    office.run(press(office.payload("bk:t:")), press("bk:topic:-"), press("bk:yes"))
    assert office.to(STAFF) == [] and office.store.upcoming_booking(USER, office.now) is not None
    assert len(office.store.pending_notices(office.now + timedelta(hours=1))) == 1  # waiting, not lost
    office.run(chores=True)  # still failing: tried again, still kept
    office.api.failing_chats = set()
    office.now += timedelta(minutes=5)  # past the retry delay
    office.run(chores=True)
    office.run(chores=True)
    (notice,) = office.to(STAFF)  # arrived, and only once
    assert notice["text"].startswith("🆕 New consultation #1")


def test_staff_mark_a_booking_and_others_cannot(office: Office) -> None:
    book_up_to_the_time(office)
    office.run(press(office.payload("bk:t:")), press("bk:topic:-"), press("bk:yes"))
    office.run(press("st:done:1"))  # a user pressing a forged staff button in a private chat
    assert office.store.booking(1).status is Status.BOOKED  # type: ignore[union-attr]
    office.run(press("st:confirmed:1", user_id=42, chat_id=STAFF))
    assert office.store.booking(1).status is Status.CONFIRMED  # type: ignore[union-attr]
    (edited,) = office.api.sent("editMessageText")
    assert "Status: confirmed" in edited["text"]


def test_mybooking_cancel_tells_staff_and_frees_the_slot(office: Office) -> None:
    book_up_to_the_time(office)
    office.run(press(office.payload("bk:t:")), press("bk:topic:-"), press("bk:yes"))
    office.run(say("/micita"))
    assert office.to(USER)[-1]["text"].startswith("Su consulta:")
    office.run(press("bk:my:cancel"), press("bk:my:cancel:yes"))
    assert office.to(USER)[-1]["text"].startswith("Su consulta se canceló")
    assert office.to(STAFF)[-1]["text"].startswith("❌ Consultation #1 was cancelled")
    assert office.store.upcoming_booking(USER, office.now) is None


def test_delete_erases_the_booking_and_tells_staff_without_details(office: Office) -> None:
    book_up_to_the_time(office)
    office.run(press(office.payload("bk:t:")), press("bk:topic:-"), press("bk:yes"))
    office.run(say("/borrar"), press("delete:yes"))
    assert office.store.rows_about(USER) == 0
    withdrawn = office.to(STAFF)[-1]["text"]
    assert withdrawn.startswith("🗑 Consultation #1") and "Rosa" not in withdrawn and "555" not in withdrawn


def test_reminders_a_day_and_an_hour_before_survive_restarts_and_are_sent_once(office: Office) -> None:
    office.run(say("/cita"), press("bk:ok"), say("Rosa"), say("818 555 0134"), press("bk:m:phone"))
    office.run(press("bk:d:2026-12-02"))  # Wednesday
    office.run(press(office.payload("bk:t:")), press("bk:topic:-"), press("bk:yes"))
    booking = office.store.upcoming_booking(USER, office.now)
    assert booking is not None
    office.now = booking.start - timedelta(hours=23)
    office.run(chores=True)
    office.run(chores=True)
    reminders = [p["text"] for p in office.to(USER) if p["text"].startswith("Recordatorio")]
    assert len(reminders) == 1 and "se acerca" in reminders[0]
    office.now = booking.start - timedelta(minutes=50)
    office.run(chores=True)
    reminders = [p["text"] for p in office.to(USER) if p["text"].startswith("Recordatorio")]
    assert len(reminders) == 2 and "una hora" in reminders[1]


def test_staff_see_today_week_and_export(office: Office) -> None:
    book_up_to_the_time(office)
    office.run(press(office.payload("bk:t:")), press("bk:topic:-"), press("bk:yes"))
    staff = lambda text: {**say(text, user_id=42), "message": {**say(text, user_id=42)["message"], "chat": {"id": STAFF, "type": "supergroup"}}}  # noqa: E731
    office.run(staff("/today"), staff("/week"), staff("/export"))
    today, week = [p["text"] for p in office.to(STAFF)][-2:]
    assert "Monday, November 30" in today and "#1 Rosa María" in today
    assert "#1 Rosa María" in week
    (csv_file,) = [d for d in office.api.sent("sendDocument") if int(d["chat_id"]) == STAFF]
    content = csv_file["document"]["content"].decode("utf-8-sig")
    assert content.splitlines()[0].startswith("id,status,urgent,start")
    assert "Rosa María" in content and "+18185550134" not in content  # shown as a readable number
    office.run(say("/export"))  # a stranger in a private chat
    assert office.to(USER)[-1]["text"] == "Este comando es para el personal de la oficina."


def test_booking_logs_hold_no_name_phone_or_text(office: Office, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    book_up_to_the_time(office)
    office.run(press(office.payload("bk:t:")), press("bk:topic:court"), press("bk:soon:n"), press("bk:yes"))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "event=staff_notice_sent" in logged
    for private in ("Rosa", "8185550134", "555-0134", "rosa_lopez", str(USER)):
        assert private not in logged


def test_start_in_the_middle_of_a_booking_keeps_it_and_offers_to_continue(office: Office) -> None:
    book_up_to_the_time(office)
    office.run(say("/start"))
    assert office.to(USER)[-1]["text"].startswith("Su cita todavía no está lista")
    office.run(press("bk:resume"))
    assert office.to(USER)[-1]["text"].startswith("¿A qué hora el")


def test_what_people_typed_is_escaped_in_the_staff_notice(office: Office) -> None:
    office.run(say("/book", "en"), press("bk:ok", "en"), say("Ann O'Brien-Díaz", "en"), say("818 555 0134", "en"))
    office.run(press("bk:m:phone", "en"))
    office.run(press(office.payload("bk:d:"), "en"))
    office.run(press(office.payload("bk:t:"), "en"), press("bk:topic:-", "en"), press("bk:yes", "en"))
    (notice,) = office.to(STAFF)
    assert notice["parse_mode"] == "HTML" and "Name: Ann O&#x27;Brien-Díaz" in notice["text"]


def test_a_notice_is_sent_once_when_the_chores_and_a_handler_deliver_at_the_same_time(office: Office) -> None:
    book_up_to_the_time(office)
    office.api.failing_chats = {STAFF}
    office.run(press(office.payload("bk:t:")), press("bk:topic:-"), press("bk:yes"))
    office.api.failing_chats = set()
    office.now += timedelta(minutes=5)
    office.within(lambda app: asyncio.gather(*(app.bot_data["handlers"].deliver_notices(app.bot) for _ in range(3))))
    assert len(office.to(STAFF)) == 1
