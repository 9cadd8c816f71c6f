"""Booking for real: the dialog against a SQLite file and a clock the test moves."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.appointments import CANCEL_MINE, CANCEL_MINE_YES, KEEP_MINE, MINE, MOVE_MINE, Appointments
from bot.booking import AGREE, CONFIRM, START, TELEGRAM, Draft, Pressed, Step, Typed
from bot.bookings import Booking, Notice, NoticeKind, Person, Reminder, Status
from bot.model import Faq, Lang
from bot.replies import Reply
from bot.schedule import Meeting
from bot.session import Session
from bot.store import MemoryStore, SqliteStore, Unanswered
from bot.texts import TEXTS, say
from bot.validation import check_faq
from conftest import TODAY

UTC = timezone.utc
LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)  # Sunday, 10:00 in Los Angeles
MONDAY, TUESDAY, WEDNESDAY = date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)
PHONE = "+18185550100"
ANA = Person(user_id=101, chat_id=1001, username="ana_b")
LUIS = Person(user_id=202, chat_id=2002)  # no Telegram username
STAFF = -100123
COURT = """\
title:
  en: Immigration court
  es: Corte de inmigración
order: 3
entries:
  - id: court-date
    title:
      en: Check my court date
      es: Ver mi fecha de corte
    urgent: false
    time_sensitive: false
    reviewed: 2026-11-01
    questions:
      en:
        - how do I check my court date
      es:
        - como veo mi fecha de corte
    answer:
      en: Call the EOIR hotline or use the online portal.
      es: Llame a la línea de EOIR o use el portal en línea.
    sources:
      - title: EOIR
        url: https://www.justice.gov/eoir
"""


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LA).astimezone(UTC)


class Clock:
    """The only fake: the time, which tests move forward."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def faq(mini: Path) -> Faq:
    (mini / "court.yaml").write_text(COURT, encoding="utf-8")
    result = check_faq(mini, TODAY, collisions=False)
    assert result.faq is not None and result.faq.schedule is not None, result.problems
    assert [c.id for c in result.faq.categories] == ["raids", "detention", "court"]
    return result.faq


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "db" / "bookings.sqlite3"


@pytest.fixture
def store(database: Path) -> SqliteStore:
    return SqliteStore(database)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def appts(faq: Faq, store: SqliteStore, clock: Clock) -> Appointments:
    return Appointments(faq, store, clock)


@pytest.fixture(params=list(Lang), ids=lambda lang: lang.value)
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param  # type: ignore[no-any-return]


def summary(
    start: datetime,
    *,
    name: str = "Ana",
    phone: str = PHONE,
    meeting: Meeting = Meeting.PHONE,
    topic: str = "raids",
    court_soon: bool | None = None,
) -> Draft:
    """A draft ready to confirm, as the dialog leaves it at the summary."""
    return Draft(
        step=Step.SUMMARY, name=name, phone=phone, by_telegram=not phone, meeting=meeting,
        day=start.astimezone(LA).date(), start=start, topic=topic, court_soon=court_soon,
    )


def book(appts: Appointments, person: Person, lang: Lang, start: datetime, **fields: object) -> Booking:
    """Confirm a summary through the service; the booking must go through."""
    out = appts.advance(summary(start, **fields), Pressed(CONFIRM), person, lang)  # type: ignore[arg-type]
    assert out.draft is None, out.replies[0].notice
    booked = appts.store.upcoming_booking(person.user_id, appts.clock())
    assert booked is not None and booked.start == start
    return booked


def stored(
    store: SqliteStore | MemoryStore,
    user_id: int,
    start: datetime,
    *,
    minutes: int = 30,
    name: str = "Other",
    phone: str = "+13105550199",
    status: Status = Status.BOOKED,
    lang: Lang = Lang.EN,
    topic: str | None = "raids",
    created_at: datetime = NOW,
) -> Booking:
    """A booking put in the store directly, as another person's booking would be."""
    result = store.book(
        Booking(
            id=0, user_id=user_id, chat_id=user_id, name=name, phone=phone, username="" if phone else "other_user",
            meeting=Meeting.PHONE, start=start, end=start + timedelta(minutes=minutes), topic=topic, court_soon=None,
            urgent=False, lang=lang, status=status, created_at=created_at,
        ),
        capacity=99,
    )
    assert result is not None
    return result


def notices(store: SqliteStore) -> list[tuple[NoticeKind, int]]:
    return [(n.kind, n.booking_id) for n in store.pending_notices(datetime.max.replace(tzinfo=UTC) - timedelta(days=1))]


def payloads(reply: Reply) -> list[str]:
    return [b.payload for b in reply.buttons]


def opening(key: str, lang: Lang) -> str:
    return TEXTS[key][lang].split("{")[0]


# -- booking ---------------------------------------------------------------------------------------


def test_a_booking_through_the_whole_dialog(appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang) -> None:
    out = appts.start(ANA, lang)
    assert out.draft == Draft()
    assert out.replies[0].text.startswith(opening("bk_consent", lang))
    events = [
        Pressed(AGREE), Typed("Ana"), Typed("818 555 0100"), Pressed("bk:m:phone"), Pressed("bk:d:2026-11-30"),
        Pressed("bk:t:20261130T1800Z"), Pressed("bk:topic:detention"),
    ]
    for event in events:
        assert out.draft is not None
        out = appts.advance(out.draft, event, ANA, lang)
        assert out.action is None and not any(r.notice for r in out.replies), (event, out.replies)
    assert out.draft is not None and out.draft.step is Step.SUMMARY
    clock.advance(minutes=3)  # people take a moment before confirming
    out = appts.advance(out.draft, Pressed(CONFIRM), ANA, lang)
    assert out.draft is None and out.action is None

    (booked,) = store.bookings_between(NOW, NOW + timedelta(days=30))
    assert booked == Booking(
        id=booked.id, user_id=ANA.user_id, chat_id=ANA.chat_id, name="Ana", phone=PHONE, username="",
        meeting=Meeting.PHONE, start=at(MONDAY, 10), end=at(MONDAY, 10, 30), topic="detention", court_soon=None,
        urgent=True, lang=lang, status=Status.BOOKED, created_at=NOW + timedelta(minutes=3),
    )
    (reply,) = out.replies
    assert reply.text == say("bk_confirmed", lang, details=appts.details(booked, lang))
    assert ("10:00 AM (Los Angeles time, PST)" if lang is Lang.EN else "10:00 a. m. (hora de Los Ángeles, PST)") in reply.text
    assert payloads(reply) == [MINE, "menu"]
    assert reply.attachment is not None
    assert reply.attachment.filename == ("consultation.ics" if lang is Lang.EN else "consulta.ics")
    assert reply.attachment.mime == "text/calendar"
    assert b"DTSTART:20261130T180000Z\r\n" in reply.attachment.content
    assert store.pending_notices(clock()) == [Notice(store.pending_notices(clock())[0].id, NoticeKind.NEW, booked.id, "", 0)]


def test_the_dialog_sees_the_bookings_in_the_store(appts: Appointments, store: SqliteStore, lang: Lang) -> None:
    stored(store, 1, at(MONDAY, 9))
    stored(store, 2, at(MONDAY, 9))
    stored(store, 3, at(MONDAY, 9, 30))
    stored(store, 4, at(MONDAY, 10), status=Status.CANCELLED)
    stored(store, 5, at(MONDAY, 10), status=Status.CANCELLED)
    reply = appts.resume_prompt(Draft(step=Step.TIME, name="Ana", meeting=Meeting.PHONE, day=MONDAY), ANA, lang)
    offered = payloads(reply)
    assert "bk:t:20261130T1700Z" not in offered  # 9:00, full
    assert offered[:2] == ["bk:t:20261130T1730Z", "bk:t:20261130T1800Z"]  # 9:30 half full; 10:00 cancelled twice


def test_the_contact_on_telegram_needs_the_persons_username(appts: Appointments, lang: Lang) -> None:
    draft = Draft(step=Step.CONTACT, name="Luis")
    refused = appts.advance(draft, Pressed(TELEGRAM), LUIS, lang)
    assert refused.draft == draft and refused.replies[0].notice == say("bk_hint_username", lang)
    accepted = appts.advance(draft, Pressed(TELEGRAM), ANA, lang)
    assert accepted.draft is not None and accepted.draft.by_telegram


def test_a_booking_on_telegram_keeps_the_username_only_then(appts: Appointments, lang: Lang) -> None:
    by_telegram = book(appts, ANA, lang, at(MONDAY, 10), phone="")
    assert by_telegram.username == "ana_b" and by_telegram.phone == "" and by_telegram.by_telegram
    by_phone = book(appts, Person(303, 3003, username="someone"), lang, at(MONDAY, 11))
    assert by_phone.username == "" and by_phone.phone == PHONE


def test_a_slot_filled_meanwhile_goes_back_to_the_times(
    appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang
) -> None:
    draft = replace(summary(at(MONDAY, 10)), changing=True)
    stored(store, 1, at(MONDAY, 10))
    stored(store, 2, at(MONDAY, 10))  # capacity 2: full
    out = appts.advance(draft, Pressed(CONFIRM), ANA, lang)
    assert out.action is None
    assert out.draft == replace(draft, step=Step.TIME, start=None, changing=False)
    (reply,) = out.replies
    assert reply.notice == say("bk_taken", lang)
    assert reply.text.startswith(opening("bk_ask_time", lang))
    assert payloads(reply)[:3] == ["bk:t:20261130T1700Z", "bk:t:20261130T1730Z", "bk:t:20261130T1830Z"]
    assert store.upcoming_booking(ANA.user_id, clock()) is None
    assert notices(store) == []
    # the next free time goes through
    out = appts.advance(out.draft, Pressed("bk:t:20261130T1830Z"), ANA, lang)
    assert out.draft is not None and out.draft.step is Step.TOPIC
    assert book(appts, ANA, lang, at(MONDAY, 10, 30)).start == at(MONDAY, 10, 30)


def test_the_store_has_the_last_word_on_a_full_slot(appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang) -> None:
    """Bookings that overlap 10:00 without starting then (an older, longer consultation) still fill it."""
    stored(store, 1, at(MONDAY, 9, 45))
    stored(store, 2, at(MONDAY, 9, 45))
    out = appts.advance(summary(at(MONDAY, 10)), Pressed(CONFIRM), ANA, lang)
    assert out.draft is not None and out.draft.step is Step.TIME
    assert out.replies[0].notice == say("bk_taken", lang)
    assert store.upcoming_booking(ANA.user_id, clock()) is None and notices(store) == []


def test_a_slot_in_the_past_by_now_is_not_booked(appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang) -> None:
    draft = summary(at(MONDAY, 10))
    clock.set(at(MONDAY, 7))  # the summary was left open overnight: 10:00 is now within the 4 hours' notice
    out = appts.advance(draft, Pressed(CONFIRM), ANA, lang)
    assert out.draft is not None and out.draft.step is Step.TIME
    assert store.upcoming_booking(ANA.user_id, clock()) is None


def test_someone_with_a_booking_is_shown_it_instead_of_a_new_dialog(appts: Appointments, lang: Lang) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10))
    out = appts.start(ANA, lang)
    assert out.draft is None
    (reply,) = out.replies
    when = "Monday, November 30, 10:00 AM (Los Angeles time, PST)" if lang is Lang.EN else (
        "lunes 30 de noviembre, a las 10:00 a. m. (hora de Los Ángeles, PST)"
    )
    assert reply.text == say("bk_already", lang, when=when)
    assert payloads(reply) == [MINE, "menu"]
    assert appts.start(LUIS, lang).draft == Draft()  # others still can
    assert booked.status is Status.BOOKED


def test_a_past_booking_does_not_stop_a_new_one(appts: Appointments, clock: Clock, lang: Lang) -> None:
    book(appts, ANA, lang, at(MONDAY, 10))
    clock.set(at(MONDAY, 10, 30))
    assert appts.start(ANA, lang).draft == Draft()


# -- their booking: see, move, cancel --------------------------------------------------------------


def test_mine_without_a_booking_offers_to_book(appts: Appointments, lang: Lang) -> None:
    reply = appts.mine(ANA, lang)
    assert reply.text == say("bk_none_booked", lang) and payloads(reply) == [START]
    out = appts.on_mine(MOVE_MINE, ANA, lang)
    assert out.draft is None and out.replies == (reply,)


def test_cancel_my_booking(appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10))
    mine = appts.mine(ANA, lang)
    assert mine.text == say("bk_mine", lang, details=appts.details(booked, lang))
    assert payloads(mine) == [MOVE_MINE, CANCEL_MINE, "menu"]

    ask = appts.on_mine(CANCEL_MINE, ANA, lang)
    assert ask.draft is None and payloads(ask.replies[0]) == [CANCEL_MINE_YES, KEEP_MINE]
    assert ask.replies[0].text.startswith(opening("bk_cancel_ask", lang))
    kept = appts.on_mine(KEEP_MINE, ANA, lang)
    assert kept.replies[0].text == say("bk_kept", lang)
    assert store.booking(booked.id).status is Status.BOOKED  # type: ignore[union-attr]

    done = appts.on_mine(CANCEL_MINE_YES, ANA, lang)
    assert done.replies[0].text == say("bk_booking_cancelled", lang)
    assert store.booking(booked.id).status is Status.CANCELLED  # type: ignore[union-attr]
    assert store.taken(NOW, NOW + timedelta(days=3)) == {}  # the slot is free again
    assert notices(store) == [(NoticeKind.NEW, booked.id), (NoticeKind.CANCELLED, booked.id)]
    assert appts.mine(ANA, lang).text == say("bk_none_booked", lang)
    assert appts.start(ANA, lang).draft == Draft()
    # pressing the old confirmation again changes nothing more
    again = appts.on_mine(CANCEL_MINE_YES, ANA, lang)
    assert again.replies[0].text == say("bk_none_booked", lang)
    assert len(notices(store)) == 2


def test_move_my_booking(appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10), topic="court", court_soon=True)
    store.set_status(booked.id, Status.CONFIRMED)
    out = appts.on_mine(MOVE_MINE, ANA, lang)
    assert out.draft == Draft(step=Step.DAY, name="Ana", meeting=Meeting.PHONE, topic="court", moving=booked.id)
    for event in (Pressed("bk:d:2026-12-01"), Pressed("bk:t:20261201T1700Z")):
        assert out.draft is not None
        out = appts.advance(out.draft, event, ANA, lang)
        assert not out.replies[0].notice
    assert out.draft is not None and out.draft.step is Step.SUMMARY
    assert out.replies[0].text.startswith(opening("bk_summary_move", lang))
    out = appts.advance(out.draft, Pressed(CONFIRM), ANA, lang)
    assert out.draft is None
    moved = store.booking(booked.id)
    assert moved == replace(booked, start=at(TUESDAY, 9), end=at(TUESDAY, 9, 30), status=Status.BOOKED)
    assert moved.urgent and moved.court_soon is True  # what was asked before stays
    (reply,) = out.replies
    assert reply.text == say("bk_moved", lang, details=appts.details(moved, lang))
    assert reply.attachment is not None and b"DTSTART:20261201T170000Z" in reply.attachment.content
    assert store.taken(NOW, NOW + timedelta(days=3)) == {at(TUESDAY, 9): 1}  # the old slot is free
    assert notices(store) == [(NoticeKind.NEW, booked.id), (NoticeKind.MOVED, booked.id)]
    assert len(store.bookings_between(NOW, NOW + timedelta(days=30))) == 1


def test_move_to_a_slot_filled_meanwhile(appts: Appointments, store: SqliteStore, lang: Lang) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10))
    draft = appts.on_mine(MOVE_MINE, ANA, lang).draft
    assert draft is not None
    draft = replace(draft, step=Step.SUMMARY, day=TUESDAY, start=at(TUESDAY, 9))
    stored(store, 1, at(TUESDAY, 9))
    stored(store, 2, at(TUESDAY, 9))
    out = appts.advance(draft, Pressed(CONFIRM), ANA, lang)
    assert out.draft == replace(draft, step=Step.TIME, start=None)
    assert out.replies[0].notice == say("bk_taken", lang)
    assert store.booking(booked.id) == booked
    assert notices(store) == [(NoticeKind.NEW, booked.id)]


def test_a_move_of_a_booking_cancelled_meanwhile_books_nothing(appts: Appointments, store: SqliteStore, lang: Lang) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10))
    draft = replace(summary(at(TUESDAY, 9)), moving=booked.id)
    store.set_status(booked.id, Status.CANCELLED)
    out = appts.advance(draft, Pressed(CONFIRM), ANA, lang)
    assert out.draft is not None and out.draft.step is Step.TIME
    assert store.booking(booked.id) == replace(booked, status=Status.CANCELLED)
    assert store.upcoming_booking(ANA.user_id, NOW) is None


def test_nobody_moves_another_persons_booking(appts: Appointments, store: SqliteStore, lang: Lang) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10))
    out = appts.advance(replace(summary(at(TUESDAY, 9)), moving=booked.id), Pressed(CONFIRM), LUIS, lang)
    assert out.draft is not None and out.draft.step is Step.TIME
    assert store.booking(booked.id) == booked


# -- /delete ---------------------------------------------------------------------------------------


def test_forget_erases_everything_and_tells_staff_without_details(
    appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang
) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10), name="Ana Ruiz")
    store.save(ANA.user_id, Session(lang=lang, booking=Draft(step=Step.NAME)))
    store.add_unanswered(ANA.user_id, Unanswered("que hago", None, lang, NOW))
    other = book(appts, LUIS, lang, at(MONDAY, 11), name="Luis")
    assert store.rows_about(ANA.user_id) == 3

    appts.forget(ANA.user_id)
    assert store.rows_about(ANA.user_id) == 0
    assert store.booking(booked.id) is None and store.load(ANA.user_id) is None
    assert notices(store) == [(NoticeKind.NEW, other.id), (NoticeKind.WITHDRAWN, booked.id)]
    withdrawn = [m for m in appts.staff_notices(STAFF) if m.booking_id == booked.id]
    (message,) = withdrawn
    assert message.chat_id == STAFF and message.reply.buttons == ()
    text = message.reply.text
    assert f"#{booked.id}" in text and "Monday, November 30, 10:00 AM" in text
    for detail in ("Ana", "Ruiz", "818", "555", "0100", "ana_b", "Phone call", "ICE encounters"):
        assert detail not in text
    assert store.booking(other.id) == other  # only that person


def test_forget_without_a_booking_tells_staff_nothing(appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang) -> None:
    book(appts, ANA, lang, at(MONDAY, 10))
    clock.set(at(MONDAY, 11))  # it is over
    appts.forget(ANA.user_id)
    assert store.rows_about(ANA.user_id) == 0
    assert notices(store) == []  # the NEW notice went with the booking; no WITHDRAWN for a past one


# -- reminders -------------------------------------------------------------------------------------


def test_reminders_a_day_and_an_hour_before_each_once(
    appts: Appointments, database: Path, faq: Faq, clock: Clock, lang: Lang
) -> None:
    booked = book(appts, ANA, lang, at(TUESDAY, 10))  # booked 48 hours ahead
    clock.set(at(MONDAY, 9, 59))
    assert appts.due_reminders() == []
    clock.set(at(MONDAY, 10))
    (day_before,) = appts.due_reminders()
    assert (day_before.chat_id, day_before.booking_id, day_before.reminder) == (ANA.chat_id, booked.id, Reminder.DAY_BEFORE)
    assert day_before.reply.text == say("reminder_24h", lang, details=appts.details(booked, lang))
    assert payloads(day_before.reply) == [MINE]
    clock.advance(minutes=5)
    assert appts.due_reminders() == [replace(day_before)]  # not delivered yet: still due
    appts.reminded(day_before)
    assert appts.due_reminders() == []
    restarted = Appointments(faq, SqliteStore(database), clock)  # a restart neither loses nor repeats it
    clock.set(at(TUESDAY, 8, 59))
    assert restarted.due_reminders() == []
    clock.set(at(TUESDAY, 9))
    (hour_before,) = restarted.due_reminders()
    assert hour_before.reminder is Reminder.HOUR_BEFORE
    assert hour_before.reply.text == say("reminder_1h", lang, details=appts.details(booked, lang))
    restarted.reminded(hour_before)
    for moment in (at(TUESDAY, 9, 30), at(TUESDAY, 10), at(TUESDAY, 12)):
        clock.set(moment)
        assert appts.due_reminders() == []


def test_a_missed_reminder_is_sent_late_unless_the_next_one_is_due(appts: Appointments, clock: Clock, lang: Lang) -> None:
    book(appts, ANA, lang, at(TUESDAY, 10))
    clock.set(at(MONDAY, 20))  # the bot was down when the day-before window opened
    (late,) = appts.due_reminders()
    assert late.reminder is Reminder.DAY_BEFORE
    clock.set(at(TUESDAY, 9, 30))  # still not delivered, and now the hour-before window is open too
    due = appts.due_reminders()
    assert [m.reminder for m in due] == [Reminder.HOUR_BEFORE]  # not a late "tomorrow" as well
    appts.reminded(due[0])
    assert appts.due_reminders() == []


def test_no_day_before_reminder_for_a_booking_made_less_than_a_day_ahead(
    appts: Appointments, clock: Clock, lang: Lang
) -> None:
    clock.set(at(MONDAY, 8))
    book(appts, ANA, lang, at(MONDAY, 15))
    for moment in (at(MONDAY, 8, 1), at(MONDAY, 13, 59)):
        clock.set(moment)
        assert appts.due_reminders() == []
    clock.set(at(MONDAY, 14))
    assert [m.reminder for m in appts.due_reminders()] == [Reminder.HOUR_BEFORE]


def test_no_reminders_after_cancelling(appts: Appointments, clock: Clock, lang: Lang) -> None:
    book(appts, ANA, lang, at(TUESDAY, 10))
    appts.on_mine(CANCEL_MINE_YES, ANA, lang)
    for moment in (at(MONDAY, 10), at(TUESDAY, 9), at(TUESDAY, 9, 59)):
        clock.set(moment)
        assert appts.due_reminders() == []


def test_a_moved_booking_is_reminded_of_its_new_time(appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang) -> None:
    booked = book(appts, ANA, lang, at(TUESDAY, 10))
    clock.set(at(MONDAY, 10))
    for message in appts.due_reminders():
        appts.reminded(message)
    clock.set(at(MONDAY, 10, 30))
    store.move(booked.id, at(WEDNESDAY, 11), at(WEDNESDAY, 11, 30), capacity=2)
    assert appts.due_reminders() == []
    clock.set(at(TUESDAY, 11))
    (message,) = appts.due_reminders()
    assert message.reminder is Reminder.DAY_BEFORE and "11:00" in message.reply.text


def test_terminal_bookings_are_never_reminded(appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang) -> None:
    terminal = Person(user_id=-1, chat_id=-1)
    book(appts, terminal, lang, at(TUESDAY, 10))
    book(appts, ANA, lang, at(TUESDAY, 10))
    clock.set(at(TUESDAY, 9, 30))
    assert [m.chat_id for m in appts.due_reminders()] == [ANA.chat_id]
    assert all(b.user_id == ANA.user_id for b, _ in store.due_reminders(clock()))  # marked done, not retried
    assert appts.due_reminders() != []  # Ana's still wait for delivery


# -- staff notices ---------------------------------------------------------------------------------


def test_the_staff_card_says_everything_staff_need(appts: Appointments, lang: Lang) -> None:
    booked = book(appts, ANA, Lang.ES, at(MONDAY, 10), name="Ana Ruiz", meeting=Meeting.VIDEO, topic="detention")
    (message,) = appts.staff_notices(STAFF)
    assert (message.chat_id, message.booking_id, message.reminder) == (STAFF, booked.id, None)
    assert message.notice_id is not None
    assert message.reply.text == "\n".join(
        [
            f"🆕 New consultation #{booked.id} — URGENT",
            "When: Monday, November 30, 10:00 AM (Los Angeles time, PST)",
            "Name: Ana Ruiz",
            "Contact: (818) 555-0100",
            "Meeting: Video call",
            "Topic: Detention",
            "Language: Spanish",
            "Status: booked",
        ]
    )
    assert payloads(message.reply) == [f"st:confirmed:{booked.id}", f"st:done:{booked.id}", f"st:no_show:{booked.id}"]


@pytest.mark.parametrize(
    ("fields", "lines", "urgent"),
    [
        ({"topic": "raids"}, ["Topic: ICE encounters"], False),
        ({"topic": "-"}, ["Topic: not given"], False),
        ({"topic": "court", "court_soon": True}, ["Topic: Immigration court (court date within 7 days: yes)"], True),
        ({"topic": "court", "court_soon": False}, ["Topic: Immigration court (court date within 7 days: no)"], False),
        ({"topic": "court", "court_soon": None}, ["Topic: Immigration court (court date within 7 days: not sure)"], False),
        ({"phone": ""}, ["Contact: Telegram @ana_b"], False),
        ({"phone": "+525512345678"}, ["Contact: +52 55 1234 5678"], False),
        ({"meeting": Meeting.IN_PERSON}, ["Meeting: In person at the office (1 Test Street, Van Nuys, CA)"], False),
    ],
)
def test_staff_card_variants(appts: Appointments, fields: dict[str, object], lines: list[str], urgent: bool) -> None:
    booked = book(appts, ANA, Lang.EN, at(MONDAY, 10), **fields)
    (message,) = appts.staff_notices(STAFF)
    heading, *card = message.reply.text.splitlines()
    assert heading.endswith("— URGENT") is urgent and booked.urgent is urgent
    assert "Language: English" in card
    for line in lines:
        assert line in card


def test_moved_and_cancelled_notices(appts: Appointments, store: SqliteStore, lang: Lang) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10))
    store.move(booked.id, at(TUESDAY, 9), at(TUESDAY, 9, 30), capacity=2)
    store.add_notice(NoticeKind.MOVED, booked.id, NOW)
    appts.on_mine(CANCEL_MINE_YES, ANA, lang)
    new, moved, cancelled = appts.staff_notices(STAFF)
    assert new.reply.text.startswith(f"🆕 New consultation #{booked.id}\n")
    assert moved.reply.text.startswith(f"🔁 Consultation #{booked.id} was moved\nWhen: Tuesday, December 1, 9:00 AM")
    assert cancelled.reply.text.startswith(f"❌ Consultation #{booked.id} was cancelled by the person\n")
    assert "Status: cancelled" in cancelled.reply.text
    assert cancelled.reply.buttons == () and len(moved.reply.buttons) == 3


def test_a_failed_notice_waits_for_the_retry_delay(
    appts: Appointments, faq: Faq, database: Path, store: SqliteStore, clock: Clock, lang: Lang
) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10))
    (message,) = appts.staff_notices(STAFF)
    appts.notice_failed(message)
    assert appts.staff_notices(STAFF) == []
    clock.advance(seconds=59)
    assert appts.staff_notices(STAFF) == []
    clock.advance(seconds=1)
    (again,) = appts.staff_notices(STAFF)
    assert again.notice_id == message.notice_id and again.reply == message.reply
    assert store.pending_notices(clock())[0].attempts == 1
    appts.notice_failed(again)  # the second failure waits twice as long
    clock.advance(seconds=119)
    assert appts.staff_notices(STAFF) == []
    clock.advance(seconds=1)
    restarted = Appointments(faq, SqliteStore(database), clock)  # nothing is lost across a restart
    (third,) = restarted.staff_notices(STAFF)
    assert third.notice_id == message.notice_id
    restarted.notice_sent(third)
    clock.advance(days=1)
    assert appts.staff_notices(STAFF) == [] and restarted.staff_notices(STAFF) == []
    assert store.booking(booked.id) is not None  # the booking never depended on the notice


def test_retries_slow_down_to_half_an_hour(appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang) -> None:
    book(appts, ANA, lang, at(TUESDAY, 10))
    waits = []
    for _ in range(8):
        (message,) = appts.staff_notices(STAFF)
        appts.notice_failed(message)
        started = clock()
        while not appts.staff_notices(STAFF):
            clock.advance(minutes=1)
        waits.append(int((clock() - started).total_seconds() // 60))
    assert waits == [1, 2, 4, 8, 16, 30, 30, 30]


def test_a_failed_notice_does_not_hold_back_later_ones_in_the_service(appts: Appointments, lang: Lang) -> None:
    first = book(appts, ANA, lang, at(MONDAY, 10))
    second = book(appts, LUIS, lang, at(MONDAY, 11))
    one, two = appts.staff_notices(STAFF)
    assert (one.booking_id, two.booking_id) == (first.id, second.id)  # oldest first
    appts.notice_failed(one)
    assert [m.booking_id for m in appts.staff_notices(STAFF)] == [second.id]


def test_a_notice_about_an_erased_booking_is_dropped(appts: Appointments, store: SqliteStore) -> None:
    store.add_notice(NoticeKind.NEW, 999, NOW)
    assert appts.staff_notices(STAFF) == []
    assert notices(store) == []


# -- staff buttons ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "shown"), [(Status.CONFIRMED, "confirmed"), (Status.DONE, "done"), (Status.NO_SHOW, "no-show")])
def test_staff_mark_a_booking(appts: Appointments, store: SqliteStore, status: Status, shown: str) -> None:
    booked = book(appts, ANA, Lang.ES, at(MONDAY, 10), topic="detention")
    result = appts.mark(f"st:{status.value}:{booked.id}")
    assert result is not None
    updated, card = result
    assert updated == replace(booked, status=status) == store.booking(booked.id)
    assert card.text.startswith(f"Consultation #{booked.id} — URGENT\n")
    assert f"Status: {shown}" in card.text and "Name: Ana" in card.text
    assert payloads(card) == [f"st:confirmed:{booked.id}", f"st:done:{booked.id}", f"st:no_show:{booked.id}"]


def test_staff_marks_free_the_slot_only_when_the_consultation_is_over(appts: Appointments, store: SqliteStore) -> None:
    booked = book(appts, ANA, Lang.EN, at(MONDAY, 10))
    appts.mark(f"st:confirmed:{booked.id}")
    assert store.taken(NOW, NOW + timedelta(days=2)) == {at(MONDAY, 10): 1}
    assert store.upcoming_booking(ANA.user_id, NOW) is not None
    appts.mark(f"st:no_show:{booked.id}")
    assert store.taken(NOW, NOW + timedelta(days=2)) == {}


@pytest.mark.parametrize(
    "payload",
    ["st:", "st:done", "st:done:", "st:done:abc", "st:done:{id}:2", "st:cancelled:{id}", "st:booked:{id}",
     "st:maybe:{id}", "st:done:999", "st:DONE:{id}", "st::{id}"],
)
def test_staff_mark_rejects_bad_payloads(appts: Appointments, store: SqliteStore, payload: str) -> None:
    booked = book(appts, ANA, Lang.EN, at(MONDAY, 10))
    assert appts.mark(payload.format(id=booked.id)) is None
    assert store.booking(booked.id) == booked


def test_staff_buttons_cannot_bring_back_a_cancelled_booking(appts: Appointments, store: SqliteStore, lang: Lang) -> None:
    booked = book(appts, ANA, lang, at(MONDAY, 10))
    appts.on_mine(CANCEL_MINE_YES, ANA, lang)  # the staff chat still shows the NEW notice's buttons
    result = appts.mark(f"st:confirmed:{booked.id}")
    assert result is not None
    current, card = result
    assert current.status is Status.CANCELLED and store.booking(booked.id).status is Status.CANCELLED  # type: ignore[union-attr]
    assert "Status: cancelled" in card.text and card.buttons == ()
    assert store.upcoming_booking(ANA.user_id, NOW) is None
    assert store.taken(NOW, NOW + timedelta(days=2)) == {}


# -- /today, /week, /export ------------------------------------------------------------------------


def agenda_bookings(appts: Appointments, store: SqliteStore) -> list[Booking]:
    return [
        book(appts, ANA, Lang.ES, at(MONDAY, 10), name="Ana", topic="detention"),
        book(appts, LUIS, Lang.EN, at(MONDAY, 9), name="Luis", phone="+525512345678"),
        stored(store, 3, at(MONDAY, 16, 30), name="Late", phone="", topic=None),  # 00:30 UTC on Tuesday
        stored(store, 4, at(MONDAY, 13), name="Gone", status=Status.CANCELLED),
        stored(store, 5, at(TUESDAY, 11), name="Tue", status=Status.DONE),
        stored(store, 6, at(date(2026, 12, 7), 9), name="NextWeek"),  # 8 days after Sunday
    ]


def test_today(appts: Appointments, store: SqliteStore, clock: Clock) -> None:
    ana, luis, late, *_ = agenda_bookings(appts, store)
    clock.set(at(MONDAY, 8))
    assert appts.agenda(1) == "\n".join(
        [
            "Monday, November 30 (Los Angeles time, PST)",
            f"  9:00 AM  #{luis.id} Luis · Phone call · +52 55 1234 5678 · ICE encounters · EN · booked",
            f"  10:00 AM  #{ana.id} Ana · Phone call · (818) 555-0100 · Detention · ES · booked — URGENT",
            f"  4:30 PM  #{late.id} Late · Phone call · @other_user · no topic · EN · booked",
        ]
    )


def test_week_skips_empty_days_and_stops_after_seven(appts: Appointments, store: SqliteStore, clock: Clock) -> None:
    agenda_bookings(appts, store)
    text = appts.agenda(7)  # from Sunday
    days = [line for line in text.splitlines() if not line.startswith("  ")]
    assert days == ["Monday, November 30 (Los Angeles time, PST)", "Tuesday, December 1 (Los Angeles time, PST)"]
    assert "Gone" not in text and "NextWeek" not in text
    assert text.splitlines()[-1].endswith("Tue · Phone call · (310) 555-0199 · ICE encounters · EN · done")


def test_empty_agendas(appts: Appointments) -> None:
    assert appts.agenda(1) == "Sunday, November 29 (Los Angeles time, PST)\n  no consultations"
    assert appts.agenda(7) == "No consultations in the next 7 days."


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_export_csv(appts: Appointments, store: SqliteStore, clock: Clock) -> None:
    stored(store, 9, at(date(2026, 11, 27), 10), name="Before")
    ana, luis, late, gone, tue, _ = agenda_bookings(appts, store)
    stored(store, 8, at(WEDNESDAY, 9), name="After")
    rows = read_csv(appts.export_csv(MONDAY, TUESDAY))
    assert rows[0] == [
        "id", "status", "urgent", "start", "end", "time_zone", "name", "phone", "telegram", "meeting", "topic",
        "court_within_7_days", "language", "booked_at_utc",
    ]
    assert [row[6] for row in rows[1:]] == ["Luis", "Ana", "Gone", "Late", "Tue"]  # in time order, cancelled too
    assert rows[2] == [
        str(ana.id), "booked", "yes", "2026-11-30 10:00", "2026-11-30 10:30", "America/Los_Angeles", "Ana",
        "(818) 555-0100", "", "phone", "detention", "", "es", "2026-11-29 18:00",
    ]
    assert rows[1][7] == "'+52 55 1234 5678"  # a leading + would start a formula
    assert rows[4][3:5] == ["2026-11-30 16:30", "2026-11-30 17:00"] and rows[4][8] == "other_user"
    assert rows[3][1] == "cancelled" and rows[5][1] == "done"


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2", "@SUM(A1)"])
def test_export_neutralises_formulas(appts: Appointments, store: SqliteStore, name: str) -> None:
    stored(store, 1, at(MONDAY, 9), name=name)
    rows = read_csv(appts.export_csv(MONDAY, MONDAY))
    assert rows[1][6] == f"'{name}"


def test_export_booked_at_is_utc_whatever_the_clock_zone(faq: Faq) -> None:
    store = MemoryStore()
    appts = Appointments(faq, store, lambda: NOW.astimezone(LA))
    book(appts, ANA, Lang.EN, at(MONDAY, 10))
    assert read_csv(appts.export_csv(MONDAY, MONDAY))[1][-1] == "2026-11-29 18:00"


# -- retention -------------------------------------------------------------------------------------


def test_purge_erases_bookings_ended_longer_ago_than_retention(appts: Appointments, store: SqliteStore, clock: Clock) -> None:
    old = stored(store, 1, at(date(2026, 10, 29), 9))  # ended 31 days ago
    exact = stored(store, 2, NOW - timedelta(days=30, minutes=30))  # ends exactly 30 days ago: kept
    recent = stored(store, 3, at(date(2026, 11, 2), 9))  # ended 27 days ago
    future = book(appts, ANA, Lang.EN, at(MONDAY, 10))
    for b in (old, exact, recent):
        store.add_notice(NoticeKind.CANCELLED, b.id, NOW)
    assert appts.purge() == 1
    assert store.booking(old.id) is None
    assert [store.booking(b.id) for b in (exact, recent, future)] == [exact, recent, future]
    assert (NoticeKind.CANCELLED, old.id) not in notices(store) and (NoticeKind.CANCELLED, recent.id) in notices(store)
    assert appts.purge() == 0
    clock.set(at(MONDAY, 10, 30) + timedelta(days=30, seconds=1))
    assert appts.purge() == 3 and store.bookings_between(NOW - timedelta(days=60), NOW + timedelta(days=60)) == []


def test_purge_follows_the_retention_setting(faq: Faq, store: SqliteStore, clock: Clock) -> None:
    stored(store, 1, NOW - timedelta(days=8))
    stored(store, 2, NOW - timedelta(days=6))
    appts = Appointments(faq, store, clock, retention_days=7)
    assert appts.purge() == 1
    assert appts.start(ANA, Lang.EN).replies[0].text == say("bk_consent", Lang.EN, days="7")


# -- the calendar file -----------------------------------------------------------------------------


def test_calendar_file_in_person(appts: Appointments, clock: Clock) -> None:
    booked = book(appts, ANA, Lang.EN, at(MONDAY, 10), meeting=Meeting.IN_PERSON)
    clock.advance(hours=1)
    attachment = appts.calendar_file(booked, Lang.EN)
    content = attachment.content
    assert attachment.filename == "consultation.ics" and attachment.mime == "text/calendar"
    assert content.endswith(b"\r\n") and b"\n" not in content.replace(b"\r\n", b"")
    physical = content.decode("utf-8").split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert any(line.startswith(" ") for line in physical)  # the description was folded
    lines = content.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "DTSTART:20261130T180000Z" in lines and "DTEND:20261130T183000Z" in lines
    assert "DTSTAMP:20261129T190000Z" in lines
    assert "SUMMARY:Free consultation: Test Law Office" in lines
    assert "LOCATION:1 Test Street\\, Van Nuys\\, CA" in lines
    assert (
        "DESCRIPTION:In person at the office (1 Test Street\\, Van Nuys\\, CA). To move or cancel it\\, "
        "write /mybooking to the bot."
    ) in lines
    assert f"UID:consultation-{booked.id}-20261129T180000@immigration-bot" in lines
    assert "TRIGGER:-PT1H" in lines


def test_calendar_file_by_phone_in_spanish(appts: Appointments) -> None:
    booked = book(appts, ANA, Lang.ES, at(MONDAY, 10))
    attachment = appts.calendar_file(booked, Lang.ES)
    assert attachment.filename == "consulta.ics"
    lines = attachment.content.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert "SUMMARY:Consulta gratis: Test Law Office" in lines
    assert not any(line.startswith("LOCATION") for line in lines)
    assert "DESCRIPTION:Por teléfono. Para cambiarla o cancelarla\\, escriba /micita al bot." in lines


# -- no schedule -----------------------------------------------------------------------------------


@pytest.fixture
def no_schedule(mini: Path, store: SqliteStore, clock: Clock) -> Appointments:
    office = mini / "office-details.yaml"
    text = office.read_text(encoding="utf-8")
    office.write_text(text[: text.index("schedule:")], encoding="utf-8")
    result = check_faq(mini, TODAY, collisions=False)
    assert result.faq is not None and result.faq.schedule is None
    return Appointments(result.faq, store, clock)


def test_without_a_schedule_booking_says_to_contact_the_office(no_schedule: Appointments, lang: Lang) -> None:
    hours = "Monday to Friday, 9 to 5" if lang is Lang.EN else "lunes a viernes, de 9 a 5"
    expected = say("bk_unavailable", lang, office_name="Test Law Office", phone="(555) 010-0000", hours=hours)
    out = no_schedule.start(ANA, lang)
    assert out.draft is None and out.replies[0].text == expected and payloads(out.replies[0]) == ["menu"]
    midway = no_schedule.advance(Draft(step=Step.NAME), Typed("Ana"), ANA, lang)  # the schedule was removed mid-booking
    assert midway.draft is None and midway.replies[0].text == expected
    assert no_schedule.due_reminders() == []
    assert no_schedule.agenda(7) == "Booking is not set up: the office file has no schedule."
    assert no_schedule.on_mine(MOVE_MINE, ANA, lang).draft is None


def test_a_booking_moved_to_within_a_day_gets_no_late_day_before_reminder(
    appts: Appointments, store: SqliteStore, clock: Clock, lang: Lang
) -> None:
    booked = book(appts, ANA, lang, at(TUESDAY + timedelta(days=7), 10))  # made on Sunday, for a week later
    clock.set(at(MONDAY, 10))
    out = appts.on_mine(MOVE_MINE, ANA, lang)
    for event in (Pressed("bk:d:2026-12-01"), Pressed("bk:t:20261201T1700Z"), Pressed(CONFIRM)):
        assert out.draft is not None
        out = appts.advance(out.draft, event, ANA, lang)
    assert store.booking(booked.id).start == at(TUESDAY, 9)  # type: ignore[union-attr]
    assert appts.due_reminders() == []  # moved to less than 24 hours ahead: no "a day before" now
    clock.set(at(TUESDAY, 8))
    assert [m.reminder for m in appts.due_reminders()] == [Reminder.HOUR_BEFORE]
