"""The command line through main([...]): what staff and developers see."""

from __future__ import annotations

import io
import sys
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.cli import main
from conftest import LABELLED, REAL_FAQ, TODAY, edit, line_of


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    code = main(list(argv), clock=lambda: TODAY, stdin=io.StringIO(stdin) if stdin is not None else None)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_passes_on_committed_faq(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--faq", str(REAL_FAQ), "check")
    assert code == 0, out
    assert "OK: " in out.splitlines()[-1] and "0 error(s)" in out


def test_check_reports_every_problem_of_a_broken_copy(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    raids, detention = mini / "raids.yaml", mini / "detention.yaml"
    edit(detention, "  - id: find-detainee", "  - id: ice-at-door")  # duplicate id
    edit(raids, "      es: |\n        No abra la puerta. Llámenos al {office.phone}.\n", "")  # no Spanish answer
    edit(raids, "related: [bond]", "related: [bond, bail]")  # unknown related id
    (mini / "court.yaml").write_text("title:\n  en: Court\n  es: Corte\nentries:\n  - id: x\n    title: [unclosed\n")
    code, out, err = run(capsys, "--faq", str(mini), "check")
    assert code == 1
    assert "Traceback" not in out + err
    assert f"court.yaml, line 6" in out and "not valid YAML" in out
    assert f"raids.yaml, line {line_of(raids, '    answer:')}: entry 'ice-at-door', field 'answer.es'" in out
    assert f"raids.yaml, line {line_of(raids, '- id: ice-at-door')}: entry 'ice-at-door', field 'related'" in out
    assert "'bail' is not the id of any entry" in out
    assert f"detention.yaml, line {line_of(detention, '- id: ice-at-door')}" in out and "already used" in out
    assert out.splitlines()[-1].startswith("FAILED")


def test_check_strict_fails_on_warnings(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    edit(mini / "office-details.yaml", 'phone: "(555) 010-0000"', 'phone: "TODO"')
    assert run(capsys, "--faq", str(mini), "check")[0] == 0
    code, out, _ = run(capsys, "--faq", str(mini), "check", "--strict")
    assert code == 1 and "WARNING" in out and "(strict)" in out


def test_ask_json_has_exactly_the_documented_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--faq", str(REAL_FAQ), "ask", "--json", "la migra está en mi puerta")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["id", "band", "lang", "score", "suggestions"]
    assert data == {"id": "ice-at-door", "band": "urgent", "lang": "es", "score": data["score"], "suggestions": []}
    assert isinstance(data["score"], int) and 0 <= data["score"] <= 100


def test_ask_json_reads_one_message_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    lines = "fianza\nhow do I get a divorce\n\nICE is at my door\n"
    code, out, _ = run(capsys, "--faq", str(REAL_FAQ), "ask", "--json", "-", stdin=lines)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4
    assert rows[0]["id"] == "bond" and rows[0]["band"] == "answer" and rows[0]["lang"] == "es"
    assert rows[1]["id"] is None and rows[1]["band"] in ("none", "suggest")
    assert rows[2] == {"id": None, "band": "none", "lang": "en", "score": 0, "suggestions": []}
    assert rows[3]["band"] == "urgent"
    for row in rows:
        assert set(row) == {"id", "band", "lang", "score", "suggestions"}
        if row["band"] not in ("urgent", "answer"):
            assert row["id"] is None


def test_ask_prints_the_answer_as_the_user_sees_it(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    code, out, _ = run(capsys, "--faq", str(mini), "ask", "ICE", "is", "at", "my", "door")
    assert code == 0
    assert "band: urgent" in out and "id: ice-at-door" in out and "lang: en" in out
    assert "Do not open the door. Call us at (555) 010-0000." in out
    assert "https://www.aclu.org/know-your-rights/immigrants-rights" in out


def test_a_reader_that_stops_early_is_not_reported_as_a_bug(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):  # what `python -m bot list | head -1` leaves print() with
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    code = main(["--faq", str(REAL_FAQ), "list"], clock=lambda: TODAY)
    assert code == 141
    assert "went wrong" not in capsys.readouterr().err


def test_list_and_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--faq", str(REAL_FAQ), "list")
    assert code == 0 and "ice-at-door" in out and "urgent" in out
    code, out, _ = run(capsys, "--faq", str(REAL_FAQ), "list", "--json")
    rows = json.loads(out)
    assert len(rows) >= 47
    door = next(r for r in rows if r["id"] == "ice-at-door")
    assert door["languages"] == ["en", "es"] and door["urgent"] is True and door["category"] == "raids"


def test_eval_prints_figures_and_misses(capsys: pytest.CaptureFixture[str], tmp_path: Path, mini: Path) -> None:
    labelled = tmp_path / "set.yaml"
    labelled.write_text(
        '- q: "la migra esta en mi puerta"\n  expect: [ice-at-door]\n'
        '- q: "cuanto es la fiansa"\n  expect: [bond]\n'
        '- q: "receta de pozole"\n  expect: []\n'
        '- q: "how do i find my brother in detention"\n  expect: [bond]\n'
    )
    code, out, _ = run(capsys, "--faq", str(mini), "eval", str(labelled))
    assert code == 0
    assert "top-1" in out and "false answers" in out
    assert "MISS" in out and "how do i find my brother" in out
    code, _, err = run(capsys, "--faq", str(mini), "eval", str(labelled), "--min-accuracy", "90")
    assert code == 1 and "below the floor" in err


def test_eval_on_labelled_set_holds_the_floor(capsys: pytest.CaptureFixture[str]) -> None:
    """CI holds the line. The floor is today's level less a little; the goal is 95 % (see the README)."""
    code, out, err = run(
        capsys, "--faq", str(REAL_FAQ), "eval", str(LABELLED), "--quiet", "--min-accuracy", "94.5", "--max-false-answers", "2.5"
    )
    print(out)
    assert code == 0, out + err


def test_eval_bad_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- q: hi\n  expect: nope\n")
    code, out, err = run(capsys, "--faq", str(REAL_FAQ), "eval", str(bad))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "line 1" in err and "Traceback" not in err


def test_chat_with_piped_input(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    code, out, _ = run(capsys, "--faq", str(mini), "chat", stdin="la migra esta en mi puerta\n1\nmenu\n")
    assert code == 0
    assert "información general" in out  # the notice, once, in the user's language
    assert out.count("información general") == 1
    assert "No abra la puerta" in out
    assert "1) Fianza de inmigración" in out  # related entry offered as choice 1
    assert "La fianza mínima es de $1,500" in out  # choice 1 taken
    assert "Encuentros con la migra" in out  # the menu


def test_no_subcommand_without_token_starts_chat(capsys: pytest.CaptureFixture[str], mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(mini)
    code, out, err = run(capsys, "--faq", str(mini), stdin="hola\n")
    assert code == 0
    assert "terminal chat" in err and err.count("\n") == 1
    assert "Hello" in out


def test_malformed_token_is_one_clear_line(capsys: pytest.CaptureFixture[str], mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "not-a-token")
    monkeypatch.chdir(mini)
    code, out, err = run(capsys, "--faq", str(mini))
    assert code == 2
    assert "TELEGRAM_BOT_TOKEN" in err and "not-a-token" not in err and err.count("\n") == 1


def test_missing_faq_folder_is_a_user_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--faq", str(tmp_path / "nowhere"), "ask", "hola")
    assert code == 2 and "Traceback" not in err and "python -m bot check" in err


def test_unexpected_fault_is_one_line_without_traceback(
    capsys: pytest.CaptureFixture[str], mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("BOT_DEBUG", raising=False)
    monkeypatch.setattr(bot.cli, "check_faq", broken)
    code, out, err = run(capsys, "--faq", str(mini), "check")
    assert code == 3 and "Traceback" not in err and err.count("\n") == 1 and "BOT_DEBUG" in err


def test_chat_books_a_consultation_on_the_database_and_resumes_after_a_restart(
    capsys: pytest.CaptureFixture[str], mini: Path, own_database: Path
) -> None:
    from bot.store import SqliteStore

    code, out, _ = run(capsys, "--faq", str(mini), "chat", stdin="/book\n1\nRosa\n818 555 0134\n1\n")
    assert code == 0 and "Which day?" in out  # left half-way, like a closed terminal
    code, out, _ = run(capsys, "--faq", str(mini), "chat", stdin="/book\n1\n1\n3\n1\n")
    assert code == 0 and "Your free consultation is booked." in out and "[file saved:" in out
    saved = Path(out.split("[file saved: ")[1].split("]")[0])
    assert saved.name == "consultation.ics" and b"BEGIN:VEVENT" in saved.read_bytes()
    store = SqliteStore(own_database)
    (booking,) = store.bookings_between(datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc))
    assert booking.name == "Rosa" and booking.phone == "+18185550134"
    assert store.pending_notices(datetime(2100, 1, 1, tzinfo=timezone.utc))  # staff hear of it when the bot runs
