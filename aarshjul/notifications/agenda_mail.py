"""``meeting publish``: the agenda frozen as a version and mailed to the body's members, once.

Publishing freezes the agenda as it stands (:func:`aarshjul.services.agenda.freeze`): a new
version when it differs from the last published one, else the same version again. Each member
gets one outbox row keyed ``agenda|<meeting>|v<version>|<person>`` holding the document as it was
rendered (PDF, in the member's language), so publishing twice sends once, and publishing an
agenda changed since sends the new version once.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.notifications import scan
from aarshjul.notifications.outbox import Outbox, require_transport_up
from aarshjul.notifications.rules import Due
from aarshjul.reports.agenda import file_name, render
from aarshjul.reports.render_status import require_weasyprint
from aarshjul.services.agenda import AgendaView, agenda_view, freeze
from aarshjul.services.audit_trail import record
from aarshjul.services.meetings import find_meeting
from aarshjul.store.db import Database
from aarshjul.store.models import Person


@dataclass(frozen=True)
class PublishResult:
    meeting: str
    version: int
    new_version: bool
    members: int
    queued: int
    already: int
    sent: int
    failed: int
    waiting: int
    no_email: tuple[str, ...] = field(default=())


class AgendaMail:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def publish(self, code: str) -> PublishResult:
        # The mail carries the PDF: without WeasyPrint nothing is frozen or queued.
        require_weasyprint()
        with self.db.transaction() as s:
            meeting = find_meeting(s, code, open_only=True)
            keys = meeting.body.members.split()
            if not keys:
                raise InvalidInput("agenda.no_members", body=meeting.body.key)
            people = s.scalars(select(Person).where(Person.key.in_(keys))).all()
            members = [(p.key, p.name, p.email, p.lang if p.lang in ("da", "en") else "da")
                       for p in people]
            view, new = freeze(s, self.ctx, meeting)
            if new:
                record(s, self.ctx, "agenda-publish",
                       data={"meeting": meeting.code, "version": view.version,
                             "digest": view.digest})
            views = {lang: agenda_view(s, replace(self.ctx, lang=lang), meeting)
                     for lang in sorted({m[3] for m in members})}
        payloads = {lang: self._payload(v, lang) for lang, v in views.items()}
        due = Due(rule="agenda", kind="agenda")
        prefix = f"agenda|{view.meeting}|v{view.version}"
        with self.db.transaction() as s:
            candidates = [
                scan.Candidate(key=f"{prefix}|{key}", recipient=key, email=email, name=name,
                               lang=lang, due=due, deadline_key=f"agenda|{view.meeting}",
                               item_ref=None, payload=payloads[lang])
                for key, name, email, lang in members]
            have = scan.existing_keys(s, [c.key for c in candidates])
            queued = scan.insert(s, self.ctx, [c for c in candidates if c.key not in have])
        result = Outbox(self.db, self.ctx).deliver()
        require_transport_up(result)
        return PublishResult(meeting=view.meeting, version=view.version, new_version=new,
                             members=len(members), queued=queued, already=len(have),
                             sent=result.sent, failed=result.failed, waiting=result.waiting,
                             no_email=tuple(sorted(m[1] for m in members if not m[2])))

    def _payload(self, view: AgendaView, lang: str) -> dict[str, Any]:
        """What the mail needs, rendered now: the agenda as published."""
        return {
            "kind": "agenda", "rule": "agenda", "meeting": view.meeting,
            "body_name": view.body_name, "meeting_date": view.date.isoformat(),
            "time": view.time, "place": view.place, "version": view.version,
            "points": [f"{p.number}. {p.title}" for p in view.points],
            "filename": file_name(view, "pdf", lang),
            "pdf": base64.b64encode(render(view, "pdf", lang)).decode("ascii"),
        }
