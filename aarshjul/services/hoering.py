"""Høring: the parties an item is sent to in public consultation, and their answers.

The secretariat lists the høringsparter (``hoering parts``) and registers each høringssvar as it
arrives (``hoering answer``): the date received and where the answer is kept (a file or a link).
The status report counts the answers of items in høring ("3 af 5 høringssvar modtaget").
When the høring ends is the move's business (:mod:`aarshjul.services.moves`, ``advance --until``).
Every change is audited on the item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.services.audit_trail import record
from aarshjul.services.items import load_item
from aarshjul.services.people import check_email
from aarshjul.store.db import Database
from aarshjul.store.models import HoeringParty, Item
from aarshjul.workflow.registry import Workflows


@dataclass(frozen=True)
class PartyView:
    name: str
    email: str | None
    received_on: date | None
    file: str = ""
    link: str = ""
    note: str = ""

    @property
    def answered(self) -> bool:
        return self.received_on is not None


@dataclass(frozen=True)
class HoeringView:
    ref: str
    title: str
    consultation_until: date | None
    parties: tuple[PartyView, ...]
    received: int  # how many parties have answered


def _party_view(p: HoeringParty) -> PartyView:
    return PartyView(name=p.name, email=p.email, received_on=p.received_on, file=p.file,
                     link=p.link, note=p.note)


def response_counts(s: Session) -> dict[int, tuple[int, int]]:
    """(answers received, parties) per item id, for every item with høringsparter: one query."""
    return {item_id: (received, total) for item_id, received, total in s.execute(
        select(HoeringParty.item_id, func.count(HoeringParty.received_on),
               func.count(HoeringParty.id)).group_by(HoeringParty.item_id))}


class Hoering:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def add_party(self, ref: str, name: str, *, email: str | None = None) -> HoeringView:
        name = " ".join(name.split())
        if not name:
            raise InvalidInput("input.empty", what="--add")
        email = check_email(email) if email else None
        with self.db.transaction() as s:
            item = self._item(s, ref)
            if self._lookup(s, item, name) is not None:
                raise InvalidInput("hoering.party_exists", ref=item.ref, party=name)
            s.add(HoeringParty(item_id=item.id, name=name, email=email, added_at=self.ctx.now,
                               file="", link="", note=""))
            s.flush()
            record(s, self.ctx, "hoering-party-add", item=item, data={"party": name})
            return self._view(s, item)

    def remove_party(self, ref: str, name: str) -> HoeringView:
        with self.db.transaction() as s:
            item = self._item(s, ref)
            party = self._find(s, item, name)
            if party.received_on is not None:
                raise InvalidInput("hoering.party_answered", ref=item.ref, party=party.name,
                                   received=party.received_on)
            s.delete(party)
            s.flush()
            record(s, self.ctx, "hoering-party-remove", item=item, data={"party": party.name})
            return self._view(s, item)

    def answer(self, ref: str, party: str, *, received: date, file: str | None = None,
               link: str | None = None, note: str | None = None) -> HoeringView:
        """Register a høringssvar; a second registration for the party replaces the first
        (the audit entry keeps what it replaced)."""
        if received > self.ctx.today:
            raise InvalidInput("hoering.received_future", received=received.isoformat(),
                               today=self.ctx.today)
        if file is not None and not Path(file).is_file():
            raise InvalidInput("hoering.no_such_file", file=file)
        if link is not None and not link.strip().lower().startswith(("https://", "http://")):
            raise InvalidInput("hoering.bad_link", link=link)
        with self.db.transaction() as s:
            item = self._item(s, ref)
            row = self._find(s, item, party)
            before = row.received_on.isoformat() if row.received_on else None
            row.received_on = received
            row.file = str(Path(file).resolve()) if file else ""
            row.link = link.strip() if link else ""
            row.note = (note or "").strip()
            record(s, self.ctx, "hoering-answer", item=item,
                   data={"party": row.name, "received": received.isoformat(),
                         "replaced": before, "file": row.file, "link": row.link,
                         "note": row.note})
            return self._view(s, item)

    def show(self, ref: str) -> HoeringView:
        with self.db.transaction() as s:
            return self._view(s, load_item(s, ref))

    def _item(self, s: Session, ref: str) -> Item:
        """The item, if its workflow has a høring at all."""
        item = load_item(s, ref)
        defn = Workflows(s).get(item.workflow_name, item.workflow_version)
        if not any(st.consultation for st in defn.states):
            raise InvalidInput("hoering.no_hoering", ref=item.ref, workflow=defn.name)
        return item

    def _lookup(self, s: Session, item: Item, name: str) -> HoeringParty | None:
        """The party by name, in any case and spacing."""
        wanted = " ".join(name.split()).casefold()
        for party in s.scalars(select(HoeringParty).where(HoeringParty.item_id == item.id)):
            if party.name.casefold() == wanted:
                return party
        return None

    def _find(self, s: Session, item: Item, name: str) -> HoeringParty:
        party = self._lookup(s, item, name)
        if party is not None:
            return party
        known = ", ".join(self._names(s, item)) or "-"
        raise InvalidInput("hoering.unknown_party", ref=item.ref, party=name, known=known)

    def _names(self, s: Session, item: Item) -> Sequence[str]:
        return s.scalars(select(HoeringParty.name).where(HoeringParty.item_id == item.id)
                         .order_by(HoeringParty.name)).all()

    def _view(self, s: Session, item: Item) -> HoeringView:
        parties = tuple(_party_view(p) for p in s.scalars(
            select(HoeringParty).where(HoeringParty.item_id == item.id)
            .order_by(HoeringParty.name)))
        return HoeringView(ref=item.ref, title=item.title,
                           consultation_until=item.consultation_until, parties=parties,
                           received=sum(1 for p in parties if p.answered))
