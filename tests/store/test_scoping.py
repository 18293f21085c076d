"""One organisation per session (``store/scoping.py``): every kind of query the code uses sees
only its organisation's rows, and a new row is stamped with it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import delete, func, select, update

from aarshjul.app import App
from aarshjul.config import Config
from aarshjul.store.db import rows
from aarshjul.store.models import Body, Item, Person
from aarshjul.store.scoping import ALL
from tests.conftest import app_at


@pytest.fixture
def other(app: App) -> Iterator[App]:
    """A second organisation beside ``app``'s (which was the only one when ``app`` began)."""
    assert app.db.org_id
    administrator = replace(app.ctx, config=Config(administrators=(app.ctx.actor,)))
    app.at(administrator).organisations.add("B", "Anden Kommune")
    second = App(app.db.url, app.ctx, org="B")
    second.people.name_secretariat("sek")
    yield second
    second.db.dispose()


def test_the_same_keys_live_apart_in_two_organisations(app: App, other: App) -> None:
    app.people.name_secretariat("sek")
    app.people.add("mette", name="Mette A", email="mette@a.example")
    app_at(app, "2027-03-01T10:00").items.add("Strategi A", owner="mette")
    other.people.add("mette", name="Mette B", email="mette@b.example")
    app_at(other, "2027-03-01T10:00").items.add("Strategi B", owner="mette")

    assert [i.title for i in app.items.query()] == ["Strategi A"]
    assert [i.title for i in other.items.query()] == ["Strategi B"]
    assert app.items.show("1").title == "Strategi A"
    assert other.items.show("1").title == "Strategi B"
    with app.db.transaction() as s:
        # a column query on the connection, a join, a count, a lazy load
        assert [r.title for r in rows(s, select(Item.title))] == ["Strategi A"]
        assert s.scalars(select(Person.name).join(Item, Item.owner_id == Person.id)).all() \
            == ["Mette A"]
        assert s.scalar(select(func.count()).select_from(Body)) == len(
            {b.key for b in s.scalars(select(Body))})
        item = s.scalars(select(Item)).one()
        assert item.owner is not None and item.owner.name == "Mette A"
    with app.db.transaction(ALL) as s:
        assert sorted(s.scalars(select(Item.title))) == ["Strategi A", "Strategi B"]


def test_bulk_updates_and_deletes_stay_in_their_organisation(app: App, other: App) -> None:
    app.people.name_secretariat("sek")
    app_at(app, "2027-03-01T10:00").items.add("Strategi A")
    app_at(other, "2027-03-01T10:00").items.add("Strategi B")

    with app.db.transaction() as s:
        s.execute(update(Item).values(title="Ændret"))
        s.execute(delete(Body).where(Body.key == "BUU"))
    with other.db.transaction() as s:
        assert s.scalars(select(Item.title)).all() == ["Strategi B"]
        assert s.scalars(select(Body.key).where(Body.key == "BUU")).one() == "BUU"
    with app.db.transaction() as s:
        assert s.scalars(select(Item.title)).all() == ["Ændret"]


def test_a_new_row_belongs_to_the_session_s_organisation(app: App, other: App) -> None:
    with other.db.transaction() as s:
        s.add(Body(key="TEMA", name="Temamøde", deadline_days=None, members=""))
    with app.db.transaction() as s:
        assert s.scalars(select(Body).where(Body.key == "TEMA")).one_or_none() is None
    with other.db.transaction() as s:
        assert s.scalars(select(Body.org_id).where(Body.key == "TEMA")).one() == other.db.org_id
