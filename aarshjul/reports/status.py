"""The status report for a ledermøde: gathered once from the database, rendered many ways.

:func:`gather` reads everything the report shows into one frozen :class:`StatusReport` with a
handful of set-based queries (items, open deadlines, bookings, audit entries: never a query per
item), so a national data set of 10,000 items is gathered in about a second. The renderers are
pure functions of that value: Markdown and HTML from the Jinja2 templates in
``reports/templates/`` (HTML autoescaped, with the årshjul wheel inlined as SVG), XLSX in
:mod:`aarshjul.reports.xlsx`, and PDF from the HTML with WeasyPrint when the ``pdf`` extra is
installed. :class:`Reports` is the service the command line calls; mailing the report to a
body's members is :mod:`aarshjul.notifications.report_mail`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from aarshjul.context import Context
from aarshjul.dates.timeutil import local, long_date, start_of_day
from aarshjul.errors import EnvironmentProblem, InvalidInput
from aarshjul.files import write_atomically
from aarshjul.messages import translate
from aarshjul.services.conversations import ConversationView
from aarshjul.services.deadlines import Deadline, open_deadlines
from aarshjul.services.indicators import IndicatorView
from aarshjul.services.items import load_item
from aarshjul.services.meetings import find_meeting, working_calendar
from aarshjul.services.people import find
from aarshjul.store.db import Database
from aarshjul.store.models import AuditEntry, Booking, Item, Meeting, Person
from aarshjul.workflow.definitions import KINDS, WITHDRAWN, WorkflowDef
from aarshjul.workflow.registry import Workflows

if TYPE_CHECKING:
    from jinja2 import Environment


#: Health buckets, worst first; every item in scope is in exactly one.
HEALTH = ("overdue", "at_risk", "on_track", "paused", "done")
#: An open deadline this many working days away or closer puts an item at risk.
AT_RISK_DAYS = 5
#: Without ``--for-meeting``: changes of the last two weeks, deadlines of the next three.
DEFAULT_SINCE_DAYS = 14
DEFAULT_HORIZON_DAYS = 15
FORMATS = ("md", "html", "xlsx", "pdf")


# -- the value ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What the report is limited to; all None means every item."""

    owner: str | None = None
    subtree: str | None = None
    meeting: str | None = None


@dataclass(frozen=True)
class MeetingInfo:
    code: str
    body: str
    body_name: str
    date: date
    time: str | None
    place: str
    cancelled: bool


@dataclass(frozen=True)
class StateCount:
    label: str
    count: int


@dataclass(frozen=True)
class Change:
    """One audit entry about an item, said in words."""

    id: int
    at: datetime
    ref: str
    title: str
    action: str  # the audit action: advance, send-back, book, ...
    label: str  # the action in words: "Flyttet frem", "Sendt tilbage", ...
    what: str  # e.g. "Høring → ØK", "BUU-2026-12-07"
    decision: str  # what the body decided, when the move recorded a decision
    detail: str  # reason, note, consultation end
    actor: str


@dataclass(frozen=True)
class ItemRow:
    ref: str
    title: str
    kind: str
    owner: str | None
    owner_name: str | None
    state: str
    state_label: str
    paused: bool
    health: str
    next_meeting: str | None
    next_meeting_date: date | None
    deadline: date | None
    working_days_left: int | None
    flagged: bool = False

    @property
    def depth(self) -> int:
        return self.ref.count(".") + 1


@dataclass(frozen=True)
class HandlemaalRow:
    ref: str
    title: str
    succeskriterier: str
    evaluering: str
    tids_og_handleplan: str
    tovholder: str
    owner_name: str | None
    state_label: str
    health: str


@dataclass(frozen=True)
class TreeRow:
    depth: int  # 1 for the top of the scope
    ref: str
    title: str
    state_label: str
    paused: bool
    health: str


@dataclass(frozen=True)
class StatusReport:
    generated_at: datetime
    today: date
    since: datetime
    horizon: date
    scope: Scope
    lang: str
    meeting: MeetingInfo | None
    next_meeting: MeetingInfo | None
    counts: tuple[StateCount, ...]
    health: tuple[tuple[str, int], ...]
    changes: tuple[Change, ...]
    overdue: tuple[Deadline, ...]
    due_soon: tuple[Deadline, ...]
    items: tuple[ItemRow, ...]
    handlemaal: tuple[HandlemaalRow, ...]
    tree: tuple[TreeRow, ...]
    owner_name: str | None = None
    subtree_title: str | None = None
    indicators: tuple[IndicatorView, ...] = ()
    conversations: tuple[ConversationView, ...] = ()

    @property
    def total(self) -> int:
        return len(self.items)

    def health_count(self, bucket: str) -> int:
        return dict(self.health).get(bucket, 0)


# -- gathering ------------------------------------------------------------------------------------


@dataclass
class _Window:
    since: datetime
    horizon: date
    meeting: MeetingInfo | None = None
    next_meeting: MeetingInfo | None = None


def _meeting_info(m: Meeting) -> MeetingInfo:
    return MeetingInfo(code=m.code, body=m.body.key, body_name=m.body.name, date=m.date,
                       time=m.time, place=m.place, cancelled=m.cancelled)


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
    lang = ctx.lang
    today = ctx.today
    calendar = working_calendar(ctx)
    if horizon_days < 0:
        raise InvalidInput("deadlines.bad_days", days=horizon_days)
    window = _window(s, ctx, since, for_meeting, horizon_days)
    person = find(s, owner) if owner else None
    root = load_item(s, subtree) if subtree else None
    owner_id = person.id if person is not None else None
    registry = Workflows(s)
    order = _state_order(registry)

    def defn(name: str, version: int) -> WorkflowDef:
        return registry.get(name, version)

    # 1. The items in scope, in tree order.
    rows = s.execute(_scoped(
        select(Item.id, Item.ref, Item.title, Item.kind, Item.state, Item.paused,
               Item.workflow_name, Item.workflow_version, Item.succeskriterier,
               Item.evaluering, Item.tids_og_handleplan, Item.tovholder,
               Person.login, Person.name.label("owner_name"))
        .outerjoin(Person, Person.id == Item.owner_id).order_by(Item.sort_key),
        owner_id, root)).all()
    in_scope = {r.id for r in rows}
    refs = {r.ref for r in rows}

    # 2. Open deadlines (bookings, høringer, due dates, strategy plans), soonest first.
    deadlines = open_deadlines(s, calendar, today, lang=lang, owner_id=owner_id)
    if root is not None:
        deadlines = [d for d in deadlines if d.ref in refs]
    first_deadline: dict[str, Deadline] = {}
    for found in deadlines:
        if found.ref:
            first_deadline.setdefault(found.ref, found)

    # 3. Coming meetings each item is booked on, and bookings flagged by a moved or
    #    cancelled meeting that are still open.
    next_meeting: dict[int, tuple[str, date]] = {}
    flagged: set[int] = set()
    for item_id, code, day, cancelled, flag, delivered in s.execute(
            select(Booking.item_id, Meeting.code, Meeting.date, Meeting.cancelled,
                   Booking.flagged, Booking.delivered_at)
            .join(Meeting, Meeting.id == Booking.meeting_id)
            .where(Booking.left_at.is_(None))
            .order_by(Meeting.date, Meeting.time, Meeting.code)):
        if item_id not in in_scope:
            continue
        if flag and delivered is None:
            flagged.add(item_id)
        if not cancelled and day >= today:
            next_meeting.setdefault(item_id, (code, day))

    items: list[ItemRow] = []
    handlemaal: list[HandlemaalRow] = []
    tree: list[TreeRow] = []
    counts: dict[str, int] = {}
    count_order: dict[str, tuple[int, int]] = {}
    health_counts = dict.fromkeys(HEALTH, 0)
    top = root.ref.count(".") if root is not None else 0
    for r in rows:
        state = defn(r.workflow_name, r.workflow_version).state(r.state)
        label = state.label(lang)
        d = first_deadline.get(r.ref)
        if r.paused:
            health = "paused"
        elif state.terminal:
            health = "done"
        elif d is not None and d.working_days_left < 0:
            health = "overdue"
        elif (d is not None and d.working_days_left <= AT_RISK_DAYS) or r.id in flagged:
            health = "at_risk"
        else:
            health = "on_track"
        health_counts[health] += 1
        counts[label] = counts.get(label, 0) + 1
        rank = order.get((r.workflow_name, r.state), (2, 0))
        count_order[label] = min(count_order.get(label, rank), rank)
        meeting = next_meeting.get(r.id)
        items.append(ItemRow(
            ref=r.ref, title=r.title, kind=r.kind, owner=r.login, owner_name=r.owner_name,
            state=r.state, state_label=label, paused=r.paused, health=health,
            next_meeting=meeting[0] if meeting else None,
            next_meeting_date=meeting[1] if meeting else None,
            deadline=d.due if d else None, working_days_left=d.working_days_left if d else None,
            flagged=r.id in flagged))
        if r.kind == "handlemaal":
            handlemaal.append(HandlemaalRow(
                ref=r.ref, title=r.title, succeskriterier=r.succeskriterier,
                evaluering=r.evaluering, tids_og_handleplan=r.tids_og_handleplan,
                tovholder=r.tovholder, owner_name=r.owner_name, state_label=label,
                health=health))
        depth = r.ref.count(".") - top + 1 if root is not None else r.ref.count(".") + 1
        tree.append(TreeRow(depth=depth, ref=r.ref, title=r.title, state_label=label,
                            paused=r.paused, health=health))

    changes = _changes(s, ctx, window.since, owner_id, root, registry)
    return StatusReport(
        generated_at=ctx.now, today=today, since=window.since, horizon=window.horizon,
        scope=Scope(owner=person.login if person else None, subtree=root.ref if root else None,
                    meeting=window.meeting.code if window.meeting else None),
        lang=lang, meeting=window.meeting, next_meeting=window.next_meeting,
        counts=tuple(StateCount(label, n) for label, n in
                     sorted(counts.items(), key=lambda kv: (count_order[kv[0]], kv[0]))),
        health=tuple(health_counts.items()),
        changes=changes,
        overdue=tuple(d for d in deadlines if d.working_days_left < 0),
        due_soon=tuple(d for d in deadlines if d.working_days_left >= 0
                       and d.due <= window.horizon),
        items=tuple(items), handlemaal=tuple(handlemaal), tree=tuple(tree),
        owner_name=person.name if person else None,
        subtree_title=root.title if root else None,
        indicators=_indicators(s, {i.ref for i in items}),
        conversations=_conversations(s, ctx, person.id if person else None))


def _indicators(s: Session, refs: set[str]) -> tuple[IndicatorView, ...]:
    """The indicators of the items in scope (a handful per strategy, so one query each is fine)."""
    from aarshjul.services.indicators import indicator_view
    from aarshjul.store.models import Indicator

    rows = s.execute(select(Indicator, Item).join(Item, Item.id == Indicator.item_id)
                     .order_by(Item.sort_key, Indicator.name))
    return tuple(indicator_view(s, item, row) for row, item in rows if item.ref in refs)


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
             root: Item | None, registry: Workflows) -> tuple[Change, ...]:
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

    found = []
    for r in s.execute(query):
        data = json.loads(r.data) if r.data else {}

        def label(key: object, r: Any = r) -> str:
            try:
                return registry.get(r.workflow_name, r.workflow_version).state(
                    str(key)).label(lang)
            except (KeyError, InvalidInput):
                return str(key)

        what, detail = describe(r.action, data, label, lang)
        found.append(Change(id=r.id, at=r.at, ref=r.item_ref or r.ref, title=r.title,
                            action=r.action, label=action_label(r.action, lang), what=what,
                            decision=str(data.get("decision") or ""), detail=detail,
                            actor=r.actor_name or r.actor_key))
    return tuple(found)


def action_label(action: str, lang: str) -> str:
    key = f"report.action.{action}"
    text = translate(key, lang)
    return action if text.startswith(key) else text


def describe(action: str, data: dict[str, Any], label: Callable[[object], str],
             lang: str) -> tuple[str, str]:
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
        what = t("report.what_book", meeting=data.get("meeting", ""),
                 deadline=data.get("deadline", ""))
    elif action == "unbook":
        what = str(data.get("meeting", ""))
    elif action == "deliver":
        what = ", ".join(str(m) for m in data.get("meetings", []))
    elif action == "edit":
        what = ", ".join(sorted(data.get("after", {})))
    elif action == "indicator-add":
        what = str(data.get("name", ""))
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
        parts.append(t("report.until", date=data["until"]))
    return what, " ".join(parts)


# -- rendering ------------------------------------------------------------------------------------


def short_date(day: date | None) -> str:
    return day.isoformat() if day else ""


def clock(moment: datetime) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_cell(value: object) -> str:
    """User text in a Markdown table cell: one line, pipes and markup escaped.

    ``<`` is backslash-escaped too, so a title like ``<script>`` stays text when the Markdown
    is turned into HTML by a wiki or a mail client.
    """
    text = "" if value is None else " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


_CODE_OR_DATE = re.compile(r"(?:[A-Z0-9]+-)*\d{4}-\d{2}-\d{2}(?:-\d+)?")


def keep_together(value: object) -> Any:
    """Escaped text in which dates and meeting codes (BUU-2026-12-07) never break at a hyphen.

    The text is escaped first, so what is wrapped can hold no markup of its own.
    """
    from markupsafe import Markup, escape

    text = str(escape("" if value is None else value))
    return Markup(_CODE_OR_DATE.sub(lambda m: f'<span class="date">{m.group(0)}</span>', text))


@lru_cache(maxsize=1)
def _env() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("aarshjul.reports", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html",),
                                                   default_for_string=False),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["md"] = md_cell
    env.filters["iso"] = short_date
    env.filters["clock"] = clock
    env.filters["oneline"] = lambda v: " ".join(str(v).split())
    env.filters["together"] = keep_together
    return env


def _context(report: StatusReport) -> dict[str, Any]:
    lang = report.lang

    def t(key: str, /, **params: object) -> str:
        return translate(f"report.{key}", lang, **params)

    moves = [c for c in report.changes if c.action in ("advance", "send-back", "withdraw")]
    from aarshjul.reports.charts import indicator_chart

    return {
        "r": report, "lang": lang, "t": t,
        "chart": lambda v: indicator_chart(v, t("chart_alt", name=v.name)),
        "indicator_status": lambda s: translate(f"indicator.{s}", lang),
        "conversation_status": lambda s: translate(f"conversation.{s}", lang),
        "health_label": lambda h: t(f"health.{h}"),
        "long_date": lambda d: long_date(d, lang),
        "days": lambda n: t("days_over", n=-n) if n < 0 else t("days_left", n=n),
        "deadline_what": lambda d: deadline_what(d, lang),
        "scope": describe_scope(report),
        "at_risk_days": AT_RISK_DAYS,
        "moves": len(moves),
        "decisions": sum(1 for c in report.changes if c.decision),
        "send_backs": sum(1 for c in report.changes if c.action == "send-back"),
    }


def describe_scope(report: StatusReport) -> str:
    """Which items, in words; empty when the report covers every item.

    The meeting a report is for is not part of it: it sets the window, not the items, and it
    stands in the report's title.
    """
    lang = report.lang
    parts = []
    if report.scope.owner:
        parts.append(translate("report.scope_owner", lang, owner=report.scope.owner,
                               name=report.owner_name or report.scope.owner))
    if report.scope.subtree:
        parts.append(translate("report.scope_subtree", lang, ref=report.scope.subtree,
                               title=report.subtree_title or ""))
    return "; ".join(parts)


def deadline_what(d: Deadline, lang: str) -> str:
    """What a deadline is for: the meeting it leads to, the høring's end, or a plain due date."""
    if d.kind == "sagsfrist" and d.meeting:
        return translate("report.deadline_sagsfrist", lang, meeting=d.meeting)
    return translate(f"report.deadline_{d.kind}", lang, meeting=d.meeting or "")


def render_markdown(report: StatusReport) -> str:
    return _env().get_template("status.md").render(_context(report))


def render_html(report: StatusReport, wheel_svg: str = "") -> str:
    """One self-contained page: inline CSS and SVG, no script, printable on A4.

    ``wheel_svg`` comes from :func:`aarshjul.reports.wheel.render_wheel`, which builds it with
    ElementTree and so escapes every user text; it is inserted as markup, without its XML
    declaration.
    """
    svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", wheel_svg)
    return _env().get_template("status.html").render(_context(report), wheel=svg)


def _weasyprint() -> Any:
    """WeasyPrint's ``HTML`` class, or a clear message saying how to install it."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        # OSError: WeasyPrint is installed but the Pango library it loads is not.
        raise EnvironmentProblem("report.no_pdf", reason=str(exc) or type(exc).__name__) \
            from None
    return HTML


def render_pdf(html: str) -> bytes:
    """The HTML report as PDF, with WeasyPrint from the optional ``pdf`` extra."""
    return bytes(_weasyprint()(string=html).write_pdf())


# -- the service ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """The report as written: a file, or (Markdown without ``-o``) the text itself."""

    format: str
    path: Path | None = None
    text: str | None = None


class Reports:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def status(self, *, since: date | None = None, for_meeting: str | None = None,
               owner: str | None = None, subtree: str | None = None,
               horizon_days: int = DEFAULT_HORIZON_DAYS) -> StatusReport:
        with self.db.transaction() as s:
            return gather(s, self.ctx, since=since, for_meeting=for_meeting, owner=owner,
                          subtree=subtree, horizon_days=horizon_days)

    def wheel_svg(self) -> str:
        """The årshjul for the twelve months from this one, drawn in the report's language."""
        from aarshjul.reports.wheel import render_wheel, wheel_data

        return render_wheel(wheel_data(self.db, self.ctx), self.ctx.lang)

    def render(self, report: StatusReport, fmt: str) -> bytes:
        """The report as the bytes of a file in ``fmt`` (md, html, xlsx or pdf)."""
        if fmt == "md":
            return render_markdown(report).encode("utf-8")
        if fmt == "xlsx":
            from aarshjul.reports.xlsx import xlsx_bytes

            return xlsx_bytes(report)
        if fmt not in FORMATS:
            raise InvalidInput("report.bad_format", format=fmt, known=", ".join(FORMATS))
        if fmt == "pdf":
            _weasyprint()  # say what to install before drawing the wheel for nothing
        html = render_html(report, self.wheel_svg())
        return html.encode("utf-8") if fmt == "html" else render_pdf(html)

    def default_name(self, fmt: str) -> str:
        return f"status-{self.ctx.today.isoformat()}.{fmt}"

    def export(self, fmt: str = "md", output: str | Path | None = None, *,
               since: date | None = None, for_meeting: str | None = None,
               owner: str | None = None, subtree: str | None = None) -> Written:
        """``report status``: gather, render and write (Markdown without a file: the text).

        A binary or HTML report without ``output`` goes to ``status-<today>.<fmt>`` in the
        current folder, so it never floods a terminal. The file is replaced in one step.
        """
        if fmt not in FORMATS:
            raise InvalidInput("report.bad_format", format=fmt, known=", ".join(FORMATS))
        report = self.status(since=since, for_meeting=for_meeting, owner=owner,
                             subtree=subtree)
        if fmt == "md" and output is None:
            return Written(format=fmt, text=render_markdown(report))
        data = self.render(report, fmt)
        path = Path(output) if output is not None else Path(self.default_name(fmt))
        write_atomically(path, data, error="report.cannot_write", file=str(path))
        return Written(format=fmt, path=path)


def sections(lang: str) -> Sequence[tuple[str, str]]:
    """(key, heading) of the report's sections, in order: the HTML, Markdown and XLSX agree."""
    keys = ("summary", "changes", "overdue", "soon", "items", "handlemaal", "indicators",
            "conversations", "tree")
    return [(k, translate(f"report.section.{k}", lang)) for k in keys]
