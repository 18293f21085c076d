"""A meeting's agenda (dagsorden), read from the bookings: the one view ``meeting show``, the
agenda document, the beslutningsprotokol and the published mail are all made from.

Every booking on a meeting is a point on its agenda; its texts (sagsfremstilling, indstilling,
økonomi), its kind and its bilag live in an :class:`~aarshjul.store.models.AgendaPoint` made on
first edit (:mod:`aarshjul.services.agenda_edit`). The body's fixed points (godkendelse af
dagsorden first; meddelelser and eventuelt last) come from ``[agenda]`` in the settings and are
numbered with the cases. Publishing freezes a digest of every point, so a later edit shows as a
change, never silently.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from aarshjul.context import Context
from aarshjul.dates.timeutil import local, local_date
from aarshjul.errors import InvalidInput
from aarshjul.messages import translate
from aarshjul.services.items import load_item
from aarshjul.services.meetings import find_meeting, sagsfrist, working_calendar
from aarshjul.store.db import Database, one_of
from aarshjul.store.models import (
    AgendaAttachment,
    AgendaPoint,
    AgendaPublication,
    Booking,
    Decision,
    Item,
    Meeting,
)
from aarshjul.workflow.registry import Workflows

#: The kinds of agenda point, as stored (labels in messages.py, ``agenda.kind.*``).
KINDS = ("beslutning", "orientering", "droeftelse")
#: What a meeting can decide on a point (labels in messages.py, ``agenda.decision.*``).
DECISIONS = ("godkendt", "ikke-godkendt", "taget-til-efterretning", "udsat", "sendt-tilbage")
#: A meeting's status, in the order a meeting passes through them (``agenda.status.*``).
STATUSES = ("aaben", "lukket", "udsendt", "afholdt", "aflyst")
#: What can be missing from a point before the meeting (``agenda.missing.*``).
MISSING = ("indstilling", "late", "bilag")


@dataclass(frozen=True)
class PointDefaults:
    kind: str
    case_number: str


def point_defaults(booking: Booking) -> PointDefaults:
    """The kind and the ESDH case number a point has until someone edits it: the one place
    they are decided. A booking made with ``book --orientation`` is an orientering, any other
    a beslutning; the case number is the booking's own sagsnr. (``book --case``), else the
    item's."""
    return PointDefaults(kind="orientering" if booking.orientation else "beslutning",
                         case_number=booking.case_number or booking.item.case_number or "")


def normalise_choice(text: str) -> str:
    """``Drøftelse`` → ``droeftelse``, ``ikke godkendt`` → ``ikke-godkendt``."""
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
    return "-".join(text.strip().lower().translate(table).replace("_", " ").split())


def check_kind(text: str) -> str:
    kind = normalise_choice(text)
    if kind not in KINDS:
        raise InvalidInput("agenda.bad_kind", kind=text,
                           known="beslutning, orientering, drøftelse")
    return kind


@dataclass(frozen=True)
class BilagView:
    title: str
    location: str
    is_link: bool
    missing: bool


@dataclass(frozen=True)
class PointView:
    key: str  # "b<booking id>", or "fixed-<n>" for a fixed point
    number: int
    title: str
    fixed: bool
    kind: str
    ref: str | None = None
    case_number: str = ""
    owner: str = ""
    booked_state: str = ""  # the state the item is booked for, as a label
    state: str = ""  # the item's state now, as a label
    state_key: str = ""
    sagsfremstilling: str = ""
    indstilling: str = ""
    okonomi: str = ""
    bilag: tuple[BilagView, ...] = ()
    decision: str = ""  # a key of DECISIONS, once the protocol has it
    beslutning: str = ""  # the protocol's text
    decisions: tuple[str, ...] = ()  # decisions filed under this meeting by ``advance``
    missing: tuple[str, ...] = ()  # keys of MISSING
    changed: bool = False  # since the agenda was published


Day = date  # ``date`` is a field name below


@dataclass(frozen=True)
class AgendaView:
    meeting: str
    body: str
    body_name: str
    date: Day
    time: str | None
    place: str
    title: str
    deadline: Day | None  # None: a body without sagsfrist (events)
    status: str
    version: int  # the published version, 0 if never published
    published_at: datetime | None
    changed: bool
    removed: tuple[str, ...]  # titles of published points no longer on the agenda
    points: tuple[PointView, ...]
    digest: str


def is_held(meeting: Meeting, ctx: Context) -> bool:
    """Held from its start time (a meeting without a time from the start of its day), as the
    held-meeting guard counts it."""
    today = ctx.today
    clock = f"{local(ctx.now):%H:%M}"
    return meeting.date < today or (meeting.date == today
                                    and (meeting.time is None or meeting.time <= clock))


def find_booking(s: Session, meeting: Meeting, ref: str) -> Booking:
    """The item's booking on the meeting (the one for its current state if it has several)."""
    item = load_item(s, ref)
    found = s.scalars(select(Booking).where(Booking.item_id == item.id,
                                            Booking.meeting_id == meeting.id)
                      .order_by(Booking.state)).all()
    if not found:
        raise InvalidInput("agenda.not_booked", ref=item.ref, meeting=meeting.code)
    return next((b for b in found if b.state == item.state), found[0])


def ensure_point(s: Session, booking: Booking) -> AgendaPoint:
    point = s.scalars(select(AgendaPoint).where(AgendaPoint.booking_id == booking.id)
                      ).one_or_none()
    if point is None:
        point = AgendaPoint(booking=booking, kind=point_defaults(booking).kind,
                            sagsfremstilling="", indstilling="", okonomi="", decision="",
                            beslutning="")
        s.add(point)
        s.flush()
    return point


def _digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _point_digest(p: PointView) -> str:
    """What a published point said: its place, title and texts (not the protocol's decision)."""
    return _digest([p.number, p.title, p.kind, p.ref, p.case_number, p.sagsfremstilling,
                    p.indstilling, p.okonomi, [(b.title, b.location) for b in p.bilag]])


class _Builder:
    """Reads one meeting's agenda in a few queries and numbers its points."""

    def __init__(self, s: Session, ctx: Context, meeting: Meeting) -> None:
        self.s = s
        self.ctx = ctx
        self.meeting = meeting
        self.lang = ctx.lang
        self.workflows = Workflows(s)  # one registry: each definition read once per agenda
        self.deadline = sagsfrist(working_calendar(ctx), meeting.date,
                                  meeting.body.deadline_days)

    def bookings(self) -> list[tuple[Booking, AgendaPoint | None]]:
        s = self.s
        bookings = s.scalars(select(Booking).where(Booking.meeting_id == self.meeting.id)
                             .options(joinedload(Booking.item).joinedload(Item.owner))).all()
        ids = [b.id for b in bookings]
        points = {p.booking_id: p for p in s.scalars(
            select(AgendaPoint).where(AgendaPoint.booking_id.in_(ids)))} if ids else {}

        def order(pair: tuple[Booking, AgendaPoint | None]) -> tuple[int, str, str]:
            b, p = pair
            position = p.position if p is not None and p.position is not None else 1_000_000
            return position, b.item.sort_key, b.state

        return sorted(((b, points.get(b.id)) for b in bookings), key=order)

    def fixed(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        opening, closing = self.ctx.config.agenda.fixed_points(self.meeting.body.key)
        if opening is None:
            opening = (translate("agenda.fixed.approve", self.lang),)
        if closing is None:
            closing = (translate("agenda.fixed.news", self.lang),
                       translate("agenda.fixed.other", self.lang))
        return opening, closing

    def view(self) -> AgendaView:
        s, meeting = self.s, self.meeting
        pairs = self.bookings()
        point_ids = [p.id for _, p in pairs if p is not None]
        bilag: dict[int, list[AgendaAttachment]] = {}
        if point_ids:
            for a in s.scalars(select(AgendaAttachment).where(
                    AgendaAttachment.point_id.in_(point_ids)).order_by(AgendaAttachment.id)):
                bilag.setdefault(a.point_id, []).append(a)
        decided: dict[int, list[str]] = {}
        for d in s.scalars(select(Decision).where(Decision.meeting_id == meeting.id)
                           .order_by(Decision.decided_at, Decision.id)):
            decided.setdefault(d.item_id, []).append(d.text)
        opening, closing = self.fixed()
        points: list[PointView] = []
        for title in opening:
            points.append(self._fixed(len(points) + 1, title))
        for booking, point in pairs:
            points.append(self._point(len(points) + 1, booking, point,
                                      bilag.get(point.id, []) if point else [],
                                      decided.get(booking.item_id, [])))
        for title in closing:
            points.append(self._fixed(len(points) + 1, title))
        return self._with_publication(points)

    def _fixed(self, number: int, title: str) -> PointView:
        return PointView(key=f"fixed-{title}", number=number, title=title, fixed=True,
                         kind="")

    def _point(self, number: int, booking: Booking, point: AgendaPoint | None,
               bilag: list[AgendaAttachment], decided: list[str]) -> PointView:
        item = booking.item
        defn = self.workflows.get(item.workflow_name, item.workflow_version)
        found = defn.find_state(booking.state)
        defaults = point_defaults(booking)
        views = tuple(BilagView(title=a.title, location=a.location, is_link=a.is_link,
                                missing=not a.is_link and not Path(a.location).is_file())
                      for a in bilag)
        kind = point.kind if point is not None else defaults.kind
        indstilling = point.indstilling if point is not None else ""
        missing = []
        if kind != "orientering" and not indstilling.strip():
            missing.append("indstilling")
        if self._late(booking, point):
            missing.append("late")
        if any(b.missing for b in views):
            missing.append("bilag")
        return PointView(
            key=f"b{booking.id}", number=number, title=item.title, fixed=False, kind=kind,
            ref=item.ref, case_number=defaults.case_number,
            owner=item.owner.name if item.owner is not None else "",
            booked_state=found.label(self.lang) if found else booking.state,
            state=defn.state(item.state).label(self.lang), state_key=item.state,
            sagsfremstilling=point.sagsfremstilling if point else "", indstilling=indstilling,
            okonomi=point.okonomi if point else "", bilag=views,
            decision=point.decision if point else "", beslutning=point.beslutning if point else "",
            decisions=tuple(decided), missing=tuple(missing))

    def _late(self, booking: Booking, point: AgendaPoint | None) -> bool:
        """Delivered late: booked, edited or delivered after the booking's own sagsfrist (which
        for a chained booking is the previous body's meeting day, not the meeting's)."""
        moments = [booking.created_at, booking.delivered_at,
                   point.edited_at if point is not None else None]
        return any(m is not None and local_date(m) > booking.deadline for m in moments)

    def _with_publication(self, points: list[PointView]) -> AgendaView:
        meeting = self.meeting
        digests = [(p.key, _point_digest(p), p.title) for p in points]
        digest = _digest([[k, d] for k, d, _ in digests])
        published = self.s.scalars(select(AgendaPublication)
                                   .where(AgendaPublication.meeting_id == meeting.id)
                                   .order_by(AgendaPublication.version.desc()).limit(1)).first()
        removed: tuple[str, ...] = ()
        if published is not None:
            before = {k: (d, title) for k, d, title in json.loads(published.snapshot)}
            points = [replace(p, changed=True) if before.get(p.key, ("", ""))[0] != d else p
                      for p, (_, d, _) in zip(points, digests, strict=True)]
            now = {k for k, _, _ in digests}
            removed = tuple(title for k, (_, title) in before.items() if k not in now)
        return AgendaView(
            meeting=meeting.code, body=meeting.body.key, body_name=meeting.body.name,
            date=meeting.date, time=meeting.time, place=meeting.place, title=meeting.title,
            deadline=self.deadline, status=self._status(published is not None),
            version=published.version if published else 0,
            published_at=published.published_at if published else None,
            changed=published is not None and published.digest != digest, removed=removed,
            points=tuple(points), digest=digest)

    def _status(self, published: bool) -> str:
        return meeting_status(self.meeting, self.ctx, self.deadline, published)


def meeting_status(meeting: Meeting, ctx: Context, deadline: date | None,
                   published: bool) -> str:
    """The meeting's status (a key of :data:`STATUSES`), given its sagsfrist and whether an
    agenda version is published."""
    if meeting.cancelled:
        return "aflyst"
    if is_held(meeting, ctx):
        return "afholdt"
    if published:
        return "udsendt"
    closed = deadline is not None and ctx.today > deadline
    return "lukket" if closed else "aaben"


def agenda_view(s: Session, ctx: Context, meeting: Meeting) -> AgendaView:
    return _Builder(s, ctx, meeting).view()


def snapshot(view: AgendaView) -> str:
    """What :class:`AgendaPublication` keeps of a version: each point's key, digest, title."""
    return json.dumps([[p.key, _point_digest(p), p.title] for p in view.points],
                      ensure_ascii=False)


def freeze(s: Session, ctx: Context, meeting: Meeting) -> tuple[AgendaView, bool]:
    """Publish the agenda as it stands inside the caller's transaction: a new version if it
    differs from the last published one (True), else the last one again (False)."""
    view = agenda_view(s, ctx, meeting)
    if view.version and not view.changed:
        return view, False
    s.add(AgendaPublication(meeting_id=meeting.id, version=view.version + 1,
                            digest=view.digest, snapshot=snapshot(view),
                            published_at=ctx.now))
    s.flush()
    return agenda_view(s, ctx, meeting), True


@dataclass(frozen=True)
class ItemAgendaView:
    """One booking of an item, as ``item show`` lists it: where on which agenda it stands."""

    meeting: str
    date: Day
    body: str
    booked_state: str
    number: int
    status: str  # of the meeting: a key of STATUSES
    decision: str
    missing: tuple[str, ...]
    changed: bool


def _ordered_cases(s: Session, ctx: Context, meetings: list[Meeting]
                   ) -> dict[int, list[tuple[int, int, str]]]:
    """Each meeting's cases as ``(number, booking id, title)``, numbered and ordered as its
    agenda is, in one query per thousand meetings (however many bookings they have)."""
    by_id = {m.id: m for m in meetings}
    rows: list[tuple[int, int, str, int, str, str]] = []
    for wanted in one_of(s, Booking.meeting_id, list(by_id)):
        rows += [(r.meeting_id, r.id, r.title,
                  r.position if r.position is not None else 1_000_000, r.sort_key, r.state)
                 for r in s.execute(
            select(Booking.meeting_id, Booking.id, Item.title, AgendaPoint.position,
                   Item.sort_key, Booking.state)
            .join(Item, Item.id == Booking.item_id)
            .outerjoin(AgendaPoint, AgendaPoint.booking_id == Booking.id).where(wanted))]
    cases: dict[int, list[tuple[int, int, str]]] = {}
    for meeting_id, booking_id, title, *_ in sorted(rows, key=lambda r: (r[0], r[3], r[4], r[5])):
        meeting = by_id[meeting_id]
        found = cases.setdefault(meeting_id, [])
        opening = ctx.config.agenda.fixed_points(meeting.body.key)[0]
        first = 1 + (1 if opening is None else len(opening))
        found.append((first + len(found), booking_id, title))
    return cases


def agenda_titles(s: Session, ctx: Context, meetings: list[Meeting]) -> dict[str, list[str]]:
    """Each meeting's cases as ``"3. Title"``, numbered and ordered as its agenda is, in a few
    queries for any number of meetings."""
    by_id = {m.id: m for m in meetings}
    return {by_id[meeting_id].code: [f"{number}. {title}" for number, _, title in found]
            for meeting_id, found in _ordered_cases(s, ctx, meetings).items()}


@dataclass(frozen=True)
class AgendaPlace:
    """Where a booking stands on its meeting's agenda: the point's number, the meeting's status."""

    number: int
    status: str  # a key of STATUSES


def agenda_places(s: Session, ctx: Context, meetings: list[Meeting]
                  ) -> dict[int, AgendaPlace]:
    """Every booking on the given meetings → its point number and the meeting's agenda status,
    numbered as :func:`agenda_view` numbers them, in a few queries for any number of meetings
    (the status report links each item to its next agenda)."""
    published: set[int] = set()
    for wanted in one_of(s, AgendaPublication.meeting_id, [m.id for m in meetings]):
        published.update(s.scalars(select(AgendaPublication.meeting_id).where(wanted)))
    by_id = {m.id: m for m in meetings}
    calendar = working_calendar(ctx)
    places: dict[int, AgendaPlace] = {}
    for meeting_id, found in _ordered_cases(s, ctx, meetings).items():
        meeting = by_id[meeting_id]
        status = meeting_status(meeting, ctx, sagsfrist(calendar, meeting.date,
                                                        meeting.body.deadline_days),
                                meeting_id in published)
        places.update((booking_id, AgendaPlace(number, status)) for number, booking_id, _ in found)
    return places


class Agenda:
    """``meeting show``: a meeting and its agenda; ``item show``: an item's agendas."""

    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def show(self, code: str) -> AgendaView:
        with self.db.transaction() as s:
            return agenda_view(s, self.ctx, find_meeting(s, code))

    def of_item(self, ref: str) -> list[ItemAgendaView]:
        """Every booking of the item, by meeting date, with its point on that agenda."""
        with self.db.transaction() as s:
            return item_agendas(s, self.ctx, load_item(s, ref))


def item_agendas(s: Session, ctx: Context, item: Item) -> list[ItemAgendaView]:
    """The item's points as :func:`agenda_view` shows them, built without the other points:
    the other bookings are only counted for the numbering (:func:`_ordered_cases`), so the
    cost is the item's bookings, not the size of its meetings' agendas."""
    bookings = s.scalars(select(Booking).join(Meeting).where(Booking.item_id == item.id)
                         .order_by(Meeting.date, Meeting.time, Booking.state)
                         .options(joinedload(Booking.meeting).joinedload(Meeting.body))).all()
    if not bookings:
        return []
    meetings = list({b.meeting_id: b.meeting for b in bookings}.values())
    numbers = {booking_id: number
               for found in _ordered_cases(s, ctx, meetings).values()
               for number, booking_id, _ in found}
    points = {p.booking_id: p for p in s.scalars(
        select(AgendaPoint).where(AgendaPoint.booking_id.in_([b.id for b in bookings])))}
    bilag: dict[int, list[AgendaAttachment]] = {}
    if points:
        for a in s.scalars(select(AgendaAttachment).where(AgendaAttachment.point_id.in_(
                [p.id for p in points.values()])).order_by(AgendaAttachment.id)):
            bilag.setdefault(a.point_id, []).append(a)
    decided: dict[int | None, list[str]] = {}  # by meeting
    for d in s.scalars(select(Decision).where(Decision.item_id == item.id,
                                              Decision.meeting_id.in_([m.id for m in meetings]))
                       .order_by(Decision.decided_at, Decision.id)):
        decided.setdefault(d.meeting_id, []).append(d.text)
    published: dict[int, AgendaPublication] = {}
    for p in s.scalars(select(AgendaPublication).where(
            AgendaPublication.meeting_id.in_([m.id for m in meetings]))
            .order_by(AgendaPublication.version)):
        published[p.meeting_id] = p  # the last version wins
    found = []
    for booking in bookings:
        meeting, point = booking.meeting, points.get(booking.id)
        builder = _Builder(s, ctx, meeting)
        view = builder._point(numbers[booking.id], booking, point,
                              bilag.get(point.id, []) if point else [],
                              decided.get(meeting.id, []))
        last = published.get(meeting.id)
        before = {k: d for k, d, _ in json.loads(last.snapshot)} if last else {}
        found.append(ItemAgendaView(
            meeting=meeting.code, date=meeting.date, body=meeting.body.key,
            booked_state=view.booked_state, number=view.number,
            status=builder._status(last is not None), decision=view.decision,
            missing=view.missing,
            changed=last is not None and before.get(view.key) != _point_digest(view)))
    return found
