"""Workplaces: the schools, daycares and centres where a strategy is carried out (udmøntning).

A body can belong to a workplace (each school's LMU: ``body add LMU-SKOLEA --workplace skole-a``)
and so can a person (``person edit sara --workplace skole-a``). ``item spawn --for … --book-on
LMU`` then books each spawned handleplan on the next meeting of its leader's own LMU: the body
whose workplace is the leader's and whose key is the role (``LMU``) or begins with it
(``LMU-SKOLEA``). The spawn and the bookings are one transaction: a workplace without such a body
or without a coming meeting refuses the whole command, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.services.body_names import ascii_key
from aarshjul.services.items import Items, ItemView, SpawnTemplate
from aarshjul.services.meetings import add_booking, sagsfrist, working_calendar
from aarshjul.store.db import Database
from aarshjul.store.models import Body, Meeting, Person


@dataclass(frozen=True)
class SpawnedPlan:
    item: ItemView
    workplace: str | None = None
    meeting: str | None = None
    deadline: date | None = None


def workplace_body(s: Session, person: Person, role: str) -> Body:
    """The body playing ``role`` at the person's workplace; refused when there is none."""
    role = ascii_key(role)
    if not person.workplace:
        raise InvalidInput("workplace.person_without", login=person.login)
    candidates = s.scalars(select(Body).where(
        func.lower(Body.workplace) == person.workplace.lower()).order_by(Body.key)).all()
    found = [b for b in candidates if b.key == role or b.key.startswith(role + "-")]
    if not found:
        raise InvalidInput("workplace.no_body", workplace=person.workplace, role=role,
                           login=person.login)
    return found[0]


class Workplaces:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def spawn(self, ref: str, logins: Sequence[str], *, book_on: str,
              due: date | None = None,
              template: SpawnTemplate | None = None) -> list[SpawnedPlan]:
        """``item spawn`` with each handleplan booked on its workplace's ``book_on`` body, at
        the first coming meeting whose sagsfrist has not passed."""
        items = Items(self.db, self.ctx)
        calendar = working_calendar(self.ctx)
        today = self.ctx.today
        with self.db.transaction() as s:
            spawned = []
            for item, defn in items.spawn_in(s, ref, logins, due=due, template=template):
                assert item.owner is not None
                body = workplace_body(s, item.owner, book_on)
                meeting = next((m for m in s.scalars(
                    select(Meeting).where(Meeting.body_id == body.id, Meeting.date >= today,
                                          Meeting.cancelled.is_(False))
                    .order_by(Meeting.date, Meeting.time))
                    if _still_open(sagsfrist(calendar, m.date, body.deadline_days), today)),
                    None)
                if meeting is None:
                    raise InvalidInput("workplace.no_meeting", body=body.key,
                                       workplace=body.workplace)
                booking = add_booking(s, self.ctx, item, meeting, item.state)
                spawned.append(SpawnedPlan(
                    item=items.view_in(s, item, defn),
                    workplace=body.workplace, meeting=meeting.code, deadline=booking.deadline))
            return spawned


def _still_open(deadline: date | None, today: date) -> bool:
    """A meeting takes the case while its sagsfrist has not passed; a body without sagsfrist
    (its meetings are events) takes none."""
    return deadline is not None and deadline >= today
