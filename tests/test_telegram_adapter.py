"""The Telegram adapter with real PTB Update objects through Application.process_update.

The Bot API is answered in memory by `FakeBotApi`; nothing reaches the network.
"""

from __future__ import annotations

import asyncio
import itertools
import tempfile
import logging
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.assistant import Assistant
from bot.settings import Secret, Settings
from bot.store import SqliteStore, Store
from bot.telegram_adapter.app import build_application, chunks
from bot.validation import check_faq
from conftest import REAL_FAQ, TODAY
from fake_bot_api import FakeBotApi

TOKEN = "123456789:AAEhBOweik6ad6PsVMRxjeQKXvE-AbCdEfG"
_ids = itertools.count(1)


def user(lang: str | None = "es") -> dict[str, Any]:
    data: dict[str, Any] = {"id": 777, "is_bot": False, "first_name": "María"}
    if lang:
        data["language_code"] = lang
    return data


def message(text: str | None = None, lang: str | None = "es", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": next(_ids),
        "date": 1_790_000_000,
        "chat": {"id": 777, "type": "private"},
        "from": user(lang),
        **extra,
    }
    if text is not None:
        body["text"] = text
        if text.startswith("/"):
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": next(_ids), "message": body}


def press(data: str, lang: str | None = "es") -> dict[str, Any]:
    return {
        "update_id": next(_ids),
        "callback_query": {
            "id": str(next(_ids)),
            "from": user(lang),
            "chat_instance": "ci",
            "data": data,
            "message": {"message_id": 5, "date": 1_790_000_000, "chat": {"id": 777, "type": "private"}, "text": "menu"},
        },
    }


def run_updates(
    updates: list[dict[str, Any]],
    store: Store | None = None,
    faq_dir: Path = REAL_FAQ,
    staff_chat_id: int | None = None,
    api: FakeBotApi | None = None,
) -> FakeBotApi:
    """Run updates through a fresh Application (a restart), on `store` or a new database.

    The bot starts with the committed FAQ; `faq_dir` is where a staff /reload reads from.
    """
    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    api = api or FakeBotApi()
    if store is None:
        store = SqliteStore(Path(tempfile.mkdtemp()) / "bot.sqlite3")
    settings = Settings(
        faq_dir=faq_dir, token=Secret(TOKEN), api_base_url="http://127.0.0.1:9/bot", staff_chat_id=staff_chat_id
    )
    application = build_application(settings, Assistant(faq), request=api, updates_request=api, rate_limit=False, store=store)

    async def go() -> None:
        async with application:
            for data in updates:
                await application.process_update(Update.de_json(data, application.bot))

    asyncio.run(go())
    assert api.unexpected == []
    return api


def texts(api: FakeBotApi) -> list[str]:
    return [params["text"] for params in api.sent()]


def test_start_greets_in_the_users_language_with_notice_and_menu() -> None:
    api = run_updates([message("/start", lang="es")])
    greeting, menu = texts(api)
    assert greeting.startswith("¡Hola!") and "no es asesoría legal" in greeting
    markup = api.sent()[1]["reply_markup"]
    labels = [row[0]["text"] for row in markup["inline_keyboard"]]
    assert labels[0] == "🚨 La migra está en mi puerta"
    assert "Cita gratis con la oficina" in labels


def test_start_deep_links_open_emergency_and_booking() -> None:
    api = run_updates([message("/start ice", lang="en"), message("/start book", lang="en")])
    sent = texts(api)
    assert any(t.startswith("ICE is at my door") or "Do not open the door" in t for t in sent)
    assert any("free consultation" in t.lower() for t in sent)


def test_spanish_and_english_questions_get_answers_in_their_language() -> None:
    api = run_updates([message("cuanto cuesta pedir asilo", lang=None), message("how do I check my court date", lang="es")])
    first, second = texts(api)
    assert "información general" in first and "asilo" in first.lower()
    assert "1-800-898-7180" in second and "Sources:" in second


def test_emergency_message_is_answered_first() -> None:
    api = run_updates([message("la migra esta en mi puerta ayuda!!", lang="es")])
    (answer,) = texts(api)
    assert "No abra la puerta" in answer[:400]


def test_button_press_is_acknowledged_and_answered() -> None:
    api = run_updates([press("entry:bond", lang="en"), press("garbage-from-an-old-message", lang="en")])
    assert len(api.sent("answerCallbackQuery")) == 2
    bond, menu = texts(api)
    assert "$1,500" in bond
    assert menu.endswith("What is your question about?")


def test_photo_gets_asked_to_type() -> None:
    photo = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
    api = run_updates([message(lang="es", photo=photo)])
    assert texts(api) == ["Solo puedo leer texto. Por favor escriba su pregunta en pocas palabras."]


def test_logs_carry_no_message_text_name_or_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    run_updates([message("/start"), message("mi numero es 213-555-0199 y me llamo María, la migra esta aqui")])
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "event=question" in logged
    for secret in ("213-555-0199", "María", "la migra esta aqui", TOKEN, TOKEN.split(":")[1], "user=777"):
        assert secret not in logged


def test_long_replies_are_split_under_the_limit() -> None:
    text = "\n".join(["x" * 1000] * 9)
    parts = chunks(text)
    assert len(parts) == 3 and all(len(p) <= 4096 for p in parts)
    assert "\n".join(parts) == text


def test_language_choice_survives_a_restart(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "bot.sqlite3")
    api = run_updates([message("/idioma", lang="en"), press("lang:es", lang="en")], store)
    assert texts(api)[-2].startswith("Listo") and texts(api)[-1] == "¿Sobre qué es su pregunta?"
    api = run_updates([message("ICE", lang="en")], store)  # a new Application: the same database
    reply = texts(api)[0]
    assert "¿" in reply or "puerta" in reply  # "ICE" is no language: the chosen one is used


def test_delete_leaves_no_row_about_the_user(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "bot.sqlite3")
    api = run_updates([message("/start"), message("/borrar"), press("delete:yes")], store)
    assert store.rows_about(777) == 0
    assert texts(api)[-1].startswith("Listo. Se borró todo")
    confirm = api.sent()[-2]
    assert [row[0]["callback_data"] for row in confirm["reply_markup"]["inline_keyboard"]] == ["delete:yes", "menu"]


def test_privacy_explains_what_is_kept() -> None:
    api = run_updates([message("/privacy", lang="en")])
    assert "/delete" in texts(api)[0] and "Telegram" in texts(api)[0]


def group_message(text: str, **extra: Any) -> dict[str, Any]:
    return {
        "update_id": next(_ids),
        "message": {
            "message_id": next(_ids),
            "date": 1_790_000_000,
            "chat": {"id": -100500, "type": "supergroup", "title": "Vecinos"},
            "from": user("es"),
            "text": text,
            **extra,
        },
    }


def test_groups_get_answers_only_when_addressed_and_a_pointer_to_private_chat() -> None:
    api = run_updates([group_message("alguien sabe algo de la fianza?"), group_message("@office_test_bot cuanto cuesta la fianza")])
    sent = api.sent()
    assert all(int(p["chat_id"]) == -100500 for p in sent)
    assert len(sent) == 2  # nothing for the first message
    assert "fianza" in sent[0]["text"].lower()
    assert sent[1]["text"].startswith("Para algo sobre su situación") and "t.me/office_test_bot" in sent[1]["text"]


def test_edited_message_is_answered_again() -> None:
    edited = message("how do I check my court date", lang="en")
    edited["edited_message"] = edited.pop("message")
    edited["edited_message"]["edit_date"] = 1_790_000_100
    api = run_updates([edited])
    assert "1-800-898-7180" in texts(api)[0]


def test_channel_posts_are_ignored() -> None:
    post = {"update_id": next(_ids), "channel_post": {"message_id": 1, "date": 1_790_000_000, "chat": {"id": -1001, "type": "channel"}, "text": "hola"}}
    assert run_updates([post]).calls == [("getMe", {})]


def test_a_burst_gets_one_slow_down_message() -> None:
    api = run_updates([message(f"pregunta numero {n} sobre asilo", lang="es") for n in range(12)])
    sent = texts(api)
    assert sum(1 for t in sent if t.startswith("Son muchos mensajes")) == 1
    assert len(sent) == 7  # six answers, one warning, then silence


def test_commands_are_registered_in_both_languages() -> None:
    from bot.telegram_adapter.app import register_commands

    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    api = FakeBotApi()
    settings = Settings(faq_dir=REAL_FAQ, token=Secret(TOKEN), api_base_url="http://127.0.0.1:9/bot")
    application = build_application(settings, Assistant(faq), request=api, updates_request=api, rate_limit=False, store=SqliteStore(Path(tempfile.mkdtemp()) / "b.sqlite3"))

    async def go() -> None:
        async with application:
            await register_commands(application)

    asyncio.run(go())
    english, spanish = api.sent("setMyCommands")
    assert "language_code" not in english and spanish["language_code"] == "es"
    names = {c["command"] for c in spanish["commands"]}
    assert {"cita", "idioma", "borrar", "privacidad", "ayuda"} <= names


def test_unanswered_questions_are_kept_scrubbed_and_thumbs_counted(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    store = SqliteStore(tmp_path / "bot.sqlite3")
    api = run_updates(
        [message("necesito ayuda con mi divorcio, mi numero es 213-555-0199", lang="es"), press("fb:up:bond"), press("fb:down:no-such-entry")],
        store,
    )
    (kept,) = store.unanswered_since(datetime(2000, 1, 1, tzinfo=timezone.utc))
    assert "213-555-0199" not in kept.text and "[phone]" in kept.text
    assert store.feedback() == {"bond": (1, 0)}
    assert texts(api)[-1].startswith("¡Gracias!")
    answer_markup = run_updates([message("cuanto cuesta la fianza", lang="es")]).sent()[0]["reply_markup"]["inline_keyboard"]
    assert [b["text"] for b in answer_markup[-1]] == ["👍", "👎"]


STAFF = -100777


def staff_group_message(text: str) -> dict[str, Any]:
    update = message(text, lang="en")
    update["message"]["chat"] = {"id": STAFF, "type": "supergroup", "title": "Office staff"}
    return update


def test_staff_reload_with_a_broken_file_keeps_serving_and_reports_file_and_line(tmp_path: Path) -> None:
    import shutil

    from conftest import edit

    faq_dir = tmp_path / "faq"
    shutil.copytree(REAL_FAQ, faq_dir)
    edit(faq_dir / "detention.yaml", "  - id: bond\n", "  - id: bond\n    anwser: oops\n")
    api = run_updates([staff_group_message("/reload"), message("cuanto cuesta la fianza", lang="es")], faq_dir=faq_dir, staff_chat_id=STAFF)
    report, answer = texts(api)
    assert report.startswith("The FAQ was NOT reloaded") and "detention.yaml, line" in report and "anwser" in report
    assert "1,500" in answer  # still answering from the last good FAQ


def test_staff_commands_are_refused_to_others_and_allowed_to_members_in_private(tmp_path: Path) -> None:
    api = FakeBotApi()
    run_updates([message("/stats", lang="es")], staff_chat_id=STAFF, api=api)
    assert texts(api) == ["Este comando es para el personal de la oficina."]
    api = FakeBotApi()
    api.staff_members = {777}
    store = SqliteStore(tmp_path / "bot.sqlite3")
    run_updates([message("receta de pozole"), message("cuanto cuesta la fianza"), message("/stats"), message("/unanswered")], store, staff_chat_id=STAFF, api=api)
    stats, unanswered = texts(api)[-2:]
    assert "answer 1" in stats and "none 1" in stats and "bond: 1 answer(s)" in stats
    assert "1x" in unanswered and "receta de pozole" in unanswered


def test_unknown_command_gets_a_hint() -> None:
    api = run_updates([message("/foo", lang="en")])
    assert texts(api) == ["I do not know that command. Try /menu, /book or /help, or just type your question."]


def test_menu_navigation_edits_the_message_in_place() -> None:
    api = run_updates([message("/start", lang="en"), press("cat:asylum", lang="en"), press("menu", lang="en")])
    assert len(api.sent()) == 2  # the greeting and the menu; the presses edit the menu
    category, menu = api.sent("editMessageText")
    assert category["text"].startswith("Asylum and TPS") and int(category["message_id"]) == 5
    assert menu["text"] == "What is your question about?"


def test_network_errors_are_retried() -> None:
    api = FakeBotApi()
    api.network_failures = 2
    run_updates([message("cuanto cuesta la fianza", lang="es")], api=api)
    assert len(api.sent()) == 1 and "1,500" in api.sent()[0]["text"]


def test_a_failing_handler_gets_a_kind_message_never_a_traceback(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    api = FakeBotApi()
    api.rejections = 1
    run_updates([message("cuanto cuesta la fianza", lang="es")], api=api)
    (sent,) = texts(api)
    assert sent.startswith("Perdón, algo falló") and "Traceback" not in sent
    assert "event=error kind=BadRequest" in "\n".join(r.getMessage() for r in caplog.records)


def test_replies_are_html_with_everything_escaped() -> None:
    from bot.assistant import Reply
    from bot.telegram_adapter.app import html_of

    assert html_of(Reply("a < b & <script>", title="T<i>", notice="N&")) == "<i>N&amp;</i>\n\n<b>T&lt;i&gt;</b>\n\na &lt; b &amp; &lt;script&gt;"
    api = run_updates([message("cuanto cuesta la fianza", lang="es")])
    sent = api.sent()[0]
    assert sent["parse_mode"] == "HTML" and sent["text"].startswith("<i>") and "<b>" in sent["text"]


def test_faq_reloads_by_itself_and_keeps_the_last_good_one_on_errors(tmp_path: Path) -> None:
    import shutil

    from bot.telegram_adapter.app import start_watching
    from conftest import edit

    faq_dir = tmp_path / "faq"
    shutil.copytree(REAL_FAQ, faq_dir)
    faq = check_faq(faq_dir, TODAY, collisions=False).faq
    assert faq is not None
    api = FakeBotApi()
    settings = Settings(faq_dir=faq_dir, token=Secret(TOKEN), api_base_url="http://127.0.0.1:9/bot", staff_chat_id=STAFF)
    application = build_application(settings, Assistant(faq), request=api, updates_request=api, rate_limit=False, store=SqliteStore(tmp_path / "b.sqlite3"))
    handlers = application.bot_data["handlers"]

    async def wait_for_notices(count: int) -> None:
        for _ in range(200):
            if len(api.sent()) >= count:
                return
            await asyncio.sleep(0.02)
        raise AssertionError(api.sent())

    async def go() -> None:
        async with application:
            await application.start()
            start_watching(application, 0.05)
            await asyncio.sleep(0.1)
            edit(faq_dir / "court.yaml", "  - id: court-date\n", "  - id: court-date\n    anwser: x\n")
            await wait_for_notices(1)
            assert handlers.assistant.faq is faq  # still the last good FAQ
            edit(faq_dir / "court.yaml", "    anwser: x\n", "")
            edit(faq_dir / "detention.yaml", "      en: Immigration bond (fianza)", "      en: Bond (fianza)")
            await wait_for_notices(2)
            assert handlers.assistant.faq.by_id["bond"].title.en == "Bond (fianza)"
            await application.stop()

    asyncio.run(go())
    first, second = api.sent()
    assert int(first["chat_id"]) == STAFF and "NOT reloaded" in first["text"] and "court.yaml, line" in first["text"]
    assert second["text"].startswith("FAQ reloaded")
