"""Database states taken once per test session and put back before each test that wants them.

A test wants a database in a known state: freshly initialised (every test) or with the demo
loaded (a few dozen). Making that state again per test costs an Alembic run, or 3–4 s for the
demo; putting back a copy taken the first time costs a file write on SQLite and one round trip
plus a ``COPY`` per non-empty table on PostgreSQL. The copy is the whole database: every row of
every table and every sequence's position, so a test cannot tell a put-back state from a made one.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from aarshjul.store.db import normalise_url
from aarshjul.store.models import Base


@dataclass(frozen=True)
class Snapshot:
    """A SQLite file's bytes, or each PostgreSQL table's rows in COPY format and the sequences."""

    image: bytes = b""
    tables: tuple[tuple[str, bytes], ...] = ()
    sequences: tuple[tuple[str, int, bool], ...] = ()


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(normalise_url(url))
    return Path(parsed.database or "") if parsed.get_backend_name() == "sqlite" else None


def _raw(url: str) -> psycopg.Connection[Any]:
    """A plain psycopg connection (COPY is below SQLAlchemy)."""
    parsed = make_url(url)
    return psycopg.connect(host=parsed.host, port=parsed.port, user=parsed.username,
                           password=parsed.password, dbname=parsed.database, autocommit=False)


def take(url: str) -> Snapshot:
    """The database's whole state (on SQLite read through SQLite itself, so a write-ahead log
    not yet checkpointed is included)."""
    path = _sqlite_path(url)
    if path is not None:
        source = sqlite3.connect(path)
        try:
            return Snapshot(image=source.serialize())
        finally:
            source.close()
    tables = []
    with _raw(url) as conn, conn.cursor() as cur:
        for table in Base.metadata.sorted_tables:
            buffer = io.BytesIO()
            with cur.copy(f'COPY "{table.name}" TO STDOUT') as copy:
                for block in copy:
                    buffer.write(block)
            if buffer.tell():
                tables.append((table.name, buffer.getvalue()))
        cur.execute("SELECT c.relname FROM pg_class c WHERE c.relkind = 'S' "
                    "AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname")
        names = [row[0] for row in cur.fetchall()]
        sequences = []
        for name in names:
            cur.execute(f'SELECT last_value, is_called FROM "{name}"')
            row = cur.fetchone()
            assert row is not None
            sequences.append((name, row[0], row[1]))
    return Snapshot(tables=tuple(tables), sequences=tuple(sequences))


def put_back(url: str, snapshot: Snapshot) -> None:
    """Make the database exactly as it was when ``snapshot`` was taken (on PostgreSQL in one
    transaction, committed when the connection's block ends)."""
    path = _sqlite_path(url)
    if path is not None:
        for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        fresh = path.with_name(path.name + ".put-back")
        fresh.write_bytes(snapshot.image)
        fresh.replace(path)
        return
    empty = "; ".join(f'DELETE FROM "{t.name}"' for t in reversed(Base.metadata.sorted_tables))
    with _raw(url) as conn, conn.cursor() as cur:
        # as pg_restore does: rows go back as they were, so no trigger or foreign-key check
        # fires (a child row may come before its updated parent in the copy)
        cur.execute(f"SET LOCAL session_replication_role = replica; {empty}")
        for name, rows in snapshot.tables:
            with cur.copy(f'COPY "{name}" FROM STDIN') as copy:
                copy.write(rows)
        for name, last, called in snapshot.sequences:
            cur.execute("SELECT setval(%s::regclass, %s, %s)", (f'"{name}"', last, called))


@dataclass
class Snapshots:
    """The states this test session has taken, by name (one set per xdist worker)."""

    taken: dict[tuple[str, bool], Snapshot] = field(default_factory=dict)

    def restore_or_make(self, name: str, url: str, make: Callable[[], None]) -> None:
        """Put back the state called ``name``, or make it on ``url`` with ``make`` and keep a
        copy for the next test (one per engine: a SQLite image is no PostgreSQL state)."""
        key = (name, _sqlite_path(url) is None)
        if key in self.taken:
            put_back(url, self.taken[key])
            return
        make()
        self.taken[key] = take(url)

