"""The audit trail: append-only, hash-chained, in time order, verifiable.

Each entry's hash is ``sha256(prev_hash + canonical JSON of its content)``; the head row holds the
last id, hash, count and the latest time. An edited entry no longer matches its hash, a deleted
entry breaks the next entry's ``prev_hash`` (or, if it was the last, the head), so :func:`verify`
finds both. What the database alone cannot show — the whole trail wiped, its tail cut off and the
head fixed, or every hash recomputed — an :class:`Anchor` kept outside it shows: the anchored
entry must still be in the chain, at its place, with its hash.

Entries are in time order: one dated before the latest (a ``--now`` in the past) is refused
unless a reason is given, and then a ``backdate`` entry with the reason comes first.
:func:`verify` counts the entries out of time order that no such entry explains.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aarshjul.dates.timeutil import local
from aarshjul.errors import WorkflowRefused
from aarshjul.store.audit_checkpoints import newest_checkpoint, save_checkpoint
from aarshjul.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64
#: The action of the entry that explains the backdated entries after it.
BACKDATE = "backdate"


def canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, entry_id: int, at: datetime, actor_key: str, item_id: int | None,
               item_ref: str | None, action: str, data: str) -> str:
    content = canonical({
        "id": entry_id, "at": at.isoformat(), "actor": actor_key, "item_id": item_id,
        "item_ref": item_ref, "action": action, "data": data,
    })
    return hashlib.sha256((prev_hash + content).encode()).hexdigest()


def shown(moment: datetime) -> str:
    """A moment as the secretariat reads it: 01.03.2027 10:00, Copenhagen time."""
    return f"{local(moment):%d.%m.%Y %H:%M}"


class AuditLog:
    """Appends entries within the caller's transaction.

    ``backdate`` is the reason for writing with a clock before the chain's latest entry; without
    it such a write is refused (``WorkflowRefused("audit.out_of_order")``).
    """

    def __init__(self, session: Session, *, backdate: str | None = None) -> None:
        self.session = session
        self.backdate = backdate
        self._head: AuditHead | None = None
        self._backdate_written = False

    def _lock_head(self) -> AuditHead:
        if self._head is None:
            head = self.session.scalars(
                select(AuditHead).where(AuditHead.id == 1).with_for_update()
            ).one_or_none()
            if head is None:
                head = AuditHead(id=1, last_id=0, last_hash=GENESIS, count=0)
                self.session.add(head)
            self._head = head
        return self._head

    def append(self, *, at: datetime, actor_key: str, action: str, data: dict[str, Any],
               item_id: int | None = None, item_ref: str | None = None) -> AuditEntry:
        head = self._lock_head()
        at = at.astimezone(UTC)
        if head.last_at is not None and at < head.last_at and not self._backdate_written:
            if not (self.backdate or "").strip():
                raise WorkflowRefused("audit.out_of_order", at=shown(at),
                                      latest=shown(head.last_at))
            self._backdate_written = True
            self._write(head, at, actor_key, BACKDATE,
                        {"reason": self.backdate, "latest": head.last_at.isoformat()},
                        None, None)
        return self._write(head, at, actor_key, action, data, item_id, item_ref)

    def _write(self, head: AuditHead, at: datetime, actor_key: str, action: str,
               data: dict[str, Any], item_id: int | None, item_ref: str | None) -> AuditEntry:
        entry_id = head.last_id + 1
        text = canonical(data)
        digest = entry_hash(head.last_hash, entry_id, at, actor_key, item_id, item_ref, action,
                            text)
        entry = AuditEntry(id=entry_id, at=at, actor_key=actor_key, item_id=item_id,
                           item_ref=item_ref, action=action, data=text, prev_hash=head.last_hash,
                           hash=digest)
        self.session.add(entry)
        head.last_id, head.last_hash, head.count = entry_id, digest, head.count + 1
        if head.last_at is None or at > head.last_at:
            head.last_at = at
        return entry


@dataclass(frozen=True)
class Anchor:
    """The chain's head as written down outside the database (``audit anchor``)."""

    last_id: int
    hash: str
    count: int
    at: datetime | None
    anchored_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return {"aarshjul_audit_anchor": 1, "last_id": self.last_id, "hash": self.hash,
                "count": self.count, "at": self.at.isoformat() if self.at else None,
                "anchored_at": self.anchored_at.isoformat()}

    @classmethod
    def from_dict(cls, data: Any) -> Anchor:
        """Raises ``ValueError`` (or ``KeyError``/``TypeError``) for anything but an anchor."""
        if not isinstance(data, dict) or data.get("aarshjul_audit_anchor") != 1:
            raise ValueError("not an anchor")
        last_id, digest, count = data["last_id"], data["hash"], data["count"]
        if (not isinstance(last_id, int) or not isinstance(count, int) or last_id < 0
                or not isinstance(digest, str) or len(digest) != 64):
            raise ValueError("malformed anchor")
        at = datetime.fromisoformat(data["at"]) if data.get("at") else None
        return cls(last_id, digest, count, at, datetime.fromisoformat(data["anchored_at"]))


def anchor_of(session: Session, now: datetime) -> Anchor:
    head = session.get(AuditHead, 1)
    if head is None:
        return Anchor(0, GENESIS, 0, None, now)
    return Anchor(head.last_id, head.last_hash, head.count, head.last_at, now)


@dataclass(frozen=True)
class VerifyResult:
    """What ``audit verify`` found.

    ``checked`` entries were walked in this run, from the entry after ``start_id`` (0: the whole
    chain); ``total`` is the chain's length. ``reason`` names the first fault: ``missing`` (an
    entry or the tail gone), ``chain`` (a link broken), ``content`` (an entry edited), ``anchor``
    (an anchored entry no longer there with its hash), ``checkpoint`` (a verified point rewritten)
    or ``order`` (entries dated before an earlier one, no ``backdate`` entry explaining them).
    """

    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""
    total: int = 0
    start_id: int = 0
    out_of_order: int = 0
    backdated: int = 0


@dataclass
class _Walk:
    """The state of a walk along the chain."""

    prev: str = GENESIS
    expected_id: int = 1
    max_at: datetime | None = None
    checked: int = 0
    excused_at: datetime | None = None
    out_of_order: int = 0
    first_out_of_order: int | None = None
    backdated: int = 0

    def order(self, entry_id: int, at: datetime, action: str) -> None:
        if action == BACKDATE:
            self.excused_at = at
        if self.max_at is None or at > self.max_at:
            self.max_at = at
        elif at < self.max_at:
            if at == self.excused_at:
                self.backdated += action != BACKDATE
            else:
                self.out_of_order += 1
                if self.first_out_of_order is None:
                    self.first_out_of_order = entry_id


_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.actor_key, AuditEntry.item_id,
            AuditEntry.item_ref, AuditEntry.action, AuditEntry.data, AuditEntry.prev_hash,
            AuditEntry.hash)


def _walk(session: Session, walk: _Walk, anchors: dict[int, str],
          batch: int) -> tuple[int | None, str]:
    """Walk the entries after ``walk.expected_id - 1`` in id order, streamed (a server-side
    cursor on PostgreSQL), so a million entries take the memory of ``batch``. Returns the first
    broken entry's id and why, or (None, "")."""
    query = (select(*_COLUMNS).where(AuditEntry.id >= walk.expected_id).order_by(AuditEntry.id)
             .execution_options(yield_per=batch))
    with session.execute(query) as result:  # closed on an early return: a cursor on the server
        for id_, at, actor, item_id, item_ref, action, data, prev_hash, digest in result:
            if id_ != walk.expected_id:
                return walk.expected_id, "missing"
            if prev_hash != walk.prev:
                return id_, "chain"
            if entry_hash(walk.prev, id_, at, actor, item_id, item_ref, action, data) != digest:
                return id_, "content"
            if anchors.get(id_, digest) != digest:
                return id_, "anchor"
            walk.order(id_, at, action)
            walk.prev = digest
            walk.expected_id += 1
            walk.checked += 1
    return None, ""


def verify(session: Session, *, full: bool = True, anchors: tuple[Anchor, ...] = (),
           now: datetime | None = None, batch: int = 5000) -> VerifyResult:
    """:func:`check`, and a checkpoint stored in the same transaction when ``now`` is given and
    everything walked is intact."""
    result, reached = check(session, full=full, anchors=anchors, batch=batch)
    if reached is not None and now is not None:
        save_checkpoint(session, *reached, now)
    return result


#: Where an intact walk ended: the head's id and hash and the latest ``at`` up to it.
Reached = tuple[int, str, datetime | None]


def check(session: Session, *, full: bool = True, anchors: tuple[Anchor, ...] = (),
          batch: int = 5000) -> tuple[VerifyResult, Reached | None]:
    """Check the chain, its head and the anchors given; with ``full=False`` only the entries
    after the newest verified checkpoint (whose entry must still carry its hash, and the number
    of entries still match the head). Only reads: with the result comes the point an intact walk
    of at least one entry reached, for a checkpoint (:func:`save_checkpoint`), else None. The
    point stays true after the walk's transaction: an entry's hash never changes untampered.

    Anchors always mean a full walk: the checkpoints are in the database, and an anchor is
    there for the case where someone rewrote the database.
    """
    head = session.get(AuditHead, 1)
    head_id, head_hash = (head.last_id, head.last_hash) if head else (0, GENESIS)
    total = head.count if head else 0
    walk = _Walk()
    suspect: int | None = None  # a checkpoint that no longer holds: tampering before it
    if not full and not anchors:
        start, suspect = newest_checkpoint(session, head_id, total)
        if start is not None:
            walk = _Walk(prev=start.last_hash, expected_id=start.last_id + 1,
                         max_at=start.max_at)
    start_id = walk.expected_id - 1
    broken, reason = _walk(session, walk, {a.last_id: a.hash for a in anchors}, batch)
    if broken is None and (head_id != walk.expected_id - 1 or head_hash != walk.prev):
        broken, reason = walk.expected_id, "missing"
    if broken is None:
        short = [a for a in anchors if a.last_id >= walk.expected_id]
        if short:
            broken, reason = min(a.last_id for a in short), "anchor"
    if broken is None and suspect is not None:
        broken, reason = suspect, "checkpoint"
    if broken is None and walk.first_out_of_order is not None:
        broken, reason = walk.first_out_of_order, "order"
    result = VerifyResult(broken is None, walk.checked, broken, reason, total, start_id,
                          walk.out_of_order, walk.backdated)
    reached = (head_id, head_hash, walk.max_at) if result.ok and walk.checked else None
    return result, reached
