"""Deadlines, the calendar file and the reports on the command line (aarshjul/cli/reports.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

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
