"""Strategic conversations: once a year each workplace meets its centre head or director.

``plan`` schedules one conversation per workplace leader for a year (the leaders who own
handlemål, or those named), on working days spread over a window, with the leader's manager as
the counterpart. The workplace's strategy plan is due a number of working days before — an open
deadline with reminders like any other, met when the plan is delivered or the conversation is
recorded. ``record`` stores the answers to the fixed questions (configurable).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.services.audit_trail import record
from aarshjul.services.meetings import working_calendar
from aarshjul.services.people import find
from aarshjul.store.db import Database
from aarshjul.store.models import Conversation, Item, Person

QUESTIONS = {
    "da": (
        "Hvad skal vi lykkes med?",
        "Hvad vil vi udvikle, forandre eller fastholde?",
        "Hvordan vil vi arbejde med det?",
        "Hvem rækker vi ud til på tværs?",
    ),
    "en": (
        "What must we succeed with?",
        "What will we develop, change or keep?",
        "How will we work with it?",
        "Whom do we reach out to across the organisation?",
    ),
}
PLAN_DAYS = 10


@dataclass(frozen=True)
class ConversationView:
    id: str
    year: int
    leader: str
    leader_name: str
    counterpart: str | None
    held_on: date
    plan_due: date
    plan_delivered: bool
    recorded: bool
    status: str  # done | plan-overdue | plan-due | planned
    answers: tuple[str, ...] = ()


class Conversations:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def plan(self, year: int, *, logins: Sequence[str] = (), start: date | None = None,
             end: date | None = None) -> list[ConversationView]:
        start = start or date(year, 9, 1)
        end = end or date(year, 10, 31)
        if end < start:
            raise InvalidInput("conversation.bad_window", start=start.isoformat(),
                               end=end.isoformat())
        calendar = working_calendar(self.ctx)
        with self.db.transaction() as s:
            if logins:
                leaders = [find(s, login) for login in dict.fromkeys(logins)]
            else:
                leaders = list(s.scalars(
                    select(Person).where(Person.manager_id.is_not(None),
                                         Person.forgotten_at.is_(None),
                                         Person.id.in_(select(Item.owner_id).where(
                                             Item.kind == "handlemaal")))
                    .order_by(Person.login)))
            have = set(s.scalars(select(Conversation.leader_id).where(
                Conversation.year == year)))
            days = []
            day = calendar.next_working_day(start)
            while day <= end:
                days.append(day)
                day = calendar.add_working_days(day, 1)
            if not days:
                raise InvalidInput("conversation.bad_window", start=start.isoformat(),
                                   end=end.isoformat())
            created = []
            todo = [p for p in leaders if p.id not in have]
            for n, leader in enumerate(todo):
                held = days[n * len(days) // max(len(todo), 1)]
                row = Conversation(
                    code=f"SAMTALE-{year}-{leader.login}", year=year, leader=leader,
                    counterpart=leader.manager, held_on=held,
                    plan_due=calendar.working_days_before(held, PLAN_DAYS), answers="")
                s.add(row)
                created.append(row)
            s.flush()
            if created:
                record(s, self.ctx, "conversation-plan",
                       data={"year": year, "conversations": [c.code for c in created]})
            return [self._view(c) for c in created]

    def record(self, code: str, answers_file: str) -> ConversationView:
        return self.record_answers(code, read_answers(answers_file, self.ctx.lang))

    def record_answers(self, code: str, answers: Sequence[str]) -> ConversationView:
        if len(answers) != len(QUESTIONS["da"]) or not all(a.strip() for a in answers):
            raise InvalidInput("conversation.bad_answers", file="-", count=len(QUESTIONS["da"]),
                               questions=" / ".join(QUESTIONS[self.ctx.lang]
                                                    if self.ctx.lang in QUESTIONS
                                                    else QUESTIONS["da"]))
        with self.db.transaction() as s:
            row = self._find(s, code)
            row.answers = json.dumps([a.strip() for a in answers], ensure_ascii=False)
            row.recorded_at = self.ctx.now
            record(s, self.ctx, "conversation-record", data={"conversation": row.code})
            return self._view(row)

    def deliver_plan(self, code: str) -> ConversationView:
        with self.db.transaction() as s:
            row = self._find(s, code)
            row.plan_delivered_at = self.ctx.now
            record(s, self.ctx, "conversation-plan-delivered", data={"conversation": row.code})
            return self._view(row)

    def query(self, *, year: int | None = None) -> list[ConversationView]:
        with self.db.transaction() as s:
            q = select(Conversation).order_by(Conversation.held_on, Conversation.code)
            if year is not None:
                q = q.where(Conversation.year == year)
            return [self._view(c) for c in s.scalars(q)]

    def _find(self, s: Session, code: str) -> Conversation:
        row = s.scalars(select(Conversation).where(
            func.upper(Conversation.code) == code.strip().upper())).one_or_none()
        if row is None:
            raise InvalidInput("conversation.unknown", code=code)
        return row

    def _view(self, c: Conversation) -> ConversationView:
        return view_of(c, self.ctx.today)


def view_of(c: Conversation, today: date) -> ConversationView:
    """Where a conversation stands on ``today``: held, plan overdue, plan due soon, planned."""
    if c.recorded_at is not None:
        status = "done"
    elif c.plan_delivered_at is None and c.plan_due < today:
        status = "plan-overdue"
    elif c.plan_delivered_at is None and c.plan_due <= today + timedelta(days=14):
        status = "plan-due"
    else:
        status = "planned"
    return ConversationView(
        id=c.code, year=c.year, leader=c.leader.login, leader_name=c.leader.name,
        counterpart=c.counterpart.login if c.counterpart else None, held_on=c.held_on,
        plan_due=c.plan_due, plan_delivered=c.plan_delivered_at is not None,
        recorded=c.recorded_at is not None, status=status,
        answers=tuple(json.loads(c.answers)) if c.answers else ())


def read_answers(path: str, lang: str) -> list[str]:
    """A TOML file with ``answers = ["…", "…", "…", "…"]``, one per question, in order."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput("file.unreadable", file=path, reason=str(exc)) from None
    answers = raw.get("answers")
    questions = QUESTIONS["en" if lang == "en" else "da"]
    if not isinstance(answers, list) or len(answers) != len(questions) or not all(
            isinstance(a, str) and a.strip() for a in answers):
        raise InvalidInput("conversation.bad_answers", file=path, count=len(questions),
                           questions=" / ".join(questions))
    return [a.strip() for a in answers]
