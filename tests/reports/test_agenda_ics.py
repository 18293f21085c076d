"""A meeting's event in the calendar feed lists its agenda (aarshjul/reports/ics.py with
services/agenda.agenda_titles), numbered and ordered as the agenda document is."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from aarshjul.app import App
from aarshjul.reports.ics import meeting_uid
from tests.services.agenda_setup import MEETING, omu_meeting


def test_the_meeting_event_lists_the_agenda(people: App, tmp_path: Path) -> None:
    _, b = omu_meeting(people, ("Trivsel", "Læring"))
    people.agenda_editor.order(MEETING, [b])
    path = tmp_path / "aarshjul.ics"
    people.calendar.export(path)
    events = {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    description = str(events[meeting_uid(MEETING)]["DESCRIPTION"])
    assert description.endswith("\n\nDagsorden:\n2. Læring\n3. Trivsel")
    assert people.agenda.show(MEETING).points[1].title == "Læring"
