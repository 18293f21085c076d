"""The årshjul on the command line (aarshjul/cli/meetings.py): bodies, meetings, bookings."""

from __future__ import annotations

from pathlib import Path

import pytest

from aarshjul.app import App
from tests.cli import counts
from tests.conftest import Cli


def test_a_booking_prints_its_sagsfrist_and_a_cancelled_meeting_flags_it(
        people: App, cli: Cli) -> None:
    people.items.add("Strategi", owner="dir")
    people.items.add("Læring", parent="1", owner="mette")
    cli("advance", "1.1", "1.1")
    assert cli("meeting", "add", "OMU", "2027-04-14").output == "OMU-2027-04-14\n"
    booked = cli("book", "1.1", "--meeting", "OMU-2027-04-14")
    assert booked.output == ("1.1 er booket til OMU's møde onsdag den 14. april 2027 "
                             "(Godkendelse i OMU); sagsfrist onsdag den 7. april 2027.\n")
    listing = cli("meeting", "list", "--body", "OMU").output.splitlines()
    assert listing[2].split() == ["OMU-2027-04-14", "14.04.2027", "07.04.2027", "1"]
    cancelled = cli("meeting", "cancel", "OMU-2027-04-14")
    assert cancelled.output == "OMU-2027-04-14\n  1.1  Læring  (sagsfrist 07.04.2027)\n"
    assert "(aflyst)" in cli("meeting", "list", "--body", "OMU").output


def test_booking_on_a_body_the_item_does_not_meet_exits_2(people: App, cli: Cli) -> None:
    people.items.add("Strategi", owner="dir")
    assert cli("body", "add", "SU", "--name", "Skoleudvalget",
               "--deadline-days", "8").output == "SU\n"
    cli("meeting", "add", "SU", "2027-09-14")
    result = cli("book", "1", "--meeting", "SU-2027-09-14")
    assert result.exit_code == 2 and "SU" in result.stderr and result.output.count("→") == 0


@pytest.mark.parametrize("day", ["0001-01-01", "1700-04-14", "9999-12-31"])
def test_a_meeting_outside_the_supported_dates_is_refused_and_writes_nothing(
        people: App, cli: Cli, day: str) -> None:
    before = counts(people)
    added = cli("meeting", "add", "OMU", day)
    assert added.exit_code == 2 and "Traceback" not in added.output
    assert day in added.stderr and "1900-01-01" in added.stderr
    assert counts(people) == before
    listed = cli("meeting", "list", "--from", day, lang="en")
    assert listed.exit_code == 2 and "--from" in listed.stderr
    assert "Use a date between" in listed.stderr


@pytest.mark.parametrize("day", ["0001-01-01", "31-12-9999"])
def test_an_import_with_a_day_outside_the_supported_dates_writes_nothing(
        people: App, cli: Cli, tmp_path: Path, day: str) -> None:
    path = tmp_path / "moeder.csv"
    path.write_text(f"body,date\nOMU,2027-04-14\nOMU,{day}\n", encoding="utf-8")
    before = counts(people)
    result = cli("meeting", "import", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert day in result.stderr
    assert counts(people) == before
