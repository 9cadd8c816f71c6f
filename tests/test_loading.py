"""The loader reports each kind of staff mistake with its file, line, entry and field."""

from __future__ import annotations

from pathlib import Path

from bot.loading import load_faq
from bot.model import Lang
from bot.problems import Problem, Severity, errors
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
