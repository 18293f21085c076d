"""Deadlines, the calendar file and the reports on the command line (aarshjul/cli/reports.py)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from aarshjul.app import App
from tests.conftest import Cli


def test_nothing_due_says_so(people: App, cli: Cli) -> None:
    result = cli("deadlines")
    assert (result.exit_code, result.output) == (0, "(ingen)\n")


def test_the_calendar_and_the_wheel_say_what_they_wrote(people: App, cli: Cli,
                                                        tmp_path: Path) -> None:
    cli("meeting", "add", "OMU", "2027-04-14")
    ics = tmp_path / "a.ics"
    exported = cli("calendar", "export", str(ics))
    assert exported.output == f"{ics}: 1 møder og 0 frister.\n"
    assert ics.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    svg = tmp_path / "w.svg"
    assert cli("report", "wheel", "-o", str(svg)).output == f"{svg}\n"
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<")


def test_the_xlsx_report_survives_a_control_character(people: App, cli: Cli,
                                                       tmp_path: Path) -> None:
    people.items.add("Trivsel\x07", owner="dir")
    path = tmp_path / "status.xlsx"
    result = cli("report", "status", "--format", "xlsx", "-o", str(path))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path)["Punkter"]
    assert sheet.cell(row=2, column=2).value == "Trivsel"
