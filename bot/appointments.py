"""Booking consultations for real: runs the dialog against the store, the schedule and the clock.

The dialog (`bot.booking`) decides what to ask; this module fetches the calendar it needs, books or
moves the slot in one store transaction, writes the confirmation and its calendar file, queues the
staff notices, and finds the reminders that are due. No Telegram here: transports deliver what it
returns and report back (`reminded`, `notice_sent`, `notice_failed`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable, Final

from bot import booking
from bot.booking import Action, Context, Draft, Input, Outcome, Step, Topic, format_phone, meeting_label
from bot.bookings import Booking, Notice, NoticeKind, Person, Reminder, Status
from bot.calendar_file import event_file
from bot.dates import day_label, time_label, when_label, zone_label
from bot.model import Faq, Lang, PerLang
from bot.rendering import contact_office_text, office_value
from bot.replies import Attachment, Button, Reply
from bot.schedule import Schedule, is_bookable
from bot.store import Store
from bot.texts import say

MINE: Final = "bk:my"
MOVE_MINE, CANCEL_MINE, CANCEL_MINE_YES, KEEP_MINE = "bk:my:move", "bk:my:cancel", "bk:my:cancel:yes", "bk:my:keep"
STAFF_MARK: Final = "st:"  # st:<status>:<booking id>, pressed in the staff chat
STAFF_MARKS: Final = (Status.CONFIRMED, Status.DONE, Status.NO_SHOW)
DEFAULT_RETENTION_DAYS: Final = 30
LANGUAGE_NAMES: Final = {Lang.EN: "English", Lang.ES: "Spanish"}


@dataclass(frozen=True)
class Outgoing:
    """A message for someone's chat (a reminder) or for the staff chat (a notice)."""

    chat_id: int
    reply: Reply
    booking_id: int
    reminder: Reminder | None = None
    notice_id: int | None = None


class Appointments:
    def __init__(
        self,
        faq: Faq,
        store: Store,
        clock: Callable[[], datetime],
        retention_days: int = DEFAULT_RETENTION_DAYS,
    ) -> None:
        self.faq = faq
        self.store = store
        self.clock = clock
        self.retention_days = retention_days

    @property
    def schedule(self) -> Schedule | None:
        return self.faq.schedule

    # -- the dialog --------------------------------------------------------------------------------

    def start(self, person: Person, lang: Lang) -> Outcome:
        """Begin a booking, unless booking is not set up or they already have one."""
        if self.schedule is None:
            return Outcome(None, (self.unavailable(lang),))
        existing = self.store.upcoming_booking(person.user_id, self.clock())
        if existing is not None:
            when = when_label(existing.start.astimezone(self.schedule.zone), lang)
            return Outcome(None, (Reply(say("bk_already", lang, when=when), self._mine_buttons(lang)),))
        return booking.begin(self.context(person), lang)

    def advance(self, draft: Draft, event: Input, person: Person, lang: Lang) -> Outcome:
        if self.schedule is None:  # the schedule was removed from the office file mid-booking
            return Outcome(None, (self.unavailable(lang),))
        ctx = self.context(person)
        outcome = booking.advance(draft, event, ctx, lang)
        if outcome.action is Action.BOOK and outcome.draft is not None:
            return self._commit(outcome.draft, person, lang, ctx)
        return outcome

    def resume_prompt(self, draft: Draft, person: Person, lang: Lang) -> Reply:
        return booking.prompt(draft, self.context(person), lang)

    def context(self, person: Person, with_bookings: bool = True) -> Context:
        """The calendar as the dialog sees it now; without bookings it only formats (details, reminders)."""
        schedule = self.schedule
        assert schedule is not None
        now = self.clock()
        taken = self.store.taken(now - schedule.length, now + timedelta(days=schedule.ahead_days + 2)) if with_bookings else {}
        office = self.faq.office
        return Context(
            schedule=schedule,
            now=now,
            taken=taken,
            topics=tuple(Topic(c.id, c.title) for c in self.faq.categories),
            address=PerLang(office_value(office, "address", Lang.EN), office_value(office, "address", Lang.ES)),
            has_username=bool(person.username),
            retention_days=self.retention_days,
        )

    def _commit(self, draft: Draft, person: Person, lang: Lang, ctx: Context) -> Outcome:
        """Book (or move) the chosen slot; if someone was faster, offer the next free times."""
        schedule = ctx.schedule
        assert draft.start is not None and draft.meeting is not None
        start, end = draft.start, draft.start + schedule.length
        stored: Booking | None = None
        if is_bookable(schedule, ctx.now, ctx.taken, start):  # the store re-checks inside its transaction
            if draft.moving is None:
                stored = self.store.book(self._new_booking(draft, person, lang, start, end), schedule.capacity)
            else:
                current = self.store.booking(draft.moving)
                if current is not None and current.user_id == person.user_id:
                    stored = self.store.move(draft.moving, start, end, schedule.capacity)
        if stored is None:
            fresh = self.context(person)
            retry = replace(draft, step=Step.TIME, start=None, changing=False)
            return Outcome(retry, (booking.prompt(retry, fresh, lang, hint="bk_taken"),))
        for reminder in Reminder:  # moved close to the time: a reminder whose moment has passed is not sent late
            if stored.start - reminder.lead <= ctx.now:
                self.store.mark_reminded(stored.id, reminder)
        kind = NoticeKind.MOVED if draft.moving is not None else NoticeKind.NEW
        self.store.add_notice(kind, stored.id, ctx.now)
        key = "bk_moved" if kind is NoticeKind.MOVED else "bk_confirmed"
        text = say(key, lang, details=self.details(stored, lang))
        buttons = (Button(say("bk_my_button", lang), MINE), Button(say("menu_button", lang), "menu"))
        return Outcome(None, (Reply(text, buttons, attachment=self.calendar_file(stored, lang)),))

    def _new_booking(self, draft: Draft, person: Person, lang: Lang, start: datetime, end: datetime) -> Booking:
        assert draft.meeting is not None
        return Booking(
            id=0,
            user_id=person.user_id,
            chat_id=person.chat_id,
            name=draft.name,
            phone=draft.phone,
            username=person.username if draft.by_telegram else "",
            meeting=draft.meeting,
            start=start,
            end=end,
            topic=draft.topic if draft.topic != booking.NO_TOPIC else None,
            court_soon=draft.court_soon,
            urgent=draft.urgent,
            lang=lang,
            status=Status.BOOKED,
            created_at=self.clock(),
        )

    # -- their booking ---------------------------------------------------------------------------

    def mine(self, person: Person, lang: Lang) -> Reply:
        """/mybooking: the booking with Move and Cancel, or an offer to book."""
        existing = self.store.upcoming_booking(person.user_id, self.clock())
        if existing is None:
            return Reply(say("bk_none_booked", lang), (Button(say("book_button", lang), booking.START),))
        return Reply(say("bk_mine", lang, details=self.details(existing, lang)), self._mine_buttons(lang, full=True))

    def on_mine(self, payload: str, person: Person, lang: Lang) -> Outcome:
        """The buttons under /mybooking. Returns a draft when moving starts."""
        existing = self.store.upcoming_booking(person.user_id, self.clock())
        if existing is None or self.schedule is None:
            return Outcome(None, (self.mine(person, lang),))
        when = when_label(existing.start.astimezone(self.schedule.zone), lang)
        if payload == MOVE_MINE:
            topic = existing.topic or booking.NO_TOPIC
            return booking.begin_move(existing.id, existing.name, existing.meeting, topic, self.context(person), lang)
        if payload == CANCEL_MINE:
            buttons = (Button(say("bk_cancel_yes", lang), CANCEL_MINE_YES), Button(say("bk_keep", lang), KEEP_MINE))
            return Outcome(None, (Reply(say("bk_cancel_ask", lang, when=when), buttons),))
        if payload == CANCEL_MINE_YES:
            self.store.set_status(existing.id, Status.CANCELLED)
            self.store.add_notice(NoticeKind.CANCELLED, existing.id, self.clock())
            return Outcome(None, (Reply(say("bk_booking_cancelled", lang), (Button(say("menu_button", lang), "menu"),)),))
        if payload == KEEP_MINE:
            return Outcome(None, (Reply(say("bk_kept", lang), self._mine_buttons(lang)),))
        return Outcome(None, (self.mine(person, lang),))

    def forget(self, user_id: int) -> None:
        """/delete: erase everything about the person and tell staff the booking was withdrawn.

        The staff notice keeps only the booking's number and time: the details are gone."""
        existing = self.store.upcoming_booking(user_id, self.clock())
        self.store.delete_user(user_id)
        if existing is not None:
            self.store.add_notice(NoticeKind.WITHDRAWN, existing.id, self.clock(), note=self._staff_when(existing))

    def details(self, b: Booking, lang: Lang) -> str:
        draft = Draft(
            step=Step.SUMMARY, name=b.name, phone=b.phone, by_telegram=b.by_telegram, meeting=b.meeting,
            start=b.start, topic=b.topic or booking.NO_TOPIC,
        )
        return booking.details(draft, self.context(Person(b.user_id, b.chat_id), with_bookings=False), lang)

    def calendar_file(self, b: Booking, lang: Lang) -> Attachment:
        office = office_value(self.faq.office, "name", lang)
        address = office_value(self.faq.office, "address", lang)
        meeting = meeting_label(b.meeting, PerLang(address, address), lang)
        content = event_file(
            uid=f"consultation-{b.id}-{b.created_at.strftime('%Y%m%dT%H%M%S')}@immigration-bot",
            start=b.start,
            end=b.end,
            summary=say("ics_summary", lang, office=office),
            description=say("ics_description", lang, meeting=meeting),
            location=address if b.meeting.value == "in_person" else "",
            stamp=self.clock(),
        )
        name = "consultation.ics" if lang is Lang.EN else "consulta.ics"
        return Attachment(name, content, "text/calendar")

    def unavailable(self, lang: Lang) -> Reply:
        text = contact_office_text(self.faq.office, "bk_unavailable", lang)
        return Reply(text, (Button(say("menu_button", lang), "menu"),))

    def _mine_buttons(self, lang: Lang, full: bool = False) -> tuple[Button, ...]:
        if not full:
            return (Button(say("bk_my_button", lang), MINE), Button(say("menu_button", lang), "menu"))
        return (
            Button(say("bk_move_button", lang), MOVE_MINE),
            Button(say("bk_cancel_mine_button", lang), CANCEL_MINE),
            Button(say("menu_button", lang), "menu"),
        )

    # -- reminders, staff notices, retention ------------------------------------------------------

    def due_reminders(self) -> list[Outgoing]:
        """Reminders to send now, in each person's language. Call `reminded` once each is delivered."""
        if self.schedule is None:
            return []
        out = []
        for b, reminder in self.store.due_reminders(self.clock()):
            if b.chat_id <= 0:  # booked in the terminal chat: no chat to remind; do not try again
                self.store.mark_reminded(b.id, reminder)
                continue
            key = "reminder_24h" if reminder is Reminder.DAY_BEFORE else "reminder_1h"
            reply = Reply(say(key, b.lang, details=self.details(b, b.lang)), (Button(say("bk_my_button", b.lang), MINE),))
            out.append(Outgoing(b.chat_id, reply, b.id, reminder=reminder))
        return out

    def reminded(self, message: Outgoing) -> None:
        if message.reminder is not None:
            self.store.mark_reminded(message.booking_id, message.reminder)

    def staff_notices(self, staff_chat_id: int) -> list[Outgoing]:
        """Notices waiting for the staff chat, oldest first; a notice about an erased booking says only that."""
        out = []
        for notice in self.store.pending_notices(self.clock()):
            reply = self.staff_notice(notice)
            if reply is None:  # the booking was erased since: nothing left to tell
                self.store.notice_sent(notice.id)
                continue
            out.append(Outgoing(staff_chat_id, reply, notice.booking_id, notice_id=notice.id))
        return out

    def notice_sent(self, message: Outgoing) -> None:
        if message.notice_id is not None:
            self.store.notice_sent(message.notice_id)

    def notice_failed(self, message: Outgoing) -> None:
        if message.notice_id is not None:
            self.store.notice_failed(message.notice_id, self.clock())

    def staff_notice(self, notice: Notice) -> Reply | None:
        if notice.kind is NoticeKind.WITHDRAWN:
            return Reply(f"🗑 Consultation #{notice.booking_id} ({notice.note}) was withdrawn: the person erased their data with /delete. Its details are gone.")
        b = self.store.booking(notice.booking_id)
        if b is None:
            return None
        heading = {
            NoticeKind.NEW: f"🆕 New consultation #{b.id}",
            NoticeKind.MOVED: f"🔁 Consultation #{b.id} was moved",
            NoticeKind.CANCELLED: f"❌ Consultation #{b.id} was cancelled by the person",
        }[notice.kind]
        buttons = () if notice.kind is NoticeKind.CANCELLED else self.staff_buttons(b)
        return Reply(f"{heading}{' — URGENT' if b.urgent else ''}\n{self.staff_card(b)}", buttons)

    def staff_buttons(self, b: Booking) -> tuple[Button, ...]:
        labels = {Status.CONFIRMED: "✅ Confirmed", Status.DONE: "✔️ Done", Status.NO_SHOW: "🚫 No-show"}
        return tuple(Button(labels[s], f"{STAFF_MARK}{s.value}:{b.id}") for s in STAFF_MARKS)

    def staff_card(self, b: Booking) -> str:
        """Everything staff need to call the person back, in English (the staff chat's language)."""
        contact = format_phone(b.phone) if b.phone else f"Telegram @{b.username}"
        topic = next((c.title.en for c in self.faq.categories if c.id == b.topic), "not given")
        if b.topic == booking.COURT_CATEGORY:
            soon = {True: "yes", False: "no", None: "not sure"}[b.court_soon]
            topic = f"{topic} (court date within 7 days: {soon})"
        address = PerLang(office_value(self.faq.office, "address", Lang.EN), "")
        return "\n".join(
            (
                f"When: {self._staff_when(b)}",
                f"Name: {b.name}",
                f"Contact: {contact}",
                f"Meeting: {meeting_label(b.meeting, address, Lang.EN)}",
                f"Topic: {topic}",
                f"Language: {LANGUAGE_NAMES[b.lang]}",
                f"Status: {b.status.value.replace('_', '-')}",
            )
        )

    def mark(self, payload: str) -> tuple[Booking, Reply] | None:
        """A staff button (st:done:12): set the status; returns the booking and its updated card."""
        try:
            status_value, booking_id = payload[len(STAFF_MARK) :].split(":")
            status = Status(status_value)
            number = int(booking_id)
        except ValueError:
            return None
        if status not in STAFF_MARKS:
            return None
        current = self.store.booking(number)
        if current is not None and current.status is Status.CANCELLED:  # an old notice's button must not revive it
            return current, Reply(f"Consultation #{current.id} (cancelled by the person)\n{self.staff_card(current)}")
        updated = self.store.set_status(number, status)
        if updated is None:
            return None
        heading = f"Consultation #{updated.id}{' — URGENT' if updated.urgent else ''}"
        return updated, Reply(f"{heading}\n{self.staff_card(updated)}", self.staff_buttons(updated))

    def purge(self) -> int:
        """Erase bookings that ended more than the retention period ago."""
        return self.store.purge_bookings(self.clock() - timedelta(days=self.retention_days))

    # -- the staff's views -----------------------------------------------------------------------

    def agenda(self, days: int) -> str:
        """/today (1 day) and /week (7 days): the consultations, day by day, in the office's zone."""
        if self.schedule is None:
            return "Booking is not set up: the office file has no schedule."
        zone = self.schedule.zone
        first = self.clock().astimezone(zone).date()
        lines: list[str] = []
        for offset in range(days):
            day = first + timedelta(days=offset)
            start = datetime.combine(day, time(0), zone)
            items = [b for b in self.store.bookings_between(start, start + timedelta(days=1)) if b.status is not Status.CANCELLED]
            if not items and days > 1:
                continue
            lines.append(f"{day_label(day, Lang.EN)} ({zone_label(start, Lang.EN)})")
            if not items:
                lines.append("  no consultations")
            for b in items:
                contact = format_phone(b.phone) if b.phone else f"@{b.username}"
                urgent = " — URGENT" if b.urgent else ""
                topic = next((c.title.en for c in self.faq.categories if c.id == b.topic), "no topic")
                lines.append(
                    f"  {time_label(b.start.astimezone(zone), Lang.EN)}  #{b.id} {b.name} · "
                    f"{meeting_label(b.meeting, PerLang('', ''), Lang.EN)} · {contact} · {topic} · "
                    f"{b.lang.value.upper()} · {b.status.value.replace('_', '-')}{urgent}"
                )
        if not lines:
            return f"No consultations in the next {days} days."
        return "\n".join(lines)

    def export_csv(self, first: date, last: date) -> bytes:
        """/export: the bookings from `first` to `last` (local days, inclusive) as a spreadsheet file."""
        assert self.schedule is not None
        zone = self.schedule.zone
        start = datetime.combine(first, time(0), zone)
        end = datetime.combine(last + timedelta(days=1), time(0), zone)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            ["id", "status", "urgent", "start", "end", "time_zone", "name", "phone", "telegram", "meeting", "topic",
             "court_within_7_days", "language", "booked_at_utc"]
        )
        for b in self.store.bookings_between(start, end):
            soon = "" if b.court_soon is None else ("yes" if b.court_soon else "no")
            writer.writerow(
                [
                    b.id, b.status.value, "yes" if b.urgent else "no",
                    b.start.astimezone(zone).strftime("%Y-%m-%d %H:%M"), b.end.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                    self.schedule.time_zone, _cell(b.name), _cell(format_phone(b.phone)), _cell(b.username),
                    b.meeting.value, b.topic or "", soon, b.lang.value, b.created_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M"),
                ]
            )
        return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the accents right

    def _staff_when(self, b: Booking) -> str:
        assert self.schedule is not None
        return when_label(b.start.astimezone(self.schedule.zone), Lang.EN)


def _cell(value: str) -> str:
    """Text a person typed, made safe for spreadsheets: a leading = + - @ would start a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
