"""The conversation core, as both the terminal chat and the Telegram adapter use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.assistant import BOOK, ENTRY, MENU, NONE_OF_THESE, Assistant, Session
from bot.matching import Band
from bot.model import Lang
from bot.validation import check_faq
from conftest import REAL_FAQ, TODAY


@pytest.fixture
def mini_assistant(mini: Path) -> Assistant:
    faq = check_faq(mini, TODAY).faq
    assert faq is not None
    return Assistant(faq)


def test_first_answer_carries_the_notice_once(mini_assistant: Assistant) -> None:
    session, replies, match = mini_assistant.on_text(Session(), "la migra esta en mi puerta")
    assert match is not None and match.band is Band.URGENT
    assert replies[0].notice.startswith("Esto es información general")
    assert replies[0].plain().startswith("Esto es información general")
    assert replies[0].title == "La migra en mi puerta"
    assert "No abra la puerta. Llámenos al (555) 010-0000." in replies[0].text
    assert session.lang is Lang.ES and session.disclaimer_shown
    session, replies, _ = mini_assistant.on_text(session, "cuanto cuesta la fianza para salir")
    assert replies[0].notice == "" and "información general" not in replies[0].plain()
    assert "La fianza mínima" in replies[0].text


def test_answer_offers_related_entries_and_booking(mini_assistant: Assistant) -> None:
    _, replies, _ = mini_assistant.on_text(Session(), "ICE is at my door")
    payloads = [b.payload for b in replies[0].buttons]
    assert payloads == [f"{ENTRY}bond", BOOK, "fb:up:ice-at-door", "fb:down:ice-at-door"]
    assert all(len(p.encode()) <= 64 for p in payloads)


def test_out_of_scope_offers_menu_and_consultation(mini_assistant: Assistant) -> None:
    _, replies, match = mini_assistant.on_text(Session(), "receta de pozole")
    assert match is not None and match.band is Band.NONE
    assert {b.payload for b in replies[0].buttons} == {MENU, BOOK}


def test_buttons_including_stale_or_forged_ones(mini_assistant: Assistant) -> None:
    session = Session(lang=Lang.EN, disclaimer_shown=True)
    _, replies = mini_assistant.on_button(session, f"{ENTRY}bond")
    assert "The minimum bond is $1,500" in replies[0].text
    _, replies = mini_assistant.on_button(session, "cat:detention")
    assert [b.payload for b in replies[0].buttons] == [f"{ENTRY}bond", f"{ENTRY}find-detainee", MENU]
    _, replies = mini_assistant.on_button(session, BOOK)
    assert "(555) 010-0000" in replies[0].text and "1 Test Street" in replies[0].text
    _, replies = mini_assistant.on_button(session, NONE_OF_THESE)
    assert BOOK in [b.payload for b in replies[0].buttons]
    for forged in (f"{ENTRY}no-such-entry", "cat:nope", "garbage", ""):
        _, replies = mini_assistant.on_button(session, forged)
        assert replies[0].text == "What is your question about?"  # the menu, never an error


def test_empty_message_gets_a_hint_in_the_session_language(mini_assistant: Assistant) -> None:
    _, replies, match = mini_assistant.on_text(Session(lang=Lang.ES), "   ")
    assert match is None and "Escriba su pregunta" in replies[0].text


def test_suggestions_are_buttons_with_none_of_these() -> None:
    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    assistant = Assistant(faq)
    _, replies, match = assistant.on_text(Session(), "papers problem help")
    assert match is not None
    if match.band is Band.SUGGEST:
        assert replies[0].buttons[-1].payload == NONE_OF_THESE
        assert [b.payload for b in replies[0].buttons[:-1]] == [f"{ENTRY}{i}" for i in match.suggestions]


def test_placeholder_office_values_are_never_shown_raw(tmp_path: Path) -> None:
    import shutil

    faq_dir = tmp_path / "faq"
    shutil.copytree(REAL_FAQ, faq_dir)
    keys = ("name", "attorney", "address", "phone", "email", "website", "hours", "time_zone", "languages")
    (faq_dir / "office-details.yaml").write_text(
        "office:\n" + "".join(f'  {k}: "TODO fill in {k}"\n' for k in keys), encoding="utf-8"
    )
    faq = check_faq(faq_dir, TODAY, collisions=False).faq
    assert faq is not None
    assistant = Assistant(faq)
    placeholders = [v.value[lang] for v in faq.office.values.values() if v.placeholder for lang in Lang]
    assert len(placeholders) == 2 * len(keys)
    for entry in faq.entries:
        for lang in Lang:
            text = assistant.entry_reply(entry.id, lang).text
            assert "{office." not in text, entry.id
            assert not any(p in text for p in placeholders), entry.id


def test_questions_about_ones_own_case_get_a_push_to_the_consultation(mini_assistant: Assistant) -> None:
    _, replies, _ = mini_assistant.on_text(Session(disclaimer_shown=True), "how much is the bond to get out of detention in my case")
    assert len(replies) == 2 and replies[1].text.startswith("That is the general rule")
    assert [b.payload for b in replies[1].buttons] == [BOOK]
    _, replies, _ = mini_assistant.on_text(Session(disclaimer_shown=True), "how does immigration bond work")
    assert len(replies) == 1


def test_feedback_and_delete_answer_in_the_terminal_too(mini_assistant: Assistant) -> None:
    session = Session(lang=Lang.ES, disclaimer_shown=True)
    _, replies = mini_assistant.on_button(session, "fb:up:bond")
    assert replies[0].text.startswith("¡Gracias!")
    new, replies = mini_assistant.on_button(session, "delete:yes")
    assert new == Session() and replies[0].text.startswith("Listo. Se borró todo")
