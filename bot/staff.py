"""What the office's staff see: reload reports, statistics, unanswered questions grouped.

Pure functions over plain data; the Telegram adapter decides who may ask (the staff chat).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz

from bot.model import Faq
from bot.problems import errors
from bot.store import Unanswered
from bot.text import normalize
from bot.validation import check_faq

SIMILAR: float = 70.0  # token_set_ratio at which two unanswered questions count as one group
MAX_PROBLEMS_SHOWN = 15


@dataclass(frozen=True)
class Reload:
    faq: Faq | None  # the new FAQ, or None when the files have errors (keep serving the old one)
    report: str


def reload_faq(directory: Path, today: date) -> Reload:
    result = check_faq(directory, today)
    if result.faq is not None:
        faq = result.faq
        return Reload(faq, f"FAQ reloaded: {len(faq.entries)} entries in {len(faq.categories)} categories.")
    found = errors(result.problems)
    lines = [f"The FAQ was NOT reloaded: {len(found)} error(s). The bot keeps answering with the last good version."]
    lines.extend(str(p) for p in found[:MAX_PROBLEMS_SHOWN])
    if len(found) > MAX_PROBLEMS_SHOWN:
        lines.append(f"... and {len(found) - MAX_PROBLEMS_SHOWN} more: run python -m bot check")
    return Reload(None, "\n".join(lines))


@dataclass(frozen=True)
class Group:
    example: str
    count: int
    closest: str | None


def group_unanswered(items: list[Unanswered]) -> list[Group]:
    """Greedy grouping by similarity, largest groups first, so staff see what people keep asking."""
    groups: list[tuple[str, list[Unanswered]]] = []
    for item in items:
        key = normalize(item.text)
        for representative, members in groups:
            if fuzz.token_set_ratio(key, representative, processor=None) >= SIMILAR:
                members.append(item)
                break
        else:
            groups.append((key, [item]))
    result = []
    for _, members in groups:
        closest = Counter(m.closest for m in members if m.closest).most_common(1)
        result.append(Group(members[-1].text, len(members), closest[0][0] if closest else None))
    return sorted(result, key=lambda g: -g.count)


def unanswered_report(items: list[Unanswered], limit: int = 20) -> str:
    if not items:
        return "No unanswered questions in this period."
    lines = [f"{len(items)} unanswered question(s), grouped (count, closest entry, latest wording):"]
    for group in group_unanswered(items)[:limit]:
        lines.append(f"{group.count}x [{group.closest or '-'}] {group.example}")
    return "\n".join(lines)


def stats_report(answers: dict[tuple[str, str], int], feedback: dict[str, tuple[int, int]], unanswered: int, days: int) -> str:
    """answers: (band, entry id or '-') -> count over the period."""
    by_band = Counter()
    by_entry = Counter()
    for (band, entry_id), count in answers.items():
        by_band[band] += count
        if entry_id != "-":
            by_entry[entry_id] += count
    lines = [f"Last {days} day(s): " + ", ".join(f"{band} {count}" for band, count in sorted(by_band.items())) if by_band else f"Last {days} day(s): no questions."]
    lines.append(f"Unanswered kept: {unanswered}")
    for entry_id, count in by_entry.most_common(15):
        up, down = feedback.get(entry_id, (0, 0))
        lines.append(f"{entry_id}: {count} answer(s), 👍 {up} 👎 {down}")
    return "\n".join(lines)
