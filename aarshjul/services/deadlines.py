"""Deadlines: what must be ready by when, for which item, and whose it is.

A deadline comes from a booking (the meeting's date minus the body's sagsfrist in working days,
or, for a chained state such as KB after ØK, the day of the meeting whose indstilling sends the
case on: :func:`aarshjul.services.meetings.sagsfrist`), from a public consultation's last day, or
from an item's explicit due date. It is open until it is met: a booking is met when the case is
delivered (``deliver``) or when the item leaves the booked state, and a chained booking also
when the item reaches the booked state (the previous meeting's decision is its case); an
orientation booking (kind ``orientering``) is met when its material is delivered (``deliver``)
and lapses once its meeting has been held; a consultation when the item leaves høring; a due date
when the item reaches a terminal state. Paused items have no open deadlines. Everything here is
indexed queries over open rows only, so the reminder scan stays fast at national scale.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Executable, Select, func, or_, select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.dates.timeutil import add_months, local_date
from aarshjul.dates.workdays import WorkingCalendar
from aarshjul.errors import InvalidInput
from aarshjul.messages import translate
from aarshjul.services.audit_trail import record
from aarshjul.services.body_names import split_name
from aarshjul.services.items import load_item
from aarshjul.services.meetings import find_meeting, working_calendar
from aarshjul.services.people import find
from aarshjul.store.db import STREAM_BATCH, Database, rows
from aarshjul.store.models import (
    Body,
    Booking,
    Conversation,
    Indicator,
    Item,
    Measurement,
    Meeting,
    Person,
)
from aarshjul.workflow.registry import Workflows


@dataclass(frozen=True)
class Deadline:
    key: str  # stable: "booking-17", "hoering-4-2027-03-20", "due-9-2027-06-30"
    kind: str  # "sagsfrist" | "orientering" | "hoering" | "due" | "samtale" | "maaling"
    ref: str
    title: str
    owner: str | None
    owner_name: str | None
    due: date
    state: str
    state_label: str
    working_days_left: int  # negative when overdue
    meeting: str | None = None
    meeting_date: date | None = None
    body: str | None = None
    flagged: str = ""
    #: For a chained booking, the body whose meeting's decision is the deadline, as people
    #: write it ("ØK" for KB's).
    chained_from: str | None = None

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0

    def as_dict(self, *fields: str) -> dict[str, Any]:
        """The deadline as JSON values (dates as ISO text): every field, or only ``fields`` in
        that order. The one serialisation of a deadline: reminder and report payloads in the
        outbox are built from it, and the reminder mail's calendar file reads them back."""
        found: dict[str, Any] = {
            "key": self.key, "kind": self.kind, "ref": self.ref, "title": self.title,
            "owner": self.owner, "owner_name": self.owner_name, "due": self.due.isoformat(),
            "state": self.state, "state_label": self.state_label,
            "working_days_left": self.working_days_left, "meeting": self.meeting,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "body": self.body, "flagged": self.flagged, "chained_from": self.chained_from}
        return {name: found[name] for name in fields} if fields else found


def open_deadlines(s: Session, calendar: WorkingCalendar, today: date, *, lang: str = "da",
                   until: date | None = None, owner_id: int | None = None,
                   overdue_only: bool = False, refs: list[str] | None = None) -> list[Deadline]:
    """Open deadlines up to ``until`` (all if None), soonest first."""
    return list(stream_deadlines(s, calendar, today, lang=lang, until=until, owner_id=owner_id,
                                 overdue_only=overdue_only, refs=refs))


def stream_deadlines(s: Session, calendar: WorkingCalendar, today: date, *, lang: str = "da",
                     until: date | None = None, owner_id: int | None = None,
                     overdue_only: bool = False, refs: list[str] | None = None
                     ) -> Iterator[Deadline]:
    """:func:`open_deadlines` one at a time, in the same order, holding a batch of rows per kind
    instead of every deadline (issue 19): each kind is read soonest first from a streamed query
    (a server-side cursor on PostgreSQL) and the kinds are merged."""
    limit = today - _ONE_DAY if overdue_only else until
    registry = Workflows(s)

    labels: dict[tuple[str, int, str], str] = {}

    def label(row: Any) -> str:
        key = (row.workflow_name, row.workflow_version, row.booked)
        if key not in labels:
            labels[key] = registry.get(*key[:2]).state(row.booked).label(lang)
        return labels[key]

    def left(day: date) -> int:
        return calendar.working_days_between(today, day)

    base = (select(Item.ref, Item.title, Item.workflow_name, Item.workflow_version,
                   Person.login, Person.name.label("owner_name"))
            .outerjoin(Person, Person.id == Item.owner_id)
            .where(Item.paused.is_(False)))
    if owner_id is not None:
        base = base.where(Item.owner_id == owner_id)
    if refs is not None:
        base = base.where(Item.ref.in_(refs))

    kinds = [_booking_deadlines(s, base, limit, registry, today, label, left),
             _hearing_deadlines(s, base, limit, registry, label, left),
             _due_deadlines(s, base, limit, registry, label, left)]
    if refs is None:
        kinds.append(_conversation_deadlines(s, limit, owner_id, lang, left))
    kinds.append(iter(sorted(_measurement_deadlines(s, limit, owner_id, refs, lang, left),
                             key=_order)))
    # heapq.merge keeps the order of equal keys from the first stream to the last: the same
    # order as the stable sort of all of them that it replaces.
    for found in heapq.merge(*kinds, key=_order):
        if not overdue_only or found.overdue:
            yield found


def _order(d: Deadline) -> tuple[date, tuple[int, ...], str]:
    """Soonest first, then in number order (1.10 after 1.9), then by kind."""
    return d.due, _ref_key(d.ref), d.kind


def _streamed(s: Session, query: Executable) -> Iterator[Any]:
    """The rows of a column query, fetched ``STREAM_BATCH`` at a time."""
    with rows(s, query.execution_options(yield_per=STREAM_BATCH)) as found:
        yield from found


#: ``open_deadlines``' base query: ref, title, workflow name and version, owner login and name.
_ItemQuery = Select[str, str, str, int, str, str]


def _booking_deadlines(s: Session, base: _ItemQuery, limit: date | None, registry: Workflows,
                       today: date, label: Any, left: Any) -> Iterator[Deadline]:
    """The sagsfrist of every open booking on a meeting that is not cancelled: not a chained
    booking whose state the item has reached, not an orientation whose meeting is held."""
    bookings = (base.add_columns(Booking.id, Booking.deadline, Booking.state.label("booked"),
                                 Booking.flagged, Booking.orientation, Item.state.label("now"),
                                 Meeting.code, Meeting.date.label("mdate"),
                                 Body.key.label("body"))
                .join(Booking, Booking.item_id == Item.id)
                .join(Meeting, Meeting.id == Booking.meeting_id).join(Body)
                .where(Booking.left_at.is_(None), Booking.delivered_at.is_(None),
                       Meeting.cancelled.is_(False),
                       or_(Booking.orientation.is_(False), Meeting.date >= today)))
    if limit is not None:
        bookings = bookings.where(Booking.deadline <= limit)
    # in :func:`_order`: an orientation ("orientering") before a sagsfrist on the same day
    bookings = bookings.order_by(Booking.deadline, Item.sort_key, Booking.orientation.desc(),
                                 Booking.id)
    names: dict[str, str] = {}
    for r in _streamed(s, bookings):
        source = (None if r.orientation else
                  registry.get(r.workflow_name, r.workflow_version).chain_source(r.booked))
        if source is not None and r.now == r.booked:
            continue  # the previous meeting's decision brought the case: the deadline is met
        if source is not None and not names:  # the bodies as people name them: ØK, not OEK
            names = {k: split_name(k, n)[1] for k, n in s.execute(select(Body.key, Body.name))}
        yield Deadline(
            key=f"booking-{r.id}", kind="orientering" if r.orientation else "sagsfrist",
            ref=r.ref, title=r.title, owner=r.login, owner_name=r.owner_name, due=r.deadline,
            state=r.booked, state_label=label(r), working_days_left=left(r.deadline),
            meeting=r.code, meeting_date=r.mdate, body=r.body, flagged=r.flagged,
            chained_from=names.get(source.body or "", source.body) if source else None)


def _hearing_deadlines(s: Session, base: _ItemQuery, limit: date | None, registry: Workflows,
                       label: Any, left: Any) -> Iterator[Deadline]:
    """The last day of the høring an item is in."""
    # An item keeps its høring's end date after it has moved on; most of those rows (30,000 of
    # 32,000 in the national set) are no deadline, so only states that have a høring in some
    # stored version are read, and each row is still checked against its own version.
    in_hearing = sorted({st.key for defn in registry.every() for st in defn.states
                         if st.consultation})
    hearings = (base.add_columns(Item.id, Item.consultation_until, Item.state.label("booked"))
                .where(Item.consultation_until.is_not(None), Item.state.in_(in_hearing)))
    if limit is not None:
        hearings = hearings.where(Item.consultation_until <= limit)
    for r in _streamed(s, hearings.order_by(Item.consultation_until, Item.sort_key)):
        defn = registry.get(r.workflow_name, r.workflow_version)
        if not defn.state(r.booked).consultation:
            continue
        yield Deadline(
            key=f"hoering-{r.id}-{r.consultation_until.isoformat()}", kind="hoering", ref=r.ref,
            title=r.title, owner=r.login, owner_name=r.owner_name, due=r.consultation_until,
            state=r.booked, state_label=label(r),
            working_days_left=left(r.consultation_until))


def _due_deadlines(s: Session, base: _ItemQuery, limit: date | None, registry: Workflows,
                   label: Any, left: Any) -> Iterator[Deadline]:
    """An item's own due date, until it reaches a terminal state."""
    dues = base.add_columns(Item.id, Item.due, Item.state.label("booked")).where(
        Item.due.is_not(None))
    if limit is not None:
        dues = dues.where(Item.due <= limit)
    for r in _streamed(s, dues.order_by(Item.due, Item.sort_key)):
        defn = registry.get(r.workflow_name, r.workflow_version)
        if defn.state(r.booked).terminal:
            continue
        yield Deadline(
            key=f"due-{r.id}-{r.due.isoformat()}", kind="due", ref=r.ref, title=r.title,
            owner=r.login, owner_name=r.owner_name, due=r.due, state=r.booked,
            state_label=label(r), working_days_left=left(r.due))


def _conversation_deadlines(s: Session, limit: date | None, owner_id: int | None, lang: str,
                            left: Any) -> Iterator[Deadline]:
    """The workplace's strategy plan, due before its strategic conversation."""
    query = (select(Conversation.id, Conversation.code, Conversation.plan_due,
                    Conversation.held_on, Person.login, Person.name)
             .join(Person, Person.id == Conversation.leader_id)
             .where(Conversation.plan_delivered_at.is_(None),
                    Conversation.recorded_at.is_(None),
                    Conversation.cancelled_at.is_(None)))  # sagsgang: a cancelled one is moot
    if limit is not None:
        query = query.where(Conversation.plan_due <= limit)
    if owner_id is not None:
        query = query.where(Conversation.leader_id == owner_id)
    label = translate("deadline.samtale", lang)
    for r in _streamed(s, query.order_by(Conversation.plan_due, Conversation.id)):
        yield Deadline(key=f"conversation-{r.id}", kind="samtale", ref="", title=label,
                       owner=r.login, owner_name=r.name, due=r.plan_due, state="samtale",
                       state_label=label, working_days_left=left(r.plan_due), meeting=r.code,
                       meeting_date=r.held_on)


def _measurement_deadlines(s: Session, limit: date | None, owner_id: int | None,
                           refs: list[str] | None, lang: str, left: Any) -> list[Deadline]:
    """An indicator is due a new measurement ``cadence_months`` after its last one (or after it
    was set up), while its item is not paused."""
    last = (select(Measurement.indicator_id, func.max(Measurement.measured_on).label("last"))
            .group_by(Measurement.indicator_id).subquery())
    query = (select(Indicator.id, Indicator.name, Indicator.cadence_months,
                    Indicator.created_at, last.c.last, Item.ref, Item.title, Item.state,
                    Person.login, Person.name.label("owner_name"))
             .join(Item, Item.id == Indicator.item_id)
             .outerjoin(last, last.c.indicator_id == Indicator.id)
             .outerjoin(Person, Person.id == Item.owner_id)
             .where(Item.paused.is_(False), Indicator.cadence_months > 0))
    if owner_id is not None:
        query = query.where(Item.owner_id == owner_id)
    if refs is not None:
        query = query.where(Item.ref.in_(refs))
    label = translate("deadline.maaling", lang)  # a handful per strategy: read whole
    found = []
    for r in rows(s, query.order_by(Indicator.id)):
        since = r.last or local_date(r.created_at)
        due = add_months(since, r.cadence_months)
        if limit is not None and due > limit:
            continue
        found.append(Deadline(
            key=f"measurement-{r.id}-{due.isoformat()}", kind="maaling", ref=r.ref,
            title=f"{r.title}: {r.name}", owner=r.login, owner_name=r.owner_name, due=due,
            state=r.state, state_label=label, working_days_left=left(due)))
    return found


def _ref_key(ref: str) -> tuple[int, ...]:
    return tuple(int(p) for p in ref.split(".")) if ref else ()


_ONE_DAY = date.resolution


class Deadlines:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def due(self, *, days: int | None = None, owner: str | None = None,
            overdue: bool = False) -> list[Deadline]:
        """Open deadlines within ``days`` calendar days from today (overdue ones included)."""
        return list(self.stream(days=days, owner=owner, overdue=overdue))

    def stream(self, *, days: int | None = None, owner: str | None = None,
               overdue: bool = False) -> Iterator[Deadline]:
        """:meth:`due` one at a time, read as they are taken, so that ``deadlines`` on a
        national data set is written as it is read (issue 19). The transaction stays open until
        the last one is taken; bad ``days`` is refused before anything is read."""
        if days is not None and days < 0:
            raise InvalidInput("deadlines.bad_days", days=days)
        return self._stream(days, owner, overdue)

    def _stream(self, days: int | None, owner: str | None,
                overdue: bool) -> Iterator[Deadline]:
        with self.db.reading() as s:
            owner_id = find(s, owner).id if owner else None
            until = self.ctx.today + timedelta(days=days) if days is not None else None
            yield from stream_deadlines(s, working_calendar(self.ctx), self.ctx.today,
                                        lang=self.ctx.lang, until=until, owner_id=owner_id,
                                        overdue_only=overdue)

    def deliver(self, ref: str, meeting: str | None = None) -> list[str]:
        """Mark the case for a booking delivered: its deadline is met, reminders stop."""
        with self.db.transaction() as s:
            item = load_item(s, ref)
            query = select(Booking).join(Meeting).where(
                Booking.item_id == item.id, Booking.left_at.is_(None),
                Booking.delivered_at.is_(None), Meeting.cancelled.is_(False))
            if meeting is not None:
                query = query.where(Booking.meeting_id == find_meeting(s, meeting).id)
            open_ = s.scalars(query.order_by(Booking.deadline)).all()
            if not open_:
                raise InvalidInput("deliver.nothing", ref=item.ref)
            chosen = open_ if meeting is not None else open_[:1]
            for booking in chosen:
                booking.delivered_at = self.ctx.now
            codes = [b.meeting.code for b in chosen]
            record(s, self.ctx, "deliver", item=item, data={"meetings": codes})
            return codes
