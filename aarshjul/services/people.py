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
from aarshjul.errors import InvalidInput, WorkflowRefused
from aarshjul.services.audit_trail import actor_key as actor_key  # re-exported: moves, app
from aarshjul.services.audit_trail import new_key, record
from aarshjul.store.db import READ_ONLY, Database
from aarshjul.store.models import Person

#: What a person may do (issue 20, point 11), as typed → as stored. The secretariat may act for
#: others (``--as``), force a guard, forget a person, change workflows, bodies and roles.
ACCESS = {"sekretariat": "sekretariat", "secretariat": "sekretariat", "leder": "leder",
          "leader": "leder", "læser": "laeser", "laeser": "laeser", "reader": "laeser"}
SECRETARIAT = "sekretariat"

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

    @classmethod
    def of(cls, p: Person) -> PersonView:
        return cls(login=p.login, name=p.name, email=p.email, role=p.role,
                   manager=p.manager.login if p.manager else None, lang=p.lang,
                   forgotten=p.forgotten_at is not None)


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


def parse_access(text: str) -> str:
    access = ACCESS.get(text.strip().lower())
    if access is None:
        raise InvalidInput("role.unknown", access=text)
    return access


def secretariat(session: Session) -> list[str]:
    return list(session.scalars(select(Person.login).where(Person.access == SECRETARIAT)
                                .order_by(Person.login)))


def require_secretariat(session: Session, ctx: Context, what: str) -> None:
    """Refuse unless the person really acting (the login behind ``--as``) is the secretariat.
    A database whose secretariat has not been named yet (``init`` names it) refuses nobody."""
    holders = secretariat(session)
    if holders and ctx.operator not in holders:
        raise WorkflowRefused("role.secretariat_only", what=what, login=ctx.operator,
                              secretariat=", ".join(holders[:3]))


class People:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def add(self, login: str, *, name: str, email: str, role: str | None = None,
            manager: str | None = None, lang: str = "da") -> PersonView:
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
            if existing is None:
                s.add(person)
            s.flush()
            record(s, self.ctx, "person-add", data={"person": person.key})
            return PersonView.of(person)

    def edit(self, login: str, *, name: str | None = None, email: str | None = None,
             role: str | None = None, manager: str | None = None,
             lang: str | None = None) -> PersonView:
        with self.db.transaction() as s:
            person = find(s, login)
            if name is not None:
                person.name = name.strip()
            if email is not None:
                person.email = check_email(email)
            if role is not None:
                person.role = role
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

    def check_acting_for(self) -> None:
        """``--as`` another person is for the secretariat only (refused before anything runs)."""
        if self.ctx.login is None:
            return
        with self.db.transaction() as s:
            s.connection(execution_options={READ_ONLY: True})
            require_secretariat(s, self.ctx, "--as")

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
