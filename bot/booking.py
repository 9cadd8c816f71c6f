"""The booking dialog as a pure state machine: a draft, an input and the calendar in, a new draft out.

    CONSENT -> NAME -> CONTACT -> MEETING -> DAY -> TIME -> TOPIC -> (COURT_SOON) -> SUMMARY -> booked
                                  (skipped when the office offers one way to meet)

- /cancel (or the Cancel button) ends the dialog at every step; nothing is kept.
- From SUMMARY, "Change" returns to one step and then straight back to SUMMARY.
- Moving an existing booking runs DAY -> TIME -> SUMMARY with `moving` set.
- Text that is not an answer to the step but a question gets Action.ASIDE: the caller answers it and
  offers to continue; anything else re-asks the step with a hint.

No I/O here: the caller passes the time and the calendar (`Context`) and carries out Action.BOOK
against the store, which alone decides, in one transaction, whether the slot is still free.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, time, timezone
from enum import Enum
from typing import Final, Mapping

import phonenumbers

from bot.dates import day_label, short_day_label, time_label, when_label, zone_label
from bot.model import Lang, PerLang
from bot.replies import Button, Reply
from bot.schedule import Meeting, Schedule, free_days, free_slots
from bot.text import normalize
from bot.texts import say

PREFIX: Final = "bk:"
START: Final = "book"  # the payload of every "Book a free consultation" button
AGREE, CANCEL, RESUME, TELEGRAM = "bk:ok", "bk:cancel", "bk:resume", "bk:tg"
MEET, DAY, LATER, DAYS, TIME = "bk:m:", "bk:d:", "bk:later", "bk:days", "bk:t:"
TOPIC, SOON, CONFIRM, CHANGE, CHANGE_TO, SUMMARY_AGAIN = "bk:topic:", "bk:soon:", "bk:yes", "bk:change", "bk:ch:", "bk:summary"
NO_TOPIC: Final = "-"
COURT_CATEGORY: Final = "court"
DAYS_PER_PAGE: Final = 6
NAME_MAX, TOPIC_WORDS_MAX = 60, 6
DEFAULT_REGION: Final = "US"  # numbers typed without +country are read as US numbers


class Step(str, Enum):
    CONSENT = "consent"
    NAME = "name"
    CONTACT = "contact"
    MEETING = "meeting"
    DAY = "day"
    TIME = "time"
    TOPIC = "topic"
    COURT_SOON = "court_soon"
    SUMMARY = "summary"


class Action(str, Enum):
    BOOK = "book"  # the person confirmed: book (or move) the slot in one transaction
    ASIDE = "aside"  # the text was a question: answer it, then offer to continue


@dataclass(frozen=True)
class Draft:
    """A booking in progress; kept in the session so a restart resumes it where it was."""

    step: Step = Step.CONSENT
    name: str = ""
    phone: str = ""  # E.164, or empty when they chose to be reached on Telegram
    by_telegram: bool = False
    meeting: Meeting | None = None
    day: date | None = None
    start: datetime | None = None  # aware, UTC
    topic: str | None = None  # a category id, or NO_TOPIC
    court_soon: bool | None = None  # only asked for the court topic; None: not asked, or "not sure"
    changing: bool = False  # came from SUMMARY's Change: go back there after this step
    moving: int | None = None  # the id of the booking being moved
    page: int = 0  # which page of days is shown

    @property
    def urgent(self) -> bool:
        """Detention, or a court date within 7 days: staff see these first."""
        return self.topic == "detention" or (self.topic == COURT_CATEGORY and self.court_soon is True)

    def to_json(self) -> str:
        data = asdict(self)
        data["step"] = self.step.value
        data["meeting"] = self.meeting.value if self.meeting else None
        data["day"] = self.day.isoformat() if self.day else None
        data["start"] = self.start.isoformat() if self.start else None
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Draft | None:
        """The stored draft, or None if it cannot be read (a newer or damaged format): start over."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                return None
            start = datetime.fromisoformat(data["start"]) if data.get("start") else None
            if start is not None and start.utcoffset() is None:
                return None  # a time without its zone cannot be compared with the slots
            return cls(
                step=Step(data["step"]),
                name=str(data.get("name") or ""),
                phone=str(data.get("phone") or ""),
                by_telegram=bool(data.get("by_telegram")),
                meeting=Meeting(data["meeting"]) if data.get("meeting") else None,
                day=date.fromisoformat(data["day"]) if data.get("day") else None,
                start=start,
                topic=data.get("topic"),
                court_soon=data.get("court_soon"),
                changing=bool(data.get("changing")),
                moving=data.get("moving"),
                page=int(data.get("page") or 0),
            )
        except (ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True)
class Topic:
    id: str
    title: PerLang[str]


@dataclass(frozen=True)
class Context:
    """What the dialog needs to know about the world right now; built by the caller."""

    schedule: Schedule
    now: datetime
    taken: Mapping[datetime, int]
    topics: tuple[Topic, ...]
    address: PerLang[str]  # the office's address, for meetings in person
    has_username: bool = True  # staff can write to them on Telegram only if they have a username
    retention_days: int = 30


@dataclass(frozen=True)
class Typed:
    text: str
    question: bool = False  # the FAQ has an answer for it: not a name, a number or a choice
    category: str | None = None  # the category of that answer, which can serve as the topic


@dataclass(frozen=True)
class Pressed:
    payload: str


@dataclass(frozen=True)
class SharedContact:
    phone: str


Input = Typed | Pressed | SharedContact


@dataclass(frozen=True)
class Outcome:
    draft: Draft | None  # None: the dialog is over (cancelled)
    replies: tuple[Reply, ...] = ()
    action: Action | None = None


def begin(ctx: Context, lang: Lang) -> Outcome:
    draft = Draft()
    return Outcome(draft, (prompt(draft, ctx, lang),))


def begin_move(booking_id: int, name: str, meeting: Meeting, topic: str | None, ctx: Context, lang: Lang) -> Outcome:
    draft = Draft(step=Step.DAY, name=name, meeting=meeting, topic=topic, moving=booking_id)
    return Outcome(draft, (prompt(draft, ctx, lang),))


def advance(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    """One step of the dialog."""
    if isinstance(event, Pressed):
        if event.payload == CANCEL:
            return cancelled(lang)
        if event.payload == RESUME:
            return Outcome(draft, (prompt(draft, ctx, lang),))
    elif isinstance(event, Typed) and normalize(event.text) in CANCEL_WORDS:
        return cancelled(lang)
    handler = _HANDLERS[draft.step]
    return handler(draft, event, ctx, lang)


def cancelled(lang: Lang) -> Outcome:
    return Outcome(None, (Reply(say("bk_cancelled", lang), close_keyboard=True),))


# -- one handler per step ------------------------------------------------------------------------


def _consent(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    if _pressed(event, AGREE) or _typed_yes(event):
        return _next(replace(draft, step=Step.NAME), ctx, lang)
    return _otherwise(draft, event, ctx, lang, "bk_hint_buttons")


def _name(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    if isinstance(event, Typed) and not event.question:
        name = clean_name(event.text)
        if name:
            return _after(replace(draft, name=name), Step.CONTACT, ctx, lang)
    return _otherwise(draft, event, ctx, lang, "bk_hint_name")


def _contact(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    if isinstance(event, SharedContact):
        # Telegram usually sends the number with its country code but without the "+".
        phone = parse_phone(event.phone) if event.phone.startswith("+") else parse_phone(f"+{event.phone}") or parse_phone(event.phone)
        if phone:
            return _contact_saved(replace(draft, phone=phone, by_telegram=False), ctx, lang)
    if _pressed(event, TELEGRAM) or (isinstance(event, Typed) and normalize(event.text) in TELEGRAM_WORDS):
        if not ctx.has_username:
            return Outcome(draft, (prompt(draft, ctx, lang, hint="bk_hint_username"),))
        return _contact_saved(replace(draft, phone="", by_telegram=True), ctx, lang)
    if isinstance(event, Typed):
        phone = parse_phone(event.text)
        if phone:
            return _contact_saved(replace(draft, phone=phone, by_telegram=False), ctx, lang)
        if sum(ch.isdigit() for ch in event.text) >= 5 and not _is_question(event):  # meant as a number, not valid
            return Outcome(draft, (prompt(draft, ctx, lang, hint="bk_hint_phone"),))
    return _otherwise(draft, event, ctx, lang, "bk_hint_phone")


def _contact_saved(draft: Draft, ctx: Context, lang: Lang) -> Outcome:
    """Say back how we will reach them (and let the transport put away its share-number control)."""
    contact = say("bk_by_telegram", lang) if draft.by_telegram else format_phone(draft.phone)
    outcome = _after(draft, Step.MEETING, ctx, lang)
    ack = Reply(say("bk_contact_saved", lang, contact=contact), close_keyboard=True)
    return replace(outcome, replies=(ack, *outcome.replies))


def _meeting(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    chosen = None
    if isinstance(event, Pressed) and event.payload.startswith(MEET):
        chosen = next((m for m in ctx.schedule.meetings if m.value == event.payload[len(MEET) :]), None)
    elif isinstance(event, Typed):
        chosen = _meeting_from_text(event.text, ctx.schedule.meetings)
    if chosen is not None:
        return _after(replace(draft, meeting=chosen), Step.DAY, ctx, lang)
    return _otherwise(draft, event, ctx, lang, "bk_hint_buttons")


def _day(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    days = _free_days(ctx)
    if _pressed(event, LATER):
        page = draft.page + 1 if (draft.page + 1) * DAYS_PER_PAGE < len(days) else 0
        return Outcome(replace(draft, page=page), (prompt(replace(draft, page=page), ctx, lang),))
    chosen: date | None = None
    if isinstance(event, Pressed) and event.payload.startswith(DAY):
        try:
            chosen = date.fromisoformat(event.payload[len(DAY) :])
        except ValueError:
            chosen = None
    elif isinstance(event, Typed):
        chosen = _day_from_text(event.text, days, ctx, lang)
    if chosen is not None and chosen in days:
        return _next(replace(draft, day=chosen, step=Step.TIME, start=None), ctx, lang)
    if chosen is not None:  # a day that has filled up since the buttons were shown
        return Outcome(draft, (prompt(draft, ctx, lang, hint="bk_day_full"),))
    return _otherwise(draft, event, ctx, lang, "bk_hint_buttons")


def _time(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    if not _free_times(draft, ctx):  # the day filled up: `prompt` showed the days instead, so read a day
        return _day(replace(draft, step=Step.DAY, day=None, start=None), event, ctx, lang)
    if _pressed(event, DAYS):
        return _next(replace(draft, step=Step.DAY, day=None, page=0), ctx, lang)
    # Compared in UTC: aware datetimes of different zones never compare equal in a repeated (fall-back) hour.
    slots = [s.astimezone(timezone.utc) for s in _free_times(draft, ctx)]
    chosen: datetime | None = None
    if isinstance(event, Pressed) and event.payload.startswith(TIME):
        chosen = _slot_from_payload(event.payload[len(TIME) :])
    elif isinstance(event, Typed):
        chosen = _time_from_text(event.text, slots, ctx)
    if chosen is not None and chosen in slots:
        after = Step.SUMMARY if draft.moving is not None else Step.TOPIC
        return _after(replace(draft, start=chosen), after, ctx, lang)
    if chosen is not None:
        return Outcome(draft, (prompt(draft, ctx, lang, hint="bk_time_gone"),))
    return _otherwise(draft, event, ctx, lang, "bk_hint_time")


def _topic(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    chosen: str | None = None
    if isinstance(event, Pressed) and event.payload.startswith(TOPIC):
        value = event.payload[len(TOPIC) :]
        chosen = value if value == NO_TOPIC or any(t.id == value for t in ctx.topics) else None
    elif isinstance(event, Typed):
        words = normalize(event.text)
        if words in SKIP_WORDS:
            chosen = NO_TOPIC
        elif any(words == normalize(t.title[l]) for t in ctx.topics for l in Lang):
            chosen = next(t.id for t in ctx.topics for l in Lang if words == normalize(t.title[l]))
        elif event.category and any(t.id == event.category for t in ctx.topics):
            chosen = event.category  # "my court date" names the topic; the words themselves are not kept
    if chosen is not None:
        if chosen == COURT_CATEGORY:
            return _next(replace(draft, topic=chosen, step=Step.COURT_SOON), ctx, lang)
        return _after(replace(draft, topic=chosen, court_soon=None), Step.SUMMARY, ctx, lang)
    return _otherwise(draft, event, ctx, lang, "bk_hint_buttons")


def _court_soon(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    answer: str | None = None
    if isinstance(event, Pressed) and event.payload.startswith(SOON):
        answer = event.payload[len(SOON) :]
    elif _typed_yes(event):
        answer = "y"
    elif isinstance(event, Typed) and normalize(event.text) in NO_WORDS:
        answer = "n"
    elif isinstance(event, Typed) and normalize(event.text) in NOT_SURE_WORDS:
        answer = "?"
    if answer in ("y", "n", "?"):
        soon = {"y": True, "n": False, "?": None}[answer]
        return _next(replace(draft, court_soon=soon, step=Step.SUMMARY, changing=False), ctx, lang)
    return _otherwise(draft, event, ctx, lang, "bk_hint_buttons")


def _summary(draft: Draft, event: Input, ctx: Context, lang: Lang) -> Outcome:
    if _pressed(event, CONFIRM) or _typed_yes(event):
        if draft.start is None or draft.meeting is None:  # cannot happen by the buttons; re-ask what is missing
            return _next(replace(draft, step=Step.DAY if draft.start is None else Step.MEETING), ctx, lang)
        return Outcome(draft, (), Action.BOOK)
    if _pressed(event, CHANGE) or (isinstance(event, Typed) and normalize(event.text) in CHANGE_WORDS):
        if draft.moving is not None:
            return _next(replace(draft, step=Step.DAY, page=0), ctx, lang)
        return Outcome(draft, (change_menu(lang, len(ctx.schedule.meetings)),))
    if _pressed(event, SUMMARY_AGAIN):
        return _next(draft, ctx, lang)
    if isinstance(event, Pressed) and event.payload.startswith(CHANGE_TO):
        target = CHANGEABLE.get(event.payload[len(CHANGE_TO) :])
        if target is not None:
            return _next(replace(draft, step=target, changing=True, page=0), ctx, lang)
    return _otherwise(draft, event, ctx, lang, "bk_hint_buttons")


_HANDLERS: Final = {
    Step.CONSENT: _consent,
    Step.NAME: _name,
    Step.CONTACT: _contact,
    Step.MEETING: _meeting,
    Step.DAY: _day,
    Step.TIME: _time,
    Step.TOPIC: _topic,
    Step.COURT_SOON: _court_soon,
    Step.SUMMARY: _summary,
}
CHANGEABLE: Final = {"name": Step.NAME, "contact": Step.CONTACT, "meeting": Step.MEETING, "time": Step.DAY, "topic": Step.TOPIC}


def _after(draft: Draft, following: Step, ctx: Context, lang: Lang) -> Outcome:
    """Go on to `following`, or back to the summary when this step was a change (a day leads to its time)."""
    if draft.changing and following != Step.TIME:
        return _next(replace(draft, step=Step.SUMMARY, changing=False), ctx, lang)
    if following == Step.MEETING and len(ctx.schedule.meetings) == 1:
        return _after(replace(draft, meeting=ctx.schedule.meetings[0]), Step.DAY, ctx, lang)
    return _next(replace(draft, step=following, page=0 if following == Step.DAY else draft.page), ctx, lang)


def _next(draft: Draft, ctx: Context, lang: Lang) -> Outcome:
    return Outcome(draft, (prompt(draft, ctx, lang),))


def _otherwise(draft: Draft, event: Input, ctx: Context, lang: Lang, hint: str) -> Outcome:
    """Not an answer to this step: a question gets answered by the caller; anything else, a hint."""
    if _is_question(event):
        return Outcome(draft, (), Action.ASIDE)
    if isinstance(event, Pressed) and event.payload.startswith(PREFIX):  # an old button of an earlier step
        return Outcome(draft, (prompt(draft, ctx, lang, hint="bk_old_button"),))
    return Outcome(draft, (prompt(draft, ctx, lang, hint=hint),))


# -- what each step says -------------------------------------------------------------------------


def prompt(draft: Draft, ctx: Context, lang: Lang, hint: str = "") -> Reply:
    """The question of the current step, with its buttons; `hint` explains what went wrong first."""
    cancel = Button(say("bk_cancel_button", lang), CANCEL)
    notice = say(hint, lang) if hint else ""
    step = draft.step
    if step is Step.CONSENT:
        text = say("bk_consent", lang, days=str(ctx.retention_days))
        return Reply(text, (Button(say("bk_agree", lang), AGREE), cancel), notice=notice)
    if step is Step.NAME:
        return Reply(say("bk_ask_name", lang), (cancel,), notice=notice)
    if step is Step.CONTACT:
        buttons = (Button(say("bk_by_telegram", lang), TELEGRAM), cancel)
        share = say("bk_share_phone", lang)
        return Reply(say("bk_ask_contact", lang), buttons, notice=notice, request_contact=share)
    if step is Step.MEETING:
        buttons = tuple(Button(say(f"meet_{m.value}", lang), f"{MEET}{m.value}") for m in ctx.schedule.meetings)
        return Reply(say("bk_ask_meeting", lang), (*buttons, cancel), notice=notice)
    if step is Step.DAY:
        days = _free_days(ctx)
        if not days:
            return Reply(say("bk_no_days", lang), (cancel,), notice=notice)
        page = days[draft.page * DAYS_PER_PAGE : (draft.page + 1) * DAYS_PER_PAGE] or days[:DAYS_PER_PAGE]
        buttons = [Button(short_day_label(d, lang), f"{DAY}{d.isoformat()}") for d in page]
        if len(days) > DAYS_PER_PAGE:
            buttons.append(Button(say("bk_later_days", lang), LATER))
        noon = datetime.combine(page[0], time(12), ctx.schedule.zone)  # the zone as it is on those days (PST/PDT)
        zone = zone_label(noon, lang)
        return Reply(say("bk_ask_day", lang, zone=zone), (*buttons, cancel), notice=notice, columns=2)
    if step is Step.TIME:
        slots = _free_times(draft, ctx)
        if draft.day is None or not slots:
            return prompt(replace(draft, step=Step.DAY, day=None), ctx, lang, hint="bk_day_full")
        buttons = [Button(time_label(s, lang), f"{TIME}{_slot_payload(s)}") for s in slots]
        zone = zone_label(slots[0], lang)
        text = say("bk_ask_time", lang, day=day_label(draft.day, lang), zone=zone)
        return Reply(text, (*buttons, Button(say("bk_other_day", lang), DAYS), cancel), notice=notice, columns=3)
    if step is Step.TOPIC:
        buttons = [Button(t.title[lang], f"{TOPIC}{t.id}") for t in ctx.topics]
        buttons.append(Button(say("bk_skip_topic", lang), f"{TOPIC}{NO_TOPIC}"))
        return Reply(say("bk_ask_topic", lang), (*buttons, cancel), notice=notice)
    if step is Step.COURT_SOON:
        buttons = (
            Button(say("yes", lang), f"{SOON}y"),
            Button(say("no", lang), f"{SOON}n"),
            Button(say("not_sure", lang), f"{SOON}?"),
        )
        return Reply(say("bk_ask_court_soon", lang), (*buttons, cancel), notice=notice, columns=3)
    buttons = (
        Button(say("bk_confirm", lang), CONFIRM),
        Button(say("bk_change", lang), CHANGE),
        cancel,
    )
    key = "bk_summary_move" if draft.moving is not None else "bk_summary"
    return Reply(say(key, lang, details=details(draft, ctx, lang)), buttons, notice=notice)


def change_menu(lang: Lang, meetings: int = 2) -> Reply:
    names = [name for name in CHANGEABLE if name != "meeting" or meetings > 1]
    buttons = tuple(Button(say(f"bk_change_{name}", lang), f"{CHANGE_TO}{name}") for name in names)
    return Reply(say("bk_what_to_change", lang), (*buttons, Button(say("bk_back_to_summary", lang), SUMMARY_AGAIN)))


def details(draft: Draft, ctx: Context, lang: Lang) -> str:
    """The booking's details, one per line, as the person checks them before confirming."""
    lines = [f"{say('bk_field_name', lang)}: {draft.name}"]
    if draft.moving is None:
        contact = say("bk_by_telegram", lang) if draft.by_telegram else format_phone(draft.phone)
        lines.append(f"{say('bk_field_contact', lang)}: {contact}")
    if draft.meeting is not None:
        lines.append(f"{say('bk_field_meeting', lang)}: {meeting_label(draft.meeting, ctx.address, lang)}")
    if draft.start is not None:
        lines.append(f"{say('bk_field_when', lang)}: {when_label(draft.start.astimezone(ctx.schedule.zone), lang)}")
    topic = next((t.title[lang] for t in ctx.topics if t.id == draft.topic), say("bk_no_topic", lang))
    lines.append(f"{say('bk_field_topic', lang)}: {topic}")
    return "\n".join(lines)


def meeting_label(meeting: Meeting, address: PerLang[str], lang: Lang) -> str:
    label = say(f"meet_{meeting.value}", lang)
    return f"{label} ({address[lang]})" if meeting is Meeting.IN_PERSON else label


# -- reading what people type --------------------------------------------------------------------

YES_WORDS: Final = frozenset(
    {"yes", "y", "yeah", "yep", "ok", "okay", "sure", "confirm", "agree", "i agree", "si", "sip", "claro", "vale",
     "de acuerdo", "acepto", "confirmar", "confirmo", "dale", "sale", "va", "esta bien", "ok gracias", "si acepto"}
)
NO_WORDS: Final = frozenset({"no", "nope", "nop", "not yet", "todavia no", "aun no"})
NOT_SURE_WORDS: Final = frozenset(
    {"not sure", "i dont know", "dont know", "idk", "no se", "no estoy seguro", "no estoy segura", "quien sabe", "ns"}
)
CANCEL_WORDS: Final = frozenset(
    {"cancel", "/cancel", "cancel booking", "stop", "cancelar", "cancela", "/cancelar", "ya no", "no gracias",
     "cancelar la cita", "cancelar cita"}
)
TELEGRAM_WORDS: Final = frozenset(
    {"telegram", "here", "here on telegram", "by telegram", "on telegram", "aqui", "aqui en telegram",
     "por telegram", "por aqui", "en telegram"}
)
SKIP_WORDS: Final = frozenset({"skip", "no", "none", "other", "omitir", "ninguno", "otro", "saltar", "prefiero no decir"})
CHANGE_WORDS: Final = frozenset({"change", "edit", "cambiar", "corregir", "editar"})
MEETING_WORDS: Final = {
    Meeting.PHONE: ("phone", "call", "phone call", "by phone", "telefono", "llamada", "por telefono", "llamar"),
    Meeting.VIDEO: ("video", "zoom", "videollamada", "video call", "por video", "whatsapp video"),
    Meeting.IN_PERSON: ("in person", "office", "at the office", "en persona", "oficina", "en la oficina", "presencial"),
}
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:(?:[.,]? |['\-.,])[^\W\d_]+)*\.?$")  # "Smith, John", "Dr. Ana"


def clean_name(text: str) -> str | None:
    """A name to call someone by: letters with spaces, hyphens or apostrophes, up to 60 characters."""
    name = " ".join(text.split())
    if not name or len(name) > NAME_MAX or len(name.split()) > TOPIC_WORDS_MAX:
        return None
    if not _NAME_CHARS.match(name) or normalize(name) in YES_WORDS | NO_WORDS | CANCEL_WORDS:
        return None
    return name


def parse_phone(text: str) -> str | None:
    """A valid phone number in E.164 form (+18185550100), or None. Read as a US number without a +."""
    raw = text.strip()
    if sum(ch.isdigit() for ch in raw) < 7 or len(raw) > 40:
        return None
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """How a stored number is shown: national form for US numbers, international otherwise."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    style = phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 1 else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


def _meeting_from_text(text: str, offered: tuple[Meeting, ...]) -> Meeting | None:
    words = normalize(text)
    if words.isdigit() and 1 <= int(words) <= len(offered):
        return offered[int(words) - 1]
    return next((m for m in offered if words in MEETING_WORDS[m]), None)


def _day_from_text(text: str, days: list[date], ctx: Context, lang: Lang) -> date | None:
    """'tomorrow', 'el lunes', 'friday', '12/3' or the label of a button, among the days offered."""
    words = normalize(text).removeprefix("el ").removeprefix("on ").strip()
    today = ctx.now.astimezone(ctx.schedule.zone).date()
    if words in ("today", "hoy"):
        return today
    if words in ("tomorrow", "manana"):
        return date.fromordinal(today.toordinal() + 1)
    for day in days:
        names = {normalize(day_label(day, l)) for l in Lang} | {normalize(short_day_label(day, l)) for l in Lang}
        weekday = {normalize(day_label(day, l).split(",")[0].split(" ")[0]) for l in Lang}
        if words in names or words in weekday:
            return day
    numbers = re.fullmatch(r"(\d{1,2}) (\d{1,2})", words)  # "12/3", "12-3": normalize made the separator a space
    if numbers:
        first, second = int(numbers.group(1)), int(numbers.group(2))
        month, day_of_month = (first, second) if lang is Lang.EN else (second, first)
        return next((d for d in days if d.month == month and d.day == day_of_month), None)
    return None


def _time_from_text(text: str, slots: list[datetime], ctx: Context) -> datetime | None:
    """'10', '10:30', '2 pm', '2:30pm', '14:30' among the free slots of the chosen day."""
    words = normalize(text).replace(" ", "").replace(".", "")
    found = re.fullmatch(r"(?:a?las?)?(\d{1,2})(?::?(\d{2}))?(am|pm|de?lamanana|de?latarde|hrs|h)?", words)
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    suffix = found.group(3) or ""
    if suffix in ("pm", "delatarde", "dlatarde") and hour < 12:
        hour += 12
    if suffix in ("am", "delamanana", "dlamanana") and hour == 12:
        hour = 0
    local = [s.astimezone(ctx.schedule.zone) for s in slots]
    exact = [s for s, l in zip(slots, local) if (l.hour, l.minute) == (hour, minute)]
    if exact:
        return exact[0]
    if not suffix and hour < 12:  # "3" at an office open in the afternoon means 3 PM
        return next((s for s, l in zip(slots, local) if (l.hour, l.minute) == (hour + 12, minute)), None)
    return None


# -- the calendar --------------------------------------------------------------------------------


def _free_days(ctx: Context) -> list[date]:
    return free_days(ctx.schedule, ctx.now, ctx.taken, limit=ctx.schedule.ahead_days + 1)


def _free_times(draft: Draft, ctx: Context) -> list[datetime]:
    if draft.day is None:
        return []
    return free_slots(ctx.schedule, ctx.now, ctx.taken, day=draft.day)


def _slot_payload(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%MZ")


def _slot_from_payload(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y%m%dT%H%MZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _pressed(event: Input, payload: str) -> bool:
    return isinstance(event, Pressed) and event.payload == payload


def _is_question(event: Input) -> bool:
    return isinstance(event, Typed) and (event.question or event.text.strip().endswith("?"))


def _typed_yes(event: Input) -> bool:
    return isinstance(event, Typed) and normalize(event.text) in YES_WORDS
