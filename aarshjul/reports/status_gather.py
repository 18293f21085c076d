"""Gathering the status report: one transaction, a handful of set-based queries, one value.

:func:`gather` reads everything the report shows into one frozen
:class:`~aarshjul.reports.status_data.StatusReport` with a handful of set-based queries (items,
open deadlines, bookings, audit entries: never a query per item), so a national data set of
10,000 items is gathered in about a second. It takes a session and the context, not the ``App``:
the service in :mod:`aarshjul.reports.status` opens the transaction. Audit entries are put into
words here too (:func:`describe`), because a change is stored in the value as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Result, and_, select
from sqlalchemy.orm import Session, aliased, joinedload

from aarshjul.context import Context
from aarshjul.dates.formats import long_date, short_date
from aarshjul.dates.timeutil import local, start_of_day
from aarshjul.errors import InvalidInput
from aarshjul.files import Spool
from aarshjul.messages import translate
from aarshjul.reports.status_data import (
    AT_RISK_DAYS,
    DEFAULT_HORIZON_DAYS,
    DEFAULT_SINCE_DAYS,
    HEALTH,
    Change,
    HandlemaalRow,
    ItemRow,
    MeetingInfo,
    Scope,
    StateCount,
    StatusReport,
    TreeRow,
)
from aarshjul.services.agenda import AgendaPlace, agenda_places
from aarshjul.services.conversations import ConversationView
from aarshjul.services.deadlines import Deadline, stream_deadlines
from aarshjul.services.hoering import response_counts
from aarshjul.services.indicators import IndicatorView
from aarshjul.services.items import load_item
from aarshjul.services.labels import Labels, read_labels
from aarshjul.services.meetings import find_meeting, working_calendar
from aarshjul.services.people import find
from aarshjul.store.db import STREAM_BATCH, one_of, rows
from aarshjul.store.models import AuditEntry, Booking, Item, Meeting, Person
from aarshjul.workflow.definitions import KINDS, WITHDRAWN, StateDef
from aarshjul.workflow.registry import Workflows


@dataclass
class _Window:
    since: datetime
    horizon: date
    meeting: MeetingInfo | None = None
    next_meeting: MeetingInfo | None = None


@dataclass(frozen=True)
class _NextMeeting:
    code: str
    day: date
    place: AgendaPlace | None  # the item's point on that meeting's agenda


def _meeting_info(m: Meeting) -> MeetingInfo:
    return MeetingInfo(code=m.code, body=m.body.key, body_name=m.body.name, date=m.date,
                       time=m.time, place=m.place, cancelled=m.cancelled, title=m.title)


def _events(s: Session, today: date, horizon: date) -> tuple[MeetingInfo, ...]:
    """The titled meetings from today to the horizon, not cancelled: theme meetings and the
    like, which have no deadlines to appear by."""
    return tuple(_meeting_info(m) for m in s.scalars(
        select(Meeting).where(Meeting.title != "", Meeting.cancelled.is_(False),
                              Meeting.date >= today, Meeting.date <= horizon)
        .order_by(Meeting.date, Meeting.time)))


def _window(s: Session, ctx: Context, since: date | None, for_meeting: str | None,
            horizon_days: int) -> _Window:
    """``--for-meeting``: since the body's previous meeting, deadlines up to its next one."""
    calendar = working_calendar(ctx)
    today = ctx.today
    window = _Window(since=start_of_day(today - timedelta(days=DEFAULT_SINCE_DAYS)),
                     horizon=calendar.add_working_days(today, horizon_days))
    if for_meeting is not None:
        meeting = find_meeting(s, for_meeting)
        window.meeting = _meeting_info(meeting)
        same_body = select(Meeting).where(Meeting.body_id == meeting.body_id,
                                          Meeting.cancelled.is_(False), Meeting.id != meeting.id)
        before = s.scalars(same_body.where(Meeting.date < meeting.date)
                           .order_by(Meeting.date.desc()).limit(1)).first()
        after = s.scalars(same_body.where(Meeting.date > meeting.date)
                          .order_by(Meeting.date).limit(1)).first()
        if before is not None and start_of_day(before.date) <= ctx.now:
            window.since = start_of_day(before.date)
        # else (no earlier meeting, or it is still to come): the default two weeks
        if after is not None:
            window.next_meeting = _meeting_info(after)
            window.horizon = after.date
        else:
            window.horizon = calendar.add_working_days(meeting.date, horizon_days)
    if since is not None:
        window.since = start_of_day(since)
    if window.since > ctx.now:
        raise InvalidInput("report.since_future", since=local(window.since).date().isoformat(),
                           today=today.isoformat())
    return window


_Q = TypeVar("_Q")


def _scoped(query: _Q, owner_id: int | None, root: Item | None) -> _Q:
    """Limit a query that selects from ``Item`` to the report's scope, in SQL."""
    scoped: Any = query
    if owner_id is not None:
        scoped = scoped.where(Item.owner_id == owner_id)
    if root is not None:
        scoped = scoped.where((Item.id == root.id)
                              | Item.sort_key.startswith(root.sort_key + "."))
    return scoped  # type: ignore[no-any-return]


def _state_order(registry: Workflows) -> dict[tuple[str, str], tuple[int, int]]:
    """(workflow, state) → where its label comes in the counts: strategy before plans."""
    order: dict[tuple[str, str], tuple[int, int]] = {}
    for defn in registry.latest():
        rank = min((KINDS.index(k) for k in defn.kinds if k in KINDS), default=len(KINDS))
        for n, st in enumerate(defn.main_line()):
            order[(defn.name, st.key)] = (1 if st.key == WITHDRAWN else 0, rank * 100 + n)
    return order


def gather(s: Session, ctx: Context, *, since: date | None = None,
           for_meeting: str | None = None, owner: str | None = None,
           subtree: str | None = None, horizon_days: int = DEFAULT_HORIZON_DAYS) -> StatusReport:
    """Everything the report shows, read in one transaction."""
    if horizon_days < 0:
        raise InvalidInput("deadlines.bad_days", days=horizon_days)
    window = _window(s, ctx, since, for_meeting, horizon_days)
    person = find(s, owner) if owner else None
    root = load_item(s, subtree) if subtree else None
    owner_id = person.id if person is not None else None
    registry = Workflows(s)
    names = read_labels(s, ctx.lang)
    order = _state_order(registry)
    first, overdue, due_soon = _deadlines(s, ctx, owner_id, root, window.horizon)
    next_meeting, flagged = _bookings(s, ctx, owner_id, root)
    table = _Table(registry, order, ctx.lang, root.ref.count(".") if root is not None else 0,
                   first, next_meeting, flagged, response_counts(s))
    with _item_rows(s, owner_id, root) as rows:
        for r in rows:
            table.add(r)
    return StatusReport(
        generated_at=ctx.now, today=ctx.today, since=window.since, horizon=window.horizon,
        scope=Scope(owner=person.login if person else None, subtree=root.ref if root else None,
                    meeting=window.meeting.code if window.meeting else None),
        lang=ctx.lang, meeting=window.meeting, next_meeting=window.next_meeting,
        counts=table.counts(), health=tuple(table.health_counts.items()),
        changes=_changes(s, ctx, window.since, owner_id, root, registry, names),
        overdue=overdue, due_soon=due_soon,
        items=table.items, handlemaal=table.handlemaal, tree=table.tree, names=names,
        owner_name=person.name if person else None,
        subtree_title=root.title if root else None,
        indicators=_indicators(s, owner_id, root),
        conversations=_conversations(s, ctx, person.id if person else None),
        events=_events(s, ctx.today, window.horizon))


def _item_rows(s: Session, owner_id: int | None, root: Item | None) -> Result[Any]:
    """The items in scope, in tree order, with their owner's login and name: a streamed result
    (a server-side cursor on PostgreSQL), to be read once and closed."""
    return rows(s, _scoped(
        select(Item.id, Item.ref, Item.title, Item.kind, Item.state, Item.paused,
               Item.workflow_name, Item.workflow_version, Item.succeskriterier,
               Item.evaluering, Item.tids_og_handleplan, Item.tovholder, Item.case_number,
               Person.login, Person.name.label("owner_name"))
        .outerjoin(Person, Person.id == Item.owner_id).order_by(Item.sort_key),
        owner_id, root).execution_options(yield_per=STREAM_BATCH))


class _First(NamedTuple):
    """An item's soonest open deadline: all the item table needs of it."""

    due: date
    working_days_left: int


def _deadlines(s: Session, ctx: Context, owner_id: int | None, root: Item | None,
               horizon: date) -> tuple[dict[str, _First], Spool[Deadline], Spool[Deadline]]:
    """Open deadlines (bookings, høringer, due dates, strategy plans) in scope, read once as a
    stream, soonest first: each item's first one, the overdue ones and those due by
    ``horizon``, the last two spooled."""
    first: dict[str, _First] = {}
    overdue: Spool[Deadline] = Spool()
    soon: Spool[Deadline] = Spool()
    prefix = root.ref + "." if root is not None else ""
    for d in stream_deadlines(s, working_calendar(ctx), ctx.today, lang=ctx.lang,
                              owner_id=owner_id):
        if root is not None and d.ref != root.ref and not d.ref.startswith(prefix):
            continue
        if d.ref and d.ref not in first:
            first[d.ref] = _First(d.due, d.working_days_left)
        if d.working_days_left < 0:
            overdue.append(d)
        elif d.due <= horizon:
            soon.append(d)
    return first, overdue, soon


def _bookings(s: Session, ctx: Context, owner_id: int | None, root: Item | None
              ) -> tuple[dict[int, _NextMeeting], set[int]]:
    """The coming meeting each item in scope is booked on (code, date, its point on that
    agenda and the agenda's status), and the items with a booking flagged by a moved or
    cancelled meeting that is still open. Bounded: one query for the bookings, a few for the
    agendas they are on."""
    found: dict[int, tuple[int, int, str, date]] = {}
    flagged: set[int] = set()
    for item_id, booking_id, meeting_id, code, day, cancelled, flag, delivered in s.execute(
            _scoped(select(Booking.item_id, Booking.id, Meeting.id, Meeting.code, Meeting.date,
                           Meeting.cancelled, Booking.flagged, Booking.delivered_at)
                    .join(Meeting, Meeting.id == Booking.meeting_id)
                    .join(Item, Item.id == Booking.item_id)
                    .where(Booking.left_at.is_(None))
                    .order_by(Meeting.date, Meeting.time, Meeting.code), owner_id, root)):
        if flag and delivered is None:
            flagged.add(item_id)
        if not cancelled and day >= ctx.today:
            found.setdefault(item_id, (booking_id, meeting_id, code, day))
    meetings: list[Meeting] = []
    for wanted in one_of(s, Meeting.id, sorted({m for _, m, _, _ in found.values()})):
        meetings += s.scalars(select(Meeting).where(wanted).options(joinedload(Meeting.body)))
    places = agenda_places(s, ctx, meetings)
    return {item_id: _NextMeeting(code, day, places.get(booking_id))
            for item_id, (booking_id, _, code, day) in found.items()}, flagged


def _health(state: StateDef, paused: bool, deadline: _First | None, flagged: bool) -> str:
    """The item's health bucket (one of :data:`HEALTH`): the first that applies, worst first
    among the open ones."""
    if paused:
        return "paused"
    if state.terminal:
        return "done"
    if deadline is not None and deadline.working_days_left < 0:
        return "overdue"
    if (deadline is not None and deadline.working_days_left <= AT_RISK_DAYS) or flagged:
        return "at_risk"
    return "on_track"


@dataclass
class _Table:
    """The per-item parts of the report, filled one item row at a time in tree order."""

    registry: Workflows
    order: dict[tuple[str, str], tuple[int, int]]  # from _state_order
    lang: str
    top: int  # dots in the subtree root's ref (0 without a subtree)
    first_deadline: dict[str, _First]
    next_meeting: dict[int, _NextMeeting]
    flagged: set[int]
    responses: dict[int, tuple[int, int]]  # høringssvar per item: services.hoering
    # spooled: a national report's rows are written to a temporary file as they are made
    items: Spool[ItemRow] = field(default_factory=Spool, init=False)
    handlemaal: Spool[HandlemaalRow] = field(default_factory=Spool, init=False)
    tree: Spool[TreeRow] = field(default_factory=Spool, init=False)
    health_counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(HEALTH, 0),
                                          init=False)
    _counts: dict[str, int] = field(default_factory=dict, init=False)
    _count_order: dict[str, tuple[int, int]] = field(default_factory=dict, init=False)

    def add(self, r: Any) -> None:
        state = self.registry.get(r.workflow_name, r.workflow_version).state(r.state)
        label = state.label(self.lang)
        d = self.first_deadline.get(r.ref)
        health = _health(state, r.paused, d, r.id in self.flagged)
        self.health_counts[health] += 1
        self._counts[label] = self._counts.get(label, 0) + 1
        rank = self.order.get((r.workflow_name, r.state), (2, 0))
        self._count_order[label] = min(self._count_order.get(label, rank), rank)
        meeting = self.next_meeting.get(r.id)
        self.items.append(ItemRow(
            ref=r.ref, title=r.title, kind=r.kind, owner=r.login, owner_name=r.owner_name,
            state=r.state, state_label=label, paused=r.paused, health=health,
            next_meeting=meeting.code if meeting else None,
            next_meeting_date=meeting.day if meeting else None,
            agenda_point=meeting.place.number if meeting and meeting.place else None,
            agenda_status=meeting.place.status if meeting and meeting.place else None,
            deadline=d.due if d else None, working_days_left=d.working_days_left if d else None,
            flagged=r.id in self.flagged, case_number=r.case_number,
            responses=self.responses.get(r.id) if state.consultation else None))
        if r.kind == "handlemaal":
            self.handlemaal.append(HandlemaalRow(
                ref=r.ref, title=r.title, succeskriterier=r.succeskriterier,
                evaluering=r.evaluering, tids_og_handleplan=r.tids_og_handleplan,
                tovholder=r.tovholder, owner_name=r.owner_name, state_label=label,
                health=health))
        self.tree.append(TreeRow(depth=r.ref.count(".") - self.top + 1, ref=r.ref,
                                 title=r.title, state_label=label, paused=r.paused,
                                 health=health))

    def counts(self) -> tuple[StateCount, ...]:
        """Items per state label, in the workflows' order (strategy before plans)."""
        return tuple(StateCount(label, n) for label, n in sorted(
            self._counts.items(), key=lambda kv: (self._count_order[kv[0]], kv[0])))


def _indicators(s: Session, owner_id: int | None,
                root: Item | None) -> tuple[IndicatorView, ...]:
    """The indicators of the items in scope (a handful per strategy, so one query each is fine)."""
    from aarshjul.services.indicators import indicator_view
    from aarshjul.store.models import Indicator

    found = s.execute(_scoped(select(Indicator, Item).join(Item, Item.id == Indicator.item_id)
                              .order_by(Item.sort_key, Indicator.name), owner_id, root))
    return tuple(indicator_view(s, item, row) for row, item in found)


def _conversations(s: Session, ctx: Context,
                   owner_id: int | None) -> tuple[ConversationView, ...]:
    """This year's strategic conversations: held, plan due, plan overdue."""
    from aarshjul.services.conversations import view_of
    from aarshjul.store.models import Conversation

    query = select(Conversation).where(Conversation.year == ctx.today.year).order_by(
        Conversation.held_on, Conversation.code)
    if owner_id is not None:
        query = query.where(Conversation.leader_id == owner_id)
    return tuple(view_of(c, ctx.today) for c in s.scalars(query))


def _changes(s: Session, ctx: Context, since: datetime, owner_id: int | None,
             root: Item | None, registry: Workflows,
             names: Labels | None = None) -> Spool[Change]:
    """Every audit entry about an item in scope with ``since <= at <= now``, newest first."""
    lang = ctx.lang
    actor = aliased(Person)
    query = _scoped(
        select(AuditEntry.id, AuditEntry.at, AuditEntry.action, AuditEntry.data,
               AuditEntry.item_ref, Item.ref, Item.title, Item.workflow_name,
               Item.workflow_version, actor.name.label("actor_name"), AuditEntry.actor_key)
        .join(Item, Item.id == AuditEntry.item_id)
        .outerjoin(actor, actor.key == AuditEntry.actor_key)
        .where(and_(AuditEntry.at >= since, AuditEntry.at <= ctx.now))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()), owner_id, root)

    found: Spool[Change] = Spool()
    for r in rows(s, query.execution_options(yield_per=STREAM_BATCH)):
        data = json.loads(r.data) if r.data else {}

        def label(key: object, r: Any = r) -> str:
            try:
                return registry.get(r.workflow_name, r.workflow_version).state(
                    str(key)).label(lang)
            except (KeyError, InvalidInput):
                return str(key)

        what, detail = describe(r.action, data, label, lang,
                                names.meeting if names is not None else str)
        found.append(Change(id=r.id, at=r.at, ref=r.item_ref or r.ref, title=r.title,
                            action=r.action, label=action_label(r.action, lang), what=what,
                            decision=str(data.get("decision") or ""), detail=detail,
                            actor=r.actor_name or r.actor_key))
    return found


def action_label(action: str, lang: str) -> str:
    key = f"report.action.{action}"
    text = translate(key, lang)
    return action if text.startswith(key) else text


def describe(action: str, data: dict[str, Any], label: Callable[[object], str],
             lang: str, meeting: Callable[[str], str] = str) -> tuple[str, str]:
    """(what happened, the words given with it besides a decision) for one audit entry."""
    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    what = ""
    if action in ("advance", "send-back", "withdraw") and "from" in data:
        what = f"{label(data['from'])} → {label(data.get('to', ''))}"
    elif action in ("pause", "resume") and "state" in data:
        what = label(data["state"])
    elif action == "create":
        what = label(data.get("state", ""))
    elif action == "book":
        what = t("report.what_book_orientation" if data.get("orientation")
                 else "report.what_book", meeting=meeting(str(data.get("meeting", ""))),
                 deadline=short_date(data.get("deadline"), lang))
    elif action == "unbook":
        what = meeting(str(data.get("meeting", "")))
    elif action == "deliver":
        what = ", ".join(meeting(str(m)) for m in data.get("meetings", []))
    elif action == "edit":
        what = ", ".join(sorted(data.get("after", {})))
    elif action == "indicator-add" or action.startswith("hoering-"):
        what = str(data.get("name", data.get("party", "")))
    elif action == "indicator-measure":
        what = f"{data.get('name', '')}: {data.get('value', '')}"
    parts = []
    if data.get("reason"):
        parts.append(t("report.reason", text=data["reason"]))
    if isinstance(data.get("forced"), dict) and data["forced"].get("reason"):
        parts.append(t("report.forced", text=data["forced"]["reason"]))
    if data.get("note"):
        parts.append(str(data["note"]))
    if data.get("until"):
        parts.append(t("report.until", date=long_date(data["until"], lang)))
    return what, " ".join(parts)
