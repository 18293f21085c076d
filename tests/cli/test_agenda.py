"""``agenda edit/attach/order`` and ``meeting show/agenda/minutes`` on the command line: exit
codes, messages in both languages, and nothing written on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from aarshjul.app import App
from tests.conftest import Cli
from tests.services.agenda_setup import MEETING, omu_meeting


def test_edit_attach_order_and_show(cli: Cli, people: App, tmp_path: Path) -> None:
    a, b = omu_meeting(people, ("Trivsel", "Læring"))
    result = cli("agenda", "edit", MEETING, a, "--indstilling", "At planen godkendes.",
                 "--kind", "beslutning")
    assert result.exit_code == 0, result.output
    assert "Punkt 2 på OMU-2027-03-10 er opdateret." in result.output
    bilag = tmp_path / "bilag.pdf"
    bilag.write_bytes(b"%PDF")
    result = cli("agenda", "attach", MEETING, a, str(bilag), "--title", "Analyse")
    assert result.exit_code == 0 and "Bilag \"Analyse\" er tilføjet" in result.output
    result = cli("agenda", "order", MEETING, b)
    assert result.exit_code == 0, result.output
    shown = cli("meeting", "show", MEETING)
    assert shown.exit_code == 0
    lines = shown.output.splitlines()
    assert "Sagsfrist: onsdag den 3. marts 2027" in lines and "Status:    åben for sager" in lines
    rows = [line.split("  ")[0:2] for line in lines if line[:1].isdigit()]
    assert [r[0].strip() for r in rows] == ["1", "2", "3", "4", "5"]
    point_b = next(line for line in lines if line.startswith("2  2 "))
    assert "mangler indstilling" in point_b and "Læring" in point_b
    data = json.loads(cli("meeting", "show", MEETING, "--json").output)
    assert [p["ref"] for p in data["points"]] == [None, b, a, None, None]
    assert data["points"][2]["bilag"][0]["title"] == "Analyse"
    assert data["points"][1]["missing"] == ["indstilling"]
    english = cli("meeting", "show", MEETING, lang="en")
    assert "Status:        open for cases" in english.output
    assert "no recommendation" in english.output


def test_bad_input_says_what_and_writes_nothing(cli: Cli, people: App, tmp_path: Path) -> None:
    [a] = omu_meeting(people, ("Trivsel",))
    before = cli("meeting", "show", MEETING, "--json").output
    for args, words in [
        (("agenda", "edit", MEETING, a), "Intet at ændre"),
        (("agenda", "edit", MEETING, a, "--kind", "snak"), "Ukendt punkttype"),
        (("agenda", "edit", "OMU-2030-01-01", a, "--kind", "orientering"), "OMU-2030-01-01"),
        (("agenda", "edit", MEETING, "9", "--indstilling", "x"), "9"),
        (("agenda", "attach", MEETING, a, str(tmp_path / "nej.pdf")), "findes ikke"),
        (("agenda", "order", MEETING, a, a), "to gange"),
        (("meeting", "minutes", MEETING, a), "--decision"),
        (("meeting", "minutes", MEETING, "--decision", "godkendt"), "kræver et punkt"),
        (("meeting", "agenda", MEETING, "--format", "odt"), "odt"),
    ]:
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert words in result.output, (args, result.output)
        assert "Traceback" not in result.output
    assert cli("meeting", "show", MEETING, "--json").output == before
    english = cli("agenda", "edit", MEETING, a, "--kind", "snak", lang="en")
    assert english.exit_code == 2 and "Unknown kind of point \"snak\"" in english.output


def test_minutes_on_the_command_line(cli: Cli, people: App, tmp_path: Path) -> None:
    [a] = omu_meeting(people, ("Trivsel",))
    early = cli("meeting", "minutes", MEETING, a, "--decision", "godkendt")
    assert early.exit_code == 1 and "ikke afholdt endnu" in early.output
    held = "2027-03-10T15:00"
    result = cli("meeting", "minutes", MEETING, a, "--decision", "godkendt", "--text",
                 "Som indstillet", now=held)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"{a}: Godkendt ført til protokol; punktet er flyttet til \"BUU\".")
    again = cli("meeting", "minutes", MEETING, a, "--decision", "udsat", now=held)
    assert again.exit_code == 3 and "allerede ført til protokol" in again.output
    protocol = cli("meeting", "minutes", MEETING, now=held)
    assert "### Beslutning\n\nGodkendt: Som indstillet" in protocol.output
    history = cli("history", a, now=held).output
    assert "ført til beslutningsprotokol — Godkendt: Som indstillet" in history


def test_the_agenda_document_is_written_to_a_file(cli: Cli, people: App,
                                                  tmp_path: Path) -> None:
    omu_meeting(people, ("Trivsel",))
    for fmt, magic in (("html", b"<!DOCTYPE html>"), ("docx", b"PK"), ("md", b"# Dagsorden")):
        out = tmp_path / f"d.{fmt}"
        result = cli("meeting", "agenda", MEETING, "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)
    database = cli.db if Path(cli.db).exists() else None
    if database is not None:
        refused = cli("meeting", "agenda", MEETING, "--format", "html", "-o", database)
        assert refused.exit_code == 2


def test_item_show_lists_the_items_agendas(cli: Cli, people: App) -> None:
    [a] = omu_meeting(people, ("Trivsel",))
    shown = cli("item", "show", a)
    assert shown.exit_code == 0
    assert ("Booket på\n  OMU 10.03.2027  (Godkendelse i OMU), sagsfrist 03.03.2027; "
            "punkt 2: åben for sager, mangler indstilling") in shown.output
    cli("meeting", "minutes", MEETING, a, "--decision", "godkendt", now="2027-03-10T15:00")
    shown = cli("item", "show", a, now="2027-03-10T15:00")
    assert "sagsfrist 03.03.2027; punkt 2: afholdt, Godkendt" in shown.output
    data = json.loads(cli("item", "show", a, "--json").output)
    assert [(x["meeting"], x["number"], x["decision"]) for x in data["agendas"]] == [
        (MEETING, 2, "godkendt")]


def test_detach_takes_a_bilag_off_by_its_number(cli: Cli, people: App) -> None:
    [a] = omu_meeting(people, ("Trivsel",))
    for n in (1, 2):
        assert cli("agenda", "attach", MEETING, a, f"https://kommune.example/{n}").exit_code == 0
    missing = cli("agenda", "detach", MEETING, a, "2.3")
    assert missing.exit_code == 2 and "intet bilag nummer \"2.3\" (det har 2)" in missing.output
    result = cli("agenda", "detach", MEETING, a, "2.1")
    assert result.exit_code == 0, result.output
    assert "https://kommune.example/1" in result.output
    data = json.loads(cli("meeting", "show", MEETING, "--json").output)
    assert [b["location"] for b in data["points"][1]["bilag"]] == ["https://kommune.example/2"]
