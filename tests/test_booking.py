"""The booking dialog, step by step, in English and Spanish: a pure function of draft, input and calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.booking import (
    AGREE,
    CANCEL,
    CHANGE,
    CHANGE_TO,
    CONFIRM,
    DAYS,
    LATER,
    NO_TOPIC,
    RESUME,
    SUMMARY_AGAIN,
    TELEGRAM,
    Action,
    Context,
    Draft,
    Input,
    Outcome,
    Pressed,
    SharedContact,
    Step,
    Topic,
    Typed,
    advance,
    begin,
    begin_move,
    clean_name,
    format_phone,
    parse_phone,
    prompt,
)
from bot.model import Lang, PerLang
from bot.replies import Reply
from bot.schedule import Meeting, Schedule, slots_on
from bot.texts import TEXTS, say
from bot.validation import check_faq
from conftest import MINI, TODAY

UTC = timezone.utc
LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)  # Sunday, 10:00 in Los Angeles
MONDAY, TUESDAY, WEDNESDAY, THURSDAY = (date(2026, 11, 30) + timedelta(days=n) for n in range(4))
OPEN_DAYS = [MONDAY + timedelta(days=n) for n in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)]  # weekdays within 14 days
PHONE = "+18185550100"
TOPICS = (
    Topic("raids", PerLang("ICE encounters", "Encuentros con la migra")),
    Topic("detention", PerLang("Detention", "Detención")),
    Topic("court", PerLang("Immigration court", "Corte de inmigración")),
)
ADDRESS = PerLang("1 Test Street, Van Nuys, CA", "1 Test Street, Van Nuys, CA")
STEP_TEXT = {
    Step.CONSENT: "bk_consent",
    Step.NAME: "bk_ask_name",
    Step.CONTACT: "bk_ask_contact",
    Step.MEETING: "bk_ask_meeting",
    Step.DAY: "bk_ask_day",
    Step.TIME: "bk_ask_time",
    Step.TOPIC: "bk_ask_topic",
    Step.COURT_SOON: "bk_ask_court_soon",
    Step.SUMMARY: "bk_summary",
}


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time at the office, as the UTC instant the dialog keeps."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LA).astimezone(UTC)


def time_button(moment: datetime) -> str:
    return "bk:t:" + moment.astimezone(UTC).strftime("%Y%m%dT%H%MZ")


def day_button(day: date) -> str:
    return f"bk:d:{day.isoformat()}"


START = at(MONDAY, 10, 30)
AT_STEP = {
    Step.CONSENT: Draft(),
    Step.NAME: Draft(step=Step.NAME),
    Step.CONTACT: Draft(step=Step.CONTACT, name="Ana"),
    Step.MEETING: Draft(step=Step.MEETING, name="Ana", phone=PHONE),
    Step.DAY: Draft(step=Step.DAY, name="Ana", phone=PHONE, meeting=Meeting.VIDEO),
    Step.TIME: Draft(step=Step.TIME, name="Ana", phone=PHONE, meeting=Meeting.VIDEO, day=MONDAY),
    Step.TOPIC: Draft(step=Step.TOPIC, name="Ana", phone=PHONE, meeting=Meeting.VIDEO, day=MONDAY, start=START),
    Step.COURT_SOON: Draft(
        step=Step.COURT_SOON, name="Ana", phone=PHONE, meeting=Meeting.VIDEO, day=MONDAY, start=START, topic="court"
    ),
    Step.SUMMARY: Draft(
        step=Step.SUMMARY, name="Ana", phone=PHONE, meeting=Meeting.VIDEO, day=MONDAY, start=START, topic="court",
        court_soon=False,
    ),
}
ALL_STEPS = list(Step)


@pytest.fixture(scope="module")
def schedule() -> Schedule:
    result = check_faq(MINI, TODAY, collisions=False)
    assert result.faq is not None and result.faq.schedule is not None
    return result.faq.schedule


@pytest.fixture
def ctx(schedule: Schedule) -> Context:
    return Context(schedule=schedule, now=NOW, taken={}, topics=TOPICS, address=ADDRESS)


@pytest.fixture(params=list(Lang), ids=lambda lang: lang.value)
def lang(request: pytest.FixtureRequest) -> Lang:
    return request.param  # type: ignore[no-any-return]


def payloads(reply: Reply) -> list[str]:
    return [button.payload for button in reply.buttons]


def labels(reply: Reply) -> list[str]:
    return [button.label for button in reply.buttons]


def asks(reply: Reply, step: Step, lang: Lang, moving: bool = False) -> None:
    """The reply is the question of `step`, in `lang`, with a Cancel button and payloads Telegram accepts."""
    key = "bk_summary_move" if moving else STEP_TEXT[step]
    opening = TEXTS[key][lang].split("{")[0]
    assert reply.text.startswith(opening), f"expected the {step.value} question, got {reply.text!r}"
    assert CANCEL in payloads(reply)
    assert all(len(p.encode("utf-8")) <= 64 for p in payloads(reply))


def re_asks(outcome: Outcome, draft: Draft, lang: Lang, hint: str) -> None:
    """Nothing changed: the same step is asked again, with `hint` above it."""
    assert outcome.action is None
    assert outcome.draft == draft
    (reply,) = outcome.replies
    assert reply.notice == say(hint, lang)
    asks(reply, draft.step, lang, moving=draft.moving is not None)


def walk(draft: Draft, events: list[Input], ctx: Context, lang: Lang) -> Outcome:
    """Feed the events one by one; each must be accepted (no hint, no aside)."""
    outcome = Outcome(draft)
    for event in events:
        assert outcome.draft is not None
        outcome = advance(outcome.draft, event, ctx, lang)
        assert outcome.action is not Action.ASIDE, f"{event} was taken for a question"
        assert not any(r.notice for r in outcome.replies), f"{event} was refused: {outcome.replies[-1].notice}"
    return outcome


# -- the whole dialog ------------------------------------------------------------------------------

SUMMARY_VALUES = {
    Lang.EN: [
        "María José",
        "(818) 555-0100",
        "Video call",
        "Monday, November 30, 10:30 AM (Los Angeles time, PST)",
        "ICE encounters",
    ],
    Lang.ES: [
        "María José",
        "(818) 555-0100",
        "Por videollamada",
        "lunes 30 de noviembre, a las 10:30 a. m. (hora de Los Ángeles, PST)",
        "Encuentros con la migra",
    ],
}
FIELDS = ("bk_field_name", "bk_field_contact", "bk_field_meeting", "bk_field_when", "bk_field_topic")


def test_booking_by_buttons_step_by_step(ctx: Context, lang: Lang) -> None:
    out = begin(ctx, lang)
    assert out.draft == Draft() and out.action is None
    (reply,) = out.replies
    asks(reply, Step.CONSENT, lang)
    assert "30" in reply.text  # how long the details are kept
    assert payloads(reply) == [AGREE, CANCEL]

    out = advance(Draft(), Pressed(AGREE), ctx, lang)
    assert out.draft == Draft(step=Step.NAME)
    (reply,) = out.replies
    asks(reply, Step.NAME, lang)
    assert payloads(reply) == [CANCEL]

    out = advance(out.draft, Typed("  María   José "), ctx, lang)
    assert out.draft == Draft(step=Step.CONTACT, name="María José")
    (reply,) = out.replies
    asks(reply, Step.CONTACT, lang)
    assert reply.request_contact and payloads(reply) == [TELEGRAM, CANCEL]

    out = advance(out.draft, Typed("(818) 555-0100"), ctx, lang)
    assert out.draft is not None and out.draft.phone == PHONE and not out.draft.by_telegram
    ack, reply = out.replies
    assert ack.text == say("bk_contact_saved", lang, contact="(818) 555-0100") and ack.close_keyboard
    asks(reply, Step.MEETING, lang)
    assert payloads(reply) == ["bk:m:phone", "bk:m:video", "bk:m:in_person", CANCEL]

    out = advance(out.draft, Pressed("bk:m:video"), ctx, lang)
    assert out.draft is not None and out.draft.step is Step.DAY and out.draft.meeting is Meeting.VIDEO
    (reply,) = out.replies
    asks(reply, Step.DAY, lang)
    assert ("Los Angeles time, PST" if lang is Lang.EN else "hora de Los Ángeles, PST") in reply.text
    assert payloads(reply) == [day_button(d) for d in OPEN_DAYS[:6]] + [LATER, CANCEL]
    assert labels(reply)[0] == ("Mon Nov 30" if lang is Lang.EN else "lun 30 nov")
    assert reply.columns == 2

    out = advance(out.draft, Pressed(day_button(MONDAY)), ctx, lang)
    assert out.draft is not None and out.draft.step is Step.TIME and out.draft.day == MONDAY
    (reply,) = out.replies
    asks(reply, Step.TIME, lang)
    assert ("Monday, November 30" if lang is Lang.EN else "lunes 30 de noviembre") in reply.text
    times = [at(MONDAY, h, m) for h in (9, 10, 11, 13, 14, 15, 16) for m in (0, 30)]
    assert payloads(reply) == [time_button(t) for t in times] + [DAYS, CANCEL]
    first, last = (("9:00 AM", "4:30 PM") if lang is Lang.EN else ("9:00 a. m.", "4:30 p. m."))
    assert labels(reply)[0] == first and labels(reply)[13] == last
    assert reply.columns == 3

    out = advance(out.draft, Pressed(time_button(START)), ctx, lang)
    assert out.draft is not None and out.draft.step is Step.TOPIC
    assert out.draft.start == datetime(2026, 11, 30, 18, 30, tzinfo=UTC) and out.draft.start.utcoffset() == timedelta(0)
    (reply,) = out.replies
    asks(reply, Step.TOPIC, lang)
    assert payloads(reply) == ["bk:topic:raids", "bk:topic:detention", "bk:topic:court", f"bk:topic:{NO_TOPIC}", CANCEL]

    out = advance(out.draft, Pressed("bk:topic:raids"), ctx, lang)
    assert out.draft is not None and out.draft.step is Step.SUMMARY
    (reply,) = out.replies
    asks(reply, Step.SUMMARY, lang)
    assert reply.text.splitlines()[-5:] == [f"{say(f, lang)}: {v}" for f, v in zip(FIELDS, SUMMARY_VALUES[lang])]
    assert payloads(reply) == [CONFIRM, CHANGE, CANCEL]

    summary = out.draft
    out = advance(summary, Pressed(CONFIRM), ctx, lang)
    assert out == Outcome(summary, (), Action.BOOK)
    assert summary == Draft(
        step=Step.SUMMARY, name="María José", phone=PHONE, meeting=Meeting.VIDEO, day=MONDAY, start=START, topic="raids"
    )
    assert not summary.urgent


TYPED_ANSWERS = {
    Lang.EN: ["yes", "Rosa", "818 555 0100", "video", "monday", "2pm", "detention", "confirm"],
    Lang.ES: ["sí", "Rosa", "818 555 0100", "videollamada", "el lunes", "a las 2 de la tarde", "Detención", "confirmar"],
}


def test_booking_by_typing_every_answer(ctx: Context, lang: Lang) -> None:
    out = walk(Draft(), [Typed(text) for text in TYPED_ANSWERS[lang]], ctx, lang)
    assert out.action is Action.BOOK and out.replies == ()
    assert out.draft == Draft(
        step=Step.SUMMARY, name="Rosa", phone=PHONE, meeting=Meeting.VIDEO, day=MONDAY, start=at(MONDAY, 14),
        topic="detention",
    )
    assert out.draft.urgent


# -- wrong answers re-ask the step ------------------------------------------------------------------

WRONG = [
    (Step.CONSENT, Typed("hello"), "bk_hint_buttons"),
    (Step.CONSENT, Typed("no"), "bk_hint_buttons"),
    (Step.NAME, Typed("R2D2"), "bk_hint_name"),
    (Step.NAME, Typed("Ana 123"), "bk_hint_name"),
    (Step.NAME, Typed("Ana_Maria"), "bk_hint_name"),
    (Step.NAME, Typed("a" * 61), "bk_hint_name"),
    (Step.NAME, Typed("one two three four five six seven"), "bk_hint_name"),
    (Step.NAME, Typed("yes"), "bk_hint_name"),
    (Step.NAME, Typed("   "), "bk_hint_name"),
    (Step.NAME, SharedContact("+18185550100"), "bk_hint_name"),
    (Step.CONTACT, Typed("818 555 01"), "bk_hint_phone"),  # meant as a number, too short
    (Step.CONTACT, Typed("123 456 7890"), "bk_hint_phone"),  # no such area code
    (Step.CONTACT, Typed("+1 123 456 7890"), "bk_hint_phone"),
    (Step.CONTACT, Typed("555"), "bk_hint_phone"),
    (Step.CONTACT, Typed("my cell"), "bk_hint_phone"),
    (Step.CONTACT, SharedContact("12"), "bk_hint_phone"),
    (Step.MEETING, Typed("carrier pigeon"), "bk_hint_buttons"),
    (Step.MEETING, Typed("4"), "bk_hint_buttons"),
    (Step.MEETING, Typed("0"), "bk_hint_buttons"),
    (Step.DAY, Typed("someday"), "bk_hint_buttons"),
    (Step.DAY, Typed("el 45"), "bk_hint_buttons"),
    (Step.DAY, Pressed(day_button(date(2026, 11, 29))), "bk_day_full"),  # Sunday: closed
    (Step.DAY, Pressed(day_button(date(2026, 12, 24))), "bk_day_full"),  # a closed date
    (Step.DAY, Pressed(day_button(date(2027, 1, 4))), "bk_day_full"),  # beyond the 14 days
    (Step.TIME, Typed("whenever"), "bk_hint_time"),
    (Step.TIME, Typed("7:00"), "bk_hint_time"),
    (Step.TIME, Typed("12:00"), "bk_hint_time"),  # the lunch break
    (Step.TIME, Typed("5pm"), "bk_hint_time"),
    (Step.TIME, Typed("25:00"), "bk_hint_time"),
    (Step.TIME, Pressed(time_button(at(MONDAY, 12))), "bk_time_gone"),
    (Step.TIME, Pressed(time_button(at(TUESDAY, 10))), "bk_time_gone"),  # a time of another day
    (Step.TOPIC, Typed("my cousin's case"), "bk_hint_buttons"),
    (Step.TOPIC, Typed("whatever", category="unknown-category"), "bk_hint_buttons"),
    (Step.COURT_SOON, Typed("maybe"), "bk_hint_buttons"),
    (Step.SUMMARY, Typed("hmm"), "bk_hint_buttons"),
    (Step.SUMMARY, SharedContact("+18185550100"), "bk_hint_buttons"),
]


@pytest.mark.parametrize(("step", "event", "hint"), WRONG, ids=lambda v: getattr(v, "value", None) or repr(v)[:30])
def test_a_wrong_answer_re_asks_the_step_with_a_hint(step: Step, event: Input, hint: str, ctx: Context, lang: Lang) -> None:
    re_asks(advance(AT_STEP[step], event, ctx, lang), AT_STEP[step], lang, hint)


def test_the_hints_differ_by_language(ctx: Context) -> None:
    english = advance(AT_STEP[Step.NAME], Typed("R2D2"), ctx, Lang.EN).replies[0]
    spanish = advance(AT_STEP[Step.NAME], Typed("R2D2"), ctx, Lang.ES).replies[0]
    assert english.notice.startswith("Please type just a name")
    assert spanish.notice.startswith("Escriba solo un nombre")
    assert spanish.text.startswith("¿Con qué nombre")


@pytest.mark.parametrize("step", ALL_STEPS, ids=lambda s: s.value)
def test_a_button_of_no_booking_step_gets_the_steps_own_hint(step: Step, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[step], Pressed("menu"), ctx, lang)
    assert out.draft == AT_STEP[step]
    assert out.replies[0].notice != say("bk_old_button", lang) and out.replies[0].notice


OLD_BUTTONS = [
    (Step.NAME, AGREE),
    (Step.CONTACT, AGREE),
    (Step.MEETING, TELEGRAM),
    (Step.DAY, "bk:m:phone"),
    (Step.DAY, "bk:d:not-a-date"),
    (Step.TIME, "bk:m:video"),
    (Step.TIME, LATER),
    (Step.TIME, "bk:t:garbage"),
    (Step.TOPIC, day_button(MONDAY)),
    (Step.TOPIC, time_button(START)),
    (Step.TOPIC, "bk:topic:no-such-topic"),
    (Step.COURT_SOON, "bk:topic:raids"),
    (Step.COURT_SOON, "bk:soon:x"),
    (Step.SUMMARY, day_button(TUESDAY)),
    (Step.SUMMARY, "bk:soon:y"),
    (Step.SUMMARY, "bk:ch:nothing"),
    (Step.CONSENT, CONFIRM),
]


@pytest.mark.parametrize(("step", "payload"), OLD_BUTTONS)
def test_an_old_button_of_another_step_says_where_we_are(step: Step, payload: str, ctx: Context, lang: Lang) -> None:
    re_asks(advance(AT_STEP[step], Pressed(payload), ctx, lang), AT_STEP[step], lang, "bk_old_button")


# -- questions, cancel, resume at every step -------------------------------------------------------


QUESTIONS = {
    "matched": Typed("how does bond work", question=True),
    "question-mark": Typed("¿Qué hago si la migra toca la puerta?"),
    "trailing-space": Typed("can they deport me ?  "),
    "matched-with-category": Typed("what is the court address", question=True, category="raids"),
}


@pytest.mark.parametrize(
    ("step", "event"),
    [
        pytest.param(step, event, id=f"{step.value}-{name}")
        for step in ALL_STEPS
        for name, event in QUESTIONS.items()
        if not (step is Step.TOPIC and event.category)  # there the category names the topic (tested below)
    ],
)
def test_a_question_is_answered_aside_and_the_draft_waits(step: Step, event: Typed, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[step], event, ctx, lang)
    assert out == Outcome(AT_STEP[step], (), Action.ASIDE)


def test_a_question_with_numbers_at_the_contact_step_is_still_a_question(ctx: Context, lang: Lang) -> None:
    draft = AT_STEP[Step.CONTACT]
    out = advance(draft, Typed("what if my court date is 12/15/2026?"), ctx, lang)
    assert out == Outcome(draft, (), Action.ASIDE)
    out = advance(draft, Typed("how much is the bond, 1500 or 15000", question=True), ctx, lang)
    assert out == Outcome(draft, (), Action.ASIDE)


def test_a_name_that_the_faq_knows_is_taken_for_a_question(ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.NAME], Typed("Asylum", question=True), ctx, lang)
    assert out.action is Action.ASIDE and out.draft == AT_STEP[Step.NAME]


CANCELS = [
    Pressed(CANCEL), Typed("cancelar"), Typed("/cancel"), Typed("Cancel"), Typed("/cancelar"), Typed(" STOP "),
    Typed("Cancelar la cita"),
]


@pytest.mark.parametrize("step", ALL_STEPS, ids=lambda s: s.value)
@pytest.mark.parametrize("event", CANCELS, ids=lambda e: repr(e))
def test_cancel_ends_the_dialog_at_every_step(step: Step, event: Input, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[step], event, ctx, lang)
    assert out.draft is None and out.action is None
    (reply,) = out.replies
    assert reply.text == say("bk_cancelled", lang)
    assert reply.close_keyboard and reply.buttons == ()


def test_cancel_while_moving_ends_the_move(ctx: Context, lang: Lang) -> None:
    draft = begin_move(5, "Ana", Meeting.PHONE, "raids", ctx, lang).draft
    assert draft is not None
    assert advance(draft, Typed("cancelar"), ctx, lang).draft is None


@pytest.mark.parametrize("step", ALL_STEPS, ids=lambda s: s.value)
def test_resume_asks_the_same_step_again(step: Step, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[step], Pressed(RESUME), ctx, lang)
    assert out.draft == AT_STEP[step] and out.action is None
    (reply,) = out.replies
    asks(reply, step, lang)
    assert reply.notice == ""
    assert reply == prompt(AT_STEP[step], ctx, lang)


# -- consent, name, contact ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["yes", "OK", "I agree", "sí", "Si acepto", "de acuerdo", "Dale"])
def test_consent_can_be_typed(text: str, ctx: Context, lang: Lang) -> None:
    assert advance(Draft(), Typed(text), ctx, lang).draft == Draft(step=Step.NAME)


def test_consent_shows_the_retention_period(ctx: Context, lang: Lang) -> None:
    reply = begin(replace(ctx, retention_days=45), lang).replies[0]
    assert "45" in reply.text and "30" not in reply.text


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("  María   José ", "María José"),
        ("O'Brien", "O'Brien"),
        ("Jean-Luc", "Jean-Luc"),
        ("José Luis Pérez de la Cruz", "José Luis Pérez de la Cruz"),  # six words
        ("Nguyễn", "Nguyễn"),
        ("a" * 60, "a" * 60),
    ],
)
def test_a_name_is_kept_cleaned(typed: str, name: str, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.NAME], Typed(typed), ctx, lang)
    assert out.draft == Draft(step=Step.CONTACT, name=name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ana", "Ana"),
        ("  ana   maria  ", "ana maria"),
        ("Mary-Jane O'Neil", "Mary-Jane O'Neil"),
        ("Smith, John", "Smith, John"),
        ("Dr. Ana Ruiz", "Dr. Ana Ruiz"),
        ("Ana , Ruiz", None),
        ("Ana.", "Ana."),
        ("李小龙", "李小龙"),
        ("", None),
        ("   ", None),
        ("Ana2", None),
        ("2Pac", None),
        ("Ana_B", None),
        ("Ana!", None),
        ("Ana 🙂", None),
        ("- Ana", None),
        ("Ana--Maria", None),
        ("a b c d e f g", None),
        ("a" * 61, None),
        ("Sí", None),
        ("no", None),
        ("Cancelar", None),
        ("maria@example.org", None),
    ],
)
def test_clean_name(text: str, expected: str | None) -> None:
    assert clean_name(text) == expected


@pytest.mark.parametrize(
    ("typed", "phone", "shown"),
    [
        ("(818) 555-0100", PHONE, "(818) 555-0100"),
        ("818.555.0100", PHONE, "(818) 555-0100"),
        ("1 818 555 0100", PHONE, "(818) 555-0100"),
        ("+1 818 555 0100", PHONE, "(818) 555-0100"),
        ("+52 55 1234 5678", "+525512345678", "+52 55 1234 5678"),
    ],
)
def test_a_typed_phone_is_normalised_and_said_back(typed: str, phone: str, shown: str, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.CONTACT], Typed(typed), ctx, lang)
    assert out.draft is not None and out.draft.phone == phone and out.draft.step is Step.MEETING
    assert out.replies[0].text == say("bk_contact_saved", lang, contact=shown)


@pytest.mark.parametrize("shared", ["18185550100", "+18185550100", "+52 55 1234 5678", "525512345678"])
def test_a_shared_contact_counts_with_or_without_plus(shared: str, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.CONTACT], SharedContact(shared), ctx, lang)
    assert out.draft is not None and out.draft.step is Step.MEETING
    assert out.draft.phone == (PHONE if "818" in shared else "+525512345678")
    assert out.replies[0].close_keyboard


@pytest.mark.parametrize("event", [Pressed(TELEGRAM), Typed("here on Telegram"), Typed("por aquí"), Typed("Telegram")])
def test_contact_on_telegram_needs_a_username(event: Input, ctx: Context, lang: Lang) -> None:
    draft = AT_STEP[Step.CONTACT]
    re_asks(advance(draft, event, replace(ctx, has_username=False), lang), draft, lang, "bk_hint_username")
    out = advance(draft, event, ctx, lang)
    assert out.draft == Draft(step=Step.MEETING, name="Ana", phone="", by_telegram=True)
    assert out.replies[0].text == say("bk_contact_saved", lang, contact=say("bk_by_telegram", lang))


def test_choosing_telegram_after_a_number_forgets_the_number(ctx: Context, lang: Lang) -> None:
    draft = replace(AT_STEP[Step.SUMMARY], step=Step.CONTACT, changing=True)
    out = advance(draft, Pressed(TELEGRAM), ctx, lang)
    assert out.draft is not None and out.draft.phone == "" and out.draft.by_telegram


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("818-555-0100", PHONE),
        ("(818) 555 0100", PHONE),
        ("8185550100", PHONE),
        ("18185550100", PHONE),
        ("+1 818 555 0100", PHONE),
        ("+52 55 1234 5678", "+525512345678"),
        ("+44 20 7946 0958", "+442079460958"),
        ("  818 555 0100  ", PHONE),
        ("555-0100", None),  # no area code
        ("123 456 7890", None),
        ("+1 123 456 7890", None),
        ("525512345678", None),  # read as a US number: too long
        ("123", None),
        ("", None),
        ("call me maybe", None),
        ("8" * 41, None),
        ("818 555 0100" + " " * 40, PHONE),  # spaces around do not count towards the length
    ],
)
def test_parse_phone(text: str, expected: str | None) -> None:
    assert parse_phone(text) == expected


def test_format_phone() -> None:
    assert format_phone(PHONE) == "(818) 555-0100"
    assert format_phone("+525512345678") == "+52 55 1234 5678"
    assert format_phone("+442079460958") == "+44 20 7946 0958"
    assert format_phone("") == ""
    assert format_phone("not a number") == "not a number"  # shown as stored rather than lost


# -- how to meet -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "meeting"),
    [
        (Pressed("bk:m:in_person"), Meeting.IN_PERSON),
        (Typed("1"), Meeting.PHONE),
        (Typed("3"), Meeting.IN_PERSON),
        (Typed("por teléfono"), Meeting.PHONE),
        (Typed("Zoom"), Meeting.VIDEO),
        (Typed("en la oficina"), Meeting.IN_PERSON),
    ],
)
def test_meeting_by_button_number_or_words(event: Input, meeting: Meeting, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.MEETING], event, ctx, lang)
    assert out.draft is not None and out.draft.meeting is meeting and out.draft.step is Step.DAY


def test_a_way_to_meet_the_office_does_not_offer_is_refused(schedule: Schedule, ctx: Context, lang: Lang) -> None:
    ctx = replace(ctx, schedule=replace(schedule, meetings=(Meeting.PHONE, Meeting.VIDEO)))
    draft = AT_STEP[Step.MEETING]
    assert payloads(prompt(draft, ctx, lang)) == ["bk:m:phone", "bk:m:video", CANCEL]
    re_asks(advance(draft, Pressed("bk:m:in_person"), ctx, lang), draft, lang, "bk_old_button")
    re_asks(advance(draft, Typed("en persona"), ctx, lang), draft, lang, "bk_hint_buttons")


@pytest.mark.parametrize("contact", [Typed("818 555 0100"), Pressed(TELEGRAM), SharedContact("18185550100")])
def test_one_way_to_meet_skips_the_question(schedule: Schedule, ctx: Context, lang: Lang, contact: Input) -> None:
    ctx = replace(ctx, schedule=replace(schedule, meetings=(Meeting.PHONE,)))
    out = advance(AT_STEP[Step.CONTACT], contact, ctx, lang)
    assert out.draft is not None and out.draft.step is Step.DAY and out.draft.meeting is Meeting.PHONE
    ack, reply = out.replies
    assert ack.close_keyboard
    asks(reply, Step.DAY, lang)


def test_one_way_to_meet_and_a_changed_contact_go_back_to_the_summary(schedule: Schedule, ctx: Context, lang: Lang) -> None:
    ctx = replace(ctx, schedule=replace(schedule, meetings=(Meeting.PHONE,)))
    summary = replace(AT_STEP[Step.SUMMARY], meeting=Meeting.PHONE)
    out = walk(summary, [Pressed(CHANGE), Pressed(f"{CHANGE_TO}contact"), Typed("+52 55 1234 5678")], ctx, lang)
    assert out.draft == replace(summary, phone="+525512345678")
    asks(out.replies[-1], Step.SUMMARY, lang)


# -- the day ---------------------------------------------------------------------------------------


def test_later_days_page_through_and_wrap_around(ctx: Context, lang: Lang) -> None:
    draft = AT_STEP[Step.DAY]
    out = advance(draft, Pressed(LATER), ctx, lang)
    assert out.draft == replace(draft, page=1)
    assert payloads(out.replies[0]) == [day_button(d) for d in OPEN_DAYS[6:]] + [LATER, CANCEL]
    assert out.replies[0].notice == ""
    out = advance(out.draft, Pressed(LATER), ctx, lang)
    assert out.draft == replace(draft, page=0)
    assert payloads(out.replies[0])[:6] == [day_button(d) for d in OPEN_DAYS[:6]]
    # a day of the second page is still accepted after paging
    out = walk(draft, [Pressed(LATER), Pressed(day_button(OPEN_DAYS[9]))], ctx, lang)
    assert out.draft is not None and out.draft.day == OPEN_DAYS[9] and out.draft.page == 1


def test_a_full_day_is_not_offered_and_cannot_be_chosen(schedule: Schedule, ctx: Context, lang: Lang) -> None:
    full = {moment: 2 for moment in slots_on(schedule, MONDAY)}
    ctx = replace(ctx, taken=full)
    draft = AT_STEP[Step.DAY]
    assert day_button(MONDAY) not in payloads(prompt(draft, ctx, lang))
    assert payloads(prompt(draft, ctx, lang))[0] == day_button(TUESDAY)
    re_asks(advance(draft, Pressed(day_button(MONDAY)), ctx, lang), draft, lang, "bk_day_full")
    re_asks(advance(draft, Typed("tomorrow" if lang is Lang.EN else "mañana"), ctx, lang), draft, lang, "bk_day_full")


def test_no_free_days_says_so(schedule: Schedule, ctx: Context, lang: Lang) -> None:
    closed = replace(schedule, weekly=((),) * 7)
    reply = prompt(AT_STEP[Step.DAY], replace(ctx, schedule=closed), lang)
    assert reply.text == say("bk_no_days", lang) and payloads(reply) == [CANCEL]


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        (Lang.EN, "tomorrow", MONDAY),
        (Lang.ES, "mañana", MONDAY),
        (Lang.ES, "Mañana", MONDAY),
        (Lang.ES, "el lunes", MONDAY),
        (Lang.EN, "Monday", MONDAY),
        (Lang.EN, "on Tuesday", TUESDAY),
        (Lang.ES, "miércoles", WEDNESDAY),
        (Lang.ES, "miercoles", WEDNESDAY),
        (Lang.EN, "12/3", THURSDAY),  # month/day
        (Lang.ES, "3/12", THURSDAY),  # day/month
        (Lang.EN, "12-3", THURSDAY),
        (Lang.ES, "el 3/12", THURSDAY),
        (Lang.EN, "Thu Dec 3", THURSDAY),  # a button's label
        (Lang.ES, "jueves 3 de diciembre", THURSDAY),
        (Lang.EN, "12/10", date(2026, 12, 10)),
        (Lang.ES, "10/12", date(2026, 12, 10)),
    ],
)
def test_a_typed_day(lang: Lang, text: str, day: date, ctx: Context) -> None:
    out = advance(AT_STEP[Step.DAY], Typed(text), ctx, lang)
    assert out.draft is not None and out.draft.step is Step.TIME and out.draft.day == day, out.replies[0].notice
    asks(out.replies[0], Step.TIME, lang)


@pytest.mark.parametrize(
    ("lang", "text", "hint"),
    [
        (Lang.ES, "12/3", "bk_hint_buttons"),  # 12 March: not offered
        (Lang.EN, "3/12", "bk_hint_buttons"),  # March 12
        (Lang.EN, "13/1", "bk_hint_buttons"),
        (Lang.EN, "today", "bk_day_full"),  # a Sunday
        (Lang.ES, "hoy", "bk_day_full"),
        (Lang.EN, "saturday", "bk_hint_buttons"),
    ],
)
def test_a_typed_day_that_is_not_offered(lang: Lang, text: str, hint: str, ctx: Context) -> None:
    re_asks(advance(AT_STEP[Step.DAY], Typed(text), ctx, lang), AT_STEP[Step.DAY], lang, hint)


def test_choosing_a_day_forgets_an_earlier_time(ctx: Context, lang: Lang) -> None:
    draft = replace(AT_STEP[Step.TOPIC], step=Step.DAY)
    out = advance(draft, Pressed(day_button(TUESDAY)), ctx, lang)
    assert out.draft is not None and out.draft.day == TUESDAY and out.draft.start is None


# -- the time --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("10:30", 10, 30),
        ("10.30", 10, 30),
        ("1030", 10, 30),
        ("2pm", 14, 0),
        ("2 PM", 14, 0),
        ("2:30 p.m.", 14, 30),
        ("14:30", 14, 30),
        ("3", 15, 0),  # the office is closed at 3 AM: 3 PM
        ("9", 9, 0),
        ("11am", 11, 0),
        ("a las 3 de la tarde", 15, 0),
        ("a las 10 de la mañana", 10, 0),
        ("4:30", 16, 30),
    ],
)
def test_a_typed_time(text: str, hour: int, minute: int, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.TIME], Typed(text), ctx, lang)
    assert out.draft is not None and out.draft.start == at(MONDAY, hour, minute), out.replies[0].notice
    assert out.draft.step is Step.TOPIC


def test_three_on_a_morning_only_day_is_not_a_time(ctx: Context, lang: Lang) -> None:
    wednesday = replace(AT_STEP[Step.TIME], day=WEDNESDAY)
    assert len(prompt(wednesday, ctx, lang).buttons) == 6 + 2  # 9:00 to 11:30, another day, cancel
    re_asks(advance(wednesday, Typed("3"), ctx, lang), wednesday, lang, "bk_hint_time")
    re_asks(advance(wednesday, Typed("3pm"), ctx, lang), wednesday, lang, "bk_hint_time")


def test_a_full_time_is_not_offered_a_half_full_one_is(ctx: Context, lang: Lang) -> None:
    ctx = replace(ctx, taken={at(MONDAY, 10, 30).astimezone(LA): 2, at(MONDAY, 11): 1})
    draft = AT_STEP[Step.TIME]
    offered = payloads(prompt(draft, ctx, lang))
    assert time_button(at(MONDAY, 10, 30)) not in offered and time_button(at(MONDAY, 11)) in offered
    re_asks(advance(draft, Pressed(time_button(at(MONDAY, 10, 30))), ctx, lang), draft, lang, "bk_time_gone")
    re_asks(advance(draft, Typed("10:30"), ctx, lang), draft, lang, "bk_hint_time")
    assert walk(draft, [Pressed(time_button(at(MONDAY, 11)))], ctx, lang).draft.start == at(MONDAY, 11)  # type: ignore[union-attr]


def test_times_respect_the_minimum_notice(ctx: Context, lang: Lang) -> None:
    monday_8am = replace(ctx, now=at(MONDAY, 8))  # 4 hours' notice: nothing before noon
    offered = payloads(prompt(AT_STEP[Step.TIME], monday_8am, lang))
    assert offered[0] == time_button(at(MONDAY, 13))
    draft = AT_STEP[Step.TIME]
    re_asks(advance(draft, Pressed(time_button(at(MONDAY, 11, 30))), monday_8am, lang), draft, lang, "bk_time_gone")


def test_another_day_goes_back_to_the_days(ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.TIME], Pressed(DAYS), ctx, lang)
    assert out.draft == replace(AT_STEP[Step.TIME], step=Step.DAY, day=None)
    asks(out.replies[0], Step.DAY, lang)


def test_a_day_that_filled_up_while_its_times_were_shown_offers_the_days(
    schedule: Schedule, ctx: Context, lang: Lang
) -> None:
    """The times prompt falls back to the days; those day buttons must then work."""
    full = replace(ctx, taken={moment: 2 for moment in slots_on(schedule, MONDAY)})
    draft = AT_STEP[Step.TIME]
    reply = advance(draft, Pressed(RESUME), full, lang).replies[0]
    assert reply.notice == say("bk_day_full", lang)
    asks(reply, Step.DAY, lang)
    assert day_button(MONDAY) not in payloads(reply) and day_button(TUESDAY) in payloads(reply)
    out = advance(draft, Pressed(day_button(TUESDAY)), full, lang)
    assert out.draft is not None and out.draft.step is Step.TIME and out.draft.day == TUESDAY
    asks(out.replies[0], Step.TIME, lang)
    assert out.replies[0].notice == ""


def test_the_daylight_saving_week_keeps_the_wall_clock(schedule: Schedule, ctx: Context, lang: Lang) -> None:
    """Clocks spring forward on 2027-03-14: 9:00 on Monday the 15th is 16:00 UTC, not 17:00."""
    friday = replace(ctx, now=datetime(2027, 3, 12, 18, tzinfo=UTC))  # 10:00 PST
    monday = date(2027, 3, 15)
    assert day_button(monday) in payloads(prompt(AT_STEP[Step.DAY], friday, lang))
    draft = replace(AT_STEP[Step.TIME], day=monday)
    reply = prompt(draft, friday, lang)
    assert labels(reply)[0] == ("9:00 AM" if lang is Lang.EN else "9:00 a. m.")
    assert payloads(reply)[0] == "bk:t:20270315T1600Z"
    assert "PDT" in reply.text and "PST" not in reply.text
    out = advance(draft, Pressed(payloads(reply)[0]), friday, lang)
    assert out.draft is not None and out.draft.start == datetime(2027, 3, 15, 16, tzinfo=UTC)
    out = advance(draft, Typed("9:00"), friday, lang)
    assert out.draft is not None and out.draft.start == datetime(2027, 3, 15, 16, tzinfo=UTC)
    # the same wall-clock time on the Friday before the change is an hour later in UTC
    before = prompt(replace(draft, day=date(2027, 3, 12)), friday, lang)
    assert payloads(before)[0] == "bk:t:20270312T2200Z"  # 14:00 PST, the first after 4 hours' notice
    summary = walk(draft, [Typed("9"), Pressed("bk:topic:-")], friday, lang).replies[-1]
    assert ("9:00 AM (Los Angeles time, PDT)" if lang is Lang.EN else "9:00 a. m. (hora de Los Ángeles, PDT)") in summary.text


# -- the topic and the court date ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "topic"),
    [
        (Pressed("bk:topic:raids"), "raids"),
        (Pressed(f"bk:topic:{NO_TOPIC}"), NO_TOPIC),
        (Typed("skip"), NO_TOPIC),
        (Typed("Omitir"), NO_TOPIC),
        (Typed("no"), NO_TOPIC),
        (Typed("detencion"), "detention"),
        (Typed("ICE encounters"), "raids"),
        (Typed("la migra vino a mi casa", question=True, category="raids"), "raids"),
        (Typed("fianza", category="detention"), "detention"),
    ],
)
def test_a_topic_goes_to_the_summary(event: Input, topic: str, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.TOPIC], event, ctx, lang)
    assert out.draft == replace(AT_STEP[Step.TOPIC], step=Step.SUMMARY, topic=topic)
    asks(out.replies[0], Step.SUMMARY, lang)


@pytest.mark.parametrize(
    "event",
    [Pressed("bk:topic:court"), Typed("my court date", category="court"), Typed("Corte de inmigración")],
)
def test_the_court_topic_asks_whether_the_date_is_within_a_week(event: Input, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.TOPIC], event, ctx, lang)
    assert out.draft == replace(AT_STEP[Step.TOPIC], step=Step.COURT_SOON, topic="court")
    (reply,) = out.replies
    asks(reply, Step.COURT_SOON, lang)
    assert payloads(reply) == ["bk:soon:y", "bk:soon:n", "bk:soon:?", CANCEL]


def test_the_words_of_a_topic_question_are_not_kept(ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.TOPIC], Typed("my hearing is on friday in LA", category="court"), ctx, lang)
    assert out.draft is not None and "friday" not in out.draft.to_json().lower()


@pytest.mark.parametrize(
    ("event", "soon", "urgent"),
    [
        (Pressed("bk:soon:y"), True, True),
        (Pressed("bk:soon:n"), False, False),
        (Pressed("bk:soon:?"), None, False),
        (Typed("yes"), True, True),
        (Typed("sí"), True, True),
        (Typed("no"), False, False),
        (Typed("todavía no"), False, False),
    ],
)
def test_court_soon_answers(event: Input, soon: bool | None, urgent: bool, ctx: Context, lang: Lang) -> None:
    out = advance(AT_STEP[Step.COURT_SOON], event, ctx, lang)
    assert out.draft == replace(AT_STEP[Step.COURT_SOON], step=Step.SUMMARY, court_soon=soon)
    assert out.draft.urgent is urgent
    asks(out.replies[0], Step.SUMMARY, lang)


@pytest.mark.parametrize(
    ("topic", "soon", "urgent"),
    [
        ("detention", None, True),
        ("court", True, True),
        ("court", False, False),
        ("court", None, False),
        ("raids", True, False),  # only the court topic asks
        (NO_TOPIC, None, False),
        (None, None, False),
    ],
)
def test_urgent(topic: str | None, soon: bool | None, urgent: bool) -> None:
    assert Draft(topic=topic, court_soon=soon).urgent is urgent


# -- the summary and Change ------------------------------------------------------------------------


def test_confirm_by_button_or_word_books(ctx: Context, lang: Lang) -> None:
    draft = AT_STEP[Step.SUMMARY]
    for event in (Pressed(CONFIRM), Typed("yes"), Typed("Sí"), Typed("confirmo")):
        assert advance(draft, event, ctx, lang) == Outcome(draft, (), Action.BOOK)


def test_confirm_without_a_time_asks_for_it(ctx: Context, lang: Lang) -> None:
    out = advance(replace(AT_STEP[Step.SUMMARY], start=None), Pressed(CONFIRM), ctx, lang)
    assert out.action is None and out.draft is not None and out.draft.step is Step.DAY
    out = advance(replace(AT_STEP[Step.SUMMARY], meeting=None), Pressed(CONFIRM), ctx, lang)
    assert out.action is None and out.draft is not None and out.draft.step is Step.MEETING


def test_the_summary_in_person_shows_the_address_and_no_topic(ctx: Context, lang: Lang) -> None:
    draft = replace(AT_STEP[Step.SUMMARY], meeting=Meeting.IN_PERSON, topic=NO_TOPIC, by_telegram=True, phone="")
    text = prompt(draft, ctx, lang).text
    assert f"{say('meet_in_person', lang)} (1 Test Street, Van Nuys, CA)" in text
    assert f"{say('bk_field_topic', lang)}: {say('bk_no_topic', lang)}" in text
    assert f"{say('bk_field_contact', lang)}: {say('bk_by_telegram', lang)}" in text


def test_change_opens_a_menu_and_back_returns(ctx: Context, lang: Lang) -> None:
    draft = AT_STEP[Step.SUMMARY]
    for event in (Pressed(CHANGE), Typed("cambiar"), Typed("Edit")):
        out = advance(draft, event, ctx, lang)
        assert out.draft == draft and out.action is None
        (menu,) = out.replies
        assert menu.text == say("bk_what_to_change", lang)
        assert payloads(menu) == [f"{CHANGE_TO}{n}" for n in ("name", "contact", "meeting", "time", "topic")] + [SUMMARY_AGAIN]
    out = advance(draft, Pressed(SUMMARY_AGAIN), ctx, lang)
    assert out.draft == draft
    asks(out.replies[0], Step.SUMMARY, lang)


@pytest.mark.parametrize(
    ("target", "step", "answer", "changed"),
    [
        ("name", Step.NAME, Typed("Rosa"), {"name": "Rosa"}),
        ("contact", Step.CONTACT, Typed("+52 55 1234 5678"), {"phone": "+525512345678"}),
        ("contact", Step.CONTACT, Pressed(TELEGRAM), {"phone": "", "by_telegram": True}),
        ("meeting", Step.MEETING, Pressed("bk:m:in_person"), {"meeting": Meeting.IN_PERSON}),
        ("topic", Step.TOPIC, Pressed("bk:topic:raids"), {"topic": "raids", "court_soon": None}),
    ],
)
def test_change_one_thing_and_come_back_to_the_summary(
    target: str, step: Step, answer: Input, changed: dict[str, object], ctx: Context, lang: Lang
) -> None:
    draft = AT_STEP[Step.SUMMARY]
    out = advance(draft, Pressed(f"{CHANGE_TO}{target}"), ctx, lang)
    assert out.draft == replace(draft, step=step, changing=True)
    asks(out.replies[0], step, lang)
    out = advance(out.draft, answer, ctx, lang)
    assert out.draft == replace(draft, **changed)  # type: ignore[arg-type]
    assert not out.draft.changing
    asks(out.replies[-1], Step.SUMMARY, lang)


def test_change_the_time_goes_day_then_time_then_summary(ctx: Context, lang: Lang) -> None:
    draft = AT_STEP[Step.SUMMARY]
    out = walk(draft, [Pressed(f"{CHANGE_TO}time")], ctx, lang)
    assert out.draft is not None and out.draft.step is Step.DAY and out.draft.changing
    out = walk(out.draft, [Pressed(day_button(TUESDAY))], ctx, lang)
    assert out.draft is not None and out.draft.step is Step.TIME and out.draft.changing  # not straight back
    asks(out.replies[0], Step.TIME, lang)
    out = walk(out.draft, [Pressed(time_button(at(TUESDAY, 9)))], ctx, lang)
    assert out.draft == replace(draft, day=TUESDAY, start=at(TUESDAY, 9))  # topic and court answer kept
    asks(out.replies[-1], Step.SUMMARY, lang)


def test_change_the_topic_to_court_asks_the_court_question_then_the_summary(ctx: Context, lang: Lang) -> None:
    draft = replace(AT_STEP[Step.SUMMARY], topic="raids", court_soon=None)
    out = walk(draft, [Pressed(f"{CHANGE_TO}topic"), Pressed("bk:topic:court")], ctx, lang)
    assert out.draft is not None and out.draft.step is Step.COURT_SOON
    out = walk(out.draft, [Pressed("bk:soon:y")], ctx, lang)
    assert out.draft == replace(draft, topic="court", court_soon=True)
    assert out.draft.urgent


def test_cancel_in_the_middle_of_a_change(ctx: Context, lang: Lang) -> None:
    out = walk(AT_STEP[Step.SUMMARY], [Pressed(f"{CHANGE_TO}name")], ctx, lang)
    assert out.draft is not None
    assert advance(out.draft, Typed("cancelar"), ctx, lang).draft is None


# -- moving a booking ------------------------------------------------------------------------------


def test_moving_runs_day_time_summary(ctx: Context, lang: Lang) -> None:
    out = begin_move(7, "Ana", Meeting.PHONE, "raids", ctx, lang)
    assert out.draft == Draft(step=Step.DAY, name="Ana", meeting=Meeting.PHONE, topic="raids", moving=7)
    asks(out.replies[0], Step.DAY, lang)
    out = walk(out.draft, [Pressed(day_button(WEDNESDAY)), Typed("11:30")], ctx, lang)
    assert out.draft is not None and out.draft.step is Step.SUMMARY and out.draft.moving == 7
    assert out.draft.start == at(WEDNESDAY, 11, 30) and out.draft.topic == "raids"
    (reply,) = out.replies
    asks(reply, Step.SUMMARY, lang, moving=True)
    assert say("bk_field_contact", lang) not in reply.text  # the contact is not asked again
    assert advance(out.draft, Pressed(CONFIRM), ctx, lang) == Outcome(out.draft, (), Action.BOOK)


def test_change_while_moving_goes_back_to_the_days(ctx: Context, lang: Lang) -> None:
    draft = Draft(step=Step.SUMMARY, name="Ana", meeting=Meeting.PHONE, day=MONDAY, start=START, moving=7)
    out = advance(draft, Pressed(CHANGE), ctx, lang)
    assert out.draft == replace(draft, step=Step.DAY)
    asks(out.replies[0], Step.DAY, lang)


# -- the draft as stored ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        Draft(),
        AT_STEP[Step.SUMMARY],
        Draft(
            step=Step.COURT_SOON, name="Renée O'Connor-Núñez", phone="", by_telegram=True, meeting=Meeting.IN_PERSON,
            day=WEDNESDAY, start=at(WEDNESDAY, 9), topic="court", court_soon=None, changing=True, moving=None, page=1,
        ),
        Draft(step=Step.TIME, name="Ana", meeting=Meeting.PHONE, day=TUESDAY, topic=NO_TOPIC, moving=12, court_soon=True),
    ],
)
def test_draft_json_round_trip(draft: Draft) -> None:
    text = draft.to_json()
    assert Draft.from_json(text) == draft
    assert Draft.from_json(Draft.from_json(text).to_json()) == draft  # type: ignore[union-attr]
    if draft.name:
        assert draft.name in text  # readable in the database, not \u-escaped


def test_a_stored_start_is_aware_after_reading() -> None:
    loaded = Draft.from_json(AT_STEP[Step.SUMMARY].to_json())
    assert loaded is not None and loaded.start is not None and loaded.start.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        "null",
        "42",
        "{}",
        '{"step": "nope"}',
        '{"step": "day", "day": "2026-13-01"}',
        '{"step": "day", "day": 20261201}',
        '{"step": "time", "page": "x"}',
        '{"step": "summary", "meeting": "carrier pigeon"}',
        '{"step": "summary", "start": "yesterday"}',
        '{"step": "summary", "start": "2026-11-30T10:30:00"}',  # no zone: cannot be compared with slots
    ],
)
def test_a_damaged_draft_reads_as_none(text: str) -> None:
    assert Draft.from_json(text) is None


def test_a_draft_from_an_older_version_without_new_fields_still_reads() -> None:
    assert Draft.from_json('{"step": "name"}') == Draft(step=Step.NAME)


@pytest.mark.parametrize("text", ["not sure", "no sé", "No estoy segura"])
def test_court_date_not_sure_is_understood_and_not_urgent(text: str, ctx: Context, lang: Lang) -> None:
    outcome = advance(AT_STEP[Step.COURT_SOON], Typed(text), ctx, lang)
    assert outcome.draft is not None and outcome.draft.step is Step.SUMMARY
    assert outcome.draft.court_soon is None and not outcome.draft.urgent


def test_the_change_menu_offers_the_way_to_meet_only_when_there_is_a_choice(ctx: Context, lang: Lang) -> None:
    offered = advance(AT_STEP[Step.SUMMARY], Pressed("bk:change"), ctx, lang).replies[-1]
    assert "bk:ch:meeting" in payloads(offered)
    one_way = replace(ctx, schedule=replace(ctx.schedule, meetings=(Meeting.PHONE,)))
    offered = advance(AT_STEP[Step.SUMMARY], Pressed("bk:change"), one_way, lang).replies[-1]
    assert "bk:ch:meeting" not in payloads(offered) and "bk:ch:time" in payloads(offered)
