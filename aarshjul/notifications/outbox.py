"""The outbox and its sender: reminders are claimed, sent as digests and marked, never twice.

Delivery protocol, per run:

1. **Claim** (one short transaction): due ``pending`` rows are locked with
   ``FOR UPDATE SKIP LOCKED`` on PostgreSQL (SQLite's ``BEGIN IMMEDIATE`` serialises claims
   anyway), set to ``sending`` and given one Message-ID per recipient — that group is the digest.
   A second sender running at the same moment skips them, so it cannot send them too.
2. **Send** each digest through the transport.
3. **Mark** the digest's rows ``sent``; after a temporary failure put them back to ``pending``
   with a backoff; after a permanent refusal mark them ``failed``.

What holds where (the guarantee is at-most-once; see docs/reminders.md):

- A crash between 1 and 3 leaves rows ``sending``. The next run recovers them: with the mail
  folder transport it looks for the message's file and marks the rows ``sent`` or ``pending`` —
  exactly once. With SMTP the server cannot be asked, so the rows become ``unknown`` and are never
  resent automatically; ``outbox retry --unknown`` resends them if a person decides so (that is
  the one place a duplicate can happen, and only on purpose).
- SMTP down: nothing is marked sent; the rows stay ``pending`` with the error and are delivered
  by the next run after the backoff (or at once with ``outbox retry``).
- A run so slow that a second one takes its rows for crashed (issue 20, point 10): a claim is
  the Message-ID, and only the run holding it sends it. Just before sending a digest the run
  re-takes its rows (``sending`` again, also from ``unknown``); rows a person has meanwhile put
  back with ``outbox retry --unknown`` are left to the next run. After sending it marks the
  rows of its Message-ID ``sent`` — from ``unknown`` too, so that a retry cannot resend what
  went out — and reports only the rows it marked: what *it* sent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.utils import make_msgid
from typing import Any

from sqlalchemy import CursorResult, Executable, func, select, update
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import EnvironmentProblem
from aarshjul.notifications import scan
from aarshjul.notifications.mail import Digest, compose
from aarshjul.notifications.transports import (
    PermanentFailure,
    TemporaryFailure,
    Transport,
    TransportDown,
)
from aarshjul.services.people import PersonView
from aarshjul.store.db import Database, one_of, rows
from aarshjul.store.models import OutboxMessage, Person

MAX_ATTEMPTS = 10
STUCK_AFTER = timedelta(minutes=30)
CLAIM_BATCH = 5000


def backoff(attempts: int) -> timedelta:
    """5, 10, 20, 40 … minutes, at most 4 hours."""
    return timedelta(minutes=min(5 * 2 ** max(attempts - 1, 0), 240))


@dataclass(frozen=True)
class Planned:
    """A reminder the scan found (for ``remind --dry-run`` and the run summary)."""

    recipient: str
    email: str | None
    rule: str
    ref: str | None
    title: str
    due: str | None
    new: bool


@dataclass(frozen=True)
class RunResult:
    planned: tuple[Planned, ...] = ()
    queued: int = 0
    sent: int = 0
    digests: int = 0
    failed: int = 0
    waiting: int = 0
    recovered: int = 0
    unknown: int = 0
    down: str | None = None
    errors: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class OutboxView:
    id: int
    status: str
    recipient: str
    email: str | None
    rule: str
    ref: str | None
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    next_attempt_at: datetime
    last_error: str


class Outbox:
    def __init__(self, db: Database, ctx: Context, transport: Transport | None = None) -> None:
        self.db = db
        self.ctx = ctx
        self._transport = transport

    @property
    def transport(self) -> Transport:
        if self._transport is None:
            from aarshjul.notifications.transports import make_transport

            self._transport = make_transport(self.ctx.config.mail, self.db.url)
        return self._transport

    # -- scan -----------------------------------------------------------------------------

    def queue(self, *, dry_run: bool = False, weekly: bool = False) -> tuple[list[Planned], int]:
        """Write the reminders due now to the outbox (or only tell, with ``dry_run``)."""
        with self.db.transaction() as s:
            found = scan.weekly_due(s, self.ctx) if weekly else scan.due_now(s, self.ctx)
            self._add_next_meetings(s, found)
            have = scan.existing_keys(s, [c.key for c in found])
            planned = [Planned(recipient=c.name, email=c.email, rule=c.due.rule,
                               ref=c.item_ref, title=str(c.payload.get("title", "")),
                               due=c.payload.get("due"), new=c.key not in have) for c in found]
            if dry_run:
                s.rollback()
                return planned, 0
            return planned, scan.insert(s, self.ctx, [c for c in found if c.key not in have])

    def _add_next_meetings(self, s: Session, found: Sequence[scan.Candidate]) -> None:
        """An overdue reminder names the next meeting the item can still reach."""
        from sqlalchemy import select

        from aarshjul.services.planning import first_reachable, reach_target
        from aarshjul.store.models import Item
        from aarshjul.workflow.registry import Workflows

        late = [c for c in found if c.due.kind in ("overdue", "escalate") and c.item_ref]
        positions: dict[str, Any] = {}
        for wanted in one_of(s, Item.ref, sorted({c.item_ref for c in late if c.item_ref})):
            positions.update({row.ref: row for row in rows(s, select(
                Item.ref, Item.workflow_name, Item.workflow_version, Item.state,
                Item.consultation_until).where(wanted))})
        registry = Workflows(s)
        # Thousands of late items stand in a few hundred places, and the meeting depends only
        # on the body to reach and the day the case can be ready.
        targets: dict[tuple[Any, ...], tuple[str, date, bool] | None] = {}
        meetings: dict[tuple[str, date, bool], str | None] = {}
        for c in late:
            item = positions[str(c.item_ref)]
            place = (item.workflow_name, item.workflow_version, item.state,
                     item.consultation_until)
            if place not in targets:
                targets[place] = reach_target(registry.get(*place[:2]), item, self.ctx)
            target = targets[place]
            if target is not None and target not in meetings:
                meetings[target] = first_reachable(s, self.ctx, *target)
            c.payload["next_meeting"] = meetings[target] if target is not None else None

    # -- delivery -------------------------------------------------------------------------

    def deliver(self) -> RunResult:
        recovered, unknown = self._recover()
        digests, failed = self._claim()
        sent = sent_digests = failed_now = 0
        errors: list[str] = []
        down: str | None = None
        try:
            for n, digest in enumerate(digests):
                if not self._retake(digest):
                    continue  # put back by a person meanwhile: the next run sends it
                try:
                    self.transport.send(compose(digest, sender=self.ctx.config.mail.sender,
                                                now=self.ctx.now))
                except TransportDown as exc:
                    down = str(exc)
                    self._release(digests[n:], str(exc))
                    break
                except TemporaryFailure as exc:
                    self._release([digest], str(exc))
                    errors.append(f"{digest.email}: {exc}")
                    continue
                except PermanentFailure as exc:
                    self._mark(digest, "failed", str(exc))
                    errors.append(f"{digest.email}: {exc}")
                    failed_now += 1
                    continue
                marked = self._mark(digest, "sent")
                sent += marked
                sent_digests += 1 if marked else 0
        finally:
            self.transport.close()
        with self.db.transaction() as s:
            waiting = s.scalar(select(func.count(OutboxMessage.id))
                               .where(OutboxMessage.status == "pending")) or 0
        return RunResult(sent=sent, digests=sent_digests, failed=failed + failed_now,
                         waiting=waiting, recovered=recovered, unknown=unknown, down=down,
                         errors=tuple(errors))

    def run(self, *, dry_run: bool = False, weekly: bool = False) -> RunResult:
        """``remind``: queue what is due now and deliver the outbox, once."""
        planned, queued = self.queue(dry_run=dry_run, weekly=weekly)
        if dry_run:
            return RunResult(planned=tuple(planned))
        result = self.deliver()
        return RunResult(planned=tuple(planned), queued=queued, sent=result.sent,
                         digests=result.digests, failed=result.failed, waiting=result.waiting,
                         recovered=result.recovered, unknown=result.unknown, down=result.down,
                         errors=result.errors)

    def _claim(self) -> tuple[list[Digest], int]:
        now = self.ctx.now
        domain = self.ctx.config.mail.domain
        with self.db.transaction() as s:
            rows = s.execute(
                select(OutboxMessage, Person.name)
                .outerjoin(Person, Person.key == OutboxMessage.recipient_key)
                .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
                .order_by(OutboxMessage.recipient_key, OutboxMessage.id)
                .limit(CLAIM_BATCH)
                .with_for_update(skip_locked=True, of=OutboxMessage)).all()
            # One digest per recipient; the week overview, each status report and each
            # published agenda (their own keys) are mails of their own.
            groups: dict[tuple[str, bool, str], list[tuple[OutboxMessage, str | None]]] = {}
            for row, name in rows:
                key = (row.recipient_key, row.rule.startswith("weekly"),
                       row.key if row.rule in ("report", "agenda") else "")
                groups.setdefault(key, []).append((row, name))
            digests: list[Digest] = []
            failed = 0
            for members in groups.values():
                first, person_name = members[0]
                if not first.email:
                    for row, _ in members:
                        row.status, row.last_error = "failed", "no email address"
                    failed += len(members)
                    continue
                message_id = make_msgid(domain=domain)
                for row, _ in members:
                    row.status, row.message_id, row.claimed_at = "sending", message_id, now
                    row.attempts += 1
                digests.append(Digest(
                    message_id=message_id, email=first.email, name=person_name or first.email,
                    lang=first.lang, entries=tuple(json.loads(r.payload) for r, _ in members)))
            return digests, failed

    def _retake(self, digest: Digest) -> bool:
        """Hold the digest's rows again just before sending it: all of them still ours
        (``sending``, or ``unknown`` by a run that took this one for crashed), or none is sent
        and those still ours go back to ``pending``."""
        with self.db.transaction() as s:
            held = _changed(s, update(OutboxMessage)
                            .where(OutboxMessage.message_id == digest.message_id,
                                   OutboxMessage.status.in_(("sending", "unknown")))
                            .values(status="sending", last_error=""))
            if held == len(digest.entries):
                return True
            s.execute(update(OutboxMessage)
                      .where(OutboxMessage.message_id == digest.message_id,
                             OutboxMessage.status == "sending")
                      .values(status="pending", next_attempt_at=self.ctx.now))
            return False

    def _mark(self, digest: Digest, status: str, error: str = "") -> int:
        """Record the digest's outcome on the rows still holding its Message-ID; how many.
        A sent digest is sent whatever another run has meanwhile guessed (``unknown``) or a
        person has put back and nobody has claimed again (``pending``)."""
        mine = ("sending", "unknown", "pending") if status == "sent" else ("sending",)
        with self.db.transaction() as s:
            return _changed(s, update(OutboxMessage)
                            .where(OutboxMessage.message_id == digest.message_id,
                                   OutboxMessage.status.in_(mine))
                            .values(status=status,
                                    sent_at=self.ctx.now if status == "sent" else None,
                                    last_error=error))

    def _release(self, digests: Sequence[Digest], error: str) -> None:
        """Put claimed rows back to pending with a backoff; give up after MAX_ATTEMPTS."""
        ids = [d.message_id for d in digests]
        with self.db.transaction() as s:
            for row in s.scalars(select(OutboxMessage).where(
                    OutboxMessage.message_id.in_(ids), OutboxMessage.status == "sending")):
                row.last_error = error
                if row.attempts >= MAX_ATTEMPTS:
                    row.status = "failed"
                else:
                    row.status = "pending"
                    row.next_attempt_at = self.ctx.now + backoff(row.attempts)

    def _recover(self) -> tuple[int, int]:
        """Rows left ``sending`` by a crash: decide from the transport, never guess 'resend'."""
        cutoff = self.ctx.now - STUCK_AFTER
        recovered = unknown = 0
        with self.db.transaction() as s:
            # Locked, so that a run still sending them cannot mark one sent between this
            # read and the write below (PostgreSQL re-reads a row changed meanwhile and leaves
            # it out); found by tests/torture/test_outbox_records.py.
            stuck = s.scalars(select(OutboxMessage).where(
                OutboxMessage.status == "sending", OutboxMessage.claimed_at < cutoff)
                .with_for_update(of=OutboxMessage)).all()
            for row in stuck:
                delivered = self.transport.delivered(row.message_id or "")
                if delivered is None:
                    row.status, row.last_error = "unknown", "crashed while sending: may be sent"
                    unknown += 1
                elif delivered:
                    row.status, row.sent_at = "sent", row.claimed_at
                    recovered += 1
                else:
                    row.status, row.next_attempt_at = "pending", self.ctx.now
                    recovered += 1
        return recovered, unknown

    # -- forgetting ---------------------------------------------------------------------------

    def forget(self, login: str) -> PersonView:
        """``person forget``: the person pseudonymised, and their name and address erased from
        the outbox and from every mail in the mail folder (issue 20, point 12). The folder is
        cleaned first, once the forgetting is known to be allowed; a folder that cannot be
        rewritten stops it with nothing changed in the database (run it again)."""
        from aarshjul.notifications.transports import MaildirTransport, mail_folder
        from aarshjul.services.people import People

        people = People(self.db, self.ctx)
        erasure = people.erasure(login)
        try:
            folder = mail_folder(self.ctx.config.mail, self.db.url)
        except EnvironmentProblem:
            folder = None  # no mail folder: nothing was ever written to one
        if folder is not None and erasure.texts:
            try:
                MaildirTransport(folder).erase(erasure.found_in, erasure.apply)
            except TransportDown as exc:
                raise EnvironmentProblem("person.erase_failed", reason=str(exc)) from None
        return people.forget(login)

    # -- looking and retrying ---------------------------------------------------------------

    def rows(self, *, failed: bool = False, limit: int = 200) -> list[OutboxView]:
        with self.db.transaction() as s:
            query = (select(OutboxMessage, Person.name)
                     .outerjoin(Person, Person.key == OutboxMessage.recipient_key)
                     .order_by(OutboxMessage.id.desc()).limit(limit))
            if failed:
                query = query.where(OutboxMessage.status.in_(("failed", "unknown"))
                                    | (OutboxMessage.last_error != ""))
            return [OutboxView(id=r.id, status=r.status, recipient=name or r.recipient_key,
                               email=r.email, rule=r.rule, ref=r.item_ref,
                               created_at=r.created_at, sent_at=r.sent_at, attempts=r.attempts,
                               next_attempt_at=r.next_attempt_at, last_error=r.last_error)
                    for r, name in s.execute(query)]

    def retry(self, *, unknown: bool = False) -> int:
        """Make failed (and, on request, unknown) rows and waiting rows due now. An unknown row
        whose transport can tell (the mail folder) is settled instead: sent, or due now."""
        statuses = ["failed", "pending"] + (["unknown"] if unknown else [])
        with self.db.transaction() as s:
            for row in s.scalars(select(OutboxMessage).where(
                    OutboxMessage.status.in_(statuses))):
                if row.status == "unknown" and self.transport.delivered(row.message_id or ""):
                    row.status, row.sent_at = "sent", row.claimed_at
                    continue
                if row.status == "failed":
                    # A person without an email stays failed until the person gets one.
                    email = s.scalar(select(Person.email).where(
                        Person.key == row.recipient_key))
                    if not email:
                        continue
                    row.email = email
                row.status, row.next_attempt_at, row.attempts = "pending", self.ctx.now, 0
            return s.scalar(select(func.count(OutboxMessage.id)).where(
                OutboxMessage.status == "pending")) or 0


def _changed(s: Session, statement: Executable) -> int:
    """How many rows an UPDATE changed."""
    result: CursorResult[Any] = s.execute(statement)  # type: ignore[assignment]
    return int(result.rowcount)


def require_transport_up(result: RunResult) -> None:
    if result.down is not None:
        raise EnvironmentProblem("mail.down", reason=result.down, waiting=result.waiting)
