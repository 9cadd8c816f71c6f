"""The command line: check the FAQ, ask it, list it, evaluate the matcher, chat in the terminal.

`main(argv)` returns an exit code; user mistakes print one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Sequence, TextIO

from bot.appointments import Appointments
from bot.assistant import DELETE_CONFIRM, Assistant, Reply, Session
from bot.bookings import Person
from bot.errors import UserError
from bot.evaluation import evaluate, load_cases, unknown_ids
from bot.matching import Band, Match, Matcher
from bot.model import Faq, Lang
from bot.problems import Severity, errors, warnings
from bot.rendering import render_answer
from bot.settings import Settings, environment, load_settings
from bot.store import SqliteStore
from bot.validation import check_faq

Clock = Callable[[], date]


def main(argv: Sequence[str] | None = None, *, clock: Clock = date.today, stdin: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(environment())
        faq_dir = Path(args.faq) if args.faq else settings.faq_dir
        if args.command is None:
            if settings.token is not None:
                return _telegram(settings, _load(faq_dir, clock))
            print("No TELEGRAM_BOT_TOKEN set: starting the terminal chat.", file=sys.stderr)
            return _chat(_load(faq_dir, clock), stdin, settings)
        if args.command == "check":
            return _check(faq_dir, clock(), args.strict)
        faq = _load(faq_dir, clock)
        if args.command == "ask":
            return _ask(faq, args, stdin)
        if args.command == "list":
            return _list(faq, args.json)
        if args.command == "eval":
            return _eval(faq, args)
        return _chat(faq, stdin, settings)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early (`... | head`): not an error of ours
        _silence_stdout()
        return 141
    except Exception as exc:  # a bug of ours: staff get one line, developers set BOT_DEBUG=1
        if os.environ.get("BOT_DEBUG"):
            raise
        print(f"error: something went wrong inside the bot ({type(exc).__name__}); run with BOT_DEBUG=1 for details", file=sys.stderr)
        return 3


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush does not fail on the closed pipe again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Immigration FAQ assistant.")
    parser.add_argument("--faq", metavar="DIR", help="the FAQ folder (default: faq/ beside the code, or FAQ_DIR)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="check the FAQ files and report every problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    ask = sub.add_parser("ask", help="ask one question (or '-' to read one per line)")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--lang", choices=[l.value for l in Lang], help="language when the text gives no clue")
    ask.add_argument("text", nargs="+", help="the question, or '-' for standard input")
    listing = sub.add_parser("list", help="list every entry")
    listing.add_argument("--json", action="store_true")
    ev = sub.add_parser("eval", help="measure the matcher on labelled files")
    ev.add_argument("files", nargs="+", metavar="FILE", help="YAML list of {q: text, expect: [ids]} (or a folder of them)")
    ev.add_argument("--min-accuracy", type=float, metavar="PCT", help="fail below this top-1 accuracy in scope")
    ev.add_argument("--max-false-answers", type=float, metavar="PCT", help="fail above this out-of-scope answer rate")
    ev.add_argument("--quiet", action="store_true", help="print the figures only, not each miss")
    sub.add_parser("chat", help="talk to the assistant in the terminal")
    return parser


def _load(faq_dir: Path, clock: Clock) -> Faq:
    result = check_faq(faq_dir, clock(), collisions=False)
    if result.faq is None:
        count = len(errors(result.problems))
        raise UserError(f"the FAQ in {faq_dir} has {count} error(s); run 'python -m bot check' to see them")
    return result.faq


# -- check ---------------------------------------------------------------------------------------


def _check(faq_dir: Path, today: date, strict: bool) -> int:
    result = check_faq(faq_dir, today)
    problems = sorted(result.problems, key=lambda p: (p.file, p.line or 0, p.severity != Severity.ERROR))
    for problem in problems:
        print(problem)
    n_errors = len(errors(problems))
    n_warnings = len(warnings(problems))
    failed = n_errors > 0 or (strict and n_warnings > 0)
    if result.faq is not None:
        faq = result.faq
        summary = f"{len(faq.entries)} entries in {len(faq.categories)} categories"
    else:
        summary = "the FAQ cannot be used"
    verdict = "FAILED" if failed else "OK"
    print(f"{verdict}: {summary}; {n_errors} error(s), {n_warnings} warning(s){' (strict)' if strict else ''}")
    return 1 if failed else 0


# -- ask -----------------------------------------------------------------------------------------


def _ask(faq: Faq, args: argparse.Namespace, stdin: TextIO) -> int:
    matcher = Matcher(faq)
    fallback = Lang(args.lang) if args.lang else Lang.EN
    if args.text == ["-"]:
        messages = [line.rstrip("\n") for line in stdin]
    else:
        messages = [" ".join(args.text)]
    for message in messages:
        match = matcher.match(message, fallback=fallback)
        if args.json:
            print(json.dumps(match_json(match), ensure_ascii=False))
        else:
            print(_describe(faq, match))
    return 0


def match_json(match: Match) -> dict[str, object]:
    """The stable machine-readable form of a match (documented in the README)."""
    return {
        "id": match.entry_id,
        "band": match.band.value,
        "lang": match.lang.value,
        "score": int(round(match.score)),
        "suggestions": list(match.suggestions),
    }


def _describe(faq: Faq, match: Match) -> str:
    head = f"band: {match.band.value}  id: {match.entry_id or '-'}  score: {match.score:.0f}  lang: {match.lang.value}"
    if match.band in (Band.URGENT, Band.ANSWER) and match.entry_id:
        return f"{head}\n\n{render_answer(faq.by_id[match.entry_id], faq.office, match.lang)}\n"
    if match.suggestions:
        return f"{head}\nsuggestions: {', '.join(match.suggestions)}\n"
    return f"{head}\n"


# -- list ----------------------------------------------------------------------------------------


def _list(faq: Faq, as_json: bool) -> int:
    rows = [
        {
            "id": e.id,
            "category": e.category,
            "languages": [lang.value for lang, text in e.answer.items() if text],
            "reviewed": e.reviewed.isoformat(),
            "urgent": e.urgent,
            "time_sensitive": e.time_sensitive,
        }
        for e in faq.entries
    ]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max((len(r["id"]) for r in rows), default=2)  # type: ignore[arg-type]
    for row in rows:
        flags = " ".join(f for f, on in (("urgent", row["urgent"]), ("time-sensitive", row["time_sensitive"])) if on)
        print(f"{row['id']:<{width}}  {row['category']:<10}  {'+'.join(row['languages'])}  {row['reviewed']}  {flags}".rstrip())  # type: ignore[arg-type]
    print(f"{len(rows)} entries")
    return 0


# -- eval ----------------------------------------------------------------------------------------


def _eval(faq: Faq, args: argparse.Namespace) -> int:
    cases = load_cases([Path(f) for f in args.files])
    if not cases:
        raise UserError("the labelled files hold no questions")
    unknown = unknown_ids(cases, set(faq.by_id))
    for case, entry_id in unknown:
        print(f"note: {case.source}: '{entry_id}' is not an entry in this FAQ", file=sys.stderr)
    report = evaluate(Matcher(faq), cases)
    if not args.quiet:
        for outcome in report.misses:
            m = outcome.match
            got = m.entry_id or (f"suggest {list(m.suggestions)}" if m.suggestions else "none")
            expect = ", ".join(outcome.case.expect) or "out of scope"
            print(f"MISS {outcome.case.source}: {outcome.case.text!r}\n     expected {expect}; got {m.band.value} {got} (score {m.score:.0f})")
    inside, outside = report.in_scope, report.out_of_scope
    print(f"in scope: {len(inside)} questions; right answer first time (top-1): {report.top1:.1f}%")
    print(f"in scope: right entry answered or among suggestions: {report.offered:.1f}%")
    print(f"out of scope: {len(outside)} questions; answered anyway (false answers): {report.false_answers:.1f}%")
    failed = False
    if args.min_accuracy is not None and report.top1 < args.min_accuracy:
        print(f"FAILED: top-1 {report.top1:.1f}% is below the floor of {args.min_accuracy}%", file=sys.stderr)
        failed = True
    if args.max_false_answers is not None and report.false_answers > args.max_false_answers:
        print(f"FAILED: false answers {report.false_answers:.1f}% are above the ceiling of {args.max_false_answers}%", file=sys.stderr)
        failed = True
    return 1 if failed else 0


# -- telegram ------------------------------------------------------------------------------------


def _telegram(settings, faq: Faq) -> int:  # type: ignore[no-untyped-def]
    """Run the Telegram bot by long polling (imported here: the core never imports telegram)."""
    import logging

    from bot.telegram_adapter.app import run

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    run(settings, Assistant(faq))
    return 0


# -- chat ----------------------------------------------------------------------------------------


TERMINAL = Person(user_id=-1, chat_id=-1)  # the terminal's one user; no Telegram chat to remind


def _chat(faq: Faq, stdin: TextIO, settings: Settings) -> int:
    """The same conversation as on Telegram, bookings included, on the bot's schedule and database."""
    store = SqliteStore(settings.database_path)
    clock = lambda: datetime.now(timezone.utc)  # noqa: E731
    assistant = Assistant(faq, appointments=Appointments(faq, store, clock, settings.booking_retention_days))
    session = store.load(TERMINAL.user_id) or Session()  # a booking left half-way is picked up again
    interactive = stdin.isatty()
    buttons: tuple = ()
    print(_say_welcome())
    while True:
        if interactive:
            print("> ", end="", flush=True)
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        if text.isdigit() and buttons and 1 <= int(text) <= len(buttons):
            payload = buttons[int(text) - 1].payload
            if payload == DELETE_CONFIRM and assistant.appointments is not None:
                assistant.appointments.forget(TERMINAL.user_id)  # erases the session and bookings too
            session, replies = assistant.on_button(session, payload, TERMINAL)
        elif (text.startswith("/") or text.lower() in ("menu", "menú")) and (
            handled := assistant.on_command(session, text, TERMINAL)
        ) is not None:
            session, replies = handled
        else:
            session, replies, _ = assistant.on_text(session, text, TERMINAL)
        store.save(TERMINAL.user_id, session)
        for reply in replies:
            _print_reply(reply)
        buttons = replies[-1].buttons if replies else ()
    return 0


def _say_welcome() -> str:
    from bot.texts import say

    return f"{say('chat_welcome', Lang.EN)}\n{say('chat_welcome', Lang.ES)}"


def _print_reply(reply: Reply) -> None:
    print(reply.plain())
    for number, button in enumerate(reply.buttons, start=1):
        print(f"  {number}) {button.label}")
    if reply.attachment is not None:
        folder = Path(tempfile.mkdtemp(prefix="immigration-bot-"))
        path = folder / reply.attachment.filename
        path.write_bytes(reply.attachment.content)
        print(f"  [file saved: {path}]")
    print()
