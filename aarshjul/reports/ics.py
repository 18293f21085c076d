"""The årshjul as an iCalendar feed (RFC 5545) that leaders subscribe to in Outlook and the like.

The feed holds the meetings of the bodies (timed events in Europe/Copenhagen with a VTIMEZONE,
all-day when no time is known, cancelled ones with STATUS:CANCELLED) and the open deadlines
(all-day events with a display alarm on the working day before). Every UID is derived from the
meeting code or the deadline key, and DTSTAMP is the command's ``now``, so exporting twice gives
the same events and a calendar that re-reads the file updates them instead of adding copies.
:func:`calendar_chunks` is pure (its events are written by :mod:`aarshjul.reports.ical_lines`);
:class:`CalendarExport` gathers the rows and writes the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.dates.timeutil import COPENHAGEN
from aarshjul.dates.workdays import WorkingCalendar
from aarshjul.files import write_atomically
from aarshjul.messages import translate
from aarshjul.reports.ical_lines import EventText, component_bytes, event_bytes
from aarshjul.services.agenda_titles import AgendaTitles
from aarshjul.services.conversations import CALENDAR_KEY, calendar_entries
from aarshjul.services.deadlines import Deadline, stream_deadlines
from aarshjul.services.labels import Labels, name_and_short
from aarshjul.services.meeting_import import split_name
from aarshjul.services.meetings import MeetingView, find_body, meeting_view, working_calendar
from aarshjul.services.people import find
from aarshjul.store.db import Database
from aarshjul.store.models import Body, Booking, Item, Meeting

if TYPE_CHECKING:
    from icalendar import Calendar

#: The fixed right-hand side of every UID: events stay the same events across exports.
UID_DOMAIN = "aarshjul"
PRODID = "-//aarshjul//Aarshjul//DA"
#: Meetings have a start time but no end in the årshjul; calendars need one.
MEETING_LENGTH = timedelta(hours=2)
#: The alarm for a deadline fires at this hour on the working day before it.
ALARM_HOUR = 9


@dataclass(frozen=True)
class Feed:
    data: bytes
    meetings: int
    deadlines: int


@dataclass(frozen=True)
class ExportResult:
    path: str
    meetings: int
    deadlines: int


def meeting_uid(code: str) -> str:
    return f"meeting-{code}@{UID_DOMAIN}"


def deadline_uid(key: str) -> str:
    return f"deadline-{key}@{UID_DOMAIN}"


def calendar_chunks(meetings: Sequence[MeetingView], deadlines: Iterable[Deadline], *,
                    bodies: Mapping[str, str], calendar: WorkingCalendar | None, now: datetime,
                    lang: str = "da", scope: str = "",
                    agendas: Mapping[str, Sequence[str]] | None = None) -> Iterator[bytes]:
    """The VCALENDAR for these meetings and deadlines, one event at a time: each event is made,
    written and dropped, so a national feed never holds every event at once (issue 19, point 2).

    ``bodies`` maps body keys to names. ``scope`` (e.g. an owner's login) is added to the
    calendar's name and UID, so that two subscribed feeds do not look like one calendar.
    Without a working ``calendar`` a deadline's alarm fires on the calendar day before.
    ``agendas`` maps a meeting's code to its numbered cases, which its event's description
    lists.
    """
    end = b"END:VCALENDAR\r\n"
    names = _labels(bodies, lang)
    yield component_bytes(_calendar_head(meetings, scope=scope, lang=lang)).removesuffix(end)
    for meeting in meetings:
        yield event_bytes(_meeting_event(meeting, bodies.get(meeting.body, meeting.body),
                                         lang=lang, agenda=(agendas or {}).get(meeting.id, ())),
                          now)
    for deadline in deadlines:
        yield event_bytes(_deadline_event(deadline, calendar=calendar, lang=lang, names=names),
                          now)
    yield end


def _labels(bodies: Mapping[str, str], lang: str) -> Labels:
    """The labels the events name bodies and meetings by (``BUU 07.12.2026``), from ``bodies``."""
    return Labels(lang=lang, bodies={k: name_and_short(k, n) for k, n in bodies.items()})


def _calendar_head(meetings: Sequence[MeetingView], *, scope: str, lang: str) -> Calendar:
    """The calendar's own properties and the time zone its timed meetings need, no events."""
    from icalendar import Calendar, Event

    name = translate("ics.calendar_name", lang) + (f" – {scope}" if scope else "")
    uid = f"aarshjul-{scope}@{UID_DOMAIN}" if scope else f"aarshjul@{UID_DOMAIN}"
    cal = Calendar.new(prodid=PRODID, method="PUBLISH", name=name, uid=uid)
    timed = [m for m in meetings if m.time]
    if timed:
        # The zone the timed meetings need (all are in Copenhagen), for only the years the feed
        # covers: the default range (1970-2038) writes 70 years of DST transitions into every
        # export. The probe event is not kept: the zone goes first, the events after it.
        probe = Calendar()
        probe.add_component(Event.new(start=datetime.combine(timed[0].date, time(12),
                                                             tzinfo=COPENHAGEN)))
        probe.add_missing_timezones(first_date=date(min(m.date for m in timed).year, 1, 1),
                                    last_date=date(max(m.date for m in timed).year + 1, 1, 1))
        for zone in probe.timezones:
            cal.add_component(zone)
    return cal


def _meeting_event(m: MeetingView, body_name: str, *, lang: str,
                   agenda: Sequence[str] = ()) -> EventText:
    short, label = split_name(m.body, body_name)
    if short == body_name:  # no "(BUU)" in the name to take a label from: the name says it
        summary = f"{body_name}: {m.title}" if m.title else body_name
    else:
        summary = f"{label}: {m.title or short}"
    start: date | datetime
    if m.time:
        hour, minute = (int(part) for part in m.time.split(":"))
        start = datetime.combine(m.date, time(hour, minute), tzinfo=COPENHAGEN)
        end: date | datetime = start + MEETING_LENGTH
    else:
        start, end = m.date, m.date + timedelta(days=1)
    return EventText(
        uid=meeting_uid(m.id), start=start, end=end, summary=summary,
        description=(translate("ics.meeting_description", lang, name=body_name,
                               deadline=m.deadline)
                     if m.deadline is not None else f"{body_name}.")
        + ("\n\n" + translate("ics.agenda", lang) + "\n" + "\n".join(agenda) if agenda
           else ""),
        location=m.place or None, category=_category(m.body, body_name),
        status="CANCELLED" if m.cancelled else "CONFIRMED")


def _category(key: str, name: str) -> str:
    """What an event is filed under: the body's short form (``ØK``, ``Ledermøde``), or its name
    when it has none (``Strategisk samtale``), never its key (``OEK``, ``SAMTALE``)."""
    full, short = name_and_short(key, name)
    return short if short == full or f"({short})" in name else full


def _deadline_event(d: Deadline, *, calendar: WorkingCalendar | None, lang: str,
                    names: Labels) -> EventText:
    where = names.meeting(d.meeting, body=d.body, day=d.meeting_date) if d.meeting else ""
    if d.kind == "sagsfrist" and d.chained_from:
        summary = translate("ics.chained", lang, ref=d.ref, title=d.title, meeting=where,
                            body=names.body(d.chained_from))
    elif d.kind == "sagsfrist":
        summary = translate("ics.sagsfrist", lang, ref=d.ref, title=d.title, meeting=where)
    elif d.kind == "orientering":
        summary = translate("ics.orientering", lang, ref=d.ref, title=d.title, meeting=where)
    elif d.kind == "hoering":
        summary = translate("ics.hoering", lang, ref=d.ref, title=d.title)
    else:
        summary = translate("ics.due", lang, ref=d.ref, title=d.title)
    summary = " ".join(summary.split())  # no double space where an item has no number
    # An all-day event starts at midnight: count back to 09:00 on the working day before, so a
    # Monday deadline is announced on Friday morning, not on Sunday.
    before = calendar.working_days_before(d.due, 1) if calendar else d.due - timedelta(days=1)
    return EventText(
        uid=deadline_uid(d.key), start=d.due, end=d.due + timedelta(days=1), summary=summary,
        description=translate("ics.deadline_description", lang, owner=d.owner_name or "-",
                              state=d.state_label),
        transparent=True,
        alarm=(translate("ics.alarm", lang, summary=summary),
               timedelta(days=-(d.due - before).days, hours=ALARM_HOUR)))


def deadline_calendar(entries: Sequence[Mapping[str, Any]], now: datetime, *,
                      lang: str = "da", calendar: WorkingCalendar | None = None) -> bytes:
    """The deadlines of a reminder email as an ``.ics`` attachment.

    ``entries`` are reminder payloads (:meth:`Deadline.as_dict`, read back by
    :func:`deadline_from_payload`). With the deadline's ``key`` in the payload the attachment's
    events have the feed's UIDs, so opening the attachment updates the subscribed event rather
    than adding a second one.
    """
    deadlines = [deadline_from_payload(e) for e in entries]
    # the reminder's payload carries the body's name (notifications.scan), so that the
    # attachment names the meeting as the calendar feed does
    bodies = {str(e["body"]): str(e["body_name"]) for e in entries
              if e.get("body") and e.get("body_name")}
    return b"".join(calendar_chunks([], deadlines, bodies=bodies, calendar=calendar, now=now,
                                    lang=lang))


def deadline_from_payload(e: Mapping[str, Any]) -> Deadline:
    """The :class:`Deadline` an outbox payload was made from (the inverse of
    :meth:`Deadline.as_dict`).

    Payloads are stored and read back later, possibly by a newer version: a field the payload
    lacks gets a neutral value, and a payload without a ``key`` gets one from its kind, ref
    and meeting or date.
    """
    meeting_date = e.get("meeting_date")
    key = e.get("key") or f"{e.get('kind')}-{e.get('ref')}-{e.get('meeting') or e['due']}"
    return Deadline(
        key=str(key), kind=str(e.get("kind", "due")), ref=str(e.get("ref", "")),
        title=str(e.get("title", "")), owner=e.get("owner"), owner_name=e.get("owner_name"),
        due=_as_date(e["due"]), state=str(e.get("state", "")),
        state_label=str(e.get("state_label", "")),
        working_days_left=int(e.get("working_days_left", 0)), meeting=e.get("meeting"),
        meeting_date=_as_date(meeting_date) if meeting_date else None, body=e.get("body"),
        flagged=str(e.get("flagged", "")), chained_from=e.get("chained_from"))


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


class CalendarExport:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def feed(self, *, owner: str | None = None, body: str | None = None) -> Feed:
        """The calendar file's bytes, for a file, a mail attachment or a web share.

        ``owner`` keeps that person's deadlines, and the meetings of the bodies where the person
        has items booked (bookings not yet left); ``body`` keeps that body's meetings and
        sagsfrister. Both together keep what both allow.
        """
        with self.db.reading() as s:  # the agendas are read as the events are made
            meetings, deadlines, bodies, scope, workdays, agendas = self._gather(s, owner, body)
            counted = _Counted(deadlines)
            data = b"".join(calendar_chunks(
                meetings, counted, bodies=bodies, calendar=workdays, now=self.ctx.now,
                lang=self.ctx.lang, scope=scope, agendas=agendas))
        return Feed(data=data, meetings=len(meetings), deadlines=counted.count)

    def _gather(self, s: Session, owner: str | None, body: str | None) -> tuple[
            list[MeetingView], Iterator[Deadline], dict[str, str], str, WorkingCalendar,
            AgendaTitles]:
        """The feed's meetings, and its deadlines and the meetings' agendas as streams read
        within ``s``."""
        workdays = working_calendar(self.ctx)
        query = select(Meeting).join(Body).order_by(Meeting.date, Meeting.time, Body.key)
        body_key = None
        if body is not None:
            found = find_body(s, body)
            body_key = found.key
            query = query.where(Meeting.body_id == found.id)
        owner_id = None
        if owner is not None:
            owner_id = find(s, owner).id
            booked_bodies = (select(Meeting.body_id)
                             .join(Booking, Booking.meeting_id == Meeting.id)
                             .join(Item, Item.id == Booking.item_id)
                             .where(Item.owner_id == owner_id, Booking.left_at.is_(None)))
            query = query.where(Meeting.body_id.in_(booked_bodies))
        rows = list(s.scalars(query))
        meetings = [meeting_view(m, workdays) for m in rows]
        agendas = AgendaTitles(s, self.ctx, rows)
        if body is None:  # the strategic conversations are events too (issue 15, point 7)
            meetings += calendar_entries(s, self.ctx, owner_id=owner_id)
        bodies = {b.key: b.name for b in s.scalars(select(Body))}
        bodies[CALENDAR_KEY] = translate("ics.conversation", self.ctx.lang)
        deadlines = stream_deadlines(s, workdays, self.ctx.today, lang=self.ctx.lang,
                                     owner_id=owner_id)
        if body_key is not None:
            deadlines = (d for d in deadlines if d.body == body_key)
        scope = "-".join(part for part in (owner, body_key) if part)
        return meetings, deadlines, bodies, scope, workdays, agendas

    def export(self, path: str | Path, *, owner: str | None = None,
               body: str | None = None) -> ExportResult:
        """Write the feed to ``path`` event by event, replacing it whole so a subscriber never
        reads half. The deadlines are read as they are written (issue 19): the feed's memory
        does not grow with them."""
        target = Path(path)
        with self.db.reading() as s:
            meetings, deadlines, bodies, scope, workdays, agendas = self._gather(s, owner, body)
            counted = _Counted(deadlines)
            write_atomically(target, calendar_chunks(
                meetings, counted, bodies=bodies, calendar=workdays, now=self.ctx.now,
                lang=self.ctx.lang, scope=scope, agendas=agendas),
                error="calendar.unwritable", path=str(path))
        return ExportResult(path=str(target), meetings=len(meetings), deadlines=counted.count)


class _Counted:
    """The deadlines of a stream, counted as they pass."""

    def __init__(self, deadlines: Iterator[Deadline]) -> None:
        self.deadlines = deadlines
        self.count = 0

    def __iter__(self) -> Iterator[Deadline]:
        for deadline in self.deadlines:
            self.count += 1
            yield deadline
