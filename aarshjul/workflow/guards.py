"""The named guards a workflow state can require before an item leaves it.

A guard looks at one item in one state and answers with ``None`` (fine) or a :class:`Missing`
that says, as a message key, what is missing and how to get it — the same text ``item show`` uses
to tell the secretariat what an item still needs. Definitions name guards by these keys
(``aarshjul.workflow.definitions.GUARD_NAMES``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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


Guard = Callable[[GuardContext], Missing | None]


def decision(ctx: GuardContext) -> Missing | None:
    if ctx.decision and ctx.decision.strip():
        return None
    return Missing("guard.decision", {"state": ctx.state.da})


def held_meeting(ctx: GuardContext) -> Missing | None:
    body_key = ctx.state.body or ""
    held = ctx.session.scalars(
        select(Meeting.code).join(Booking, Booking.meeting_id == Meeting.id).join(Body)
        .where(Booking.item_id == ctx.item.id, Booking.state == ctx.state.key,
               Body.key == body_key, Meeting.cancelled.is_(False), Meeting.date <= ctx.today)
        .limit(1)
    ).first()
    if held is not None:
        return None
    booked = ctx.session.scalars(
        select(Meeting.code).join(Booking, Booking.meeting_id == Meeting.id)
        .where(Booking.item_id == ctx.item.id, Booking.state == ctx.state.key,
               Meeting.cancelled.is_(False)).order_by(Meeting.date).limit(1)
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
        return Missing("guard.consultation_running", {"until": until.isoformat()})
    return None


GUARDS: dict[str, Guard] = {
    "decision": decision,
    "held-meeting": held_meeting,
    "consultation-ended": consultation_ended,
}


def missing(ctx: GuardContext) -> dict[str, Missing]:
    """Every exit guard of the item's state that is not met, by guard name."""
    found = {}
    for name in ctx.state.exit_guards:
        result = GUARDS[name](ctx)
        if result is not None:
            found[name] = result
    return found
