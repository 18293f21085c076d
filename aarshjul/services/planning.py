"""Planning backwards from a target meeting: which meeting each remaining booked state needs so
that an item reaches, say, KB in November, and booking that plan in one go. The search itself
(:func:`schedule`) is a pure function over meetings with their sagsfrister, so that it can be
tested exhaustively without a database; :class:`Planner` loads an item, its workflow and the
årshjul, asks :func:`schedule`, and turns the answer into a :class:`Plan` or into bookings;
:func:`next_reachable` answers the reminder emails' question for an overdue item: which meeting
can it still reach?
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.dates.workdays import WorkingCalendar
from aarshjul.errors import InvalidInput, WorkflowRefused
from aarshjul.services.items import load_item
from aarshjul.services.meetings import (
    add_booking,
    find_meeting,
    sagsfrist,
    state_for_booking,
    working_calendar,
)
from aarshjul.services.sagsfrist import chain_meeting
from aarshjul.store.db import Database, rows
from aarshjul.store.models import Body, Booking, Item, Meeting
from aarshjul.workflow.definitions import StateDef, WorkflowDef
from aarshjul.workflow.registry import Workflows

Day = date
_ONE_DAY = timedelta(days=1)


# -- the pure search ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A meeting as the planner sees it: when it is and when the case must be ready for it."""

    code: str
    body: str
    date: Day
    deadline: Day
    cancelled: bool = False


@dataclass(frozen=True)
class Stage:
    """One state to book, in workflow order.

    ``hoering_before`` says that a public consultation lies between the previous stage's meeting
    and this one, so the previous meeting must leave the whole høring period before this stage's
    sagsfrist. ``booked`` holds the meetings the item is already booked on for this state.
    ``chained``: the case comes on the previous stage's indstilling, so that meeting's day is
    this stage's sagsfrist (:func:`aarshjul.services.meetings.sagsfrist`).
    """

    key: str
    label: str
    body: str
    hoering_before: bool = False
    booked: frozenset[str] = frozenset()
    chained: bool = False


@dataclass(frozen=True)
class Schedule:
    """The answer of :func:`schedule`.

    ``chosen`` has one entry per stage; when the plan is not feasible only the stages after
    ``failed`` have a meeting (the ones that still work, counted back from the target).
    ``latest`` is the last date the failed stage's meeting could have had, and ``earliest`` is the
    earliest meeting of the target's body the item can reach at all (None if none can).
    """

    chosen: tuple[Slot | None, ...]
    feasible: bool
    failed: int | None = None
    latest: Day | None = None
    earliest: Slot | None = None


def due_after(before: Slot, after: Slot, chained: bool) -> Day:
    """``after``'s sagsfrist when the case comes from ``before``'s meeting: its own (counted
    back, in the slot), or for a chained stage the day of ``before``'s meeting — the rule of
    :func:`aarshjul.services.meetings.sagsfrist` with ``indstilling``."""
    return before.date if chained else after.deadline


def fits(before: Slot, after: Slot, hoering_days: int | None, chained: bool = False) -> bool:
    """Whether the case can go from ``before``'s meeting to ``after``'s in time.

    The decision of the first meeting is what the next body's case is built on, so the first
    meeting must lie before the next sagsfrist, not just before the next meeting; with a høring in
    between, the whole consultation period must also end by that sagsfrist. For a chained stage
    the decision is the sagsfrist itself: any earlier meeting will do.
    """
    due = due_after(before, after, chained)
    if before.date >= after.date or (before.date >= due and not chained):
        return False
    return hoering_days is None or before.date + timedelta(days=hoering_days) <= due


def last_date(after: Slot, hoering_days: int | None, chained: bool = False) -> Day:
    """The last meeting date that :func:`fits` before ``after``, for telling what would work."""
    due = after.date if chained else after.deadline
    latest = due - _ONE_DAY
    if hoering_days is not None:
        latest = min(latest, due - timedelta(days=hoering_days))
    return latest


def schedule(stages: Sequence[Stage], meetings: Sequence[Slot], target: str, *, today: Day,
             ready: Day, hoering_days: int, held: frozenset[str] = frozenset()) -> Schedule:
    """Choose a meeting for every stage so that the last stage lands on ``target``.

    A stage may use a meeting of its body that is not cancelled and whose sagsfrist has not
    passed (``today``; for the first stage ``ready``, which is later while a høring runs).
    ``held`` are meetings the item is already on for its current state (held, or the case
    delivered): the first stage may keep them although their sagsfrist has passed.

    Every earlier stage gets the latest meeting that still works, preferring a meeting the item
    is already booked on. Going backwards and always taking the latest meeting is exact: a later
    meeting never leaves less room for the stages before it. To let an existing booking win
    without stranding an earlier stage, a forward pass first finds each stage's earliest
    reachable meeting; any meeting from that date on keeps all earlier stages possible, and the
    forward pass's last meeting is the earliest target the item can reach.
    """
    n = len(stages)
    if n == 0:
        raise ValueError("nothing to plan: no stages")
    options: list[list[Slot]] = []
    for i, stage in enumerate(stages):
        floor = ready if i == 0 else today
        # A chained stage's sagsfrist is the previous meeting's decision, which that stage's
        # options already answer for; as the first stage the item is in it: the case is there.
        usable = [m for m in meetings if m.body == stage.body and not m.cancelled
                  and ((m.date >= floor if stage.chained else m.deadline >= floor)
                       or (i == 0 and m.code in held))]
        options.append(sorted(usable, key=lambda m: (m.date, m.code)))

    def gap(i: int) -> int | None:
        return hoering_days if stages[i].hoering_before else None

    earliest: list[Slot] = []
    for i in range(n):
        if i == 0:
            first = options[0][0] if options[0] else None
        else:
            first = next((m for m in options[i]
                          if fits(earliest[-1], m, gap(i), stages[i].chained)), None)
        if first is None:
            break
        earliest.append(first)
    reachable_target = earliest[-1] if len(earliest) == n else None

    goal = next((m for m in options[-1] if m.code == target), None)
    chosen: list[Slot | None] = [None] * n
    if goal is None:
        return Schedule(tuple(chosen), False, failed=n - 1, earliest=reachable_target)
    feasible = reachable_target is not None and goal.date >= reachable_target.date
    chosen[-1] = goal
    for i in range(n - 2, -1, -1):
        after = chosen[i + 1]
        assert after is not None
        fitting = [m for m in options[i]
                   if fits(m, after, gap(i + 1), stages[i + 1].chained)]
        if feasible and i > 0:
            fitting = [m for m in fitting if m.date >= earliest[i].date]
        if not fitting:
            return Schedule(tuple(chosen), False, failed=i, latest=last_date(after, gap(i + 1),
                                                                 stages[i + 1].chained),
                            earliest=reachable_target)
        already = [m for m in fitting if m.code in stages[i].booked] if feasible else []
        chosen[i] = (already or fitting)[-1]
    # Backwards-latest is exact, so when it got through, the target was reachable after all.
    return Schedule(tuple(chosen), True, earliest=reachable_target)


# -- from a workflow to stages ------------------------------------------------------------------


def stages_for(defn: WorkflowDef, current: str, target_state: str, *, lang: str = "da",
               booked: Mapping[str, frozenset[str]] | None = None) -> tuple[Stage, ...]:
    """The states still to book, from ``current`` up to and including ``target_state``."""
    line = [s.key for s in defn.main_line()]
    start = line.index(current) if current in line else 0
    end = line.index(target_state)
    stages: list[Stage] = []
    hoering = False
    for key in line[start:end + 1]:
        state = defn.state(key)
        if state.booking or key == target_state:
            if state.body is None:
                continue
            stages.append(Stage(key=key, label=state.label(lang), body=state.body,
                                hoering_before=hoering and bool(stages),
                                booked=(booked or {}).get(key, frozenset()),
                                chained=state.chained and (bool(stages) or key == current)))
            hoering = False
        elif state.consultation and key != current:
            hoering = True
    return tuple(stages)


def ready_from(defn: WorkflowDef, current: str, first_stage: str, *, today: Day,
               hoering_days: int, consultation_until: Day | None) -> Day:
    """The earliest sagsfrist the first stage can meet.

    While the item is in høring, the case for the body after it cannot be ready before the
    consultation ends; a høring still ahead of the first stage (no meeting before it) starts
    today at the earliest.
    """
    line = [s.key for s in defn.main_line()]
    start = line.index(current) if current in line else 0
    ahead = line[start:line.index(first_stage)] if first_stage in line else []
    states: list[StateDef] = [defn.state(k) for k in ahead]
    if states and states[0].consultation:
        until = consultation_until or today + timedelta(days=hoering_days)
        return max(today, until)
    if any(s.consultation for s in states):
        return today + timedelta(days=hoering_days)
    return today


def _slot(m: Meeting, calendar: WorkingCalendar) -> Slot | None:
    """The meeting for the search; None for an event (a body without a sagsfrist)."""
    deadline = sagsfrist(calendar, m.date, m.body.deadline_days)
    if deadline is None:
        return None
    return Slot(code=m.code, body=m.body.key, date=m.date, cancelled=m.cancelled,
                deadline=deadline)


# -- the service ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanStep:
    state: str
    state_label: str
    body: str
    meeting: str
    meeting_date: date
    deadline: date
    already_booked: bool


@dataclass(frozen=True)
class PlanProblem:
    """Why the target cannot be reached, as a message key (:mod:`aarshjul.messages`)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "da") -> str:
        from aarshjul.messages import translate

        return translate(self.key, lang, **self.params)


@dataclass(frozen=True)
class Plan:
    """A proposal: the steps in workflow order. When not feasible, ``steps`` holds only the
    steps after the one that is too late, and ``problem`` says which step and what to change."""

    ref: str
    target: str
    steps: tuple[PlanStep, ...]
    feasible: bool
    problem: PlanProblem | None = None
    earliest_target: str | None = None

    @property
    def new_steps(self) -> tuple[PlanStep, ...]:
        return tuple(s for s in self.steps if not s.already_booked)


class Planner:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx
        self.calendar = working_calendar(ctx)

    def propose(self, ref: str, target: str, *, state: str | None = None) -> Plan:
        """What to book so that ``ref`` reaches the meeting ``target``; books nothing."""
        with self.db.transaction() as s:
            return self._plan(s, ref, target, state)[0]

    def apply(self, ref: str, target: str, *, state: str | None = None) -> Plan:
        """Book every step of the plan the item is not booked on yet, all or nothing.

        The plan is computed again inside the booking transaction, so it is the one that holds
        at the moment of booking. Returns the plan; its ``new_steps`` are the bookings made.
        """
        with self.db.transaction() as s:
            plan, item, meetings = self._plan(s, ref, target, state)
            if plan.problem is not None:
                raise WorkflowRefused(plan.problem.key, **plan.problem.params)
            for step in plan.new_steps:
                add_booking(s, self.ctx, item, meetings[step.meeting], step.state)
            return plan

    def _plan(self, s: Session, ref: str, target: str,
              state: str | None) -> tuple[Plan, Item, dict[str, Meeting]]:
        item = load_item(s, ref)
        goal = find_meeting(s, target, open_only=True)
        defn = Workflows(s).get(item.workflow_name, item.workflow_version)
        target_state = state_for_booking(defn, item, goal.body, state)
        today = self.ctx.today

        booked: dict[str, set[str]] = {}
        held: set[str] = set()
        for booking in s.scalars(select(Booking).join(Meeting).where(
                Booking.item_id == item.id, Booking.left_at.is_(None),
                Booking.orientation.is_(False), Meeting.cancelled.is_(False))):
            booked.setdefault(booking.state, set()).add(booking.meeting.code)
            if booking.state == item.state and (booking.meeting.date <= today
                                                or booking.delivered_at is not None):
                held.add(booking.meeting.code)
        stages = stages_for(defn, item.state, target_state, lang=self.ctx.lang,
                            booked={k: frozenset(v) for k, v in booked.items()})
        if stages[0].key != item.state:
            held = set()

        rows = s.scalars(select(Meeting).join(Body).where(
            Body.key.in_({st.body for st in stages}), Meeting.cancelled.is_(False),
            or_(Meeting.date >= today, Meeting.code.in_(held)))).all()
        meetings = {m.code: m for m in [*rows, goal]}
        ready = ready_from(defn, item.state, stages[0].key, today=today,
                           hoering_days=self.ctx.config.hoering_days,
                           consultation_until=item.consultation_until)
        slots = {code: slot for code, m in meetings.items()
                 if (slot := _slot(m, self.calendar)) is not None}
        if goal.code not in slots:
            raise InvalidInput("booking.no_sagsfrist", meeting=goal.code, body=goal.body.key)
        found = schedule(stages, list(slots.values()), goal.code, today=today, ready=ready,
                         hoering_days=self.ctx.config.hoering_days, held=frozenset(held))

        steps = []
        for i, (st, m) in enumerate(zip(stages, found.chosen, strict=True)):
            if m is None:
                continue
            deadline = m.deadline
            if st.chained:  # the decision of the meeting before is the sagsfrist
                before = found.chosen[i - 1] if i > 0 else None
                source = (chain_meeting(s, defn, item.id, meetings[m.code], st.key)
                          if before is None else None)
                day = before.date if before is not None else source.date if source else None
                deadline = sagsfrist(self.calendar, m.date, None, indstilling=day) or deadline
            steps.append(PlanStep(state=st.key, state_label=st.label, body=st.body,
                                  meeting=m.code, meeting_date=m.date, deadline=deadline,
                                  already_booked=m.code in st.booked))
        earliest = found.earliest.code if found.earliest is not None else None
        problem = None
        if not found.feasible:
            problem = self._problem(item.ref, slots[goal.code], stages, found, ready, earliest)
        plan = Plan(ref=item.ref, target=goal.code, steps=tuple(steps), feasible=found.feasible,
                    problem=problem, earliest_target=earliest)
        return plan, item, meetings

    def _problem(self, ref: str, goal: Slot, stages: Sequence[Stage], found: Schedule,
                 ready: Day, earliest: str | None) -> PlanProblem:
        suffix = "" if earliest is not None else "_none"
        common: dict[str, Any] = {"ref": ref, "target": goal.code, "target_body": goal.body,
                                  "earliest": earliest or ""}
        failed = found.failed if found.failed is not None else len(stages) - 1
        start = ready if failed == 0 else self.ctx.today
        if failed == len(stages) - 1:
            return PlanProblem("plan.target_too_late" + suffix, {
                **common, "deadline": goal.deadline.isoformat(), "ready": start.isoformat()})
        stage = stages[failed]
        latest = found.latest or goal.date
        following = found.chosen[failed + 1]
        return PlanProblem("plan.step_too_late" + suffix, {
            **common, "state": stage.label, "body": stage.body, "start": start.isoformat(),
            "end": latest.isoformat(), "next": following.code if following else goal.code})


class Position(Protocol):
    """Where an item stands: all that :func:`next_reachable` needs (an ``Item`` or a row)."""

    workflow_name: str
    workflow_version: int
    state: str
    consultation_until: Day | None


def next_reachable(session: Session, ctx: Context, item: Position) -> str | None:
    """The earliest meeting the item can still reach for its current or next booked state.

    For an overdue item's reminder: the meeting of that state's body whose sagsfrist has not
    passed (and, while a høring runs, not before the consultation ends). None when the item has
    no booked state ahead or the årshjul has no such meeting.
    """
    defn = Workflows(session).get(item.workflow_name, item.workflow_version)
    target = reach_target(defn, item, ctx)
    return None if target is None else first_reachable(session, ctx, *target)


def reach_target(defn: WorkflowDef, item: Position,
                 ctx: Context) -> tuple[str, Day, bool] | None:
    """The body the item must reach next, the earliest day its case can be ready for it, and
    whether the case is there already: the item is in a chained state (in KB after ØK's
    decision), so any coming meeting of the body will do, whatever its own sagsfrist.

    Many items share the answer, so the reminder scan asks :func:`first_reachable` once per
    (body, day, arrived), not once per item.
    """
    line = list(defn.main_line())
    keys = [st.key for st in line]
    start = keys.index(item.state) if item.state in keys else 0
    state = next((st for st in line[start:] if st.booking and st.body), None)
    if state is None or state.body is None:
        return None
    ready = ready_from(defn, item.state, state.key, today=ctx.today,
                       hoering_days=ctx.config.hoering_days,
                       consultation_until=item.consultation_until)
    return state.body, ready, state.chained and state.key == item.state


def first_reachable(session: Session, ctx: Context, body: str, ready: Day,
                    arrived: bool = False) -> str | None:
    """The first meeting of ``body`` whose sagsfrist is on or after ``ready``; with
    ``arrived`` (the case came on the previous body's indstilling) the first on or after it."""
    calendar = working_calendar(ctx)
    meetings = rows(session, select(Meeting.code, Meeting.date, Body.deadline_days).join(Body)
                    .where(Body.key == body, Meeting.cancelled.is_(False),
                           Meeting.date >= ready)
                    .order_by(Meeting.date, Meeting.code))
    for m in meetings:
        deadline = sagsfrist(calendar, m.date, m.deadline_days)
        if deadline is not None and (arrived or deadline >= ready):
            return str(m.code)
    return None
