"""The conversation core: one brain for the terminal chat and the Telegram bot.

`Assistant.on_text` and `Assistant.on_button` take the user's session and input and return the new
session with plain-data replies. They do no I/O, so every path is cheap to test; each transport
only renders `Reply` and `Button`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from bot import booking
from bot.appointments import MINE, Appointments
from bot.booking import Draft, Pressed, SharedContact, Step, Typed
from bot.bookings import Person
from bot.session import Session
from bot.matching import Band, Match, Matcher
from bot.model import Faq, Lang
from bot.replies import Button, Reply
from bot.rendering import answer_body, contact_office_text, source_lines
from bot.text import normalize
from bot.texts import say

ENTRY = "entry:"
CATEGORY = "cat:"
MENU = "menu"
BOOK = booking.START
NONE_OF_THESE = "none"
LANGUAGE = "lang:"
DELETE_ASK = "delete:ask"
DELETE_CONFIRM = "delete:yes"  # carried out by the transport, which owns the store
FEEDBACK_UP = "fb:up:"  # counted by the transport, per entry, tied to no one
FEEDBACK_DOWN = "fb:down:"
EMERGENCY_ENTRY = "ice-at-door"


NOBODY = Person(0, 0)  # the terminal chat's one user, and tests that do not book


class Assistant:
    """One brain for every transport. Booking needs `appointments` (a store and a clock); without it
    the bot answers questions and points to the office's phone for consultations."""

    def __init__(self, faq: Faq, matcher: Matcher | None = None, appointments: Appointments | None = None) -> None:
        self.faq = faq
        self.matcher = matcher or Matcher(faq)
        self.appointments = appointments

    def on_text(
        self, session: Session, text: str, person: Person = NOBODY
    ) -> tuple[Session, list[Reply], Match | None]:
        """Answer a typed message. The Match is returned too, for logging and statistics."""
        fallback = session.fallback
        if not text.strip():
            return session, [Reply(say("empty_message", fallback))], None
        match = self.matcher.match(text, fallback=fallback)
        if session.booking is not None and self.appointments is not None:
            return self._booking_text(session, session.booking, text, match, person)
        lang = match.lang
        session = replace(session, lang=lang)
        if match.entry_id == BOOKING_ENTRY and match.band is Band.ANSWER and wants_booking(text) and self.appointments:
            session, replies = self._start_booking(session, person, lang)
            return self._notice_given(session, replies), replies_with_disclaimer(session, replies), match
        if match.band in (Band.URGENT, Band.ANSWER) and match.entry_id:
            replies = [self.entry_reply(match.entry_id, lang)]
            if about_own_case(text):
                replies.append(Reply(say("own_case", lang), (self._book_button(lang),)))
        elif match.band is Band.SUGGEST:
            replies = [self._suggestions(match, lang)]
        else:
            replies = [Reply(say("no_answer", lang), (self._menu_button(lang), self._book_button(lang)))]
        return self._notice_given(session, replies), replies_with_disclaimer(session, replies), match

    def on_button(self, session: Session, payload: str, person: Person = NOBODY) -> tuple[Session, list[Reply]]:
        """Act on a pressed button; unknown or stale payloads get the menu, never an error."""
        lang = session.lang or session.fallback
        if self.appointments is not None:
            handled = self._booking_button(session, payload, person, lang)
            if handled is not None:
                session, replies = handled
                return self._notice_given(session, replies), replies_with_disclaimer(session, replies)
        if payload.startswith(LANGUAGE) and payload[len(LANGUAGE) :] in {l.value for l in Lang}:
            chosen = Lang(payload[len(LANGUAGE) :])
            session = replace(session, preferred=chosen, lang=chosen)
            return self._notice_given(session, []), [Reply(say("language_set", chosen)), self.main_menu(chosen)]
        if payload == DELETE_ASK:
            return session, [self.delete_confirmation(lang)]
        if payload == DELETE_CONFIRM:  # the transport erases its store first; the core keeps nothing
            return Session(), [Reply(say("deleted", lang))]
        if payload.startswith((FEEDBACK_UP, FEEDBACK_DOWN)):  # counted by the transport, if it keeps counts
            return session, [Reply(say("thanks_feedback", lang))]
        if payload.startswith(ENTRY) and payload[len(ENTRY) :] in self.faq.by_id:
            replies = [self.entry_reply(payload[len(ENTRY) :], lang)]
        elif payload.startswith(CATEGORY) and any(c.id == payload[len(CATEGORY) :] for c in self.faq.categories):
            replies = [self.category_menu(payload[len(CATEGORY) :], lang)]
        elif payload == BOOK:
            replies = [self.booking_info(lang)]
        elif payload == NONE_OF_THESE:
            replies = [Reply(say("after_none_of_these", lang), (self._book_button(lang), self._menu_button(lang)))]
        else:
            replies = [self.main_menu(lang)]
        if session.booking is not None and not payload.startswith(booking.PREFIX):
            replies.append(self.continue_offer(lang))  # browsing the menu mid-booking: the booking waits
        return self._notice_given(session, replies), replies_with_disclaimer(session, replies)

    def on_contact(self, session: Session, phone: str, person: Person = NOBODY) -> tuple[Session, list[Reply]]:
        """A phone number shared with the transport's contact button."""
        lang = session.fallback
        if session.booking is None or session.booking.step is not Step.CONTACT or self.appointments is None:
            return session, [Reply(say("contact_not_needed", lang))]  # not kept: we were not asking for it
        outcome = self.appointments.advance(session.booking, SharedContact(phone), person, lang)
        return replace(session, booking=outcome.draft), list(outcome.replies)

    def on_command(self, session: Session, text: str, person: Person = NOBODY) -> tuple[Session, list[Reply]] | None:
        """The commands a transport without its own command handling passes on (the terminal chat);
        None when `text` is not one of them."""
        name = text.strip().lower().lstrip("/")
        if name in ("book", "cita"):
            return self.start_booking(session, person)
        if name in ("mybooking", "micita"):
            return session, self.my_booking(session, person)
        if name in ("cancel", "cancelar"):
            return self.cancel(session)
        if name in ("menu", "menú", "start"):
            return self.on_button(session, MENU, person)
        if name in ("delete", "borrar"):
            return self.on_button(session, DELETE_ASK, person)
        return None

    def cancel(self, session: Session) -> tuple[Session, list[Reply]]:
        """/cancel: stop a booking in progress; otherwise show the menu."""
        if session.booking is not None:
            return replace(session, booking=None), list(booking.cancelled(session.fallback).replies)
        return self.on_button(session, MENU)

    def start_booking(self, session: Session, person: Person = NOBODY) -> tuple[Session, list[Reply]]:
        """/book, the Book buttons and the /start book link."""
        session, replies = self._start_booking(session, person, session.fallback)
        return self._notice_given(session, replies), replies_with_disclaimer(session, replies)

    def my_booking(self, session: Session, person: Person = NOBODY) -> list[Reply]:
        lang = session.fallback
        if self.appointments is None:
            return [self.booking_info(lang)]
        return [self.appointments.mine(person, lang)]

    # -- booking -----------------------------------------------------------------------------------

    def _start_booking(self, session: Session, person: Person, lang: Lang) -> tuple[Session, list[Reply]]:
        if self.appointments is None:
            return session, [self.booking_info(lang)]
        if session.booking is not None:  # already in progress: pick it up where it was
            return session, [self.appointments.resume_prompt(session.booking, person, lang)]
        outcome = self.appointments.start(person, lang)
        return replace(session, booking=outcome.draft, lang=lang), list(outcome.replies)

    def _booking_button(
        self, session: Session, payload: str, person: Person, lang: Lang
    ) -> tuple[Session, list[Reply]] | None:
        assert self.appointments is not None
        if payload == BOOK:
            return self._start_booking(session, person, lang)
        if payload == NONE_OF_THESE and session.booking is None:
            session, replies = self._start_booking(session, person, lang)
            return session, [Reply(say("after_none_of_these", lang)), *replies]
        if payload == MINE:
            return session, [self.appointments.mine(person, lang)]
        if payload.startswith(f"{MINE}:"):
            outcome = self.appointments.on_mine(payload, person, lang)
            draft = outcome.draft if outcome.draft is not None else session.booking
            return replace(session, booking=draft), list(outcome.replies)
        if payload.startswith(booking.PREFIX):
            if session.booking is None:  # a button of a booking that is over
                return session, [self.main_menu(lang)]
            outcome = self.appointments.advance(session.booking, Pressed(payload), person, lang)
            return replace(session, booking=outcome.draft), list(outcome.replies)
        return None

    def _booking_text(
        self, session: Session, draft: Draft, text: str, match: Match, person: Person
    ) -> tuple[Session, list[Reply], Match | None]:
        """Text in the middle of a booking: an emergency is answered first; a question gets its
        answer and an offer to continue; anything else is this step's answer (or re-asked)."""
        assert self.appointments is not None
        lang = session.lang or match.lang
        if match.band is Band.URGENT and match.entry_id:
            session = replace(session, lang=match.lang)
            return session, [self.entry_reply(match.entry_id, match.lang), self.continue_offer(match.lang)], match
        if draft.step is Step.NAME:  # names can look like FAQ words ("Maria", "Dolores"): only clear questions count
            question = match.band in (Band.ANSWER, Band.SUGGEST) and reads_as_question(text)
        else:
            question = match.band in (Band.ANSWER, Band.SUGGEST)
        category = self.faq.by_id[match.entry_id].category if match.entry_id else None
        outcome = self.appointments.advance(draft, Typed(text, question=question, category=category), person, lang)
        if outcome.action is booking.Action.ASIDE:
            session = replace(session, lang=match.lang)
            if match.band is Band.ANSWER and match.entry_id:
                answer = self.entry_reply(match.entry_id, match.lang)
            elif match.band is Band.SUGGEST:
                answer = self._suggestions(match, match.lang)
            else:
                answer = Reply(say("no_answer", match.lang))
            return session, [answer, self.continue_offer(match.lang)], match
        return replace(session, booking=outcome.draft), list(outcome.replies), None

    def continue_offer(self, lang: Lang) -> Reply:
        buttons = (Button(say("bk_continue_button", lang), booking.RESUME), Button(say("bk_cancel_button", lang), booking.CANCEL))
        return Reply(say("bk_continue_offer", lang), buttons)

    # -- replies ---------------------------------------------------------------------------------

    def entry_reply(self, entry_id: str, lang: Lang) -> Reply:
        entry = self.faq.by_id[entry_id]
        buttons = [
            Button(self.faq.by_id[related].title[lang], f"{ENTRY}{related}")
            for related in entry.related
            if related in self.faq.by_id
        ][:3]
        buttons.append(self._book_button(lang))
        buttons.extend((Button("👍", f"{FEEDBACK_UP}{entry_id}"), Button("👎", f"{FEEDBACK_DOWN}{entry_id}")))
        body = f"{answer_body(entry, self.faq.office, lang)}\n\n{source_lines(entry, lang)}"
        return Reply(body, tuple(buttons), title=entry.title[lang])

    def main_menu(self, lang: Lang) -> Reply:
        """Categories, with the emergency entry always first: it must be one tap away."""
        buttons = []
        emergency = self.faq.by_id.get(EMERGENCY_ENTRY) or next((e for e in self.faq.entries if e.urgent), None)
        if emergency is not None:
            buttons.append(Button(say("emergency_button", lang), f"{ENTRY}{emergency.id}"))
        buttons.extend(Button(c.title[lang], f"{CATEGORY}{c.id}") for c in self.faq.categories)
        buttons.append(self._book_button(lang))
        return Reply(say("menu_intro", lang), tuple(buttons))

    def category_menu(self, category_id: str, lang: Lang) -> Reply:
        category = next(c for c in self.faq.categories if c.id == category_id)
        buttons = [Button(e.title[lang], f"{ENTRY}{e.id}") for e in self.faq.in_category(category_id)]
        buttons.append(self._menu_button(lang))
        return Reply(say("category_intro", lang, category=category.title[lang]), tuple(buttons))

    def language_menu(self) -> Reply:
        return Reply(
            f"{say('choose_language', Lang.EN)}\n{say('choose_language', Lang.ES)}",
            (Button("English", f"{LANGUAGE}en"), Button("Español", f"{LANGUAGE}es")),
        )

    def privacy(self, lang: Lang, unanswered_days: int = 90) -> Reply:
        booking_days = self.appointments.retention_days if self.appointments else 30
        text = say("privacy", lang, unanswered_days=str(unanswered_days), booking_days=str(booking_days))
        return Reply(text, (Button(say("delete_button", lang), DELETE_ASK), self._menu_button(lang)))

    def delete_confirmation(self, lang: Lang) -> Reply:
        return Reply(say("delete_confirm", lang), (Button(say("delete_yes", lang), DELETE_CONFIRM), self._menu_button(lang)))

    def booking_info(self, lang: Lang) -> Reply:
        return Reply(contact_office_text(self.faq.office, "book_info", lang), (self._menu_button(lang),))

    def _suggestions(self, match: Match, lang: Lang) -> Reply:
        buttons = [Button(self.faq.by_id[i].title[lang], f"{ENTRY}{i}") for i in match.suggestions]
        buttons.append(Button(say("none_of_these", lang), NONE_OF_THESE))
        return Reply(say("did_you_mean", lang), tuple(buttons))

    def _book_button(self, lang: Lang) -> Button:
        return Button(say("book_button", lang), BOOK)

    def _menu_button(self, lang: Lang) -> Button:
        return Button(say("menu_button", lang), MENU)

    @staticmethod
    def _notice_given(session: Session, replies: list[Reply]) -> Session:
        return replace(session, disclaimer_shown=True)


BOOKING_ENTRY = "free-consultation"
# Words that show a wish to book now, not a question about consultations ("is it free?").
BOOKING_CUES: Final = (
    "book", "appointment", "appt", "schedule", "set up", "make a cita", "see the attorney", "see the lawyer",
    "talk to the attorney", "talk to a lawyer", "talk to the lawyer", "meet with", "quiero una cita", "quiero cita",
    "hacer una cita", "sacar una cita", "sacar cita", "hacer cita", "agendar", "reservar", "necesito una cita",
    "una cita con", "cita con la abogada", "cita con el abogado", "hablar con la abogada", "hablar con el abogado",
    "hablar con un abogado", "consulta gratis", "free consult",
)
NOT_BOOKING_CUES: Final = ("cancel", "cancelar", "move my", "cambiar mi", "hire", "contratar", "bring", "llevar")


def wants_booking(text: str) -> bool:
    words = f" {normalize(text)} "
    return any(cue in words for cue in BOOKING_CUES) and not any(cue in words for cue in NOT_BOOKING_CUES)


# Words that appear in questions and sentences but not in a person's name.
QUESTION_WORDS: Final = frozenset(
    "how what when where why who which can could do does did is are am will should i my me you your "
    "que como cuanto cuanta cuando donde quien cual por para puedo puede tengo tiene necesito mi mis me yo "
    "usted es son esta estan hay hacer cuesta cost much".split()
)


def reads_as_question(text: str) -> bool:
    words = normalize(text).split()
    return text.strip().endswith("?") or len(words) > 6 or any(w in QUESTION_WORDS for w in words)


# Phrases that show a person asking about their own situation: the general answer is not enough.
OWN_CASE_CUES: Final = (
    "do i qualify", "can i qualify", "am i eligible", "in my case", "my case", "my hearing is", "my court date is",
    "next week", "tomorrow", "will i win", "will they deport me", "what are my chances",
    "califico", "puedo calificar", "soy elegible", "en mi caso", "mi caso", "mi audiencia es", "mi corte es",
    "la semana que viene", "la proxima semana", "manana", "voy a ganar", "me van a deportar", "que posibilidades",
)


def about_own_case(text: str) -> bool:
    words = f" {normalize(text)} "
    return any(f" {cue} " in words for cue in OWN_CASE_CUES)


def replies_with_disclaimer(session: Session, replies: list[Reply]) -> list[Reply]:
    """Put the not-legal-advice notice before the first reply of a conversation, once."""
    if session.disclaimer_shown or not replies:
        return replies
    lang = session.lang or Lang.EN
    return [replace(replies[0], notice=say("disclaimer", lang)), *replies[1:]]
