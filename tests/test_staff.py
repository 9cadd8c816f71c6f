from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from bot.model import Lang
from bot.staff import group_unanswered, reload_faq, stats_report, unanswered_report
from bot.store import Unanswered
from conftest import TODAY, edit


def item(text: str, closest: str | None = None) -> Unanswered:
    return Unanswered(text, closest, Lang.ES, datetime(2026, 11, 27, tzinfo=timezone.utc))


def test_reload_keeps_the_old_faq_on_errors_and_says_where(mini: Path) -> None:
    good = reload_faq(mini, TODAY)
    assert good.faq is not None and good.report.startswith("FAQ reloaded: 3 entries")
    edit(mini / "detention.yaml", "related: [ice-at-door]", "related: [ice-at-door, bail]")
    bad = reload_faq(mini, TODAY)
    assert bad.faq is None
    assert "NOT reloaded" in bad.report and "detention.yaml, line" in bad.report and "'bail'" in bad.report


def test_unanswered_are_grouped_by_similarity_largest_first() -> None:
    items = [
        item("como saco la residencia por matrimonio", "asylum-green-card"),
        item("quiero divorciarme"),
        item("residencia por matrimonio con ciudadano", "asylum-green-card"),
        item("como saco residencia por matrimonio?", None),
    ]
    groups = group_unanswered(items)
    assert [g.count for g in groups] == [3, 1]
    assert groups[0].closest == "asylum-green-card"
    report = unanswered_report(items)
    assert report.splitlines()[1].startswith("3x [asylum-green-card]")
    assert unanswered_report([]) == "No unanswered questions in this period."


def test_stats_report() -> None:
    text = stats_report({("answer", "bond"): 4, ("urgent", "ice-at-door"): 2, ("none", "-"): 3}, {"bond": (3, 1)}, 5, 7)
    assert text.splitlines()[0] == "Last 7 day(s): answer 4, none 3, urgent 2"
    assert "bond: 4 answer(s), 👍 3 👎 1" in text and "Unanswered kept: 5" in text
