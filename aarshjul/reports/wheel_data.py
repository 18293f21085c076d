"""What the årshjul wheel shows, read from the database: twelve months of meetings and bookings.

:class:`WheelData` is the frozen value the drawing in :mod:`aarshjul.reports.wheel` takes: the
window (twelve whole months), one ring of meetings per body and the coming bookings.
:func:`wheel_data` gathers it from ``(db, ctx)``. :func:`angle_of` says where a day lies on the
wheel, because that follows from the window alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from aarshjul.dates.timeutil import add_months
from aarshjul.services.labels import name_and_short

if TYPE_CHECKING:
    from aarshjul.context import Context
    from aarshjul.store.db import Database


class RingMeeting(NamedTuple):
    day: date
    code: str
    cancelled: bool
    #: Items on its agenda: those treated (past meetings) or still booked (coming ones).
    booked: int = 0
    #: The meeting's own title: a theme meeting's subject ("Temamøde: det lange perspektiv").
    title: str = ""


@dataclass(frozen=True)
class Ring:
    """One body's ring: ``key`` places and colours it; people read :attr:`label` and
    :attr:`full_name`, never the key (issue 17)."""

    key: str
    name: str
    meetings: tuple[RingMeeting, ...]

    @property
    def label(self) -> str:
        """The body's usual short form: ``ØK``, ``BUU``, ``Ledermøde``."""
        return name_and_short(self.key, self.name)[1]

    @property
    def full_name(self) -> str:
        """The body's name without its short form: ``Økonomiudvalget``, ``Ledermøde``."""
        return name_and_short(self.key, self.name)[0]


@dataclass(frozen=True)
class Mark:
    """An item's coming booking: drawn at its sagsfrist on the ring of the meeting's body."""

    ref: str
    title: str
    meeting_date: date
    body: str
    deadline: date
    meeting: str = ""
    orientation: bool = False  # on the agenda for information only


@dataclass(frozen=True)
class WheelData:
    """What one wheel shows: the twelve months starting at ``year_start`` (the 1st of a month)."""

    year_start: date
    today: date
    rings: tuple[Ring, ...]
    bookings: tuple[Mark, ...]
    title: str = ""  # the heading; empty means the translated "Årshjul"

    def label(self, body: str) -> str:
        """The short form of the body whose key is ``body`` (its ring's :attr:`Ring.label`)."""
        return next((r.label for r in self.rings if r.key == body), body)

    @property
    def year_end(self) -> date:
        """The first day after the window."""
        return add_months(self.year_start, 12)


def angle_of(data: WheelData, day: date) -> float:
    """Degrees clockwise from twelve o'clock: the share of the window's days before ``day``."""
    total = (data.year_end - data.year_start).days
    return 360.0 * (day - data.year_start).days / total


def wheel_data(db: Database, ctx: Context, *, start: date | None = None) -> WheelData:
    """The wheel's data for the twelve months from the 1st of ``start``'s month.

    ``start`` defaults to the current month (``ctx.today``): a wheel on the wall is about the year
    ahead, and the current month keeps the meetings just held in view. A ``start`` in the middle
    of a month is moved to the 1st, because the outer ring is whole months.

    Meetings of every body that meets in the window get a ring (bodies without meetings there
    would only be empty circles). The markers are the open bookings on coming meetings that are
    not cancelled: a booking the item has moved past, been sent back from or withdrawn from is
    met or moot and is not drawn. ``BookingView`` does not say whether a booking is still open, so
    that part is one read-only query here rather than through ``Meetings.bookings``.
    """
    from sqlalchemy import select

    from aarshjul.services.meetings import DEFAULT_BODIES, Meetings
    from aarshjul.store.models import Body, Booking, Item, Meeting

    today = ctx.today
    service = Meetings(db, ctx)
    first = (start or today).replace(day=1)
    end = add_months(first, 12)
    meetings = service.query(start=first, end=end - timedelta(days=1))
    names = {b.key: b.name for b in service.bodies()}
    with db.transaction() as s:
        rows = s.execute(
            select(Item.ref, Item.title, Meeting.code, Meeting.date, Body.key, Booking.deadline,
                   Booking.orientation)
            .select_from(Booking)
            .join(Item, Item.id == Booking.item_id)
            .join(Meeting, Meeting.id == Booking.meeting_id)
            .join(Body, Body.id == Meeting.body_id)
            .where(Booking.left_at.is_(None), Meeting.cancelled.is_(False),
                   Meeting.date >= max(today, first), Meeting.date < end)
            .order_by(Meeting.date, Body.key, Item.sort_key, Booking.id)).all()
    marks = tuple(Mark(ref=r.ref, title=r.title, meeting_date=r.date, body=r.key,
                       deadline=r.deadline, meeting=r.code, orientation=r.orientation)
                  for r in rows)
    coming: dict[str, int] = {}
    for mark in marks:
        coming[mark.meeting] = coming.get(mark.meeting, 0) + 1

    by_body: dict[str, list[RingMeeting]] = {}
    for m in meetings:
        booked = coming.get(m.id, 0) if m.date >= today else m.booked + m.orientations
        by_body.setdefault(m.body, []).append(RingMeeting(m.date, m.id, m.cancelled, booked,
                                                          m.title))
    usual = [key for key, _, _ in DEFAULT_BODIES]
    order = sorted(by_body, key=lambda k: (usual.index(k) if k in usual else len(usual), k))
    rings = tuple(Ring(key=k, name=names.get(k, k), meetings=tuple(by_body[k])) for k in order)
    return WheelData(year_start=first, today=today, rings=rings, bookings=marks)
