"""Høringsparter and høringssvar (aarshjul/services/hoering.py, aarshjul/cli/hoering.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from aarshjul.app import App
from aarshjul.errors import InvalidInput
from tests.cli import counts
from tests.conftest import Cli


@pytest.fixture
def in_hoering(people: App) -> App:
    """Item 1 in høring until 15 March 2027."""
    people.items.add("Børne- og ungestrategi", owner="dir")
    while people.items.show("1").state != "buu":
        people.moves.advance(["1"], force=True, reason="test", decision="Godkendt")
    people.moves.advance(["1"], force=True, reason="test", decision="I høring",
                         until=date(2027, 3, 15))
    return people


def test_parties_are_added_listed_and_removed_and_audited(in_hoering: App, cli: Cli) -> None:
    assert cli("hoering", "parts", "1", "--add", "Skolebestyrelsen  Skole A", "--email",
               "sb@skolea.example").exit_code == 0
    assert cli("hoering", "parts", "1", "--add", "Handicaprådet").exit_code == 0
    listed = json.loads(cli("--json", "hoering", "parts", "1").output)
    assert listed["received"] == 0
    assert [(p["name"], p["email"]) for p in listed["parties"]] == [
        ("Handicaprådet", None), ("Skolebestyrelsen Skole A", "sb@skolea.example")]
    assert cli("hoering", "parts", "1", "--remove", "handicaprådet").exit_code == 0
    assert [p.name for p in in_hoering.hoering.show("1").parties] == [
        "Skolebestyrelsen Skole A"]
    actions = [h.action for h in in_hoering.items.history("1")]
    assert actions[-3:] == ["hoering-party-add", "hoering-party-add", "hoering-party-remove"]
    history = cli("history", "1").output
    assert "høringspart fjernet: Handicaprådet" in history


def test_an_answer_is_registered_with_date_and_file_or_link(in_hoering: App, cli: Cli,
                                                            tmp_path: Path) -> None:
    for name in ("Skolebestyrelsen", "Handicaprådet", "MED"):
        in_hoering.hoering.add_party("1", name)
    answer = tmp_path / "svar.pdf"
    answer.write_bytes(b"%PDF-1.4")
    assert cli("hoering", "answer", "1", "Skolebestyrelsen", "--received", "2027-02-26",
               "--file", str(answer), "--note", "Bakker op").exit_code == 0
    assert cli("hoering", "answer", "1", "MED", "--received", "2027-03-01", "--link",
               "https://esdh.example/sag/27.00.00-A00-1-26").exit_code == 0
    view = in_hoering.hoering.show("1")
    assert view.received == 2 and len(view.parties) == 3
    by_name = {p.name: p for p in view.parties}
    assert by_name["Skolebestyrelsen"].received_on == date(2027, 2, 26)
    assert by_name["Skolebestyrelsen"].file == str(answer.resolve())
    assert by_name["MED"].link.startswith("https://esdh.example/")
    assert not by_name["Handicaprådet"].answered
    shown = cli("hoering", "show", "1").output
    assert "2 af 3 høringssvar modtaget" in shown and "ikke modtaget" in shown
    assert "2 of 3 consultation answers received" in cli("hoering", "show", "1",
                                                         lang="en").output


def test_the_status_report_counts_the_answers_of_items_in_hoering(in_hoering: App,
                                                                   cli: Cli) -> None:
    for name in ("A", "B", "C", "D", "E"):
        in_hoering.hoering.add_party("1", name)
    for name in ("A", "B", "C"):
        in_hoering.hoering.answer("1", name, received=date(2027, 2, 27))
    assert "3 af 5 høringssvar modtaget" in cli("report", "status").output
    assert "3 of 5 consultation answers received" in cli("report", "status", lang="en").output
    in_hoering.moves.advance(["1"], force=True, reason="test")  # høring over: no count
    assert "høringssvar modtaget" not in cli("report", "status").output


@pytest.mark.parametrize(("argv", "code", "da", "en"), [
    (("hoering", "answer", "1", "Ukendt", "--received", "2027-02-26"), 2,
     "er ikke høringspart", "is not a consultation party"),
    (("hoering", "answer", "1", "A", "--received", "2027-03-02"), 2,
     "ligger efter i dag", "is after today"),
    (("hoering", "answer", "1", "A", "--received", "2027-02-26", "--file", "/nope/svar.pdf"),
     2, "findes ikke", "does not exist"),
    (("hoering", "answer", "1", "A", "--received", "2027-02-26", "--link", "esdh/sag"), 2,
     "er ikke en webadresse", "is not a web address"),
    (("hoering", "answer", "1", "A", "--received", "26-02-2027"), 2, "--received", "--received"),
    (("hoering", "parts", "1", "--add", "a"), 2, "allerede høringspart", "already a"),
    (("hoering", "parts", "1", "--add", "B", "--email", "nope"), 2, "nope", "nope"),
    (("hoering", "parts", "1", "--add", "B", "--remove", "A"), 2, "ikke begge", "not both"),
    (("hoering", "parts", "1.1", "--add", "B"), 2, "ingen høring", "no public consultation"),
])
def test_refusals_say_why_in_both_languages_and_write_nothing(
        in_hoering: App, cli: Cli, argv: tuple[str, ...], code: int, da: str, en: str) -> None:
    in_hoering.hoering.add_party("1", "A")
    in_hoering.items.add("Handleplan", ref="1.1", kind="handlemaal")
    before = counts(in_hoering)
    danish = cli(*argv)
    assert danish.exit_code == code and da in danish.output, danish.output
    english = cli(*argv, lang="en")
    assert english.exit_code == code and en in english.output, english.output
    assert "Traceback" not in danish.output + english.output
    assert counts(in_hoering) == before


def test_a_party_that_has_answered_cannot_be_removed(in_hoering: App) -> None:
    in_hoering.hoering.add_party("1", "A")
    in_hoering.hoering.answer("1", "A", received=date(2027, 2, 27))
    with pytest.raises(InvalidInput) as info:
        in_hoering.hoering.remove_party("1", "A")
    assert "kan ikke fjernes" in info.value.message("da")
    assert in_hoering.hoering.show("1").received == 1


def test_the_xlsx_report_has_the_case_number_and_the_answers(in_hoering: App,
                                                            tmp_path: Path) -> None:
    from openpyxl import load_workbook

    in_hoering.items.edit("1", case_number="27.00.00-A00-1-26")
    for name in ("A", "B"):
        in_hoering.hoering.add_party("1", name)
    in_hoering.hoering.answer("1", "A", received=date(2027, 2, 27))
    path = tmp_path / "status.xlsx"
    in_hoering.reports.export("xlsx", path)
    sheet = load_workbook(path)["Punkter"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index("Sagsnr.")] == "27.00.00-A00-1-26"
    assert row[header.index("Høringssvar")] == "1 af 2 høringssvar modtaget"
