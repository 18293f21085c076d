"""People: owners of items, their managers (for escalation), and the actors in the audit trail.

Anyone who runs a command (``--as LOGIN``) is recorded in the audit trail by an opaque key; a
login that is not registered yet gets a minimal person row so that the key exists. ``forget``
pseudonymises a person (GDPR): name, login and email are replaced, the key stays, and the audit
trail — which holds only keys — stays verifiable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import InvalidInput, WorkflowRefused
from aarshjul.services.audit_trail import actor_key as actor_key  # re-exported: moves, app
from aarshjul.services.audit_trail import new_key, record
from aarshjul.store.db import READ_ONLY, Database
from aarshjul.store.models import OutboxMessage, Person

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
    workplace: str | None = None
    access: str | None = None

    @classmethod
    def of(cls, p: Person) -> PersonView:
        return cls(login=p.login, name=p.name, email=p.email, role=p.role,
                   manager=p.manager.login if p.manager else None, lang=p.lang,
                   forgotten=p.forgotten_at is not None, workplace=p.workplace,
                   access=p.access)


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
            manager: str | None = None, lang: str = "da",
            workplace: str | None = None, access: str | None = None) -> PersonView:
        login = login.strip()
        if not login:
            raise InvalidInput("input.empty", what="LOGIN")
        if not name.strip():
            raise InvalidInput("input.empty", what="--name")
        if lang not in ("da", "en"):
            raise InvalidInput("input.bad_lang", language=lang)
        email = check_email(email)
        access = parse_access(access) if access is not None else None
        with self.db.transaction() as s:
            if access is not None:
                require_secretariat(s, self.ctx, "--access")
            existing = s.scalars(select(Person).where(Person.login == login)).one_or_none()
            boss = find(s, manager) if manager else None
            if existing is not None and existing.email is not None:
                raise InvalidInput("person.exists", login=login)
            # A login seen before only as an actor is completed rather than refused.
            person = existing or Person(key=new_key(), login=login)
            person.name, person.email, person.role, person.lang = name.strip(), email, role, lang
            person.manager = boss
            person.workplace = workplace_key(workplace)
            person.access = access or person.access or "leder"
            if existing is None:
                s.add(person)
            s.flush()
            record(s, self.ctx, "person-add", data={"person": person.key})
            return PersonView.of(person)

    def edit(self, login: str, *, name: str | None = None, email: str | None = None,
             role: str | None = None, manager: str | None = None,
             lang: str | None = None, workplace: str | None = None,
             access: str | None = None) -> PersonView:
        access = parse_access(access) if access is not None else None
        with self.db.transaction() as s:
            person = find(s, login)
            if access is not None:
                require_secretariat(s, self.ctx, "--access")
                if person.access == SECRETARIAT and access != SECRETARIAT \
                        and secretariat(s) == [person.login]:
                    raise WorkflowRefused("role.last_secretariat", login=person.login)
                person.access = access
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

    def check_acting_for(self) -> bool:
        """``--as`` another person is for the secretariat only (refused before anything runs);
        whether it counts as acting for someone (False while no secretariat is named)."""
        if self.ctx.login is None:
            return False
        with self.db.transaction() as s:
            s.connection(execution_options={READ_ONLY: True})
            require_secretariat(s, self.ctx, "--as")
            return bool(secretariat(s))

    def secretariat(self) -> list[str]:
        """The logins of the secretariat (empty until ``init`` names one)."""
        with self.db.transaction() as s:
            s.connection(execution_options={READ_ONLY: True})
            return secretariat(s)

    def name_secretariat(self, login: str) -> PersonView:
        """Give ``login`` the secretariat role (``init --secretariat``, ``person edit
        --access``): the first one freely, any later one only by the secretariat."""
        login = login.strip()
        if not login:
            raise InvalidInput("input.empty", what="--secretariat")
        with self.db.transaction() as s:
            require_secretariat(s, self.ctx, "--secretariat")
            person = s.scalars(select(Person).where(Person.login == login)).one_or_none()
            if person is None:
                person = Person(key=new_key(), login=login, name=login, email=None, lang="da")
                s.add(person)
            person.access = SECRETARIAT
            s.flush()
            record(s, self.ctx, "person-edit", data={"person": person.key,
                                                     "access": SECRETARIAT})
            return PersonView.of(person)

    def all(self) -> list[PersonView]:
        with self.db.transaction() as s:
            return [PersonView.of(p) for p in s.scalars(select(Person).order_by(Person.login))]

    def erasure(self, login: str) -> Erasure:
        """What ``forget`` will erase, checked as ``forget`` checks it (nothing is changed): so
        that the mail folder is cleaned only when the forgetting itself will go through."""
        with self.db.transaction() as s:
            s.connection(execution_options={READ_ONLY: True})
            return _erasure(s, self.ctx, find(s, login))

    def forget(self, login: str) -> PersonView:
        """Pseudonymise the person, and erase their name and address from the outbox too
        (issue 20, point 12); the mail folder is :meth:`Outbox.forget`'s part."""
        with self.db.transaction() as s:
            person = find(s, login)
            erasure = _erasure(s, self.ctx, person)
            person.login, person.name = erasure.login, erasure.name
            person.email = None
            person.role = None
            person.access = None
            person.forgotten_at = self.ctx.now
            _erase_from_outbox(s, person.key, erasure)
            record(s, self.ctx, "person-forget", data={"person": person.key})
            return PersonView.of(person)


@dataclass(frozen=True)
class Erasure:
    """A person's name, address and login, and what replaces each where they were written."""

    key: str
    login: str
    name: str
    email: str
    texts: tuple[tuple[str, str], ...]  # (what was written, what replaces it), longest first
    old_login: str = ""  # replaced where a value is the login itself (a payload's owner)

    def apply(self, text: str) -> str:
        for old, new in self.texts:
            text = re.sub(re.escape(old), new, text, flags=re.IGNORECASE)
        return text

    def found_in(self, text: str) -> bool:
        lowered = text.lower()
        return any(old.lower() in lowered for old, _ in self.texts)


def _erasure(s: Session, ctx: Context, person: Person) -> Erasure:
    require_secretariat(s, ctx, "person forget")
    if person.access == SECRETARIAT and secretariat(s) == [person.login]:
        raise WorkflowRefused("role.last_secretariat", login=person.login)
    login = f"glemt-{person.key}"
    name = "Glemt person" if person.lang == "da" else "Forgotten person"
    email = f"{login}@glemt.invalid"
    texts = [(t, new) for t, new in ((person.email or "", email), (person.name, name)) if t]
    if person.forgotten_at is not None:
        texts = []
    return Erasure(key=person.key, login=login, name=name, email=email,
                   texts=tuple(sorted(texts, key=lambda pair: -len(pair[0]))),
                   old_login="" if person.forgotten_at is not None else person.login)


def _erase_from_outbox(s: Session, key: str, erasure: Erasure) -> None:
    """The person's address on their own reminders, and their name and address wherever a
    payload or an error text holds it (a manager's escalation names the leader)."""
    import json

    s.execute(update(OutboxMessage).where(OutboxMessage.recipient_key == key)
              .values(email=None))
    wanted = [old for old, _ in erasure.texts]
    if erasure.old_login:
        wanted.append(json.dumps(erasure.old_login, ensure_ascii=False))
    for old in wanted:
        found = s.scalars(select(OutboxMessage).where(
            OutboxMessage.payload.icontains(old, autoescape=True)
            | OutboxMessage.last_error.icontains(old, autoescape=True)))
        for row in found:
            row.payload = json.dumps(_scrub(json.loads(row.payload), erasure),
                                     ensure_ascii=False, sort_keys=True)
            row.last_error = erasure.apply(row.last_error)


def _scrub(value: object, erasure: Erasure) -> object:
    if isinstance(value, str):
        return erasure.login if value == erasure.old_login else erasure.apply(value)
    if isinstance(value, list):
        return [_scrub(v, erasure) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, erasure) for k, v in value.items()}
    return value
