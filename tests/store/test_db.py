"""The database helpers shared by every query: sets of values in WHERE clauses."""

from __future__ import annotations

from sqlalchemy import select

from aarshjul.app import App
from aarshjul.store.db import one_of
from aarshjul.store.models import Person


def test_one_of_finds_every_value_of_a_set_longer_than_one_in_list(app: App) -> None:
    with app.db.transaction() as s:
        s.add_all(Person(key=f"p{n}", login=f"login{n}", name=f"Person {n}")
                  for n in range(1_201))
    wanted = [f"login{n}" for n in range(1, 1_201, 2)] + [f"login{n}" for n in range(0, 1_201, 2)]
    with app.db.transaction() as s:
        found = [login for clause in one_of(s, Person.login, [*wanted, "nobody"])
                 for login in s.scalars(select(Person.login).where(clause))]
        assert sorted(found) == sorted(wanted)
        assert list(one_of(s, Person.login, [])) == []
