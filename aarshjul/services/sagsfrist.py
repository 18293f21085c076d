"""The sagsfrist: when the case for a booking must be ready. The one home of the rule (see
:func:`sagsfrist`), and of the working calendar it counts on; :mod:`aarshjul.services.meetings`
re-exports both, and bookings, the planner, deadlines, reminders, the wheel and the calendar feed
all ask here or read the deadline a booking stored from here.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.dates.workdays import WorkingCalendar, parse_closed_days, parse_closing_days
from aarshjul.errors import InvalidInput
from aarshjul.store.models import Booking, Meeting
from aarshjul.workflow.definitions import WorkflowDef
from aarshjul.workflow.registry import Workflows

Day = date


@lru_cache(maxsize=8)
def _calendar(closing_days: tuple[str, ...], closed_days: tuple[str, ...]) -> WorkingCalendar:
    return WorkingCalendar(closing_days=parse_closing_days(closing_days),
                           extra_closed=parse_closed_days(closed_days))


def working_calendar(ctx: Context) -> WorkingCalendar:
    """The working days of the configuration: recurring closing days and one-off closed days."""
    return _calendar(ctx.config.closing_days, ctx.config.closed_days)


def sagsfrist(calendar: WorkingCalendar, meeting_day: Day, deadline_days: int | None, *,
              indstilling: Day | None = None) -> Day | None:
    """The case deadline of a booking. The one place this rule lives: bookings, meeting lists,
    the planner, deadlines, reminders, the wheel and the calendar feed all ask here (or read
    the booking's deadline stored from here).

    Counted back ``deadline_days`` working days from the meeting; but when the case comes on
    the previous body's indstilling (a ``chained`` state, ØK → KB), ``indstilling`` is that
    meeting's day: its decision is what the case must be ready by, and counting back from the
    later meeting would put the sagsfrist before the previous body has even met. A body
    without a sagsfrist (theme meetings, temamøder: ``deadline_days`` None) gives None.
    """
    if indstilling is not None:
        return indstilling
    if deadline_days is None:
        return None
    return calendar.working_days_before(meeting_day, deadline_days)


def chain_meeting(s: Session, defn: WorkflowDef, item_id: int, meeting: Meeting,
                  state: str) -> Meeting | None:
    """The meeting whose indstilling brings the case to ``meeting`` for a chained ``state``:
    the latest meeting before it that the item is booked on for the state before (held or not,
    not cancelled). None when ``state`` is not chained or that state is not booked yet."""
    source = defn.chain_source(state)
    if source is None:
        return None
    return s.scalars(
        select(Meeting).join(Booking, Booking.meeting_id == Meeting.id)
        .where(Booking.item_id == item_id, Booking.state == source.key,
               Booking.orientation.is_(False), Meeting.cancelled.is_(False),
               Meeting.date < meeting.date)
        .order_by(Meeting.date.desc()).limit(1)).first()


def booking_deadline(s: Session, calendar: WorkingCalendar, defn: WorkflowDef, item_id: int,
                     meeting: Meeting, state: str, *, orientation: bool = False) -> Day:
    """:func:`sagsfrist` for one booking: chained to the previous meeting when it is. A body
    without a sagsfrist takes no bookings: its meetings are events (theme meetings)."""
    source = None if orientation else chain_meeting(s, defn, item_id, meeting, state)
    found = sagsfrist(calendar, meeting.date, meeting.body.deadline_days,
                      indstilling=source.date if source is not None else None)
    if found is None:
        raise InvalidInput("booking.no_sagsfrist", meeting=meeting.code, body=meeting.body.key)
    return found


def refresh_deadlines(s: Session, ctx: Context, item_ids: set[int]) -> None:
    """Recompute the sagsfrist of every open booking of these items: after a meeting moved or
    was cancelled, a body's sagsfrist changed, or a booking came or went, since a chained
    booking's deadline follows the meeting before it."""
    calendar = working_calendar(ctx)
    registry = Workflows(s)
    for booking in s.scalars(select(Booking).where(Booking.item_id.in_(sorted(item_ids)),
                                                   Booking.left_at.is_(None))):
        item = booking.item
        defn = registry.get(item.workflow_name, item.workflow_version)
        booking.deadline = booking_deadline(s, calendar, defn, item.id, booking.meeting,
                                            booking.state, orientation=booking.orientation)
    s.flush()
