"""The ESDH case number (sagsnr.) on items: set, shown, searched, exported and imported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from aarshjul.app import App
from tests.conftest import Cli

NR = "27.00.00-A00-1-26"


def test_the_case_number_is_set_shown_and_searched(people: App, cli: Cli) -> None:
    assert cli("item", "add", "Strategi", "--owner", "dir", "--case", f" {NR} ").exit_code == 0
    cli("item", "add", "Trivsel", "--parent", "1")
    assert cli("item", "edit", "1.1", "--case", "27.00.00-A00-7-26").exit_code == 0
    cli("item", "add", "Læring", "--parent", "1")
    assert people.items.show("1").case_number == NR
    assert "Sagsnr.:" in cli("item", "show", "1").output and NR in cli("item", "show", "1").output
    listed = cli("item", "list").output
    assert "Sagsnr." in listed.splitlines()[0] and NR in listed
    found = json.loads(cli("--json", "item", "list", "--case", "a00-1").output)
    assert [i["ref"] for i in found] == ["1"]
    assert [i["ref"] for i in json.loads(cli("--json", "item", "list", "--case",
                                              "27.00.00").output)] == ["1", "1.1"]
    assert json.loads(cli("--json", "item", "list", "--case", "%").output) == []
    assert cli("item", "list", "--case", " ").exit_code == 2
    assert cli("item", "edit", "1.1", "--case", "").exit_code == 0
    assert people.items.show("1.1").case_number == ""
    # The column is there while any item has a sagsnr., and goes with the last one.
    assert "Sagsnr." in cli("item", "list", "--under", "1.2").output.splitlines()[0]
    assert cli("item", "edit", "1", "--case", "").exit_code == 0
    assert "Sagsnr." not in cli("item", "list").output.splitlines()[0]


def test_the_case_number_round_trips_through_the_spreadsheet(people: App, cli: Cli,
                                                             tmp_path: Path) -> None:
    people.items.add("Strategi", texts={"case_number": NR})
    people.items.add("Trivsel", parent="1")
    path = tmp_path / "punkter.csv"
    assert cli("export", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8-sig")
    assert "Sagsnr." in text.splitlines()[0] and NR in text
    path.write_text(text.replace(NR, "27.00.00-B00-2-26"), encoding="utf-8-sig")
    assert cli("import", str(path)).exit_code == 0
    assert people.items.show("1").case_number == "27.00.00-B00-2-26"
    # A file from before the column leaves the case numbers alone.
    old = "\r\n".join(";".join(line.split(";")[:-1]) for line in text.splitlines())
    path.write_text(old, encoding="utf-8-sig")
    assert cli("import", str(path)).exit_code == 0
    assert people.items.show("1").case_number == "27.00.00-B00-2-26"


def test_the_status_report_shows_the_case_number(people: App, cli: Cli) -> None:
    people.items.add("Strategi", texts={"case_number": NR})
    assert f"sagsnr. {NR}" in cli("report", "status").output
    assert f"case no. {NR}" in cli("report", "status", lang="en").output


def test_the_web_search_finds_an_item_by_its_case_number(people: App) -> None:
    from aarshjul.services.web_access import WebAccess
    from tests.web.conftest import make_site

    people.items.add("Strategi", texts={"case_number": NR})
    people.items.add("Trivsel", parent="1")
    token = WebAccess(people.db, people.ctx).issue("mette")
    site = make_site(people)
    try:
        page = site.test_client().get(f"/t/{token}/soeg?q=a00-1-26").get_data(as_text=True)
    finally:
        site.extensions["aarshjul.db"].dispose()
    assert f'href="/t/{token}/punkt/1"' in page
    assert f'href="/t/{token}/punkt/1.1"' not in page


def test_a_booking_carries_its_own_case_number_onto_the_agenda(people: App, cli: Cli) -> None:
    """Issue 15, point 9: a case number on the booking, when the case on that agenda is not
    the item's; the agenda point shows it, else the item's."""
    people.meetings.add("OMU", date(2027, 3, 22))
    people.meetings.add("OMU", date(2027, 4, 19))
    cli("item", "add", "Strategi", "--owner", "dir", "--case", NR)
    people.moves.advance(["1"])
    people.moves.advance(["1"])
    booked = cli("book", "1", "--meeting", "OMU-2027-03-22", "--case", " 27.00.00-A00-9-27 ")
    assert booked.exit_code == 0, booked.output
    [booking] = people.meetings.bookings("1")
    assert booking.case_number == "27.00.00-A00-9-27"
    assert "sagsnr. 27.00.00-A00-9-27" in cli("item", "show", "1").output
    points = [p for p in people.agenda.show("OMU-2027-03-22").points if not p.fixed]
    assert [p.case_number for p in points] == ["27.00.00-A00-9-27"]
    assert people.items.history("1")[-1].data["case_number"] == "27.00.00-A00-9-27"
    # Without its own, the agenda shows the item's.
    people.meetings.unbook("1", "OMU-2027-03-22")
    assert cli("book", "1", "--meeting", "OMU-2027-04-19").exit_code == 0
    points = [p for p in people.agenda.show("OMU-2027-04-19").points if not p.fixed]
    assert [p.case_number for p in points] == [NR]
