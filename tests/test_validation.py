"""Checks across the FAQ: errors stop the bot, warnings tell staff what to look at."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from bot.matching import Matcher
from bot.problems import Severity, errors, warnings
from bot.validation import check_faq, facts_in, find_collisions
from conftest import TODAY, edit, line_of


def messages(problems: list, severity: Severity) -> list[str]:
    return [str(p) for p in problems if p.severity is severity]


def test_mini_faq_is_clean(mini: Path) -> None:
    result = check_faq(mini, TODAY)
    assert result.ok, [str(p) for p in result.problems]
    assert result.faq is not None


def test_duplicate_id_across_files_names_both_places(mini: Path) -> None:
    edit(mini / "detention.yaml", "  - id: find-detainee", "  - id: ice-at-door")
    result = check_faq(mini, TODAY)
    assert result.faq is None
    (problem,) = [p for p in errors(result.problems) if p.field == "id"]
    assert problem.file.endswith("raids.yaml") or problem.file.endswith("detention.yaml")
    assert f"line {line_of(mini / 'raids.yaml', '- id: ice-at-door')}" in problem.message or problem.line == line_of(
        mini / "raids.yaml", "- id: ice-at-door"
    )
    assert "already used" in problem.message


def test_unknown_related_id(mini: Path) -> None:
    edit(mini / "detention.yaml", "related: [ice-at-door]", "related: [ice-at-door, bail]")
    (problem,) = errors(check_faq(mini, TODAY).problems)
    assert (problem.entry_id, problem.field) == ("bond", "related")
    assert "'bail'" in problem.message
    assert problem.line == line_of(mini / "detention.yaml", "- id: bond")


def test_unknown_office_name(mini: Path) -> None:
    edit(mini / "raids.yaml", "Call us at {office.phone}.", "Call us at {office.fone}.")
    (problem,) = errors(check_faq(mini, TODAY).problems)
    assert problem.field == "answer.en"
    assert "{office.fone}" in problem.message and "{office.phone}" in problem.message


def test_answer_over_telegram_limit(mini: Path) -> None:
    long_text = "word " * 900
    edit(mini / "detention.yaml", "en: The minimum bond is $1,500. Form I-286.", f"en: The minimum bond is $1,500. Form I-286. {long_text}")
    (problem,) = errors(check_faq(mini, TODAY).problems)
    assert problem.field == "answer.en"
    assert "4096" in problem.message


def test_review_date_in_future_is_an_error(mini: Path) -> None:
    edit(mini / "detention.yaml", "reviewed: 2026-11-01\n    questions:\n      en:\n        - how does", "reviewed: 2027-01-01\n    questions:\n      en:\n        - how does")
    (problem,) = errors(check_faq(mini, TODAY).problems)
    assert (problem.entry_id, problem.field) == ("bond", "reviewed")


def test_stale_reviews_warn_sooner_for_time_sensitive_entries(mini: Path) -> None:
    reviewed = date(2026, 11, 1)
    at_61_days = check_faq(mini, reviewed + timedelta(days=61))
    stale = {p.entry_id for p in warnings(at_61_days.problems) if p.field == "reviewed"}
    assert stale == {"bond"}  # the only time-sensitive entry
    at_181_days = check_faq(mini, reviewed + timedelta(days=181))
    stale = {p.entry_id for p in warnings(at_181_days.problems) if p.field == "reviewed"}
    assert stale == {"bond", "ice-at-door", "find-detainee"}
    assert at_181_days.ok  # warnings do not stop the bot


def test_office_placeholder_warns(mini: Path) -> None:
    edit(mini / "office-details.yaml", 'phone: "(555) 010-0000"', 'phone: "TODO: ask Maria"')
    result = check_faq(mini, TODAY)
    assert result.ok
    (problem,) = warnings(result.problems)
    assert problem.field == "office.phone"
    assert problem.line == line_of(mini / "office-details.yaml", "TODO: ask Maria")


def test_translations_that_disagree_on_facts(mini: Path) -> None:
    edit(mini / "detention.yaml", "es: La fianza mínima es de $1,500. Formulario I-286.", "es: La fianza mínima es de $1,000. Formulario I-268.")
    result = check_faq(mini, TODAY)
    found = " ".join(p.message for p in warnings(result.problems) if p.entry_id == "bond")
    assert "money amounts" in found and "$1500" in found and "$1000" in found
    assert "form numbers" in found and "I-286" in found


def test_facts_in_treats_formats_alike() -> None:
    english = facts_in("Call 1-800-898-7180 by June 23, 2026; fee $1,500. See https://x.gov/a. Form EOIR-33/IC.")
    spanish = facts_in("Llame al 1-800-898-7180 antes del 23 de junio de 2026; costo $1,500. Vea https://x.gov/a Formulario EOIR-33/IC.")
    assert english == spanish


def test_collision_is_reported(mini: Path) -> None:
    # A bond phrasing that is really about finding someone: left out of its own entry it goes elsewhere.
    edit(mini / "detention.yaml", "        - how much is the bond to get out of detention\n", "        - how much is the bond to get out of detention\n        - how do I find my brother in the detainee locator\n")
    result = check_faq(mini, TODAY)
    found = [p for p in warnings(result.problems) if p.field == "questions.en"]
    assert found, [str(p) for p in result.problems]
    assert any("find-detainee" in p.message and p.entry_id == "bond" for p in found)


def test_real_faq_has_no_errors() -> None:
    from conftest import REAL_FAQ

    result = check_faq(REAL_FAQ, TODAY)
    assert errors(result.problems) == [], "\n".join(messages(result.problems, Severity.ERROR))
    assert result.faq is not None and len(result.faq.entries) >= 47


def test_no_collisions_in_real_faq() -> None:
    from conftest import REAL_FAQ

    faq = check_faq(REAL_FAQ, TODAY, collisions=False).faq
    assert faq is not None
    assert [str(p) for p in find_collisions(faq, Matcher(faq))] == []


def test_a_vocabulary_word_no_entry_uses_is_reported(mini: Path) -> None:
    path = mini / "vocabulary.yaml"
    edit(path, "  - canonical: fianza\n", "  - canonical: bail bond\n    variants: [fianza migratoria]\n  - canonical: fianza\n")
    result = check_faq(mini, TODAY)
    (problem,) = [p for p in warnings(result.problems) if p.field == "canonical"]
    assert (problem.file.endswith("vocabulary.yaml"), problem.line) == (True, line_of(path, "canonical: bail bond"))
    assert "'bail bond'" in problem.message and "match nothing" in problem.message
