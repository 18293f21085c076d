"""The one way services write the audit trail: the actor resolved (and registered on first sight),
the item named, the chain extended."""

from __future__ import annotations

from sqlalchemy import select

from aarshjul.app import App
from aarshjul.services.audit_trail import AuditTrail, actor_key, record
from aarshjul.store.audit import verify
from aarshjul.store.models import AuditEntry, Item, Person
from tests.conftest import app_at


def test_record_names_the_actor_and_the_item_and_keeps_the_chain(people: App) -> None:
    people.items.add("Børne- og ungestrategi", owner="dir")
    app = app_at(people, "2027-03-02T09:00", actor="ny-sekretaer")  # not registered yet
    with app.db.transaction() as s:
        item = s.scalars(select(Item).where(Item.ref == "1")).one()
        with_item = record(s, app.ctx, "test-with-item", item=item, data={"n": 1})
        without = record(s, app.ctx, "test-without", data={})
    with app.db.transaction() as s:
        person = s.scalars(select(Person).where(Person.login == "ny-sekretaer")).one()
        entries = {e.action: e for e in s.scalars(select(AuditEntry))}
        assert verify(s).ok
    assert with_item.id + 1 == without.id
    first, second = entries["test-with-item"], entries["test-without"]
    assert (first.actor_key, first.item_ref, first.data) == (person.key, "1", '{"n":1}')
    assert first.item_id is not None and first.at == app.ctx.now
    assert (second.actor_key, second.item_id, second.item_ref) == (person.key, None, None)


def test_actor_key_registers_a_login_once(app: App) -> None:
    with app.db.transaction() as s:
        first = actor_key(s, app.ctx)
        assert actor_key(s, app.ctx) == first
    with app.db.transaction() as s:
        assert s.scalars(select(Person.key).where(Person.login == "sek")).all() == [first]


def test_one_trail_writes_many_entries_in_one_chain(people: App) -> None:
    people.items.add("Strategi")
    with people.db.transaction() as s:
        item = s.scalars(select(Item).where(Item.ref == "1")).one()
        trail = AuditTrail(s, people.ctx)
        entries = [trail.record("test", item=item, data={"n": n}) for n in range(3)]
        assert [e.id for e in entries] == [entries[0].id + n for n in range(3)]
        assert {e.actor_key for e in entries} == {trail.actor}
    with people.db.transaction() as s:
        assert verify(s).ok
