"""Checks across the whole FAQ: links, office names, length, staleness, translations, collisions.

`check_faq` is what `python -m bot check`, the bot's start-up and a staff /reload all use: the bot
never serves a FAQ that has errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.loading import LANG_NAMES, load_faq
from bot.matching import Band, Matcher
from bot.model import LANGS, Entry, Faq
from bot.problems import Problem, Severity, errors
from bot.rendering import OFFICE_REFERENCE, render_answer
from bot.text import normalize
from bot.vocabulary import OFF_TOPIC

TELEGRAM_LIMIT = 4096
STALE_DAYS = 180
STALE_DAYS_TIME_SENSITIVE = 60

_URL = re.compile(r"https?://[^\s)>\]]+|www\.[^\s)>\]]+", re.IGNORECASE)
_FORM = re.compile(r"\b(?:[A-Z]{1,4}-\d{1,4}[A-Z]{0,2}(?:/[A-Z]{1,3})?)\b")
_MONEY = re.compile(r"\$\s?\d[\d,.]*")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


@dataclass(frozen=True)
class CheckResult:
    faq: Faq | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.faq is not None and not errors(self.problems)


def check_faq(directory: Path, today: date, collisions: bool = True) -> CheckResult:
    """Load and validate; the FAQ is returned only when it has no errors.

    `collisions` adds the slower checks of the matching material (colliding questions, unused
    vocabulary words): `check` runs them for staff; starting the bot does not need them.
    """
    loaded = load_faq(directory)
    problems = list(loaded.problems)
    faq = loaded.faq
    if faq is not None:
        problems.extend(_cross_checks(faq, today))
        if collisions and not errors(problems):
            matcher = Matcher(faq)
            problems.extend(_unused_vocabulary(faq, matcher))
            problems.extend(find_collisions(faq, matcher))
    ok = faq is not None and not errors(problems)
    return CheckResult(faq if ok else None, problems)


def _cross_checks(faq: Faq, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for entry in faq.entries:
        problems.extend(_entry_checks(entry, faq, today))
    for key, value in sorted(faq.office.values.items()):
        if value.placeholder:
            problems.append(
                Problem(
                    Severity.WARNING,
                    faq.office.file,
                    value.line,
                    "this office detail is still a TODO; the bot says 'ask the office' in its place",
                    None,
                    f"office.{key}",
                )
            )
    problems.extend(_duplicate_phrasings(faq))
    return problems


def _unused_vocabulary(faq: Faq, matcher: Matcher) -> list[Problem]:
    """A vocabulary word no entry uses turns its variants into a word that matches nothing."""
    used: set[str] = set()
    for entry in faq.entries:
        for lang in LANGS:
            for text in (*entry.questions[lang], *entry.keywords[lang], entry.title[lang]):
                used.add(f" {' '.join(matcher.faq_words(text))} ")
    everything = "".join(used)
    problems: list[Problem] = []
    for synonym in faq.synonyms:
        canonical = normalize(synonym.canonical)
        if canonical != OFF_TOPIC and f" {canonical} " not in everything:
            problems.append(
                Problem(
                    Severity.WARNING,
                    synonym.file,
                    synonym.line,
                    f"no entry's questions or keywords use '{synonym.canonical}' or its variants, so messages with "
                    "them match nothing; add one of them to the keywords of the entry they belong to",
                    None,
                    "canonical",
                )
            )
    return problems


def _entry_checks(entry: Entry, faq: Faq, today: date) -> list[Problem]:
    problems: list[Problem] = []

    def add(severity: Severity, message: str, field: str) -> None:
        problems.append(Problem(severity, entry.file, entry.line, message, entry.id, field))

    for lang in LANGS:
        answer = entry.answer[lang]
        for match in re.finditer(r"\{([^{}]*)\}", answer):
            name = match.group(1).strip()
            office_key = name.removeprefix(f"{OFFICE_REFERENCE}.") if name.startswith(f"{OFFICE_REFERENCE}.") else None
            if office_key is None:
                add(Severity.ERROR, f"'{{{name}}}' is not a name the bot knows; use {{office.phone}} and the like", f"answer.{lang.value}")
            elif office_key not in faq.office.values:
                known_names = ", ".join(f"{{office.{k}}}" for k in sorted(faq.office.values))
                add(Severity.ERROR, f"'{{{name}}}' is not an office detail; known: {known_names}", f"answer.{lang.value}")
        length = len(render_answer(entry, faq.office, lang, longest=True))  # office values at their longest
        if length > TELEGRAM_LIMIT:
            add(
                Severity.ERROR,
                f"the {LANG_NAMES[lang]} answer is {length} characters with its sources; Telegram allows {TELEGRAM_LIMIT}",
                f"answer.{lang.value}",
            )
    if entry.reviewed > today:
        add(Severity.ERROR, f"the review date {entry.reviewed} is in the future", "reviewed")
    else:
        limit = STALE_DAYS_TIME_SENSITIVE if entry.time_sensitive else STALE_DAYS
        age = (today - entry.reviewed).days
        if age > limit:
            kind = "time-sensitive entries" if entry.time_sensitive else "entries"
            add(Severity.WARNING, f"last reviewed {age} days ago; {kind} should be checked every {limit} days", "reviewed")
    problems.extend(_translation_checks(entry))
    return problems


def facts_in(text: str) -> dict[str, set[str]]:
    """The details a translation must keep: web addresses, form numbers, money amounts, numbers."""
    urls = {u.rstrip(".,;:").lower().removeprefix("https://").removeprefix("http://") for u in _URL.findall(text)}
    rest = _URL.sub(" ", text)
    forms = set(_FORM.findall(rest))
    money = {re.sub(r"[\s,]", "", m).rstrip(".") for m in _MONEY.findall(rest)}
    numbers = {re.sub(r"[,.](?=\d{3}\b)", "", n).rstrip(".,") for n in _NUMBER.findall(_FORM.sub(" ", rest))}
    return {"web addresses": urls, "form numbers": forms, "money amounts": money, "numbers": numbers}


def _translation_checks(entry: Entry) -> list[Problem]:
    english = facts_in(entry.answer.en)
    spanish = facts_in(entry.answer.es)
    problems: list[Problem] = []
    for kind in english:
        only_en = sorted(english[kind] - spanish[kind])
        only_es = sorted(spanish[kind] - english[kind])
        if only_en or only_es:
            parts = []
            if only_en:
                parts.append(f"only in English: {', '.join(only_en)}")
            if only_es:
                parts.append(f"only in Spanish: {', '.join(only_es)}")
            problems.append(
                Problem(
                    Severity.WARNING,
                    entry.file,
                    entry.line,
                    f"the English and Spanish answers disagree on {kind} ({'; '.join(parts)})",
                    entry.id,
                    "answer",
                )
            )
    return problems


def _duplicate_phrasings(faq: Faq) -> list[Problem]:
    owner: dict[str, Entry] = {}
    problems: list[Problem] = []
    for entry in faq.entries:
        for lang in LANGS:
            for question in entry.questions[lang]:
                key = normalize(question)
                other = owner.get(key)
                if other is not None and other.id != entry.id:
                    problems.append(
                        Problem(
                            Severity.WARNING,
                            entry.file,
                            entry.line,
                            f"the question '{question}' is also a question of '{other.id}'; keep it in one entry",
                            entry.id,
                            f"questions.{lang.value}",
                        )
                    )
                owner.setdefault(key, entry)
    return problems


def find_collisions(faq: Faq, matcher: Matcher | None = None) -> list[Problem]:
    """Warn about phrasings that, left out of their own entry, would be answered by another one."""
    matcher = matcher or Matcher(faq)
    problems: list[Problem] = []
    for entry in faq.entries:
        for lang in LANGS:
            for index, question in enumerate(entry.questions[lang]):
                result = matcher.match(question, fallback=lang, exclude=(entry.id, lang, index))
                if result.band in (Band.ANSWER, Band.URGENT) and result.entry_id != entry.id:
                    problems.append(
                        Problem(
                            Severity.WARNING,
                            entry.file,
                            entry.line,
                            f"the question '{question}' would be answered by '{result.entry_id}'; rephrase it or that entry's questions",
                            entry.id,
                            f"questions.{lang.value}",
                        )
                    )
    return problems
