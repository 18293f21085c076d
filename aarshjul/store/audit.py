"""The audit trail: append-only, hash-chained, verifiable.

Each entry's hash is ``sha256(prev_hash + canonical JSON of its content)``; the head row holds the
last id, hash and count. An edited entry no longer matches its hash, a deleted entry breaks the
next entry's ``prev_hash`` (or, if it was the last, the head), so :func:`verify` finds both.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aarshjul.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, entry_id: int, at: datetime, actor_key: str, item_id: int | None,
               item_ref: str | None, action: str, data: str) -> str:
    content = canonical({
        "id": entry_id, "at": at.isoformat(), "actor": actor_key, "item_id": item_id,
        "item_ref": item_ref, "action": action, "data": data,
    })
    return hashlib.sha256((prev_hash + content).encode()).hexdigest()


class AuditLog:
    """Appends entries within the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._head: AuditHead | None = None

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
        entry_id = head.last_id + 1
        text = canonical(data)
        digest = entry_hash(head.last_hash, entry_id, at, actor_key, item_id, item_ref, action,
                            text)
        entry = AuditEntry(id=entry_id, at=at, actor_key=actor_key, item_id=item_id,
                           item_ref=item_ref, action=action, data=text, prev_hash=head.last_hash,
                           hash=digest)
        self.session.add(entry)
        head.last_id, head.last_hash, head.count = entry_id, digest, head.count + 1
        return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_id: int | None = None
    reason: str = ""


def verify(session: Session, batch: int = 5000) -> VerifyResult:
    """Walk the whole chain in id order, in batches so that a million entries fit in memory."""
    head = session.get(AuditHead, 1)
    prev = GENESIS
    expected_id = 1
    last_id = 0
    checked = 0
    while True:
        rows: Sequence[AuditEntry] = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            break
        for e in rows:
            if e.id != expected_id:
                return VerifyResult(False, checked, expected_id, "missing")
            if e.prev_hash != prev:
                return VerifyResult(False, checked, e.id, "chain")
            if entry_hash(prev, e.id, e.at, e.actor_key, e.item_id, e.item_ref, e.action,
                          e.data) != e.hash:
                return VerifyResult(False, checked, e.id, "content")
            prev = e.hash
            expected_id += 1
            checked += 1
        last_id = rows[-1].id
        session.expunge_all()
    head_id = head.last_id if head else 0
    head_hash = head.last_hash if head else GENESIS
    if head_id != checked or head_hash != prev:
        return VerifyResult(False, checked, checked + 1, "missing")
    return VerifyResult(True, checked)
