"""The status report as one frozen value, and the words every rendering of it shares.

:class:`StatusReport` is what :func:`aarshjul.reports.status_gather.gather` reads from the
database and what every renderer takes: Markdown and HTML
(:mod:`aarshjul.reports.render_status`) and XLSX (:mod:`aarshjul.reports.xlsx`). The renderers
import this module and nothing of each other, so the report's shape has one home and the sections
and the words for a scope or a deadline are said the same way in every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from aarshjul.messages import translate
from aarshjul.services.conversations import ConversationView
from aarshjul.services.deadlines import Deadline
from aarshjul.services.indicators import IndicatorView
from aarshjul.services.labels import Labels

#: Health buckets, worst first; every item in scope is in exactly one.
HEALTH = ("overdue", "at_risk", "on_track", "paused", "done")
#: An open deadline this many working days away or closer puts an item at risk.
AT_RISK_DAYS = 5
#: Without ``--for-meeting``: changes of the last two weeks, deadlines of the next three.
DEFAULT_SINCE_DAYS = 14
DEFAULT_HORIZON_DAYS = 15


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
    title: str = ""


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
    case_number: str = ""  # the ESDH sagsnr.
    responses: tuple[int, int] | None = None  # in høring: (answers received, parties)
    agenda_point: int | None = None  # the item's point on its next meeting's agenda
    agenda_status: str | None = None  # that agenda's status: services.agenda.STATUSES

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
    """The report. Its long sections (items, tree, changes, deadlines) may be spooled to a
    temporary file (:class:`aarshjul.files.Spool`) rather than held in memory: sequences that
    can be measured and read again, not necessarily tuples (issue 19, point 2)."""

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
    changes: Sequence[Change]
    overdue: Sequence[Deadline]
    due_soon: Sequence[Deadline]
    items: Sequence[ItemRow]
    handlemaal: Sequence[HandlemaalRow]
    tree: Sequence[TreeRow]
    owner_name: str | None = None
    subtree_title: str | None = None
    indicators: tuple[IndicatorView, ...] = ()
    conversations: tuple[ConversationView, ...] = ()
    #: Titled meetings up to the horizon (theme meetings, temamøder, budget seminars).
    events: tuple[MeetingInfo, ...] = ()
    #: the labels of bodies and meetings, for the renderers (issue 17)
    names: Labels = field(default_factory=lambda: Labels(lang="da"))

    @property
    def total(self) -> int:
        return len(self.items)

    def health_count(self, bucket: str) -> int:
        return dict(self.health).get(bucket, 0)


@dataclass(frozen=True)
class OrgStatus:
    """One municipality's line on the whole installation's overview (``--all-orgs``)."""

    key: str
    name: str
    file: str  # its report, in the same folder as the overview
    total: int
    health: dict[str, int]


# -- words shared by the renderers -----------------------------------------------------------------


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


def deadline_what(d: Deadline, lang: str, names: Labels | None = None) -> str:
    """What a deadline is for: the meeting it leads to, the høring's end, or a plain due date.
    A meeting is named as people name it (``BUU 07.12.2026``), never by its code."""
    names = names or Labels(lang=lang)
    meeting = names.meeting(d.meeting, body=d.body, day=d.meeting_date) if d.meeting else ""
    if d.kind == "sagsfrist" and d.meeting and d.chained_from:
        return translate("report.deadline_chained", lang, meeting=meeting,
                         body=names.body(d.chained_from))
    if d.kind == "sagsfrist" and d.meeting:
        return translate("report.deadline_sagsfrist", lang, meeting=meeting)
    if d.kind == "orientering":
        return translate("report.deadline_orientering", lang, meeting=meeting)
    return translate(f"report.deadline_{d.kind}", lang, meeting="")


def sections(lang: str) -> Sequence[tuple[str, str]]:
    """(key, heading) of the report's sections, in order: the HTML, Markdown and XLSX agree."""
    keys = ("summary", "changes", "overdue", "soon", "items", "handlemaal", "indicators",
            "conversations", "tree")
    return [(k, translate(f"report.section.{k}", lang)) for k in keys]
