"""The database helpers shared by every query: sets of values in WHERE clauses."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from aarshjul.app import App
from aarshjul.errors import Conflict, EnvironmentProblem
from aarshjul.store.db import Database, check_schema, one_of, refusal, upgrade
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


@pytest.fixture
def write_lock(sqlite_template: Path, tmp_path: Path) -> Iterator[str]:
    """Another command in the middle of its write transaction on a fresh SQLite file (a file
    lock is SQLite's own; PostgreSQL's row locks are tests/test_concurrency.py's)."""
    db_url = str(tmp_path / "locked.db")
    shutil.copy(sqlite_template, db_url)
    holder = sqlite3.connect(db_url, timeout=0.05, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE bodies SET name = name")
    yield db_url
    holder.rollback()
    holder.close()


def test_the_schema_check_reads_while_another_command_writes(write_lock: str) -> None:
    db = Database(write_lock, busy_timeout=0.05)
    try:
        check_schema(db.engine)  # a reader under WAL does not queue behind a writer
        with pytest.raises(Conflict) as refused, db.transaction() as s:
            s.add(Person(key="p1", login="p1", name="Person 1"))
        assert refused.value.exit_code == 3 and refused.value.key == "conflict.locked"
    finally:
        db.dispose()


def test_a_locked_database_is_a_conflict_to_retry_wherever_it_is_met(app: App) -> None:
    locked = OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
    assert isinstance(refusal(locked, app.db.engine), Conflict)
    serial = OperationalError("SELECT 1", {}, Exception("could not serialize access"))
    assert isinstance(refusal(serial), Conflict)
    gone = OperationalError("SELECT 1", {}, Exception("connection refused"))
    problem = refusal(gone, app.db.engine)
    assert isinstance(problem, EnvironmentProblem) and problem.key == "db.unreachable"


def test_a_listing_in_progress_does_not_keep_the_secretariat_from_writing(people: App) -> None:
    """A read (listing, export, report) takes no write lock on SQLite: while one is being
    written out, a command that changes something goes through at once (under BEGIN
    IMMEDIATE it would wait for the busy timeout and be refused as busy), and the listing
    goes on from its own snapshot."""
    for n in range(3):
        people.items.add(f"Indsats {n}", owner="mette")
    other = App(people.db.url, people.ctx)
    listing = people.items.stream()
    try:
        first = next(listing)
        added = other.items.add("Tilføjet under listen", owner="mette")
        rest = list(listing)
    finally:
        listing.close()
        other.db.dispose()
    assert [first.title, *(i.title for i in rest)] == ["Indsats 0", "Indsats 1", "Indsats 2"]
    assert people.items.show(added.ref).title == "Tilføjet under listen"
