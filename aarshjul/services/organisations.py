"""The municipalities (organisations) of an installation: add one, list them.

Each organisation has its own people, bodies, meetings, items and all that hangs off them
(``store/scoping.py``); the workflows are shared and name body *roles* (OMU, BUU, OEK, KB) that
each organisation fills with its own body of that key, made here with the usual sagsfrister.
These are the installation's commands: they see every organisation, deliberately, and are for
the installation's administrators only (:func:`require_administrator`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import InvalidInput, WorkflowRefused
from aarshjul.services.meetings import ensure_default_bodies
from aarshjul.store.db import Database
from aarshjul.store.models import Item, Organisation, Person
from aarshjul.store.organisations import DEFAULT_KEY, DEFAULT_NAME
from aarshjul.store.scoping import ALL

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$")


@dataclass(frozen=True)
class OrganisationView:
    key: str
    name: str
    people: int
    items: int

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "people": self.people, "items": self.items}


def ensure_one(s: Session) -> list[int]:
    """Every organisation's id, making the first one (``default``) if there is none."""
    ids = list(s.scalars(select(Organisation.id).order_by(Organisation.id)))
    if not ids:
        org = Organisation(key=DEFAULT_KEY, name=DEFAULT_NAME)
        s.add(org)
        s.flush()
        ids = [org.id]
    return ids


def require_administrator(s: Session, ctx: Context, what: str) -> None:
    """Refuse unless the person really acting (the login at the keyboard: ``--as`` makes
    nobody an administrator) is one of the installation's administrators, named in the
    settings file (``[installation] administrators``), which the host keeps, not the database
    that every municipality writes to.

    With none named the installation is one municipality's: ``org list`` shows its one
    organisation to anyone, as every other command does; ``org add`` (a second municipality)
    and ``org list`` of several are refused, naming the setting to add.
    """
    administrators = ctx.config.administrators
    if ctx.operator in administrators:
        return
    if administrators:
        raise WorkflowRefused("org.administrators_only", what=what, login=ctx.operator,
                              administrators=", ".join(administrators[:3]))
    if what == "org list" and (s.scalar(select(func.count()).select_from(Organisation)) or 0) <= 1:
        return
    raise WorkflowRefused("org.no_administrators", what=what, login=ctx.operator)


class Organisations:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def add(self, key: str, name: str) -> OrganisationView:
        """A new municipality, with the usual bodies (OMU, BUU, ØK, KB …) of its own."""
        key = key.strip()
        if not _KEY.match(key):
            raise InvalidInput("org.bad_key", org=key)
        if not name.strip():
            raise InvalidInput("org.blank_name")
        with self.db.transaction(ALL) as s:
            require_administrator(s, self.ctx, "org add")
            taken = s.scalar(select(Organisation.id)
                             .where(func.lower(Organisation.key) == key.lower()))
            if taken is not None:
                raise InvalidInput("org.exists", org=key)
            org = Organisation(key=key, name=name.strip())
            s.add(org)
            s.flush()
            org_id = org.id
        with self.db.transaction(org_id) as s:
            ensure_default_bodies(s)
        return OrganisationView(key, name.strip(), 0, 0)

    def list(self) -> list[OrganisationView]:
        with self.db.transaction(ALL) as s:
            require_administrator(s, self.ctx, "org list")
            people = dict(s.execute(select(Person.org_id, func.count())
                                    .where(Person.forgotten_at.is_(None))
                                    .group_by(Person.org_id)).all())
            items = dict(s.execute(select(Item.org_id, func.count())
                                   .group_by(Item.org_id)).all())
            return [OrganisationView(org.key, org.name, people.get(org.id, 0),
                                     items.get(org.id, 0))
                    for org in s.scalars(select(Organisation).order_by(Organisation.key))]
