"""The loader reports each kind of staff mistake with its file, line, entry and field."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from bot.loading import load_faq
from bot.model import Lang
from bot.problems import Problem, Severity, errors
from bot.schedule import Meeting
from conftest import edit, line_of


def only_error(faq_dir: Path) -> Problem:
    found = errors(load_faq(faq_dir).problems)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_valid_faq_loads_in_menu_order(mini: Path) -> None:
    result = load_faq(mini)
    assert errors(result.problems) == []
    assert result.faq is not None
    assert [c.id for c in result.faq.categories] == ["raids", "detention"]
    assert [e.id for e in result.faq.entries] == ["ice-at-door", "bond", "find-detainee"]
    bond = result.faq.by_id["bond"]
    assert bond.time_sensitive and not bond.urgent
    assert bond.questions[Lang.ES][0] == "como funciona la fianza de inmigracion"
    assert result.faq.office.values["phone"].value[Lang.EN] == "(555) 010-0000"


def test_yaml_syntax_error_names_file_and_line(mini: Path) -> None:
    path = mini / "detention.yaml"
    edit(path, "      en: Immigration bond\n", "      en: Immigration bond: what: is it\n")
    problem = only_error(mini)
    assert problem.file.endswith("detention.yaml")
    assert problem.line == line_of(path, "Immigration bond: what")
    assert "not valid YAML" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "broken_line", "says"),
    [
        # The parser notices a missing colon after `id` only on the next line; the report names the broken one.
        ("  - id: ice-at-door", "  - id ice-at-door", "- id ice-at-door", "colon seems to be missing"),
        ("    urgent: true", "    urgent true", "urgent true", "colon seems to be missing"),
        ("      en: ICE is at my door", "      en: Note: ICE is at my door", "Note: ICE", "in double quotes"),
        ("      es: La migra en mi puerta", "     es: La migra en mi puerta", "La migra en mi puerta", "fix its indentation"),
        ("      en: ICE is at my door", '      en: "ICE is at my door', "ICE is at my door", "never closed"),
        ("    urgent: true", "\turgent: true", "urgent: true", "tab"),
    ],
)
def test_yaml_mistakes_point_at_the_broken_line_in_plain_words(
    mini: Path, old: str, new: str, broken_line: str, says: str
) -> None:
    path = mini / "raids.yaml"
    edit(path, old, new)
    (problem,) = [p for p in errors(load_faq(mini).problems) if p.file.endswith("raids.yaml")]
    assert problem.line == line_of(path, broken_line), problem
    assert "not valid YAML" in problem.message and says in problem.message, problem.message


def test_answer_text_without_a_colon_is_not_blamed_for_the_next_line(mini: Path) -> None:
    path = mini / "raids.yaml"
    edit(path, "      es: |\n        No abra", "      es: Note: |\n        No abra")
    problem = only_error(mini)
    assert problem.line == line_of(path, "es: Note:"), problem


def test_duplicate_key_in_one_block(mini: Path) -> None:
    path = mini / "raids.yaml"
    edit(path, "    time_sensitive: false\n", "    time_sensitive: false\n    urgent: false\n")
    problem = only_error(mini)
    assert problem.line == line_of(path, "urgent: false")
    assert "appears twice" in problem.message


def test_missing_spanish_answer(mini: Path) -> None:
    path = mini / "raids.yaml"
    edit(path, "      es: |\n        No abra la puerta. Llámenos al {office.phone}.\n", "")
    problem = only_error(mini)
    assert (problem.entry_id, problem.field) == ("ice-at-door", "answer.es")
    assert problem.line == line_of(path, "    answer:")
    assert "Spanish" in problem.message


def test_missing_field_and_empty_field(mini: Path) -> None:
    path = mini / "detention.yaml"
    edit(path, "    sources:\n      - title: EOIR\n        url: https://www.justice.gov/eoir\n", "")
    edit(path, "      es: Fianza de inmigración\n", "      es: ''\n")
    found = {(p.entry_id, p.field): p for p in errors(load_faq(mini).problems)}
    assert set(found) == {("bond", "sources"), ("bond", "title.es")}
    assert found[("bond", "sources")].line == line_of(path, "- id: bond")
    assert found[("bond", "title.es")].line == line_of(path, "es: ''")


def test_unknown_field_suggests_the_right_name(mini: Path) -> None:
    path = mini / "detention.yaml"
    edit(path, "    related: [ice-at-door]\n", "    related: [ice-at-door]\n    anwser: oops\n")
    problem = only_error(mini)
    assert problem.line == line_of(path, "anwser")
    assert "did you mean 'answer'" in problem.message


def test_bad_date_bad_url_bad_flag_bad_id(mini: Path) -> None:
    path = mini / "detention.yaml"
    edit(path, "    reviewed: 2026-11-01\n", "    reviewed: 31/11/2026\n")
    edit(path, "url: https://www.justice.gov/eoir", "url: www.justice gov")
    edit(path, "    urgent: false\n", "    urgent: maybe\n")
    edit(path, "  - id: find-detainee", "  - id: Find Detainee")
    found = {p.field: p for p in errors(load_faq(mini).problems)}
    assert set(found) == {"reviewed", "sources.url", "urgent", "id"}
    assert found["reviewed"].line == line_of(path, "31/11/2026")
    assert found["sources.url"].line == line_of(path, "www.justice gov")
    assert found["urgent"].line == line_of(path, "urgent: maybe")
    assert found["id"].line == line_of(path, "Find Detainee")


def test_office_file_missing_and_bad_time_zone(mini: Path) -> None:
    (mini / "office-details.yaml").unlink()
    problem = only_error(mini)
    assert problem.file.endswith("office-details.yaml")
    assert "missing" in problem.message


def test_office_time_zone_must_exist(mini: Path) -> None:
    path = mini / "office-details.yaml"
    edit(path, "America/Los_Angeles", "America/Van_Nuys")
    problem = only_error(mini)
    assert problem.field == "office.time_zone"
    assert problem.line == line_of(path, "America/Van_Nuys")


def test_vocabulary_variant_under_two_words(mini: Path) -> None:
    path = mini / "vocabulary.yaml"
    edit(path, "variants: [fiansa]", "variants: [fiansa, migra]")
    problem = only_error(mini)
    assert "both 'ice'" in problem.message
    assert problem.line == line_of(path, "fiansa, migra")


def test_file_that_is_not_utf8(mini: Path) -> None:
    path = mini / "raids.yaml"
    path.write_bytes(path.read_bytes().replace("Llámenos".encode(), "Llámenos".encode("latin-1")))
    expected_line = path.read_bytes().split(b"\n").index(b"        No abra la puerta. Ll\xe1menos al {office.phone}.") + 1
    problem = only_error(mini)
    assert "UTF-8" in problem.message
    assert problem.line == expected_line


def test_problem_reads_as_plain_words(mini: Path) -> None:
    path = mini / "detention.yaml"
    edit(path, "    related: [ice-at-door]\n", "    related: [ice-at-door]\n    anwser: oops\n")
    text = str(only_error(mini))
    assert text.startswith("ERROR ")
    assert "detention.yaml, line" in text and "entry 'bond'" in text and "field 'anwser'" in text
    assert Severity.ERROR.value in text.lower()


# -- the consultation schedule in the office file ---------------------------------------------


def schedule_problems(faq_dir: Path) -> dict[str, Problem]:
    """The errors, by field; every one of them must be about the schedule."""
    found = errors(load_faq(faq_dir).problems)
    assert all(p.field and p.field.startswith("schedule") for p in found), [str(p) for p in found]
    by_field = {p.field: p for p in found if p.field}
    assert len(by_field) == len(found), [str(p) for p in found]
    return by_field


def test_schedule_loads_with_spanish_day_names(mini: Path) -> None:
    result = load_faq(mini)
    assert result.problems == []
    assert result.faq is not None and result.faq.schedule is not None
    schedule = result.faq.schedule
    assert schedule.time_zone == "America/Los_Angeles"
    assert schedule.length == timedelta(minutes=30)
    assert schedule.weekly[0] == ((time(9), time(12)), (time(13), time(17)))
    assert schedule.weekly[2] == ((time(9), time(12)),)  # written as 'miércoles'
    assert schedule.weekly[5] == schedule.weekly[6] == ()  # saturday: [], sunday left out
    assert schedule.closed == {date(2026, 12, 24), date(2026, 12, 25)}
    assert (schedule.capacity, schedule.ahead_days, schedule.min_notice) == (2, 14, timedelta(hours=4))
    assert schedule.meetings == (Meeting.PHONE, Meeting.VIDEO, Meeting.IN_PERSON)
    assert schedule.confirmed


def test_schedule_may_be_left_out(mini: Path) -> None:
    path = mini / "office-details.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("schedule:")], encoding="utf-8")
    result = load_faq(mini)
    assert result.problems == []
    assert result.faq is not None and result.faq.schedule is None


def test_unconfirmed_schedule_is_a_warning(mini: Path) -> None:
    path = mini / "office-details.yaml"
    edit(path, "  confirmed: true\n", "  confirmed: false\n")
    result = load_faq(mini)
    (problem,) = result.problems
    assert problem.severity is Severity.WARNING
    assert (problem.field, problem.line) == ("schedule.confirmed", line_of(path, "confirmed: false"))
    assert "the consultation schedule is a draft: the office has not confirmed it" in problem.message
    assert result.faq is not None and result.faq.schedule is not None and not result.faq.schedule.confirmed


def test_schedule_unknown_setting_suggests_the_right_name(mini: Path) -> None:
    path = mini / "office-details.yaml"
    edit(path, "  book_ahead_days: 14\n", "  book_ahead_days: 14\n  closed_date: [2026-12-31]\n")
    problem = only_error(mini)
    assert (problem.field, problem.line) == ("schedule.closed_date", line_of(path, "closed_date:"))
    assert "did you mean 'closed_dates'" in problem.message


def test_misspelled_schedule_block_suggests_the_right_name(mini: Path) -> None:
    path = mini / "office-details.yaml"
    edit(path, "schedule:\n", "schedul:\n")
    problem = only_error(mini)
    assert problem.line == line_of(path, "schedul:")
    assert "did you mean 'schedule'" in problem.message


def test_schedule_missing_setting(mini: Path) -> None:
    path = mini / "office-details.yaml"
    edit(path, "  book_ahead_days: 14\n", "")
    problem = only_error(mini)
    assert (problem.field, problem.line) == ("schedule.book_ahead_days", line_of(path, "schedule:"))
    assert "missing" in problem.message


def test_schedule_bad_time_ranges(mini: Path) -> None:
    path = mini / "office-details.yaml"
    edit(path, 'monday: ["09:00-12:00", "13:00-17:00"]', 'monday: ["9-5"]')
    edit(path, 'tuesday: ["09:00-12:00", "13:00-17:00"]', 'tuesday: ["17:00-09:00"]')
    edit(path, 'thursday: ["09:00-12:00", "13:00-17:00"]', 'thursday: ["09:00-12:00", "11:00-13:00"]')
    edit(path, 'friday: ["09:00-12:00", "13:00-17:00"]', 'friday: ["09:00-12:00", "13:00-13:15"]')
    edit(path, "saturday: []", 'saturday: ["09:00-25:00"]')
    found = schedule_problems(mini)
    assert set(found) == {f"schedule.weekly_hours.{day}" for day in ("monday", "tuesday", "thursday", "friday", "saturday")}
    for day, says in [
        ("monday", '"09:00-17:00"'),
        ("tuesday", "ends before it starts"),
        ("thursday", "'11:00-13:00' overlaps '09:00-12:00'"),
        ("friday", "shorter than one consultation (30 minutes)"),
        ("saturday", "does not exist"),
    ]:
        problem = found[f"schedule.weekly_hours.{day}"]
        assert says in problem.message, str(problem)
        assert problem.line == line_of(path, f"{day}:")
        assert problem.file.endswith("office-details.yaml")


def test_schedule_periods_one_per_line_point_at_their_line(mini: Path) -> None:
    path = mini / "office-details.yaml"
    edit(path, 'monday: ["09:00-12:00", "13:00-17:00"]', 'monday:\n      - "09:00-12:00"\n      - "12:00 to 17:00"')
    problem = only_error(mini)
    assert (problem.field, problem.line) == ("schedule.weekly_hours.monday", line_of(path, "12:00 to 17:00"))


def test_schedule_unknown_and_repeated_weekdays(mini: Path) -> None:
    path = mini / "office-details.yaml"
    edit(path, "    thursday:", "    thursdy:")
    edit(path, "    saturday: []", "    saturday: []\n    lunes: []")
    found = schedule_problems(mini)
    assert set(found) == {"schedule.weekly_hours.thursdy", "schedule.weekly_hours.lunes"}
    assert "did you mean 'thursday'" in found["schedule.weekly_hours.thursdy"].message
    assert found["schedule.weekly_hours.thursdy"].line == line_of(path, "thursdy:")
    repeated = found["schedule.weekly_hours.lunes"]
    assert f"same day as 'monday' on line {line_of(path, 'monday:')}" in repeated.message
    assert repeated.line == line_of(path, "lunes:")


def test_schedule_bad_dates_numbers_and_ways_to_meet(mini: Path) -> None:
    path = mini / "office-details.yaml"
    edit(path, "  closed_dates: [2026-12-24, 2026-12-25]", "  closed_dates:\n    - 2026-12-24\n    - 24/12/2026")
    edit(path, "consultation_minutes: 30", "consultation_minutes: 0")
    edit(path, "at_the_same_time: 2", "at_the_same_time: -1")
    edit(path, "book_ahead_days: 14", "book_ahead_days: two weeks")
    edit(path, "minimum_notice_hours: 4", "minimum_notice_hours: -2")
    edit(path, "ways_to_meet: [phone, video, in_person]", "ways_to_meet: [phone, zoom]")
    found = schedule_problems(mini)
    assert set(found) == {
        "schedule.closed_dates",
        "schedule.consultation_minutes",
        "schedule.at_the_same_time",
        "schedule.book_ahead_days",
        "schedule.minimum_notice_hours",
        "schedule.ways_to_meet",
    }
    assert found["schedule.closed_dates"].line == line_of(path, "24/12/2026")
    assert "YYYY-MM-DD" in found["schedule.closed_dates"].message
    assert found["schedule.consultation_minutes"].line == line_of(path, "consultation_minutes: 0")
    assert "above 0" in found["schedule.consultation_minutes"].message
    assert "above 0" in found["schedule.at_the_same_time"].message
    assert "whole number" in found["schedule.book_ahead_days"].message
    assert "0 or more" in found["schedule.minimum_notice_hours"].message
    ways = found["schedule.ways_to_meet"]
    assert ways.line == line_of(path, "zoom")
    assert "'zoom'" in ways.message and "phone, video, in_person" in ways.message


def test_schedule_with_no_hours_on_any_day(mini: Path) -> None:
    path = mini / "office-details.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  weekly_hours:\n")
    path.write_text(text[:start] + "  weekly_hours:\n    monday: []\n" + text[text.index("  closed_dates:") :], encoding="utf-8")
    problem = only_error(mini)
    assert (problem.field, problem.line) == ("schedule.weekly_hours", line_of(path, "weekly_hours:"))
    assert "no day has opening hours" in problem.message


def test_schedule_problem_reads_as_plain_words(mini: Path) -> None:
    edit(mini / "office-details.yaml", 'monday: ["09:00-12:00", "13:00-17:00"]', 'monday: ["9-5"]')
    text = str(only_error(mini))
    assert "office-details.yaml, line" in text and "field 'schedule.weekly_hours.monday'" in text
    assert "'9-5' is not a time range" in text


def test_a_date_that_does_not_exist_is_reported_not_a_crash(mini: Path) -> None:
    path = mini / "detention.yaml"
    edit(path, "    reviewed: 2026-11-01\n", "    reviewed: 2026-02-30\n")
    problem = only_error(mini)
    assert (problem.field, problem.line) == ("reviewed", line_of(path, "2026-02-30"))


def test_requires_is_optional_and_checked(mini: Path) -> None:
    path = mini / "detention.yaml"
    edit(path, "    related: [ice-at-door]\n", "    related: [ice-at-door]\n    requires: [fianz, bond]\n")
    faq = load_faq(mini).faq
    assert faq is not None and faq.by_id["bond"].requires == ("fianz", "bond")
    edit(path, "    requires: [fianz, bond]\n", "    requires: [fianza de inmigracion, 'ab']\n")
    problem = only_error(mini)
    assert (problem.field, problem.line) == ("requires", line_of(path, "requires:"))
    assert "'fianza de inmigracion'" in problem.message and "'ab'" in problem.message
