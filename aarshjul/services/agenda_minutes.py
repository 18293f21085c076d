"""The beslutningsprotokol: what a held meeting decided on each agenda point, and its effect on
the item's sagsgang, recorded in one transaction.

Godkendt and taget til efterretning advance the item through the same guarded path as
``advance --decision`` (:meth:`~aarshjul.services.moves.Moves.advance_in`); ikke godkendt and
sendt tilbage send it back as ``send-back`` does (:meth:`~aarshjul.services.moves.Moves.
send_back_in`); udsat, and any decision on an orientering, leave the item where it is. The point
keeps the decision and its text, and one ``agenda-minutes`` audit entry says what was decided and
where the item went, so the protocol, the sagsgang and the audit trail cannot disagree: if the
move is refused, nothing is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import Conflict, InvalidInput, WorkflowRefused
from aarshjul.messages import translate
from aarshjul.services.agenda import (
    DECISIONS,
    ensure_point,
    find_booking,
    is_held,
    normalise_choice,
)
from aarshjul.services.audit_trail import record
from aarshjul.services.meetings import find_meeting
from aarshjul.services.moves import Moves
from aarshjul.store.db import Database
from aarshjul.workflow.registry import Workflows

#: Decisions that move the item on, and those that send it back (unless it is an orientering).
ADVANCING = ("godkendt", "taget-til-efterretning")
SENDING_BACK = ("ikke-godkendt", "sendt-tilbage")


@dataclass(frozen=True)
class MinutesResult:
    meeting: str
    ref: str
    decision: str
    text: str
    from_state: str
    to_state: str  # the same as from_state when the item stays
    to_label: str


def check_decision(text: str) -> str:
    decision = normalise_choice(text)
    if decision not in DECISIONS:
        raise InvalidInput("agenda.bad_decision", decision=text, known=", ".join(DECISIONS))
    return decision


def decision_text(decision: str, text: str) -> str:
    """What the sagsgang files: ``Godkendt`` or ``Godkendt: <text>`` (in Danish, as the
    protocol is kept)."""
    label = translate(f"agenda.decision.{decision}", "da")
    return f"{label}: {text}" if text else label


class Minutes:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def record(self, code: str, ref: str, decision: str, *, text: str | None = None,
               to: str | None = None) -> MinutesResult:
        decision = check_decision(decision)
        text = (text or "").strip()
        moves = Moves(self.db, self.ctx)
        with self.db.transaction() as s:
            meeting = find_meeting(s, code, open_only=True)
            if not is_held(meeting, self.ctx):
                raise WorkflowRefused("agenda.not_held", meeting=meeting.code)
            booking = find_booking(s, meeting, ref)
            point = ensure_point(s, booking)
            item = booking.item
            if point.decision:
                raise Conflict("agenda.already_decided", ref=item.ref, meeting=meeting.code,
                               decision=translate(f"agenda.decision.{point.decision}",
                                                  self.ctx.lang))
            from_state = item.state
            moving = point.kind != "orientering" and decision in (*ADVANCING, *SENDING_BACK)
            if not moving and to is not None:
                raise InvalidInput("agenda.to_without_move")
            if moving and item.state != booking.state:
                raise Conflict("agenda.already_moved", ref=item.ref, meeting=meeting.code,
                               state=item.state, booked=booking.state)
            filed = decision_text(decision, text)
            if moving and decision in ADVANCING:
                [moved] = moves.advance_in(s, [item.ref], to=to, decision=filed)
                to_state, to_label = moved.to_state, moved.to_label
            elif moving:
                target = to or self._only_way_back(s, item.workflow_name, item.workflow_version,
                                                   item.state, item.ref)
                back = moves.send_back_in(s, item.ref, to=target, reason=filed)
                to_state, to_label = back.to_state, back.to_label
            else:
                to_state = from_state
                to_label = Workflows(s).get(item.workflow_name, item.workflow_version).state(
                    from_state).label(self.ctx.lang)
            point.decision = decision
            point.beslutning = text
            point.decided_at = self.ctx.now
            record(s, self.ctx, "agenda-minutes", item=item,
                   data={"meeting": meeting.code, "outcome": decision, "decision": filed,
                         "from": from_state, "to": to_state})
            return MinutesResult(meeting=meeting.code, ref=item.ref, decision=decision,
                                 text=text, from_state=from_state, to_state=to_state,
                                 to_label=to_label)

    def _only_way_back(self, s: Session, workflow: str, version: int, state: str,
                       ref: str) -> str:
        here = Workflows(s).get(workflow, version).state(state)
        if len(here.send_back) == 1:
            return here.send_back[0]
        raise InvalidInput("agenda.choose_back", ref=ref,
                           choices=", ".join(here.send_back) or "-")
