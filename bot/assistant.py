"""The conversation core: one brain for the terminal chat and the Telegram bot.

`Assistant.on_text` and `Assistant.on_button` take the user's session and input and return the new
session with plain-data replies. They do no I/O, so every path is cheap to test; each transport
only renders `Reply` and `Button`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from bot.matching import Band, Match, Matcher
from bot.model import Faq, Lang
from bot.rendering import answer_body, office_value, source_lines
from bot.text import normalize
from bot.texts import say

ENTRY = "entry:"
CATEGORY = "cat:"
MENU = "menu"
BOOK = "book"
NONE_OF_THESE = "none"
LANGUAGE = "lang:"
DELETE_ASK = "delete:ask"
DELETE_CONFIRM = "delete:yes"  # carried out by the transport, which owns the store
FEEDBACK_UP = "fb:up:"  # counted by the transport, per entry, tied to no one
FEEDBACK_DOWN = "fb:down:"
EMERGENCY_ENTRY = "ice-at-door"


@dataclass(frozen=True)
class Button:
    label: str
    payload: str  # at most 64 bytes: Telegram's limit for callback data


@dataclass(frozen=True)
class Reply:
    """One message: an optional notice and title above the text, and buttons below."""

    text: str
    buttons: tuple[Button, ...] = ()
    title: str = ""
    notice: str = ""

    def plain(self) -> str:
        """The message as plain text, as the terminal chat shows it."""
        return "\n\n".join(part for part in (self.notice, self.title, self.text) if part)


@dataclass(frozen=True)
class Session:
    """What the assistant remembers about one user between messages."""

    lang: Lang | None = None  # the language of the last message
    preferred: Lang | None = None  # chosen with /language; the fallback when a message gives no clue
    disclaimer_shown: bool = False

    @property
    def fallback(self) -> Lang:
        return self.preferred or self.lang or Lang.EN


class Assistant:
    def __init__(self, faq: Faq, matcher: Matcher | None = None) -> None:
        self.faq = faq
        self.matcher = matcher or Matcher(faq)

    def on_text(self, session: Session, text: str) -> tuple[Session, list[Reply], Match | None]:
        """Answer a typed message. The Match is returned too, for logging and statistics."""
        fallback = session.fallback
        if not text.strip():
            return session, [Reply(say("empty_message", fallback))], None
        match = self.matcher.match(text, fallback=fallback)
        lang = match.lang
        session = replace(session, lang=lang)
        if match.band in (Band.URGENT, Band.ANSWER) and match.entry_id:
            replies = [self.entry_reply(match.entry_id, lang)]
            if about_own_case(text):
                replies.append(Reply(say("own_case", lang), (self._book_button(lang),)))
        elif match.band is Band.SUGGEST:
            replies = [self._suggestions(match, lang)]
        else:
            replies = [Reply(say("no_answer", lang), (self._menu_button(lang), self._book_button(lang)))]
        return self._notice_given(session, replies), replies_with_disclaimer(session, replies), match

    def on_button(self, session: Session, payload: str) -> tuple[Session, list[Reply]]:
        """Act on a pressed button; unknown or stale payloads get the menu, never an error."""
        lang = session.lang or session.fallback
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
        return self._notice_given(session, replies), replies_with_disclaimer(session, replies)

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

    def privacy(self, lang: Lang) -> Reply:
        return Reply(say("privacy", lang), (Button(say("delete_button", lang), DELETE_ASK), self._menu_button(lang)))

    def delete_confirmation(self, lang: Lang) -> Reply:
        return Reply(say("delete_confirm", lang), (Button(say("delete_yes", lang), DELETE_CONFIRM), self._menu_button(lang)))

    def booking_info(self, lang: Lang) -> Reply:
        office = self.faq.office
        text = say(
            "book_info",
            lang,
            office_name=office_value(office, "name", lang),
            phone=office_value(office, "phone", lang),
            hours=office_value(office, "hours", lang),
            address=office_value(office, "address", lang),
        )
        return Reply(text, (self._menu_button(lang),))

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
