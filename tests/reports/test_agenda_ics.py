"""A meeting's event in the calendar feed lists its agenda (aarshjul/reports/ics.py with
services/agenda_titles.AgendaTitles), numbered and ordered as the agenda document is, read a
chunk of meetings at a time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import select

from aarshjul.app import App
from aarshjul.reports.ics import meeting_uid
from aarshjul.services import agenda_titles as chunked_agendas
from aarshjul.services.agenda import agenda_titles
from aarshjul.services.agenda_titles import AgendaTitles
from aarshjul.store.models import Meeting
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


def _three_meetings(app: App) -> list[str]:
    """Three OMU meetings with 2, 3 and 1 items booked (and one without bookings); their codes."""
    codes = []
    for day, titles in ((date(2027, 3, 10), ("Trivsel", "Læring")),
                        (date(2027, 4, 7), ("Overgange", "Sprog", "Bevægelse")),
                        (date(2027, 5, 5), ("Inklusion",)), (date(2027, 6, 2), ())):
        code = app.meetings.add("OMU", day, time="13:00", place="Rådhuset").id
        for title in titles:
            ref = app.items.add(title, owner="mette").ref
            app.moves.advance([ref])  # drøftelse → kvalificering
            app.moves.advance([ref])  # → godkendelse-omu
            app.meetings.book(ref, code)
        codes.append(code)
    return codes


def test_agenda_titles_read_a_chunk_at_a_time_are_every_meetings_agenda(people: App) -> None:
    """services/agenda_titles.AgendaTitles (issue 19): with room for one or two bookings per
    chunk, each meeting still gets its own cases, numbered and ordered as agenda_titles gives
    them, looked up in the feed's order or any other."""
    codes = _three_meetings(people)
    with people.db.transaction() as s:
        meetings = list(s.scalars(select(Meeting).order_by(Meeting.date)))
        whole = agenda_titles(s, people.ctx, meetings)
        assert set(whole) == set(codes[:3])
        for batch in (1, 2, 3, 100):
            chunked = AgendaTitles(s, people.ctx, meetings, batch=batch)
            assert dict(chunked) == whole
            assert [chunked[c] for c in reversed(codes[:3])] == [whole[c] for c in
                                                                 reversed(codes[:3])]
            assert len(chunked) == 3 and codes[3] not in chunked
    assert whole[codes[1]] == ["2. Overgange", "3. Sprog", "4. Bevægelse"]


def test_the_exported_feed_is_the_same_whatever_the_chunk_of_agendas(
        people: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """calendar export reads the meetings' agendas a chunk at a time as it writes the events:
    with one booking per chunk (every meeting a chunk of its own, several chunks) the file is
    byte for byte the one written with every agenda in one chunk, and each meeting's event lists
    its own cases."""
    codes = _three_meetings(people)
    whole = tmp_path / "whole.ics"
    people.calendar.export(whole)
    monkeypatch.setattr(chunked_agendas, "AGENDA_BATCH", 1)
    chunked = tmp_path / "chunked.ics"
    people.calendar.export(chunked)
    assert chunked.read_bytes() == whole.read_bytes()
    assert people.calendar.feed().data == whole.read_bytes()
    events = {str(e["UID"]): str(e["DESCRIPTION"])
              for e in Calendar.from_ical(whole.read_bytes()).walk("VEVENT")}
    assert events[meeting_uid(codes[0])].endswith("Dagsorden:\n2. Trivsel\n3. Læring")
    assert events[meeting_uid(codes[1])].endswith(
        "Dagsorden:\n2. Overgange\n3. Sprog\n4. Bevægelse")
    assert events[meeting_uid(codes[2])].endswith("Dagsorden:\n2. Inklusion")
    assert "Dagsorden" not in events[meeting_uid(codes[3])]
