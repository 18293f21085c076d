"""Who did it, written down: the acting person's audit key and the one way services append to the
audit trail, and the check of the whole trail (``audit verify``).

Every service records what it changed with :func:`record`, inside its own transaction, so the
entry commits or rolls back with the change. The actor is the login running the command
(``--as``), registered on first sight so that its key exists; the trail itself holds only keys
(see :mod:`aarshjul.services.people` for ``forget``).
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.store.audit import AuditLog, VerifyResult, verify
from aarshjul.store.db import Database
from aarshjul.store.models import AuditEntry, Item, Person


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
        self.log = AuditLog(session)
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
    """``audit verify``: the whole trail checked against its hash chain and head."""

    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def verify(self) -> VerifyResult:
        with self.db.transaction() as s:
            return verify(s)
