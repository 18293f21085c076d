"""Bounded look-ups for pages a person reads: one meeting with its booked items, a search of the
items by title or number, and the coming meetings to choose a status report for.

Each is a fixed handful of queries whatever the size of the årshjul — never a query per row, and
never the whole item list read to filter it in Python — so a page of the web view costs the same
for one municipality as at national scale. The rows are the item list's own
(:meth:`aarshjul.services.items.Items.matching`), so a hit shows exactly what ``item list``
shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager

from aarshjul.context import Context
from aarshjul.dates.timeutil import local_date
from aarshjul.services.items import Items, ItemView
from aarshjul.services.meetings import MeetingView, find_meeting, meeting_view, working_calendar
from aarshjul.store.db import Database
from aarshjul.store.models import AuditHead, Body, Booking, Item, Meeting

#: Capital letters that SQLite's ``lower()`` leaves alone (it folds ASCII only): the Danish ones
#: and the accented ones in Danish names, so ``ØKONOMI`` finds ``økonomi`` on either backend.
_FOLD = "ÆØÅÉÈÄÖÜ"


@dataclass(frozen=True)
class MeetingPage:
    meeting: MeetingView
    body_name: str
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class Hits:
    items: tuple[ItemView, ...]
    more: bool  # there were more than the limit; the search should be narrowed


@dataclass(frozen=True)
class ComingMeeting:
    meeting: MeetingView
    body_name: str


def _folded(column: Any) -> Any:
    """``column`` in lower case on both backends, for the letters a municipality uses."""
    folded = func.lower(column)
    for capital in _FOLD:
        folded = func.replace(folded, capital, capital.lower())
    return folded


class Lookup:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def data_version(self) -> int:
        """The id of the newest audit entry: every change to the data is audited, so a page
        made from the data is the same while this (and the clock's minute) stays the same."""
        with self.db.transaction() as s:
            return s.scalar(select(AuditHead.last_id)) or 0

    def meeting(self, code: str) -> MeetingPage:
        """The meeting, its body's name and the items booked on it, in number order."""
        with self.db.transaction() as s:
            m = find_meeting(s, code)
            booked = s.scalar(select(func.count()).select_from(Booking)
                              .where(Booking.meeting_id == m.id)) or 0
            view = meeting_view(m, working_calendar(self.ctx), booked)
            name = m.body.name
            on_it = Item.id.in_(select(Booking.item_id).where(Booking.meeting_id == m.id))
        return MeetingPage(view, name, tuple(Items(self.db, self.ctx).matching(on_it)))

    def children(self, ref: str) -> list[ItemView]:
        """The items directly under ``ref`` (not their own children), in number order."""
        parent = select(Item.id).where(Item.ref == ref).scalar_subquery()
        return Items(self.db, self.ctx).matching(Item.parent_id == parent)

    def search(self, text: str, *, limit: int) -> Hits:
        """Items whose title or ESDH sagsnr. holds ``text`` (any case), or numbered ``text`` or
        under it (``1.2`` finds 1.2 and 1.2.1, not 1.20); at most ``limit``, and whether there
        were more."""
        wanted = " ".join(text.split())
        if not wanted:
            return Hits((), False)
        condition = or_(_folded(Item.title).contains(wanted.lower(), autoescape=True),
                        _folded(Item.case_number).contains(wanted.lower(), autoescape=True),
                        Item.ref == wanted, Item.ref.startswith(wanted + ".", autoescape=True))
        found = Items(self.db, self.ctx).matching(condition, limit=limit + 1)
        return Hits(tuple(found[:limit]), len(found) > limit)

    def coming_meetings(self, *, days: int = 366, first_body: str = "LEDERMOEDE",
                        limit: int = 100) -> list[ComingMeeting]:
        """The meetings not cancelled from today to ``days`` ahead, ``first_body``'s first
        (the ledermøder, which the status report is made for), then by body and date."""
        today = local_date(self.ctx.now)
        calendar = working_calendar(self.ctx)
        with self.db.transaction() as s:
            query = (select(Meeting).join(Meeting.body).options(contains_eager(Meeting.body))
                     .where(Meeting.date >= today, Meeting.date <= today + timedelta(days=days),
                            Meeting.cancelled.is_(False))
                     .order_by(Body.key != first_body, Body.name, Meeting.date, Meeting.time)
                     .limit(limit))
            return [ComingMeeting(meeting_view(m, calendar), m.body.name)
                    for m in s.scalars(query)]
