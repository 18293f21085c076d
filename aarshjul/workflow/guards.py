"""The named guards a workflow state can require before an item leaves it.

A guard looks at one item in one state and answers with ``None`` (fine) or a :class:`Missing`
that says, as a message key, what is missing and how to get it — the same text ``item show`` uses
to tell the secretariat what an item still needs. Definitions name guards by these keys
(``aarshjul.workflow.definitions.GUARD_NAMES``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from aarshjul.store.db import one_of
from aarshjul.store.models import Body, Booking, Item, Meeting
from aarshjul.workflow.definitions import StateDef


@dataclass(frozen=True)
class Missing:
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GuardContext:
    session: Session
    item: Item
    state: StateDef
    decision: str | None
    today: date
    #: The local time now, ``HH:MM``: a meeting today is held once it has begun. None: today's
    #: meetings count as held (a caller that knows only the day).
    clock: str | None = None
    #: :func:`held_meetings_of` read for many items at once (a bulk advance), by item id.
    held: dict[int, int | None] | None = None

    @cached_property
    def held_meeting_id(self) -> int | None:
        """:func:`held_meeting_of` for this item and state, read once: the guard asks it, and
        a move that passes files its decision under it. (cached_property writes the instance's
        __dict__ directly, which a frozen dataclass allows.)"""
        if self.held is not None and self.item.id in self.held:
            return self.held[self.item.id]
        return held_meeting_of(self.session, self.item, self.state, self.today, self.clock)


Guard = Callable[[GuardContext], Missing | None]


def decision(ctx: GuardContext) -> Missing | None:
    if ctx.decision and ctx.decision.strip():
        return None
    return Missing("guard.decision", {"state": ctx.state.da})


def held_meeting_of(session: Session, item: Item, state: StateDef, today: date,
                    clock: str | None = None) -> int | None:
    """The held meeting of the state's body the item was booked on for ``state`` (the latest,
    if several): what lets the item leave the state, and what its decision is filed under.

    A meeting is held from its start time (``clock``, local ``HH:MM``, compares as text); one
    without a time is held from the start of its day."""
    if state.body is None:
        return None
    held = Meeting.date <= today if clock is None else or_(
        Meeting.date < today,
        and_(Meeting.date == today, or_(Meeting.time.is_(None), Meeting.time <= clock)))
    return session.scalars(
        select(Meeting.id).join(Booking, Booking.meeting_id == Meeting.id).join(Body)
        .where(Booking.item_id == item.id, Booking.state == state.key, Body.key == state.body,
               Booking.orientation.is_(False), Meeting.cancelled.is_(False), held)
        .order_by(Meeting.date.desc(), Meeting.time.desc()).limit(1)
    ).first()


def held_meetings_of(session: Session, items: Sequence[tuple[Item, StateDef]], today: date,
                     clock: str | None = None) -> dict[int, int | None]:
    """:func:`held_meeting_of` for many items, each in its own state, with one query per
    ``one_of`` chunk instead of one per item (a bulk advance after a meeting names hundreds;
    issue 19, point 3). Items whose state has no body are left out (they need no query)."""
    wanted = {item.id: state for item, state in items if state.body is not None}
    found: dict[int, int | None] = dict.fromkeys(wanted)
    if not wanted:
        return found
    held = Meeting.date <= today if clock is None else or_(
        Meeting.date < today,
        and_(Meeting.date == today, or_(Meeting.time.is_(None), Meeting.time <= clock)))
    # PostgreSQL sorts a missing time first in held_meeting_of's descending order, SQLite last
    nulls_first = session.get_bind().dialect.name == "postgresql"
    best: dict[int, tuple[date, int, str]] = {}
    for chunk in one_of(session, Booking.item_id, sorted(wanted)):
        for item_id, booked, body, meeting_id, day, time in session.execute(
                select(Booking.item_id, Booking.state, Body.key, Meeting.id, Meeting.date,
                       Meeting.time)
                .join(Meeting, Meeting.id == Booking.meeting_id).join(Body)
                .where(chunk, Booking.orientation.is_(False), Meeting.cancelled.is_(False),
                       held)):
            state = wanted[item_id]
            if booked != state.key or body != state.body:
                continue
            rank = (day, (2 if nulls_first else 0) if time is None else 1, time or "")
            if item_id not in best or rank > best[item_id]:
                best[item_id] = rank
                found[item_id] = meeting_id
    return found


def held_meeting(ctx: GuardContext) -> Missing | None:
    if ctx.held_meeting_id is not None:
        return None
    body_key = ctx.state.body or ""
    booked = ctx.session.scalars(
        select(Meeting.code).join(Booking, Booking.meeting_id == Meeting.id)
        .where(Booking.item_id == ctx.item.id, Booking.state == ctx.state.key,
               Booking.orientation.is_(False), Meeting.cancelled.is_(False))
        .order_by(Meeting.date).limit(1)
    ).first()
    if booked is not None:
        return Missing("guard.meeting_not_held", {"body": body_key, "meeting": booked})
    candidates = select(Meeting.code).join(Body).where(Body.key == body_key,
                                                       Meeting.cancelled.is_(False))
    suggestion = ctx.session.scalars(
        candidates.where(Meeting.date <= ctx.today).order_by(Meeting.date.desc()).limit(1)
    ).first() or ctx.session.scalars(
        candidates.where(Meeting.date > ctx.today).order_by(Meeting.date).limit(1)
    ).first()
    if suggestion is None:
        return Missing("guard.no_meetings", {"body": body_key})
    return Missing("guard.not_booked",
                   {"body": body_key, "ref": ctx.item.ref, "meeting": suggestion})


def consultation_ended(ctx: GuardContext) -> Missing | None:
    until = ctx.item.consultation_until
    if until is None:
        return Missing("guard.no_consultation_period", {"ref": ctx.item.ref})
    if until > ctx.today:
        return Missing("guard.consultation_running", {"until": until})
    return None


GUARDS: dict[str, Guard] = {
    "decision": decision,
    "held-meeting": held_meeting,
    "consultation-ended": consultation_ended,
}


class Check:
    """The machine's guard check for one item in one state (``aarshjul.workflow.machine``
    asks it for each exit guard of a move): evaluates the named guard with ``ctx``, remembers
    what is missing in :attr:`missing` (by guard name, in the order asked), and answers whether
    the guard lets the item go — always yes when ``force`` overrides it. Each guard is evaluated
    once per check: asking ``may_`` for several forward moves of a state reads the rows once.
    """

    def __init__(self, ctx: GuardContext, *, force: bool = False) -> None:
        self.ctx = ctx
        self.force = force
        self.missing: dict[str, Missing] = {}
        self._asked: set[str] = set()

    def __call__(self, name: str) -> bool:
        if name not in self._asked:
            self._asked.add(name)
            result = GUARDS[name](self.ctx)
            if result is not None:
                self.missing[name] = result
        return self.force or name not in self.missing


def missing(ctx: GuardContext) -> dict[str, Missing]:
    """Every exit guard of the item's state that is not met, by guard name."""
    check = Check(ctx)
    for name in ctx.state.exit_guards:
        check(name)
    return check.missing
