"""``report send``: the status report for a meeting, mailed once to each member of its body.

Each member gets one outbox row keyed ``report|<meeting>|<person>``; the row's payload holds the
rendered report (HTML and XLSX, in the member's language), so the email is what the report said
when it was queued, even if it is delivered later. Running the command again queues nothing for
members who have it, then delivers the outbox.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from aarshjul.context import Context
from aarshjul.dates.timeutil import local
from aarshjul.errors import InvalidInput
from aarshjul.notifications import scan
from aarshjul.notifications.outbox import Outbox, require_transport_up
from aarshjul.notifications.rules import Due
from aarshjul.reports.render_status import render_html
from aarshjul.reports.status import Reports
from aarshjul.reports.xlsx import xlsx_bytes
from aarshjul.services.meetings import find_meeting
from aarshjul.store.db import Database
from aarshjul.store.models import Person

#: What the report mail says of each overdue or coming deadline (the mail's templates read these).
DEADLINE_FIELDS = ("ref", "title", "owner_name", "due", "working_days_left", "meeting", "kind")


@dataclass(frozen=True)
class SendResult:
    meeting: str
    members: int
    queued: int
    already: int
    sent: int
    failed: int
    waiting: int
    no_email: tuple[str, ...] = field(default=())


class ReportMail:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def send(self, meeting: str) -> SendResult:
        """Queue the report for every member of the meeting's body who has not had it, then
        deliver the outbox."""
        with self.db.transaction() as s:
            found = find_meeting(s, meeting)
            code, body_key = found.code, found.body.key
            keys = found.body.members.split()
            if not keys:
                raise InvalidInput("report.no_members", body=body_key)
            people = s.scalars(select(Person).where(Person.key.in_(keys))).all()
            members = [(p.key, p.name, p.email, p.lang) for p in people]
        langs = sorted({lang if lang in ("da", "en") else "da" for _, _, _, lang in members})
        payloads = {lang: self._payload(code, lang) for lang in langs}
        due = Due(rule="report", kind="report")
        with self.db.transaction() as s:
            candidates = [
                scan.Candidate(key=f"report|{code}|{key}", recipient=key, email=email,
                               name=name, lang=lang, due=due, deadline_key=f"report|{code}",
                               item_ref=None, payload=payloads.get(lang, payloads[langs[0]]))
                for key, name, email, lang in members]
            have = scan.existing_keys(s, [c.key for c in candidates])
            queued = scan.insert(s, self.ctx, [c for c in candidates if c.key not in have])
        result = Outbox(self.db, self.ctx).deliver()
        require_transport_up(result)
        return SendResult(meeting=code, members=len(members), queued=queued,
                          already=len(have), sent=result.sent, failed=result.failed,
                          waiting=result.waiting,
                          no_email=tuple(sorted(name for _, name, email, _ in members
                                                if not email)))

    def _payload(self, code: str, lang: str) -> dict[str, Any]:
        """What the mail needs, rendered now in ``lang``: the report as it stands today."""
        reports = Reports(self.db, replace(self.ctx, lang=lang))
        report = reports.status(for_meeting=code)
        html = render_html(report, reports.wheel_svg())
        assert report.meeting is not None
        m = report.meeting
        return {
            "kind": "report", "rule": "report", "meeting": m.code, "body": m.body,
            "body_name": m.body_name, "meeting_date": m.date.isoformat(), "time": m.time,
            "place": m.place, "since": local(report.since).date().isoformat(),
            "horizon": report.horizon.isoformat(), "total": report.total,
            "health": dict(report.health), "changes": len(report.changes),
            "overdue": [d.as_dict(*DEADLINE_FIELDS) for d in report.overdue],
            "due_soon": [d.as_dict(*DEADLINE_FIELDS) for d in report.due_soon],
            "filename": f"statusrapport-{m.code}" if lang == "da" else f"status-report-{m.code}",
            "html": html,
            "xlsx": base64.b64encode(xlsx_bytes(report)).decode("ascii"),
        }
