"""The årshjul: bodies, their meetings, and items booked on meetings with their deadlines.

A booking's deadline (sagsfrist) is the working day that lies the body's number of working days
before the meeting; for a state that receives its case on the previous body's indstilling (a
``chained`` state, ØK → KB) it is the day of that previous meeting, whose decision sends the case
on. Moving or cancelling a meeting recomputes the deadlines of the items booked on it and flags
those bookings, so the secretariat sees which cases need a new plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager

from aarshjul.context import Context
from aarshjul.dates.formats import long_date
from aarshjul.dates.timeutil import parse_clock
from aarshjul.dates.workdays import WorkingCalendar
from aarshjul.errors import InvalidInput
from aarshjul.messages import translate
from aarshjul.services.audit_trail import record
from aarshjul.services.body_names import ascii_key
from aarshjul.services.items import load_item
from aarshjul.services.labels import name_and_short
from aarshjul.services.meeting_import import check, read_file
from aarshjul.services.people import find, require_secretariat, workplace_key
from aarshjul.services.sagsfrist import (
    booking_deadline,
    refresh_deadlines,
    sagsfrist,
    working_calendar,
)
from aarshjul.store.db import Database, one_of
from aarshjul.store.models import Body, Booking, Item, Meeting
from aarshjul.workflow.definitions import WorkflowDef
from aarshjul.workflow.registry import Workflows

#: The sagsfrist and the working calendar live in :mod:`aarshjul.services.sagsfrist`; they
#: are exported from here too, where every caller has always found them.
__all__ = [
    "DEFAULT_BODIES",
    "BodyView",
    "BookingView",
    "MeetingView",
    "Meetings",
    "add_booking",
    "booking_deadline",
    "check_time",
    "ensure_default_bodies",
    "find_body",
    "find_meeting",
    "meeting_code",
    "meeting_view",
    "refresh_deadlines",
    "sagsfrist",
    "state_for_booking",
    "working_calendar",
]

#: The bodies every municipality has, with usual sagsfrister in working days; editable.
DEFAULT_BODIES = (
    ("LEDERMOEDE", "Ledermøde", 3),
    ("OMU", "Område-MED-udvalget (OMU)", 5),
    ("BUU", "Børne- og Ungdomsudvalget (BUU)", 10),
    ("OEK", "Økonomiudvalget (ØK)", 12),
    ("KB", "Kommunalbestyrelsen (KB)", 15),
    ("LMU", "Lokal-MED-udvalget (LMU)", 5),
)

Day = date
_KEY = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")


def meeting_view(m: Meeting, calendar: WorkingCalendar, booked: int = 0,
                 orientations: int = 0) -> MeetingView:
    return MeetingView(id=m.code, body=m.body.key, date=m.date, time=m.time, place=m.place,
                       title=m.title, cancelled=m.cancelled,
                       deadline=sagsfrist(calendar, m.date, m.body.deadline_days), booked=booked,
                       orientations=orientations)


@dataclass(frozen=True)
class BodyView:
    key: str
    name: str
    deadline_days: int | None  # None: no sagsfrist, its meetings are events
    members: tuple[str, ...]
    workplace: str | None = None  # a workplace's own body (its LMU): issue 15, point 4


@dataclass(frozen=True)
class MeetingView:
    # ``date`` is both a field name and a type here, hence ``Day`` below.
    id: str
    body: str
    date: Day
    time: str | None
    place: str
    title: str
    cancelled: bool
    deadline: Day | None  # None: the body has no sagsfrist (an event)
    booked: int = 0
    orientations: int = 0


@dataclass(frozen=True)
class BookingView:
    ref: str
    title: str
    meeting: str
    body: str
    state: str
    meeting_date: date
    deadline: date
    flagged: str = ""
    orientation: bool = False
    case_number: str = ""  # the booking's own sagsnr., when it is not the item's


def ensure_default_bodies(s: Session) -> None:
    have = set(s.scalars(select(Body.key)))
    for key, name, days in DEFAULT_BODIES:
        if key not in have:
            s.add(Body(key=key, name=name, deadline_days=days, members=""))


def find_body(s: Session, text: str) -> Body:
    body = s.scalars(select(Body).where(Body.key == ascii_key(text))).one_or_none()
    if body is None:
        known = ", ".join(s.scalars(select(Body.key).order_by(Body.key)))
        raise InvalidInput("body.unknown", body=text, known=known)
    return body


def find_meeting(s: Session, code: str, *, open_only: bool = False) -> Meeting:
    """The meeting with this id; with ``open_only`` a cancelled one is refused."""
    meeting = s.scalars(select(Meeting).where(Meeting.code == code.strip().upper())).one_or_none()
    if meeting is None:
        raise InvalidInput("meeting.unknown", meeting=code)
    if open_only and meeting.cancelled:
        raise InvalidInput("meeting.already_cancelled", meeting=meeting.code)
    return meeting


def meeting_code(s: Session, body: Body, day: date) -> str:
    base = f"{body.key}-{day.isoformat()}"
    taken = set(s.scalars(select(Meeting.code).where(Meeting.code.startswith(base))))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def check_time(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    clock = parse_clock(value)
    if clock is None:
        raise InvalidInput("meeting.bad_time", value=value)
    return clock


def state_for_booking(defn: WorkflowDef, item: Item, body: Body, wanted: str | None) -> str:
    """The state the booking is for: ``wanted``, or the current/next state the body treats."""
    if wanted is not None:
        state = defn.find_state(wanted)
        if state is None:
            raise InvalidInput("move.unknown_state", state=wanted, workflow=defn.name,
                               known=", ".join(s.da for s in defn.states))
        if state.body != body.key:
            short = name_and_short(body.key, body.name)[1]
            if state.body is None:  # no "behandles af -": the state meets no body at all
                raise InvalidInput("label.booking_no_body", state=state.da, body=short)
            raise InvalidInput("booking.wrong_body", state=state.da, body=short,
                               state_body=state.body)
        return state.key
    line = [s.key for s in defn.main_line()]
    start = line.index(item.state) if item.state in line else 0
    for key in line[start:]:
        if defn.state(key).body == body.key:
            return key
    raise InvalidInput("booking.no_state", ref=item.ref, body=body.key)


class Meetings:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx
        self.calendar = working_calendar(ctx)

    # -- bodies --------------------------------------------------------------------------------

    def add_body(self, key: str, *, name: str, deadline_days: int | None,
                 members: tuple[str, ...] = (), workplace: str | None = None) -> BodyView:
        """Add a body; ``deadline_days`` None makes one without a sagsfrist, whose meetings
        are events (theme meetings, temamøder) and take no bookings."""
        key = ascii_key(key)
        if not _KEY.match(key):
            raise InvalidInput("body.bad_key", body=key)
        if deadline_days is not None and not 0 <= deadline_days <= 100:
            raise InvalidInput("body.bad_days", days=deadline_days)
        if not name.strip():
            raise InvalidInput("input.empty", what="--name")
        with self.db.transaction() as s:
            require_secretariat(s, self.ctx, "body add")
            if s.scalars(select(Body).where(Body.key == key)).one_or_none() is not None:
                raise InvalidInput("body.exists", body=key)
            keys = " ".join(find(s, m).key for m in members)
            body = Body(key=key, name=name.strip(), deadline_days=deadline_days, members=keys,
                        workplace=workplace_key(workplace))
            s.add(body)
            record(s, self.ctx, "body-add", data={"body": key, "deadline_days": deadline_days})
            return self._body_view(s, body)

    def edit_body(self, key: str, *, name: str | None = None, deadline_days: int | None = None,
                  members: tuple[str, ...] | None = None,
                  no_deadline: bool = False) -> BodyView:
        """Change a body; ``no_deadline`` takes its sagsfrist away (its meetings become events),
        which is refused while an item is booked on one of its meetings."""
        if deadline_days is not None and not 0 <= deadline_days <= 100:
            raise InvalidInput("body.bad_days", days=deadline_days)
        with self.db.transaction() as s:
            require_secretariat(s, self.ctx, "body edit")
            body = find_body(s, key)
            if no_deadline:
                booked = s.scalars(select(Meeting.code).join(Booking).where(
                    Meeting.body_id == body.id, Booking.left_at.is_(None))
                    .order_by(Meeting.date).limit(1)).first()
                if booked is not None:
                    raise InvalidInput("body.no_deadline_booked", body=body.key,
                                       meeting=booked)
                body.deadline_days = None
            if name is not None and name.strip():
                body.name = name.strip()
            if members is not None:
                body.members = " ".join(find(s, m).key for m in members)
            if deadline_days is not None and deadline_days != body.deadline_days:
                body.deadline_days = deadline_days
                refresh_deadlines(s, self.ctx, set(s.scalars(
                    select(Booking.item_id).join(Meeting).where(Meeting.body_id == body.id))))
            record(s, self.ctx, "body-edit",
                   data={"body": body.key, "deadline_days": body.deadline_days})
            return self._body_view(s, body)

    def remove_body(self, key: str) -> str:
        """Remove a body nothing refers to: no meeting (held, coming or cancelled) and no state
        of any stored workflow version. Returns its key."""
        with self.db.transaction() as s:
            require_secretariat(s, self.ctx, "body remove")
            body = find_body(s, key)
            lang = self.ctx.lang
            uses = []
            meetings = len(s.scalars(select(Meeting.id).where(Meeting.body_id == body.id)).all())
            if meetings:
                uses.append(translate("body.used_by_meetings" if meetings > 1
                                      else "body.used_by_meeting", lang, count=meetings))
            workflows = sorted({f"{d.name} v{d.version}" for d in Workflows(s).every()
                                if any(st.body == body.key for st in d.states)})
            if workflows:
                uses.append(translate("body.used_by_workflows", lang,
                                      names=", ".join(workflows)))
            if uses:
                raise InvalidInput("body.in_use", body=body.key, uses="; ".join(uses))
            s.delete(body)
            record(s, self.ctx, "body-remove", data={"body": body.key})
            return body.key

    def bodies(self) -> list[BodyView]:
        with self.db.transaction() as s:
            return [self._body_view(s, b) for b in s.scalars(select(Body).order_by(Body.key))]

    def _body_view(self, s: Session, body: Body) -> BodyView:
        from aarshjul.store.models import Person

        keys = body.members.split()
        logins = s.scalars(select(Person.login).where(Person.key.in_(keys))).all() if keys else []
        return BodyView(key=body.key, name=body.name, deadline_days=body.deadline_days,
                        members=tuple(sorted(logins)), workplace=body.workplace)

    # -- meetings ------------------------------------------------------------------------------

    def add(self, body: str, day: date, *, time: str | None = None, place: str = "",
            title: str = "", force: bool = False) -> MeetingView:
        """Add a meeting; one on a weekend, a public holiday or a closing day needs ``force``
        (it is nearly always a typing slip, and its sagsfrist would be counted from it)."""
        time = check_time(time)
        self._refuse_closed_day(day, force)
        with self.db.transaction() as s:
            meeting = self._add(s, find_body(s, body), day, time, place, title)
            record(s, self.ctx, "meeting-add", data={"meeting": meeting.code})
            return self._meeting_view(meeting)

    def _add(self, s: Session, body: Body, day: date, time: str | None, place: str,
             title: str) -> Meeting:
        meeting = Meeting(code=meeting_code(s, body, day), body=body, date=day, time=time,
                          place=" ".join(place.split()), title=" ".join(title.split()),
                          cancelled=False)
        s.add(meeting)
        s.flush()
        return meeting

    def query(self, *, body: str | None = None, start: date | None = None,
             end: date | None = None, include_cancelled: bool = True) -> list[MeetingView]:
        with self.db.transaction() as s:
            query = select(Meeting).join(Body).order_by(Meeting.date, Meeting.time, Body.key)
            if body is not None:
                query = query.where(Meeting.body_id == find_body(s, body).id)
            if start is not None:
                query = query.where(Meeting.date >= start)
            if end is not None:
                query = query.where(Meeting.date <= end)
            if not include_cancelled:
                query = query.where(Meeting.cancelled.is_(False))
            meetings = s.scalars(query.options(contains_eager(Meeting.body))).all()
            counts: dict[tuple[int, bool], int] = {}
            for wanted in one_of(s, Booking.meeting_id, [m.id for m in meetings]):
                by = (Booking.meeting_id, Booking.orientation)
                counts |= {(m, o): n for m, o, n in s.execute(
                    select(*by, func.count()).where(wanted).group_by(*by))}
            return [meeting_view(m, self.calendar, counts.get((m.id, False), 0),
                                 counts.get((m.id, True), 0)) for m in meetings]

    def cancel(self, code: str) -> list[BookingView]:
        with self.db.transaction() as s:
            meeting = find_meeting(s, code, open_only=True)
            meeting.cancelled = True
            flagged = self._flag(s, meeting, f"cancelled:{meeting.code}")
            refresh_deadlines(s, self.ctx, self._items_on(s, meeting))
            record(s, self.ctx, "meeting-cancel",
                   data={"meeting": meeting.code, "items": [b.ref for b in flagged]})
            return flagged

    def move(self, code: str, day: date, *, force: bool = False) -> list[BookingView]:
        self._refuse_closed_day(day, force)
        with self.db.transaction() as s:
            meeting = find_meeting(s, code, open_only=True)
            old = meeting.date
            meeting.date = day
            s.flush()
            refresh_deadlines(s, self.ctx, self._items_on(s, meeting))
            flagged = self._flag(s, meeting, f"moved:{old.isoformat()}")
            record(s, self.ctx, "meeting-move",
                   data={"meeting": meeting.code, "from": old.isoformat(),
                         "to": day.isoformat(), "items": [b.ref for b in flagged]})
            return flagged

    def _refuse_closed_day(self, day: date, force: bool) -> None:
        why = None if force else self._closed(day)
        if why is not None:
            raise InvalidInput("meeting.not_working_day", day=_sentence(why["day"]),
                               why=why["why"],
                               next=why["next"])

    def _closed(self, day: date) -> dict[str, str] | None:
        """For a day that is not a working day: the day, why (a named holiday or closing day,
        or else a Saturday or Sunday) and the next working day, as message parameters."""
        if self.calendar.is_working_day(day):
            return None
        lang = self.ctx.lang
        why = self.calendar.holiday_name(day) or translate(f"meeting.weekday_{day.weekday()}",
                                                          lang)
        return {"day": long_date(day, lang), "why": why,
                "next": long_date(self.calendar.next_working_day(day), lang)}

    @staticmethod
    def _items_on(s: Session, meeting: Meeting) -> set[int]:
        return set(s.scalars(select(Booking.item_id).where(Booking.meeting_id == meeting.id)))

    def _flag(self, s: Session, meeting: Meeting, why: str) -> list[BookingView]:
        views = []
        for booking in s.scalars(select(Booking).where(Booking.meeting_id == meeting.id)):
            booking.flagged = why
            views.append(self._booking_view(booking))
        return views

    def _meeting_view(self, m: Meeting, booked: int = 0) -> MeetingView:
        return meeting_view(m, self.calendar, booked)

    # -- bookings ------------------------------------------------------------------------------

    def book(self, ref: str, code: str, *, state: str | None = None,
             orientation: bool = False, case_number: str = "") -> BookingView:
        """Book an item on a meeting for a state it is treated in; with ``orientation`` for
        information only: on any body's agenda, in the state the item is in, with a sagsfrist
        for the material but no state change and no decision. ``case_number`` is the booking's
        own ESDH sagsnr. when it is not the item's."""
        with self.db.transaction() as s:
            item = load_item(s, ref)
            meeting = find_meeting(s, code, open_only=True)
            if meeting.body.deadline_days is None:  # an event: said first, it is the reason
                raise InvalidInput("booking.no_sagsfrist", meeting=meeting.code,
                                   body=meeting.body.key)
            if orientation:
                if state is not None:
                    raise InvalidInput("booking.orientation_state")
                key = item.state
            else:
                defn = Workflows(s).get(item.workflow_name, item.workflow_version)
                key = state_for_booking(defn, item, meeting.body, state)
            return self._booking_view(add_booking(s, self.ctx, item, meeting, key,
                                                  orientation=orientation,
                                                  case_number=case_number))

    def unbook(self, ref: str, code: str) -> list[BookingView]:
        with self.db.transaction() as s:
            item = load_item(s, ref)
            meeting = find_meeting(s, code)
            found = s.scalars(select(Booking).where(Booking.item_id == item.id,
                                                    Booking.meeting_id == meeting.id)).all()
            if not found:
                raise InvalidInput("booking.none", ref=item.ref, meeting=meeting.code)
            views = [self._booking_view(b) for b in found]
            for b in found:
                s.delete(b)
            s.flush()
            refresh_deadlines(s, self.ctx, {item.id})
            record(s, self.ctx, "unbook", item=item, data={"meeting": meeting.code})
            return views

    def bookings(self, ref: str | None = None) -> list[BookingView]:
        with self.db.transaction() as s:
            query = (select(Booking).join(Meeting).join(Item)
                     .order_by(Meeting.date, Item.sort_key))
            if ref is not None:
                query = query.where(Booking.item_id == load_item(s, ref).id)
            return [self._booking_view(b) for b in s.scalars(query)]

    def _booking_view(self, b: Booking) -> BookingView:
        return BookingView(ref=b.item.ref, title=b.item.title, meeting=b.meeting.code,
                           body=b.meeting.body.key, state=b.state, meeting_date=b.meeting.date,
                           deadline=b.deadline, flagged=b.flagged, orientation=b.orientation,
                           case_number=b.case_number)

    # -- import --------------------------------------------------------------------------------

    def import_file(self, path: str | Path, *, force: bool = False) -> list[MeetingView]:
        """Add every meeting in a CSV, TOML or ICS file, or none of them.

        The whole file is read and checked before the first row is written, and every problem
        is reported at once (see :mod:`aarshjul.services.meeting_import`), so a rejected file
        leaves the årshjul exactly as it was. A meeting on a day that is not a working day is
        a problem like in :meth:`add`, unless ``force``.
        """
        rows = read_file(path, lang=self.ctx.lang)
        with self.db.transaction() as s:
            bodies = {b.key: b for b in s.scalars(select(Body))}
            existing = {(key, day): code for key, day, code in s.execute(
                select(Body.key, Meeting.date, Meeting.code).join(Body)
                .order_by(Meeting.code.desc()))}
            checked = check(rows, bodies={k: b.name for k, b in bodies.items()},
                            existing=existing, file=str(path), lang=self.ctx.lang,
                            closed=None if force else self._closed)
            meetings = [self._add(s, bodies[r.body], r.day, r.time, r.place, r.title)
                        for r in checked]
            record(s, self.ctx, "meeting-import",
                   data={"file": Path(path).name, "count": len(meetings),
                         "meetings": [m.code for m in meetings]})
            return [self._meeting_view(m) for m in meetings]


def add_booking(s: Session, ctx: Context, item: Item, meeting: Meeting, state: str, *,
                orientation: bool = False, case_number: str = "") -> Booking:
    """Book ``item`` on ``meeting`` for ``state`` inside the caller's transaction, with its
    sagsfrist and its ``book`` audit entry: used by :meth:`Meetings.book` and by services that
    book several meetings at once (the planner), which commit all of them or none."""
    if meeting.cancelled:
        raise InvalidInput("meeting.already_cancelled", meeting=meeting.code)
    exists = s.scalars(select(Booking).where(
        Booking.item_id == item.id, Booking.meeting_id == meeting.id, Booking.state == state)
    ).one_or_none()
    if exists is not None:
        raise InvalidInput("booking.exists", ref=item.ref, meeting=meeting.code)
    defn = Workflows(s).get(item.workflow_name, item.workflow_version)
    booking = Booking(item=item, meeting=meeting, state=state, created_at=ctx.now,
                      deadline=booking_deadline(s, working_calendar(ctx), defn, item.id,
                                                meeting, state, orientation=orientation),
                      flagged="", orientation=orientation,
                      case_number=" ".join(case_number.split()))
    s.add(booking)
    s.flush()
    # A chained booking booked before the one it follows gets its deadline now.
    refresh_deadlines(s, ctx, {item.id})
    record(s, ctx, "book", item=item,
           data={"meeting": meeting.code, "state": state,
                 "deadline": booking.deadline.isoformat(),
                 **({"orientation": True} if orientation else {}),
                 **({"case_number": booking.case_number} if booking.case_number else {})})
    return booking


def _sentence(text: str) -> str:
    """``Lørdag den 20. marts 2027``: a date that starts a sentence, with a capital letter."""
    return text[:1].upper() + text[1:]
