"""The calendar feed: valid RFC 5545 text, stable UIDs, alarms, escaping, and the filters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from aarshjul.app import App
from aarshjul.dates.timeutil import COPENHAGEN
from aarshjul.errors import InvalidInput
from aarshjul.reports.ics import (
    calendar_chunks,
    deadline_calendar,
    deadline_from_payload,
    deadline_uid,
    meeting_uid,
)
from aarshjul.services.deadlines import Deadline
from aarshjul.services.meetings import MeetingView, working_calendar
from tests.conftest import Cli, app_at


@pytest.fixture
def aarshjul(people: App) -> App:
    """A small årshjul: dir owns the strategy (booked on OMU), mette a pejlemærke (on BUU)."""
    people.items.add("Børne- og ungestrategi", owner="dir")
    people.items.add("Trivsel", parent="1", owner="mette")
    people.meetings.add("OMU", date(2027, 6, 10))
    people.meetings.add("BUU", date(2027, 9, 14), time="16:00", place="Rådhuset, lokale 2")
    people.meetings.add("KB", date(2027, 10, 27), time="19:00", title="Budget, 2. behandling; KB")
    people.meetings.add("LEDERMOEDE", date(2027, 3, 2), time="09:00")
    people.meetings.book("1", "OMU-2027-06-10")
    people.meetings.book("1.1", "BUU-2027-09-14")
    people.meetings.cancel("KB-2027-10-27")
    return people


def _export(app: App, path: Path, **filters: str) -> tuple[bytes, Calendar]:
    app.calendar.export(path, **filters)
    data = path.read_bytes()
    return data, Calendar.from_ical(data)


def _events(cal: Calendar) -> dict[str, Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_the_feed_holds_meetings_and_open_deadlines(aarshjul: App, tmp_path: Path) -> None:
    _data, cal = _export(aarshjul, tmp_path / "aarshjul.ics")
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//aarshjul//")
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Årshjul"
    events = _events(cal)
    assert sorted(events) == sorted([
        meeting_uid("OMU-2027-06-10"), meeting_uid("BUU-2027-09-14"),
        meeting_uid("KB-2027-10-27"), meeting_uid("LEDERMOEDE-2027-03-02"),
        *(deadline_uid(d.key) for d in aarshjul.deadlines.due())])
    buu = events["meeting-BUU-2027-09-14@aarshjul"]
    assert str(buu["SUMMARY"]) == "BUU: Børne- og Ungdomsudvalget"
    assert buu.start == datetime(2027, 9, 14, 16, 0, tzinfo=COPENHAGEN)
    assert buu.start.tzinfo is not None and str(buu["DTSTART"].params["TZID"]) \
        == "Europe/Copenhagen"
    assert buu.end - buu.start == timedelta(hours=2)
    assert str(buu["LOCATION"]) == "Rådhuset, lokale 2"
    assert buu["DTSTAMP"].dt == datetime(2027, 3, 1, 9, 0, tzinfo=UTC)  # ctx.now, not the clock
    assert str(buu["STATUS"]) == "CONFIRMED"
    omu = events["meeting-OMU-2027-06-10@aarshjul"]
    assert (omu.start, omu.end) == (date(2027, 6, 10), date(2027, 6, 11))  # all day: no time
    assert str(events["meeting-KB-2027-10-27@aarshjul"]["STATUS"]) == "CANCELLED"
    assert str(events["meeting-LEDERMOEDE-2027-03-02@aarshjul"]["SUMMARY"]) == "Ledermøde"


def test_a_deadline_is_an_all_day_event_with_an_alarm_the_working_day_before(
        aarshjul: App, tmp_path: Path) -> None:
    booking = next(d for d in aarshjul.deadlines.due() if d.ref == "1.1")
    assert booking.due == date(2027, 8, 31)  # a Tuesday: 10 working days before BUU
    _data, cal = _export(aarshjul, tmp_path / "aarshjul.ics")
    event = _events(cal)[deadline_uid(booking.key)]
    assert str(event["SUMMARY"]) == "Sagsfrist: 1.1 Trivsel → BUU 14.09.2027"
    assert (event.start, event.end) == (date(2027, 8, 31), date(2027, 9, 1))
    assert str(event["TRANSP"]) == "TRANSPARENT"
    [alarm] = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == -timedelta(hours=15)  # Monday 09:00
    assert "Sagsfrist: 1.1 Trivsel" in str(alarm["DESCRIPTION"])
    assert len([e for e in cal.walk("VEVENT") if e.walk("VALARM")]) == 2  # one per deadline


def test_a_monday_deadline_is_announced_on_friday_morning(app: App) -> None:
    monday = date(2027, 9, 13)
    deadline = Deadline(key="due-1-2027-09-13", kind="due", ref="1", title="Strategi",
                        owner="dir", owner_name="Dorthe", due=monday, state="kvalificering",
                        state_label="Kvalificering", working_days_left=5)
    data = b"".join(calendar_chunks([], [deadline], bodies={},
                                    calendar=working_calendar(app.ctx), now=app.ctx.now))
    [alarm] = Calendar.from_ical(data).walk("VALARM")
    fires = datetime.combine(monday, datetime.min.time()) + alarm["TRIGGER"].dt
    assert fires == datetime(2027, 9, 10, 9, 0)
    assert "TRIGGER:-P2DT15H" in data.decode()


def test_the_raw_text_follows_rfc_5545(aarshjul: App, tmp_path: Path) -> None:
    aarshjul.meetings.add("BUU", date(2027, 11, 9), time="16:00",
                          title="Temamøde om trivsel, læring og fællesskab for børn og unge i "
                                "kommunens skoler og dagtilbud; æøå ÆØÅ")
    data, _cal = _export(aarshjul, tmp_path / "aarshjul.ics")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")  # every line ends in CRLF
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75  # octets, with æøå taking two each
    assert any(line.startswith(b" ") for line in lines)  # the long title was folded
    text = data.decode("utf-8")
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen\r\n" in text
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    assert "DTSTART;TZID=Europe/Copenhagen:20270914T160000\r\n" in text


def test_exporting_twice_gives_the_same_uids_and_the_same_file(aarshjul: App,
                                                               tmp_path: Path) -> None:
    first, cal1 = _export(aarshjul, tmp_path / "a.ics")
    second, _ = _export(aarshjul, tmp_path / "b.ics")
    assert first == second
    later, cal3 = _export(app_at(aarshjul, "2027-04-01T08:00"), tmp_path / "c.ics")
    assert sorted(_events(cal3)) == sorted(_events(cal1))
    assert later != first  # only DTSTAMP moved
    assert "DTSTAMP:20270401T060000Z" in later.decode()


def test_user_text_is_escaped_and_reads_back_unchanged(aarshjul: App, tmp_path: Path) -> None:
    data, cal = _export(aarshjul, tmp_path / "aarshjul.ics")
    text = data.decode("utf-8")
    assert "SUMMARY:KB: Budget\\, 2. behandling\\; KB\r\n" in text
    assert "LOCATION:Rådhuset\\, lokale 2\r\n" in text
    kb = _events(cal)["meeting-KB-2027-10-27@aarshjul"]
    assert str(kb["SUMMARY"]) == "KB: Budget, 2. behandling; KB"
    # A title that reached the database some other way, with a line break in it, cannot add a
    # property: the break is written as \n inside the one SUMMARY line.
    view = MeetingView(id="BUU-2027-12-01", body="BUU", date=date(2027, 12, 1), time=None,
                       place="Sal 1;\nDTSTART:19700101", title="Budget\nSTATUS:CANCELLED, ok; ja",
                       cancelled=False, deadline=date(2027, 11, 17))
    built = b"".join(calendar_chunks([view], [], bodies={"BUU": "Børne- og Ungdomsudvalget (BUU)"},
                                     calendar=None, now=aarshjul.ctx.now))
    assert b"SUMMARY:BUU: Budget\\nSTATUS:CANCELLED\\, ok\\; ja\r\n" in built
    assert b"\r\nSTATUS:CANCELLED" not in built
    [event] = Calendar.from_ical(built).walk("VEVENT")
    assert str(event["SUMMARY"]) == "BUU: Budget\nSTATUS:CANCELLED, ok; ja"
    assert str(event["LOCATION"]) == "Sal 1;\nDTSTART:19700101"
    assert event.start == date(2027, 12, 1)


def test_owner_keeps_their_deadlines_and_the_bodies_they_are_booked_on(
        aarshjul: App, tmp_path: Path) -> None:
    _data, cal = _export(aarshjul, tmp_path / "mette.ics", owner="mette")
    uids = sorted(_events(cal))
    mine = [d for d in aarshjul.deadlines.due() if d.owner == "mette"]
    assert [d.ref for d in mine] == ["1.1"]
    assert uids == sorted([meeting_uid("BUU-2027-09-14"), deadline_uid(mine[0].key)])
    assert str(cal["X-WR-CALNAME"]) == "Årshjul – mette"


def test_body_keeps_that_bodys_meetings_and_sagsfrister(aarshjul: App, tmp_path: Path) -> None:
    _data, cal = _export(aarshjul, tmp_path / "omu.ics", body="omu")
    dirs = next(d for d in aarshjul.deadlines.due() if d.ref == "1")
    assert sorted(_events(cal)) == sorted([meeting_uid("OMU-2027-06-10"),
                                           deadline_uid(dirs.key)])
    # Both filters: mette has nothing on OMU.
    _data, cal = _export(aarshjul, tmp_path / "none.ics", body="OMU", owner="mette")
    assert _events(cal) == {}


def test_the_command_prints_the_path_and_counts(aarshjul: App, cli: Cli,
                                                tmp_path: Path) -> None:
    path = tmp_path / "aarshjul.ics"
    result = cli("calendar", "export", str(path))
    assert result.exit_code == 0
    assert result.output.strip() == f"{path}: 4 møder og 2 frister."
    assert Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    result = cli("calendar", "export", str(path), "--owner", "nobody")
    assert result.exit_code == 2 and "nobody" in result.stderr
    result = cli("calendar", "export", str(tmp_path / "missing" / "x.ics"))
    assert result.exit_code == 2 and "kan ikke skrives" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_an_unknown_body_is_refused(aarshjul: App, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as info:
        aarshjul.calendar.export(tmp_path / "x.ics", body="SKOLEUDVALG")
    assert info.value.key == "body.unknown"
    assert not (tmp_path / "x.ics").exists()


def test_a_reminder_attachment_uses_the_feeds_uids(aarshjul: App) -> None:
    booking = next(d for d in aarshjul.deadlines.due() if d.ref == "1.1")
    payload = {"kind": booking.kind, "ref": booking.ref, "title": booking.title,
               "due": booking.due.isoformat(), "meeting": booking.meeting,
               "meeting_date": "2027-09-14", "state_label": booking.state_label,
               "owner": "mette", "owner_name": "Mette Holm", "working_days_left": 3}
    with_key = Calendar.from_ical(deadline_calendar([{**payload, "key": booking.key}],
                                                    aarshjul.ctx.now))
    [event] = with_key.walk("VEVENT")
    assert str(event["UID"]) == deadline_uid(booking.key)
    assert str(event["SUMMARY"]) == "Sagsfrist: 1.1 Trivsel → BUU 14.09.2027"
    without = Calendar.from_ical(deadline_calendar([payload], aarshjul.ctx.now, lang="en"))
    [event] = without.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Case deadline: 1.1 Trivsel → BUU 14/09/2027"
    assert event.walk("VALARM")


def test_a_payload_reads_back_as_the_deadline_it_was_made_from(aarshjul: App) -> None:
    deadlines = aarshjul.deadlines.due()
    assert {d.kind for d in deadlines} >= {"sagsfrist"}
    for d in deadlines:
        payload = d.as_dict()
        assert set(payload) == set(Deadline.__dataclass_fields__)  # every field, none invented
        assert payload["due"] == d.due.isoformat()
        assert deadline_from_payload(payload) == d
    booking = next(d for d in deadlines if d.meeting)
    assert booking.as_dict("ref", "due", "meeting_date") == {
        "ref": booking.ref, "due": booking.due.isoformat(),
        "meeting_date": booking.meeting_date.isoformat() if booking.meeting_date else None}
    # An older payload without a key or optional fields still reads back.
    old = deadline_from_payload({"kind": "due", "ref": "2", "due": "2027-05-01"})
    assert (old.key, old.meeting_date, old.working_days_left) == ("due-2-2027-05-01", None, 0)


def test_the_exported_file_written_event_by_event_is_the_feed_byte_for_byte(
        aarshjul: App, tmp_path: Path) -> None:
    """calendar export streams (issue 19, point 2): the same bytes as the whole calendar, time
    zone (from the timed meetings) first, the untimed and cancelled meetings and the deadlines
    after it, with and without a filter."""
    for filters in ({}, {"owner": "mette"}, {"body": "OMU"}):
        data, _cal = _export(aarshjul, tmp_path / "aarshjul.ics", **filters)
        assert data == aarshjul.calendar.feed(**filters).data
    assert b"BEGIN:VTIMEZONE" in aarshjul.calendar.feed().data
