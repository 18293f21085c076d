"""Who may read the web view: personal link tokens, issued and revoked by the secretariat.

A token is a random secret (256 bits, URL-safe) that goes into a person's links
(``/t/<token>/``, ``/kalender/<token>.ics``). Only its SHA-256 is stored, so the database alone
opens nobody's page; the secretariat sees the token once, when it is issued. Issuing and revoking
are audited like every other change; looking a token up is a read and is not. A revoked token and
a forgotten person (GDPR) open nothing. Tokens are unique in the whole installation, so a link
also names its person's organisation (:meth:`WebAccess.organisation_of`). Behind a single
sign-on proxy the web view may instead be told the login (:meth:`WebAccess.identify_login`).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime

from sqlalchemy import func, select

from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.services.people import PersonView, actor_key, find
from aarshjul.store.audit import AuditLog
from aarshjul.store.db import Database
from aarshjul.store.models import AuditEntry, Organisation, Person, WebToken
from aarshjul.store.scoping import ALL

#: Bytes of randomness in a token: 32 bytes = 256 bits, 43 URL-safe characters.
TOKEN_BYTES = 32
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,100}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class WebAccess:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def issue(self, login: str) -> str:
        """A new token for ``login``; earlier ones stay valid until revoked."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self.db.transaction() as s:
            person = find(s, login)
            if person.forgotten_at is not None:
                raise InvalidInput("weblink.forgotten", login=login)
            s.add(WebToken(person_id=person.id, token_hash=token_hash(token),
                           created_at=self.ctx.now, revoked_at=None))
            AuditLog(s).append(at=self.ctx.now, actor_key=actor_key(s, self.ctx),
                               action="web-token-issue", data={"person": person.key})
        return token

    def revoke(self, login: str) -> int:
        """Revoke every live token of ``login``; how many there were."""
        with self.db.transaction() as s:
            person = find(s, login)
            live = s.scalars(select(WebToken).where(WebToken.person_id == person.id,
                                                    WebToken.revoked_at.is_(None))).all()
            for row in live:
                row.revoked_at = self.ctx.now
            count = len(live)
            AuditLog(s).append(at=self.ctx.now, actor_key=actor_key(s, self.ctx),
                               action="web-token-revoke",
                               data={"person": person.key, "count": count})
            return count

    def organisation_of(self, token: str) -> tuple[int, str] | None:
        """The organisation (id, key) whose person holds ``token``, or None (unknown,
        malformed). Tokens are unique in the installation, so a link names its organisation;
        this one look-up reads the whole installation (``ALL``) and nothing else: whether the
        token is live, and whose it is, :meth:`identify` decides within that organisation."""
        if not _TOKEN_SHAPE.match(token):
            return None
        digest = token_hash(token)
        with self.db.transaction(ALL) as s:
            found = s.execute(select(WebToken.token_hash, Organisation.id, Organisation.key)
                              .join(Organisation, Organisation.id == WebToken.org_id)
                              .where(WebToken.token_hash == digest)).one_or_none()
        if found is None or not hmac.compare_digest(found[0], digest):
            return None
        return int(found[1]), str(found[2])

    def identify(self, token: str) -> PersonView | None:
        """The person a live token belongs to, or None (unknown, revoked, forgotten, malformed)."""
        if not _TOKEN_SHAPE.match(token):
            return None
        digest = token_hash(token)
        with self.db.transaction() as s:
            found = s.execute(select(WebToken, Person).join(Person)
                              .where(WebToken.token_hash == digest)).one_or_none()
            if found is None:
                return None
            row, person = found
            # The index found the row; the comparison that decides is constant-time.
            if not hmac.compare_digest(row.token_hash, digest):
                return None
            if row.revoked_at is not None or person.forgotten_at is not None:
                return None
            return PersonView.of(person)

    def identify_login(self, login: str) -> PersonView | None:
        """The person a trusted front proxy names, or None (unknown or forgotten)."""
        with self.db.transaction() as s:
            person = s.scalars(select(Person).where(Person.login == login)).one_or_none()
            if person is None or person.forgotten_at is not None:
                return None
            return PersonView.of(person)

    def ping(self) -> None:
        """A trivial query, in no organisation: raises when the database does not answer."""
        with self.db.engine.connect() as conn:
            conn.execute(select(1)).scalar()

    def last_change(self) -> datetime | None:
        """The latest moment of this organisation's audit entries: its data's last change.

        Every change to meetings, bookings and items is audited, so this is what a calendar
        feed's ``Last-Modified`` (and its DTSTAMP) can honestly say. Another municipality's
        changes are not this one's: the chain's head is the installation's, so it is not asked.
        """
        with self.db.transaction() as s:
            return s.scalar(select(func.max(AuditEntry.at)))  # ix_audit_entries_org_at
