"""Strategic conversations: once a year each workplace meets its centre head or director.

``plan`` schedules one conversation per workplace leader for a year (the leaders who own
handlemål, or those named), on working days spread over a window, with the leader's manager as
the counterpart. The workplace's strategy plan is due a number of working days before — an open
deadline with reminders like any other, met when the plan is delivered or the conversation is
recorded. ``record`` stores the answers to the fixed questions and the agenda points beside them;
a conversation is recorded only once it has begun (its day, from its time).

``edit`` gives a conversation its time, place and participants; ``move`` gives it another day
(the plan's deadline follows) and ``cancel`` calls it off (no deadline, no reminders). The
conversations are events in the calendar feed (:func:`calendar_entries`).
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
from aarshjul.dates.formats import long_date
from aarshjul.dates.timeutil import local
from aarshjul.errors import InvalidInput, WorkflowRefused
from aarshjul.services.audit_trail import record
from aarshjul.services.meetings import MeetingView, check_time, working_calendar
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
#: The agenda points recorded beside the four questions (issue 15, point 7).
AGENDA = {
    "da": (
        "Hvad skal vi lykkes med?",
        "Hvad vil vi udvikle?",
        "Idéer til det politiske niveau",
    ),
    "en": (
        "What must we succeed with?",
        "What will we develop?",
        "Ideas for the political level",
    ),
}
PLAN_DAYS = 10
#: The calendar feed's "body" for conversations: a key no body can have (keys are A-Z, 0-9, -).
CALENDAR_KEY = "SAMTALE"


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
    status: str  # done | cancelled | plan-overdue | plan-due | planned
    answers: tuple[str, ...] = ()
    time: str | None = None
    place: str = ""
    participants: tuple[str, ...] = ()
    agenda: tuple[str, ...] = ()  # in AGENDA's order
    cancelled: bool = False
    counterpart_name: str | None = None


class Conversations:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def plan(self, year: int, *, logins: Sequence[str] = (), start: date | None = None,
             end: date | None = None) -> list[ConversationView]:
        start = start or date(year, 9, 1)
        end = end or date(year, 10, 31)
        if end < start:
            raise InvalidInput("conversation.bad_window", start=start, end=end)
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
        answers, agenda = read_answers_and_agenda(answers_file, self.ctx.lang)
        return self.record_answers(code, answers, agenda=agenda)

    def record_answers(self, code: str, answers: Sequence[str], *,
                       agenda: Sequence[str] = ()) -> ConversationView:
        """Store the answers (and the agenda points, if given); refused before the
        conversation has begun, or when it was cancelled."""
        lang = "en" if self.ctx.lang == "en" else "da"
        if len(answers) != len(QUESTIONS["da"]) or not all(a.strip() for a in answers):
            raise InvalidInput("conversation.bad_answers", file="-", count=len(QUESTIONS["da"]),
                               questions=" / ".join(QUESTIONS[lang]))
        if agenda and len(agenda) != len(AGENDA["da"]):
            raise InvalidInput("conversation.bad_agenda", file="-", count=len(AGENDA["da"]),
                               points=" / ".join(AGENDA[lang]))
        with self.db.transaction() as s:
            row = self._find(s, code)
            self._refuse_cancelled(row)
            clock = f"{local(self.ctx.now):%H:%M}"
            if (self.ctx.today, clock) < (row.held_on, row.time or "00:00"):
                raise WorkflowRefused("conversation.not_yet_held", code=row.code,
                                      day=long_date(row.held_on, self.ctx.lang),
                                      time=row.time or "")
            row.answers = json.dumps([a.strip() for a in answers], ensure_ascii=False)
            if agenda:
                row.agenda = json.dumps([a.strip() for a in agenda], ensure_ascii=False)
            row.recorded_at = self.ctx.now
            record(s, self.ctx, "conversation-record", data={"conversation": row.code})
            return self._view(row)

    def edit(self, code: str, *, time: str | None = None, place: str | None = None,
             participants: Sequence[str] | None = None) -> ConversationView:
        """Set the time (``""`` removes it), the place and the participants (names or
        logins, as the secretariat writes them; they replace the list)."""
        clock = check_time(time) if time else None
        if time is None and place is None and participants is None:
            raise InvalidInput("conversation.nothing_to_edit")
        with self.db.transaction() as s:
            row = self._find(s, code)
            self._refuse_cancelled(row)
            if time is not None:
                row.time = clock
            if place is not None:
                row.place = " ".join(place.split())
            if participants is not None:
                names = [" ".join(p.split()) for p in participants if p.strip()]
                row.participants = json.dumps(names, ensure_ascii=False) if names else ""
            record(s, self.ctx, "conversation-edit",
                   data={"conversation": row.code, "time": row.time, "place": row.place,
                         "participants": self._view(row).participants})
            return self._view(row)

    def move(self, code: str, day: date, *, time: str | None = None) -> ConversationView:
        """Another day (and time) for a conversation not yet held; the strategy plan is then
        due :data:`PLAN_DAYS` working days before the new day."""
        calendar = working_calendar(self.ctx)
        clock = check_time(time) if time else None
        if not calendar.is_working_day(day):
            lang = self.ctx.lang
            when = long_date(day, lang)
            raise InvalidInput("conversation.not_working_day", day=when[:1].upper() + when[1:],
                               next=long_date(calendar.next_working_day(day), lang))
        with self.db.transaction() as s:
            row = self._find(s, code)
            self._refuse_cancelled(row)
            if row.recorded_at is not None:
                raise WorkflowRefused("conversation.already_held", code=row.code)
            old = row.held_on
            row.held_on = day
            if time is not None:
                row.time = clock
            row.plan_due = calendar.working_days_before(day, PLAN_DAYS)
            record(s, self.ctx, "conversation-move",
                   data={"conversation": row.code, "from": old.isoformat(),
                         "to": day.isoformat(), "time": row.time})
            return self._view(row)

    def cancel(self, code: str, *, reason: str) -> ConversationView:
        """Call a conversation off: its strategy plan is then no longer due."""
        if not reason.strip():
            raise InvalidInput("input.empty", what="--reason")
        with self.db.transaction() as s:
            row = self._find(s, code)
            self._refuse_cancelled(row)
            if row.recorded_at is not None:
                raise WorkflowRefused("conversation.already_held", code=row.code)
            row.cancelled_at = self.ctx.now
            record(s, self.ctx, "conversation-cancel",
                   data={"conversation": row.code, "reason": reason.strip()})
            return self._view(row)

    def show(self, code: str) -> ConversationView:
        with self.db.transaction() as s:
            return self._view(self._find(s, code))

    def _refuse_cancelled(self, row: Conversation) -> None:
        if row.cancelled_at is not None:
            raise WorkflowRefused("conversation.is_cancelled", code=row.code)

    def deliver_plan(self, code: str) -> ConversationView:
        with self.db.transaction() as s:
            row = self._find(s, code)
            self._refuse_cancelled(row)
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
    elif c.cancelled_at is not None:
        status = "cancelled"
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
        answers=tuple(json.loads(c.answers)) if c.answers else (),
        time=c.time, place=c.place or "",
        participants=tuple(json.loads(c.participants)) if c.participants else (),
        agenda=tuple(json.loads(c.agenda)) if c.agenda else (),
        cancelled=c.cancelled_at is not None,
        counterpart_name=c.counterpart.name if c.counterpart else None)


def calendar_entries(s: Session, ctx: Context, *,
                     owner_id: int | None = None) -> list[MeetingView]:
    """The conversations as events of the calendar feed (``CALENDAR_KEY`` as their body): with
    ``owner_id`` only those the person holds or is the counterpart of."""
    query = select(Conversation).order_by(Conversation.held_on, Conversation.code)
    if owner_id is not None:
        query = query.where((Conversation.leader_id == owner_id)
                            | (Conversation.with_id == owner_id))
    entries = []
    for c in s.scalars(query):
        title = c.leader.name + (f" – {c.counterpart.name}" if c.counterpart else "")
        entries.append(MeetingView(
            id=c.code, body=CALENDAR_KEY, date=c.held_on, time=c.time, place=c.place or "",
            title=title, cancelled=c.cancelled_at is not None, deadline=c.plan_due))
    return entries


def read_answers(path: str, lang: str) -> list[str]:
    """A TOML file with ``answers = ["…", "…", "…", "…"]``, one per question, in order."""
    return read_answers_and_agenda(path, lang)[0]


def read_answers_and_agenda(path: str, lang: str) -> tuple[list[str], list[str]]:
    """A TOML file with ``answers = ["…", "…", "…", "…"]``, one per question, in order, and
    optionally ``agenda = ["…", "…", "…"]``, one per agenda point (:data:`AGENDA`)."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput("file.unreadable", file=path, reason=str(exc)) from None
    lang = "en" if lang == "en" else "da"
    answers = raw.get("answers")
    questions = QUESTIONS[lang]
    if not isinstance(answers, list) or len(answers) != len(questions) or not all(
            isinstance(a, str) and a.strip() for a in answers):
        raise InvalidInput("conversation.bad_answers", file=path, count=len(questions),
                           questions=" / ".join(questions))
    agenda = raw.get("agenda", [])
    if agenda != [] and (not isinstance(agenda, list) or len(agenda) != len(AGENDA[lang])
                         or not all(isinstance(a, str) for a in agenda)):
        raise InvalidInput("conversation.bad_agenda", file=path, count=len(AGENDA[lang]),
                           points=" / ".join(AGENDA[lang]))
    return [a.strip() for a in answers], [a.strip() for a in agenda]
