"""People: owners of items, their managers (for escalation), and the actors in the audit trail.

Anyone who runs a command (``--as LOGIN``) is recorded in the audit trail by an opaque key; a
login that is not registered yet gets a minimal person row so that the key exists. ``forget``
pseudonymises a person (GDPR): name, login and email are replaced, the key stays, and the audit
trail — which holds only keys — stays verifiable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.services.audit_trail import actor_key as actor_key  # re-exported: moves, app
from aarshjul.services.audit_trail import new_key, record
from aarshjul.store.db import Database
from aarshjul.store.models import Person

_EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


@dataclass(frozen=True)
class PersonView:
    login: str
    name: str
    email: str | None
    role: str | None
    manager: str | None
    lang: str
    forgotten: bool
    workplace: str | None = None

    @classmethod
    def of(cls, p: Person) -> PersonView:
        return cls(login=p.login, name=p.name, email=p.email, role=p.role,
                   manager=p.manager.login if p.manager else None, lang=p.lang,
                   forgotten=p.forgotten_at is not None, workplace=p.workplace)


def find(session: Session, login: str) -> Person:
    person = session.scalars(select(Person).where(Person.login == login)).one_or_none()
    if person is None:
        raise InvalidInput("person.unknown", login=login)
    return person


def check_email(email: str) -> str:
    email = email.strip()
    if not _EMAIL.match(email):
        raise InvalidInput("input.bad_email", email=email)
    return email


def workplace_key(text: str | None) -> str | None:
    """A workplace as stored (``skole-a``): one word, lower case; an empty text means none."""
    if text is None:
        return None
    return "-".join(text.split()).lower() or None


class People:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def add(self, login: str, *, name: str, email: str, role: str | None = None,
            manager: str | None = None, lang: str = "da",
            workplace: str | None = None) -> PersonView:
        login = login.strip()
        if not login:
            raise InvalidInput("input.empty", what="LOGIN")
        if not name.strip():
            raise InvalidInput("input.empty", what="--name")
        if lang not in ("da", "en"):
            raise InvalidInput("input.bad_lang", language=lang)
        email = check_email(email)
        with self.db.transaction() as s:
            existing = s.scalars(select(Person).where(Person.login == login)).one_or_none()
            boss = find(s, manager) if manager else None
            if existing is not None and existing.email is not None:
                raise InvalidInput("person.exists", login=login)
            # A login seen before only as an actor is completed rather than refused.
            person = existing or Person(key=new_key(), login=login)
            person.name, person.email, person.role, person.lang = name.strip(), email, role, lang
            person.manager = boss
            person.workplace = workplace_key(workplace)
            if existing is None:
                s.add(person)
            s.flush()
            record(s, self.ctx, "person-add", data={"person": person.key})
            return PersonView.of(person)

    def edit(self, login: str, *, name: str | None = None, email: str | None = None,
             role: str | None = None, manager: str | None = None,
             lang: str | None = None, workplace: str | None = None) -> PersonView:
        with self.db.transaction() as s:
            person = find(s, login)
            if name is not None:
                person.name = name.strip()
            if email is not None:
                person.email = check_email(email)
            if role is not None:
                person.role = role
            if workplace is not None:  # "" clears it
                person.workplace = workplace_key(workplace)
            if lang is not None:
                if lang not in ("da", "en"):
                    raise InvalidInput("input.bad_lang", language=lang)
                person.lang = lang
            if manager is not None:
                boss = find(s, manager)
                walker: Person | None = boss
                while walker is not None:
                    if walker.id == person.id:
                        raise InvalidInput("person.manager_loop", manager=manager, login=login)
                    walker = walker.manager
                person.manager = boss
            record(s, self.ctx, "person-edit", data={"person": person.key})
            return PersonView.of(person)

    def all(self) -> list[PersonView]:
        with self.db.transaction() as s:
            return [PersonView.of(p) for p in s.scalars(select(Person).order_by(Person.login))]

    def forget(self, login: str) -> PersonView:
        with self.db.transaction() as s:
            person = find(s, login)
            person.login = f"glemt-{person.key}"
            person.name = "Glemt person" if person.lang == "da" else "Forgotten person"
            person.email = None
            person.role = None
            person.forgotten_at = self.ctx.now
            record(s, self.ctx, "person-forget", data={"person": person.key})
            return PersonView.of(person)
