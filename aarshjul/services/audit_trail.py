"""Who did it, written down: the acting person's audit key and the one way services append to the
audit trail, the check of the trail (``audit verify``) and its anchor outside the database
(``audit anchor``).

Every service records what it changed with :func:`record`, inside its own transaction, so the
entry commits or rolls back with the change. The actor is the login running the command
(``--as``), registered on first sight so that its key exists; the trail itself holds only keys
(see :mod:`aarshjul.services.people` for ``forget``).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import InvalidInput, WorkflowRefused
from aarshjul.files import write_atomically
from aarshjul.store.audit import Anchor, AuditLog, VerifyResult, anchor_of, check, verify
from aarshjul.store.audit_checkpoints import save_checkpoint
from aarshjul.store.db import Database
from aarshjul.store.models import AuditEntry, Item, Person
from aarshjul.store.scoping import ALL


def new_key() -> str:
    """A person's opaque audit key: never shown, never changed, survives ``person forget``."""
    return secrets.token_hex(8)


def actor_key(session: Session, ctx: Context) -> str:
    """The audit key of the person running the command, registering the login if new."""
    query = select(Person.key).where(Person.login == ctx.actor)
    key = session.scalars(query).one_or_none()
    if key is not None:
        return key
    try:
        # A savepoint, because another command may register the same login at the same moment.
        with session.begin_nested():
            person = Person(key=new_key(), login=ctx.actor, name=ctx.actor, email=None, lang="da")
            session.add(person)
        return person.key
    except IntegrityError:
        return session.scalars(query).one()


class AuditTrail:
    """The audit trail of one transaction: the actor resolved once, the chain's head locked once.

    For services that write many entries in one go (a bulk advance, an import); a single entry
    is :func:`record`.
    """

    def __init__(self, session: Session, ctx: Context) -> None:
        self.session = session
        self.ctx = ctx
        self.log = AuditLog(session, backdate=ctx.backdate)
        self._actor: str | None = None
        self._by: str | None = None

    @property
    def actor(self) -> str:
        if self._actor is None:
            self._actor = actor_key(self.session, self.ctx)
        return self._actor

    def record(self, action: str, *, item: Item | None = None,
               data: dict[str, Any]) -> AuditEntry:
        """Append one entry for ``action`` by the acting person at ``ctx.now``, about ``item``
        if given, within the caller's transaction. Acting for someone else (``--as``) is
        written as "login for actor": the login's key under ``by`` (issue 20, point 11)."""
        actor = self.actor
        if self.ctx.login is not None and self.ctx.login != self.ctx.actor:
            if self._by is None:
                self._by = actor_key(self.session, replace(self.ctx, actor=self.ctx.login,
                                                           login=None))
            data = {**data, "by": self._by}
        return self.log.append(
            at=self.ctx.now, actor_key=actor, action=action, data=data,
            item_id=item.id if item is not None else None,
            item_ref=item.ref if item is not None else None)


def record(session: Session, ctx: Context, action: str, *, item: Item | None = None,
           data: dict[str, Any]) -> AuditEntry:
    """Append one entry for ``action`` by the acting person at ``ctx.now``, about ``item`` if
    given, within the caller's transaction."""
    return AuditTrail(session, ctx).record(action, item=item, data=data)


class Audit:
    """``audit verify`` and ``audit anchor``: the trail checked against its hash chain, its head
    and the anchors written outside the database.

    The chain is the installation's, one for all its organisations (an entry's id is its place
    in it), so these two read every organisation's entries (``ALL``), deliberately: they show
    ids, hashes and counts, never an entry's content.
    """

    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def verify(self, *, full: bool = False, anchors: tuple[str | Path, ...] = ()) -> VerifyResult:
        """From the last verified checkpoint (``full``: from the first entry; an anchor file
        always means from the first entry). An intact trail leaves a new checkpoint."""
        read = tuple(anchor for path in anchors for anchor in read_anchors(path))
        # The walk only reads (on SQLite no write lock, however long a --full walk takes); the
        # checkpoint is written after it in a short transaction of its own.
        with self.db.reading(ALL) as s:
            result, reached = check(s, full=full, anchors=read)
        if reached is not None:
            with self.db.transaction(ALL) as s:
                save_checkpoint(s, *reached, self.ctx.now)
        return result

    def anchor(self, path: str | Path | None = None) -> Anchor:
        """The head as it is now, written to ``path`` if given (one JSON line, the file
        replaced whole). The trail is verified first: an anchor of a broken trail proves
        nothing."""
        # One session: anchor_of gets the head row verify read (the identity map), not a newer one.
        with self.db.transaction(ALL) as s:
            result = verify(s, full=False, now=self.ctx.now)
            if not result.ok:
                raise WorkflowRefused("audit.anchor_broken", id=result.broken_id)
            anchor = anchor_of(s, self.ctx.now)
        if path is not None:
            write_atomically(Path(path), (anchor_line(anchor) + "\n").encode(),
                             error="audit.anchor_write_failed", file=str(path))
        return anchor


def anchor_line(anchor: Anchor) -> str:
    return json.dumps(anchor.as_dict(), sort_keys=True)


def read_anchors(path: str | Path) -> list[Anchor]:
    """The anchors in a file: one JSON object per line (a journal may collect them)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InvalidInput("audit.anchor_unreadable", file=str(path), reason=reason) from None
    anchors = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            anchors.append(Anchor.from_dict(json.loads(line)))
        except (ValueError, KeyError, TypeError):
            raise InvalidInput("audit.anchor_malformed", file=str(path), line=number) from None
    if not anchors:
        raise InvalidInput("audit.anchor_malformed", file=str(path), line=1)
    return anchors
