"""The database helpers shared by every query: sets of values in WHERE clauses."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from aarshjul.app import App
from aarshjul.errors import EnvironmentProblem
from aarshjul.store.db import Database, check_schema, one_of, upgrade
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


@pytest.mark.parametrize("content", [b"hello, not a database\n", bytes(range(256)) * 8])
def test_a_file_that_is_no_database_is_named_and_left_as_it_was(tmp_path: Path,
                                                                content: bytes) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    db = Database(str(path))
    for step in (check_schema, upgrade):
        with pytest.raises(EnvironmentProblem) as refused:
            step(db.engine)
        assert refused.value.key == "db.not_a_database" and refused.value.exit_code == 4
        assert str(path) in refused.value.message() and "init" in refused.value.message("en")
    db.dispose()
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
