"""Verified checkpoints of the audit trail: where the last ``audit verify`` found the chain
intact, so that the next one walks only the entries added since (issue 19, point 3).

A checkpoint is only a shortcut, never evidence: it lives in the same database as the chain.
``audit verify --full`` and every check against an anchor ignore them.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from aarshjul.store.models import AuditCheckpoint, AuditEntry

#: How many checkpoints are kept: the newest is used; the few before it are kept for whoever
#: looks into a broken trail.
KEPT = 10


class Start(NamedTuple):
    last_id: int
    last_hash: str
    max_at: datetime | None


def newest_checkpoint(session: Session, head_id: int,
                      count: int) -> tuple[Start | None, int | None]:
    """(where to start, None), or (None, the checkpoint's id) when the newest checkpoint no
    longer holds — its entry gone or rehashed, or entries missing before it — or (None, None)
    when there is none."""
    point = session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc())
                            .limit(1)).one_or_none()
    if point is None:
        return None, None
    stored = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == point.last_id))
    entries = session.scalar(select(func.count()).select_from(AuditEntry))
    if point.last_id > head_id or stored != point.last_hash or entries != count:
        return None, point.last_id
    return Start(point.last_id, point.last_hash, point.max_at), None


def save_checkpoint(session: Session, last_id: int, last_hash: str, max_at: datetime | None,
                    now: datetime) -> None:
    session.add(AuditCheckpoint(last_id=last_id, last_hash=last_hash, max_at=max_at,
                                verified_at=now))
    session.flush()
    kept = (select(AuditCheckpoint.id).order_by(AuditCheckpoint.id.desc()).limit(KEPT)
            .scalar_subquery())
    session.execute(delete(AuditCheckpoint).where(AuditCheckpoint.id.not_in(kept)))
