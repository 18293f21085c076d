"""Deadlines, the calendar file and the reports on the command line (aarshjul/cli/reports.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from aarshjul.app import App
from aarshjul.cli.render import deadlines_text, dumps
from aarshjul.services.labels import read_labels
from tests.conftest import Cli


def test_nothing_due_says_so(people: App, cli: Cli) -> None:
    result = cli("deadlines")
    assert (result.exit_code, result.output) == (0, "(ingen)\n")


def test_deadlines_written_as_read_are_the_whole_lists_table_and_json(people: App,
                                                                       cli: Cli) -> None:
    """``deadlines`` writes the deadlines as they are read (issue 19): the text is the aligned
    table of the whole list (widths from the longest cell, wherever it comes), the JSON the whole
    list's, and a filter that keeps none says so."""
    people.meetings.add("OMU", date(2027, 4, 14))
    for n, title in enumerate(("Kort", "En meget længere titel på en plan", "Mellem"), 1):
        people.items.add(title, owner="mette" if n != 2 else "dir", due=date(2027, 3, n + 1))
    people.meetings.book("2", "OMU-2027-04-14")
    found = people.deadlines.due()
    assert len(found) == 4
    with people.db.transaction() as s:
        names = read_labels(s, "da")
    result = cli("deadlines")
    assert result.exit_code == 0
    assert result.output == deadlines_text(found, "da", names) + "\n"
    as_json = cli("--json", "deadlines")
    assert json.loads(as_json.output) == json.loads(dumps(found))
    assert cli("deadlines", "--owner", "mette", "--overdue").output == "(ingen)\n"


def test_the_calendar_and_the_wheel_say_what_they_wrote(people: App, cli: Cli,
                                                        tmp_path: Path) -> None:
    cli("meeting", "add", "OMU", "2027-04-14")
    ics = tmp_path / "a.ics"
    exported = cli("calendar", "export", str(ics))
    assert exported.output == f"{ics}: 1 møde og 0 frister.\n"  # the plural (issue 17)
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


def test_a_report_never_replaces_the_database(people: App, cli: Cli, db_url: str,
                                              backend: str, tmp_path: Path) -> None:
    if backend == "sqlite":
        target = Path(db_url)  # the database in use
    else:
        target = tmp_path / "kopi.db"
        with sqlite3.connect(target) as conn:
            conn.execute("CREATE TABLE t (x)")
    before = target.read_bytes()
    for fmt in ("html", "md", "xlsx"):
        result = cli("report", "status", "--format", fmt, "-o", str(target))
        assert result.exit_code == 2, result.output
        assert "er en database" in result.stderr and str(target) in result.stderr
    wheel = cli("report", "wheel", "-o", str(target), lang="en")
    assert wheel.exit_code == 2 and "is a database" in wheel.stderr
    assert cli("calendar", "export", str(target)).exit_code == 2
    assert target.read_bytes() == before
    assert cli("person", "list").exit_code == 0
    assert not list(target.parent.glob("*.part"))


def test_a_new_report_is_private(people: App, cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "status.html"
    assert cli("report", "status", "--format", "html", "-o", str(path)).exit_code == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
@pytest.mark.parametrize("since", ["0001-01-01", "1770-12-31", "9999-12-31"])
def test_a_since_outside_the_supported_dates_is_refused(people: App, cli: Cli,
                                                        since: str) -> None:
    result = cli("report", "status", "--since", since, lang="en")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--since" in result.stderr and "Use a date between 1900-01-01" in result.stderr


@pytest.mark.parametrize("days", ["-1", "9" * 25, "-" + "9" * 25])
def test_days_that_are_no_count_are_refused(people: App, cli: Cli, days: str) -> None:
    result = cli("deadlines", "--days", days)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--days" in result.stderr
