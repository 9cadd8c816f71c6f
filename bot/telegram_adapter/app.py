"""Building and running the python-telegram-bot Application around the conversation core."""

from __future__ import annotations

import asyncio
import hashlib
from html import escape
import hmac
import logging
import secrets
import time
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Awaitable, Callable

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.appointments import STAFF_MARK, Appointments, Outgoing
from bot.bookings import Person
from bot.flood import FloodGate, Verdict
from bot.assistant import (
    CATEGORY,
    DELETE_ASK,
    DELETE_CONFIRM,
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    MENU,
    Assistant,
    Reply,
    Session,
)
from bot import booking
from bot.matching import Band
from bot.scrub import scrub
from bot.staff import reload_faq, stats_report, unanswered_report
from bot.model import Lang
from bot.rendering import office_value
from bot.settings import Settings
from bot.store import MemoryStore, SqliteStore, Store, Unanswered
from bot.texts import say

log = logging.getLogger("bot.telegram")
_LOG_KEY = secrets.token_bytes(16)  # new per process: log ids cannot be tied to a Telegram account


def opaque(user_id: int) -> str:
    """A short id for logs that tells events of one user apart without naming the account."""
    return hmac.new(_LOG_KEY, str(user_id).encode(), hashlib.sha256).hexdigest()[:10]


def language_of(code: str | None) -> Lang | None:
    """Telegram's optional IETF language tag, reduced to a language the bot speaks."""
    if not code:
        return None
    prefix = code.split("-")[0].lower()
    return next((lang for lang in Lang if lang.value == prefix), None)


# Short choices (days, times, yes/no) share rows, `reply.columns` to a row; other buttons get a row each.
_SHORT_CHOICES = (booking.DAY, booking.TIME, booking.SOON)
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def keyboard(reply: Reply) -> Markup | None:
    """Inline buttons below the message; for the contact step, Telegram's own share-my-number keyboard."""
    if reply.request_contact:
        share = [KeyboardButton(reply.request_contact, request_contact=True)]
        rows_of_keys = [share, *([KeyboardButton(b.label)] for b in reply.buttons)]
        return ReplyKeyboardMarkup(rows_of_keys, one_time_keyboard=True, resize_keyboard=True)
    if not reply.buttons:
        return ReplyKeyboardRemove() if reply.close_keyboard else None
    rows: list[list[InlineKeyboardButton]] = []
    thumbs: list[InlineKeyboardButton] = []
    for b in reply.buttons:
        button = InlineKeyboardButton(b.label, callback_data=b.payload)
        if b.payload.startswith((FEEDBACK_UP, FEEDBACK_DOWN)):
            thumbs.append(button)
        elif b.payload.startswith(_SHORT_CHOICES) and rows and len(rows[-1]) < reply.columns and rows[-1][0].callback_data.startswith(_SHORT_CHOICES):  # type: ignore[union-attr]
            rows[-1].append(button)
        else:
            rows.append([button])
    if thumbs:
        rows.append(thumbs)
    return InlineKeyboardMarkup(rows)


def html_of(reply: Reply) -> str:
    """Telegram HTML: the notice in italics, the title in bold, every text escaped (FAQ and user text alike)."""
    parts = []
    if reply.notice:
        parts.append(f"<i>{escape(reply.notice)}</i>")
    if reply.title:
        parts.append(f"<b>{escape(reply.title)}</b>")
    parts.append(escape(reply.text))
    return "\n\n".join(parts)


def chunks(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Split a long text at line breaks so no message exceeds Telegram's limit."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return parts


class TelegramBot:
    """Handlers that translate between Telegram and the `Assistant`. No business logic here."""

    def __init__(
        self,
        assistant: Assistant,
        store: Store | None = None,
        flood: FloodGate | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        retention: timedelta = timedelta(days=90),
        faq_dir: Path | None = None,
        staff_chat_id: int | None = None,
        booking_retention_days: int = 30,
    ) -> None:
        self.store: Store = store or MemoryStore()
        self.flood = flood or FloodGate(time.monotonic)
        self.clock = clock
        self.retention = retention
        self.booking_retention_days = booking_retention_days
        self.faq_dir = faq_dir
        self.staff_chat_id = staff_chat_id
        self.assistant = assistant
        self._notice_lock = asyncio.Lock()
        if assistant.appointments is None:  # booking works on this adapter's store and clock
            self.replace_faq(assistant.faq)

    def install(self, application: Application) -> None:  # type: ignore[type-arg]
        private = filters.ChatType.PRIVATE
        application.add_handler(CommandHandler("start", self.start, filters=private))
        application.add_handler(CommandHandler("menu", self.menu, filters=private))
        application.add_handler(CommandHandler(["help", "ayuda"], self.help, filters=private))
        application.add_handler(CommandHandler(["language", "idioma"], self.language, filters=private))
        application.add_handler(CommandHandler(["privacy", "privacidad"], self.privacy, filters=private))
        application.add_handler(CommandHandler(["delete", "borrar"], self.delete, filters=private))
        application.add_handler(CommandHandler(["book", "cita"], self.book, filters=private))
        application.add_handler(CommandHandler(["mybooking", "micita"], self.my_booking, filters=private))
        application.add_handler(CommandHandler(["cancel", "cancelar"], self.cancel, filters=private))
        application.add_handler(CommandHandler("reload", self.reload))
        application.add_handler(CommandHandler("stats", self.stats))
        application.add_handler(CommandHandler("unanswered", self.unanswered))
        application.add_handler(CommandHandler(["today", "hoy"], self.today))
        application.add_handler(CommandHandler(["week", "semana"], self.week))
        application.add_handler(CommandHandler(["export", "exportar"], self.export))
        application.add_handler(MessageHandler(private & filters.CONTACT, self.contact))
        application.add_handler(CallbackQueryHandler(self.button))
        application.add_handler(MessageHandler(private & filters.COMMAND, self.unknown_command))  # after all commands
        # Edited messages are answered like new ones: people fix typos and expect an answer.
        messages = filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE
        application.add_handler(MessageHandler(messages & private & filters.TEXT & ~filters.COMMAND, self.text))
        application.add_handler(MessageHandler(messages & private & ~filters.TEXT & ~filters.COMMAND, self.not_text))
        groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE & filters.TEXT
        application.add_handler(MessageHandler(groups, self.group_text))
        # Channel posts and everything else get no handler: the bot stays silent there.
        application.add_error_handler(self.error)

    # -- handlers --------------------------------------------------------------------------------

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, session = self._session(update)
        unknown_language = session.lang is None and session.preferred is None
        lang = session.fallback
        argument = context.args[0].lower() if context.args else ""
        log.info("event=start user=%s arg=%s", opaque(user), argument if argument in ("ice", "book") else "-")
        greeting = Reply(f"{say('greeting', lang)}\n\n{say('disclaimer', lang)}\n{say('stored_note', lang)}")
        session = replace(session, lang=lang, disclaimer_shown=True)  # a booking in progress stays
        if argument == "ice":
            replies = [greeting, self.assistant.entry_reply("ice-at-door", lang)] if "ice-at-door" in self.assistant.faq.by_id else [greeting]
        elif argument == "book":
            session, booking_replies = self.assistant.start_booking(session, self._person(update))
            replies = [greeting, *booking_replies]
        elif unknown_language:  # Telegram did not say: let them pick, in both languages
            replies = [greeting, self.assistant.language_menu()]
        else:
            replies = [greeting, self.assistant.main_menu(lang)]
        if session.booking is not None and argument != "book":
            replies.append(self.assistant.continue_offer(lang))
        self.store.save(user, session)
        await self._send(update, replies)

    async def menu(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, session = self._session(update)
        session, replies = self.assistant.on_button(session, MENU)
        self.store.save(user, session)
        await self._send(update, replies)

    async def language(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._send(update, [self.assistant.language_menu()])

    async def privacy(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        _, session = self._session(update)
        await self._send(update, [self.assistant.privacy(session.fallback, self.retention.days)])

    async def delete(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, session = self._session(update)
        _, replies = self.assistant.on_button(session, DELETE_ASK)
        await self._send(update, replies)

    async def book(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, session = self._session(update)
        log.info("event=booking_start user=%s", opaque(user))
        session, replies = self.assistant.start_booking(session, self._person(update))
        self.store.save(user, session)
        await self._send(update, replies)

    async def my_booking(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        _, session = self._session(update)
        await self._send(update, self.assistant.my_booking(session, self._person(update)))

    async def cancel(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, session = self._session(update)
        if session.booking is not None:
            log.info("event=booking_cancelled user=%s step=%s", opaque(user), session.booking.step.value)
        session, replies = self.assistant.cancel(session)
        self.store.save(user, session)
        await self._send(update, replies)

    async def contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A contact shared with Telegram's button: used as the booking's phone number, never logged."""
        user, session = self._session(update)
        message = update.effective_message
        assert message is not None and message.contact is not None
        session, replies = self.assistant.on_contact(session, message.contact.phone_number, self._person(update))
        self.store.save(user, session)
        log.info("event=contact_shared user=%s", opaque(user))
        await self._send(update, replies)

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        _, session = self._session(update)
        await self._send(update, [Reply(say("help", session.lang or Lang.EN))])

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, session = self._session(update)
        assert update.effective_message is not None
        if not await self._allowed(update, user, session):
            return
        before = session.booking
        session, replies, match = self.assistant.on_text(session, update.effective_message.text or "", self._person(update))
        self.store.save(user, session)
        if before is not None:
            log.info("event=booking_step user=%s step=%s", opaque(user), session.booking.step.value if session.booking else "end")
        if match is not None:
            log.info("event=question user=%s band=%s entry=%s lang=%s", opaque(user), match.band.value, match.entry_id or "-", match.lang.value)
            self.store.count_answer(self.clock().date(), match.band.value, match.entry_id)
            if match.band in (Band.NONE, Band.SUGGEST):
                self._keep_unanswered(user, update.effective_message.text or "", match)
        await self._send(update, replies)
        await self.deliver_notices(context.bot)

    def _keep_unanswered(self, user: int, text: str, match) -> None:  # type: ignore[no-untyped-def]
        """Keep the question for staff, scrubbed, and drop what is older than the retention period."""
        now = self.clock()
        closest = match.ranking[0][0] if match.ranking else None
        self.store.add_unanswered(user, Unanswered(scrub(text), closest, match.lang, now))
        self.store.purge_unanswered(now - self.retention)

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In a group, answer only when addressed, and point to a private chat for anything personal."""
        message = update.effective_message
        assert message is not None
        if not _addressed(message, context.bot.username):
            return
        user, session = self._session(update)
        if not await self._allowed(update, user, session):
            return
        text = (message.text or "").replace(f"@{context.bot.username}", " ")
        _, replies, match = self.assistant.on_text(Session(lang=session.lang, disclaimer_shown=False), text)
        lang = match.lang if match else session.fallback
        log.info("event=group_question band=%s", match.band.value if match else "-")
        await self._send(update, [*replies, Reply(say("go_private", lang, bot=context.bot.username or ""))])

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, session = self._session(update)
        if not await self._allowed(update, user, session):
            return
        log.info("event=not_text user=%s", opaque(user))
        await self._send(update, [Reply(say("type_please", session.lang or Lang.EN))])

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()  # stops the button's spinner; an old or forged button is answered too
        user, session = self._session(update)
        data = query.data or ""
        if data.startswith((FEEDBACK_UP, FEEDBACK_DOWN)):
            entry_id = data.split(":", 2)[2]
            if entry_id in self.assistant.faq.by_id:
                self.store.add_feedback(entry_id, up=data.startswith(FEEDBACK_UP))
                log.info("event=feedback entry=%s", entry_id)
            await self._send(update, [Reply(say("thanks_feedback", session.fallback))])
            return
        if data.startswith(STAFF_MARK):
            await self._staff_mark(update, context, data)
            return
        if query.data == DELETE_CONFIRM:
            lang = session.fallback
            if self.assistant.appointments is not None:
                self.assistant.appointments.forget(user)  # also tells staff the booking was withdrawn
            else:
                self.store.delete_user(user)
            log.info("event=deleted user=%s", opaque(user))
            await self._send(update, [Reply(say("deleted", lang))])
            await self.deliver_notices(context.bot)
            return
        session, replies = self.assistant.on_button(session, data, self._person(update))
        self.store.save(user, session)
        log.info("event=button user=%s kind=%s", opaque(user), data.split(":")[0][:8])
        if _navigation(data) and len(replies) == 1 and query.message is not None and not replies[0].notice:
            # Menus replace the menu message in place instead of piling up messages.
            try:
                await query.edit_message_text(html_of(replies[0]), reply_markup=keyboard(replies[0]), parse_mode=ParseMode.HTML)
                return
            except TelegramError as exc:  # too old to edit, or unchanged: send it as new
                log.info("event=edit_failed kind=%s", type(exc).__name__)
        await self._send(update, replies)
        await self.deliver_notices(context.bot)

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error handler: log the fault's kind, tell the user kindly, never a traceback."""
        log.error("event=error kind=%s", type(context.error).__name__)
        if isinstance(update, Update) and update.effective_chat is not None:
            _, session = self._session(update)
            lang = session.lang or Lang.EN
            phone = office_value(self.assistant.faq.office, "phone", lang)
            try:
                await context.bot.send_message(update.effective_chat.id, say("went_wrong", lang, phone=phone))
            except Exception as exc:  # the network may be what failed; nothing more to do
                log.error("event=error_reply_failed kind=%s", type(exc).__name__)

    # -- staff -------------------------------------------------------------------------------------

    async def _is_staff(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        """Staff are the members of the staff group; they may use staff commands there or in private."""
        chat, user = update.effective_chat, update.effective_user
        if self.staff_chat_id is None or chat is None or user is None:
            return False
        if chat.id == self.staff_chat_id:
            return True
        if chat.type != chat.PRIVATE:
            return False
        try:
            member = await context.bot.get_chat_member(self.staff_chat_id, user.id)
        except Exception as exc:  # not a member, or the staff chat cannot be reached
            log.info("event=staff_check_failed kind=%s", type(exc).__name__)
            return False
        return member.status in ("creator", "administrator", "member")

    async def _staff_only(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        if await self._is_staff(update, context):
            return True
        _, session = self._session(update)
        await self._send(update, [Reply(say("staff_only", session.fallback))])
        return False

    def replace_faq(self, faq) -> None:  # type: ignore[no-untyped-def]
        appointments = Appointments(faq, self.store, self.clock, self.booking_retention_days)
        self.assistant = Assistant(faq, appointments=appointments)

    # -- bookings: staff notices, reminders, staff views -----------------------------------------

    async def deliver_notices(self, bot) -> None:  # type: ignore[no-untyped-def]
        """Send the staff notices that wait in the database; a failure leaves them there for the next try."""
        appointments = self.assistant.appointments
        if appointments is None or self.staff_chat_id is None:
            return
        async with self._notice_lock:  # the chores loop and a handler must not send the same notice twice
            await self._deliver_notices(bot, appointments, self.staff_chat_id)

    async def _deliver_notices(self, bot, appointments: Appointments, staff_chat_id: int) -> None:  # type: ignore[no-untyped-def]
        for message in appointments.staff_notices(staff_chat_id):
            try:
                await self._deliver(bot, message)
            except Exception as exc:  # the staff chat cannot be reached: keep it and try later
                appointments.notice_failed(message)
                log.error("event=staff_notice_failed kind=%s", type(exc).__name__)
                return  # keep the order: later notices wait behind this one
            appointments.notice_sent(message)
            log.info("event=staff_notice_sent booking=%s", message.booking_id)

    async def send_reminders(self, bot) -> None:  # type: ignore[no-untyped-def]
        appointments = self.assistant.appointments
        if appointments is None:
            return
        for message in appointments.due_reminders():
            try:
                await self._deliver(bot, message)
            except Exception as exc:  # blocked the bot, or the network: try again on the next round
                log.error("event=reminder_failed kind=%s", type(exc).__name__)
                continue
            appointments.reminded(message)
            log.info("event=reminder_sent booking=%s kind=%s", message.booking_id, message.reminder.value if message.reminder else "-")

    async def booking_chores(self, application: Application, interval: float) -> None:  # type: ignore[type-arg]
        """Every `interval` seconds: reminders, waiting staff notices, and erasing old bookings."""
        while True:
            if not application.running:
                return
            try:
                await self.send_reminders(application.bot)
                await self.deliver_notices(application.bot)
                if self.assistant.appointments is not None:
                    purged = self.assistant.appointments.purge()
                    if purged:
                        log.info("event=bookings_purged count=%s", purged)
            except Exception as exc:  # never let the loop die: the next round tries again
                log.error("event=chores_failed kind=%s", type(exc).__name__)
            await asyncio.sleep(interval)

    async def _deliver(self, bot, message: Outgoing) -> None:  # type: ignore[no-untyped-def]
        for index, part in enumerate(parts := chunks(html_of(message.reply))):
            markup = keyboard(message.reply) if index == len(parts) - 1 else None
            await _with_retries(
                lambda: bot.send_message(
                    message.chat_id, part, reply_markup=markup, parse_mode=ParseMode.HTML, disable_web_page_preview=True
                )
            )

    async def _staff_mark(self, update: Update, context: ContextTypes.DEFAULT_TYPE, data: str) -> None:
        """A status button under a staff notice: only staff may press it."""
        query = update.callback_query
        assert query is not None
        appointments = self.assistant.appointments
        if appointments is None or not await self._is_staff(update, context):
            return
        result = appointments.mark(data)
        if result is None:
            return
        updated, card = result
        by = opaque(update.effective_user.id) if update.effective_user else "-"
        log.info("event=staff_mark booking=%s status=%s staff=%s", updated.id, updated.status.value, by)
        try:
            await query.edit_message_text(html_of(card), reply_markup=keyboard(card), parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            log.info("event=edit_failed kind=%s", type(exc).__name__)

    async def today(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._staff_only(update, context) and self.assistant.appointments is not None:
            await self._send(update, [Reply(self.assistant.appointments.agenda(1))])

    async def week(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await self._staff_only(update, context) and self.assistant.appointments is not None:
            await self._send(update, [Reply(self.assistant.appointments.agenda(7))])

    async def export(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/export [from] [to]: a CSV of bookings (dates as 2026-12-01; default: the last 30 days and the next 60)."""
        appointments = self.assistant.appointments
        if not await self._staff_only(update, context) or appointments is None or appointments.schedule is None:
            return
        today = self.clock().astimezone(appointments.schedule.zone).date()
        try:
            dates = [date.fromisoformat(a) for a in (context.args or [])[:2]]
        except ValueError:
            await self._send(update, [Reply("Usage: /export 2026-12-01 2026-12-31 (from and to dates, both optional)")])
            return
        first = dates[0] if dates else today - timedelta(days=30)
        last = dates[1] if len(dates) > 1 else (first if dates else today + timedelta(days=60))
        content = appointments.export_csv(first, last)
        chat = update.effective_chat
        assert chat is not None
        log.info("event=export days=%s", (last - first).days + 1)
        await context.bot.send_document(
            chat.id, InputFile(content, filename=f"consultations-{first.isoformat()}-{last.isoformat()}.csv")
        )

    async def reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await self._staff_only(update, context) or self.faq_dir is None:
            return
        result = reload_faq(self.faq_dir, self.clock().date())
        if result.faq is not None:
            self.replace_faq(result.faq)
        log.info("event=reload ok=%s", result.faq is not None)
        await self._send(update, [Reply(result.report)])

    async def stats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await self._staff_only(update, context):
            return
        days = _days(context.args, 7)
        since = self.clock() - timedelta(days=days)
        report = stats_report(
            self.store.answers_since(since.date()), self.store.feedback(), len(self.store.unanswered_since(since)), days
        )
        await self._send(update, [Reply(report)])

    async def unanswered(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await self._staff_only(update, context):
            return
        since = self.clock() - timedelta(days=_days(context.args, 30))
        await self._send(update, [Reply(unanswered_report(self.store.unanswered_since(since)))])

    async def watch_faq(self, application: Application, interval: float) -> None:  # type: ignore[type-arg]
        """Reload by itself when a FAQ file changes; on errors keep the last good FAQ and tell staff."""
        if self.faq_dir is None:
            return
        seen = _fingerprint(self.faq_dir)
        while True:
            await asyncio.sleep(interval)
            if not application.running:  # Application.stop() waits for this task: end with it
                return
            now = _fingerprint(self.faq_dir)
            if now == seen:
                continue
            seen = now
            result = reload_faq(self.faq_dir, self.clock().date())
            log.info("event=auto_reload ok=%s", result.faq is not None)
            if result.faq is not None:
                self.replace_faq(result.faq)
            if self.staff_chat_id is not None:
                try:
                    await application.bot.send_message(self.staff_chat_id, result.report)
                except Exception as exc:
                    log.error("event=staff_notice_failed kind=%s", type(exc).__name__)

    def _person(self, update: Update) -> Person:
        user, chat = update.effective_user, update.effective_chat
        user_id = user.id if user else 0
        return Person(user_id, chat.id if chat else user_id, (user.username or "") if user else "")

    async def _allowed(self, update: Update, user: int, session: Session) -> bool:
        verdict = self.flood.check(user)
        if verdict is Verdict.WARN:
            log.info("event=flood user=%s", opaque(user))
            await self._send(update, [Reply(say("slow_down", session.fallback))])
        return verdict is Verdict.PASS

    # -- helpers ---------------------------------------------------------------------------------

    def _session(self, update: Update) -> tuple[int, Session]:
        """The stored session, or a new one in the language of the user's Telegram app."""
        user = update.effective_user
        user_id = user.id if user else 0
        session = self.store.load(user_id)
        if session is None:
            session = Session(lang=language_of(user.language_code if user else None))
        return user_id, session

    async def _send(self, update: Update, replies: list[Reply]) -> None:
        chat = update.effective_chat
        assert chat is not None
        bot = update.get_bot()
        for reply in replies:
            parts = chunks(html_of(reply))
            for index, part in enumerate(parts):
                markup = keyboard(reply) if index == len(parts) - 1 else None
                await _with_retries(
                    lambda: bot.send_message(
                        chat.id, part, reply_markup=markup, parse_mode=ParseMode.HTML, disable_web_page_preview=True
                    )
                )
            if reply.attachment is not None:
                attachment = reply.attachment
                await _with_retries(
                    lambda: bot.send_document(chat.id, InputFile(attachment.content, filename=attachment.filename))
                )

    async def unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        _, session = self._session(update)
        await self._send(update, [Reply(say("unknown_command", session.fallback))])


SEND_ATTEMPTS = 3


async def _with_retries(send: Callable[[], Awaitable[object]]) -> None:
    """Network hiccups are retried with a short backoff (429s are retried by the rate limiter)."""
    for attempt in range(1, SEND_ATTEMPTS + 1):
        try:
            await send()
            return
        except (NetworkError, TimedOut) as exc:
            if attempt == SEND_ATTEMPTS or isinstance(exc, BadRequest):
                raise
            log.info("event=send_retry attempt=%s kind=%s", attempt, type(exc).__name__)
            await asyncio.sleep(0.5 * attempt)


def _navigation(payload: str) -> bool:
    return payload == MENU or payload.startswith(CATEGORY)


def _days(args: list[str] | None, default: int) -> int:
    if args and args[0].isdigit() and 0 < int(args[0]) <= 3650:
        return int(args[0])
    return default


def _fingerprint(directory: Path) -> tuple[tuple[str, float, int], ...]:
    files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    result = []
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        result.append((path.name, stat.st_mtime, stat.st_size))
    return tuple(result)


def _addressed(message: Message, username: str | None) -> bool:
    """A group message is for the bot when it mentions the bot or replies to one of its messages."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.username == username:
        return True
    return bool(username) and f"@{username}".lower() in (message.text or "").lower()


COMMANDS: dict[Lang, list[tuple[str, str]]] = {
    Lang.EN: [
        ("start", "Start and choose a topic"),
        ("menu", "Topics"),
        ("book", "Book a free consultation"),
        ("mybooking", "See, move or cancel your booking"),
        ("language", "Language / Idioma"),
        ("privacy", "What we keep about you"),
        ("delete", "Erase everything about you"),
        ("help", "How to ask"),
    ],
    Lang.ES: [
        ("start", "Empezar y elegir un tema"),
        ("menu", "Temas"),
        ("cita", "Cita gratis con la oficina"),
        ("micita", "Ver, cambiar o cancelar su cita"),
        ("idioma", "Idioma / Language"),
        ("privacidad", "Lo que guardamos de usted"),
        ("borrar", "Borrar todo lo suyo"),
        ("ayuda", "Cómo preguntar"),
    ],
}


async def register_commands(application: Application) -> None:  # type: ignore[type-arg]
    """The command list Telegram shows, in the user's app language (English by default)."""
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS[Lang.EN]])
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS[Lang.ES]], language_code="es")


def start_watching(application: Application, interval: float) -> None:  # type: ignore[type-arg]
    handlers: TelegramBot = application.bot_data["handlers"]
    application.create_task(handlers.watch_faq(application, interval))


CHORES_SECONDS = 60.0


def start_booking_chores(application: Application, interval: float = CHORES_SECONDS) -> None:  # type: ignore[type-arg]
    handlers: TelegramBot = application.bot_data["handlers"]
    application.create_task(handlers.booking_chores(application, interval))


def build_application(
    settings: Settings,
    assistant: Assistant,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
    store: Store | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Application:  # type: ignore[type-arg]
    """The Application with our handlers; `request` lets tests answer the Bot API in memory,
    `clock` lets them set the time (slots and reminders depend on it)."""
    if settings.token is None:
        raise ValueError("a token is needed to build the Telegram application")
    quiet_library_logs()
    builder: ApplicationBuilder = (  # type: ignore[type-arg]
        Application.builder().token(settings.token.value).base_url(settings.api_base_url).post_init(register_commands)
    )
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    if request is not None:
        builder = builder.request(request)
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    application = builder.build()
    handlers = TelegramBot(
        assistant,
        store or SqliteStore(settings.database_path),
        retention=timedelta(days=settings.unanswered_retention_days),
        faq_dir=settings.faq_dir,
        staff_chat_id=settings.staff_chat_id,
        booking_retention_days=settings.booking_retention_days,
        **({"clock": clock} if clock is not None else {}),
    )
    handlers.install(application)
    application.bot_data["handlers"] = handlers
    return application


def quiet_library_logs() -> None:
    """Keep the token out of logs: httpx logs every request URL at INFO, and python-telegram-bot
    logs the Bot API URL at DEBUG; both URLs contain the token."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(logging.INFO)


def run(settings: Settings, assistant: Assistant) -> None:
    """Serve until stopped: by webhook when WEBHOOK_URL is set, else by long polling."""
    application = build_application(settings, assistant)

    async def after_start(app: Application) -> None:  # type: ignore[type-arg]
        await register_commands(app)
        if settings.reload_seconds:
            start_watching(app, settings.reload_seconds)
        start_booking_chores(app)

    application.post_init = after_start
    if settings.webhook_url and settings.webhook_secret:
        log.info("event=webhook_start port=%s", settings.webhook_port)
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=WEBHOOK_PATH,
            webhook_url=f"{settings.webhook_url.rstrip('/')}/{WEBHOOK_PATH}",
            secret_token=settings.webhook_secret.value,
            allowed_updates=Update.ALL_TYPES,
        )
        return
    log.info("event=polling_start")
    application.run_polling(allowed_updates=Update.ALL_TYPES)


WEBHOOK_PATH = "telegram"
