"""Two municipalities in one installation, each holding the demo: the ``two`` fixture, which
tests/conftest.py makes available to every test (isolation, the whole-installation report).

The second one's titles, names, e-mail addresses and places carry a marker (:data:`MARK`), so
a test can tell its rows from the first one's, which has the same item numbers, body keys,
meeting ids and logins.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from aarshjul.app import App
from aarshjul.cli.settings import os_login
from aarshjul.config import Config
from aarshjul.context import Context
from aarshjul.dates.timeutil import parse_datetime
from aarshjul.demo import load_demo
from aarshjul.store.models import Organisation
from tests.conftest import Cli
from tests.snapshots import Snapshots

NOW = "2026-12-03T09:00"
MARK = "ZZB"


def mark(url: str, org_id: int, mark: str = MARK) -> None:
    """The organisation's titles, names, addresses and places carry the marker (the second
    one's: ``MARK``)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT set_config('aarshjul.org', '*', true)"))
        for table, columns in (("items", ("title",)), ("people", ("name", "email")),
                               ("meetings", ("place", "title")), ("bodies", ("name",)),
                               ("hoering_parties", ("name",)), ("indicators", ("name",))):
            for column in columns:
                conn.execute(text(f"UPDATE {table} SET {column} = :m || {column} "
                                  f"WHERE org_id = :o AND {column} IS NOT NULL"),
                             {"m": mark, "o": org_id})
    engine.dispose()


def _second_id(app: App) -> int:
    try:
        with app.db.transaction() as s:
            return s.scalars(select(Organisation.id).where(Organisation.key == "B")).one()
    finally:
        app.db.dispose()


@pytest.fixture
def two(db_url: str, backend: str, tmp_path: Path,
        snapshots: Snapshots) -> Iterator[tuple[Cli, str, int]]:
    """The demo in two organisations; the command line as the first one (on PostgreSQL as a
    role that is no superuser); the admin URL and the second organisation's id."""
    ctx = Context(actor="sek", now=parse_datetime(NOW), backdate="test set-up")

    def load() -> None:
        first = App(db_url, ctx)
        first.people.name_secretariat("sek")
        first.people.name_secretariat(os_login())
        load_demo(first)
        first.at(replace(ctx, config=Config(administrators=("sek",)))).organisations.add(
            "B", "Anden Kommune")
        second = App(db_url, ctx, org="B")
        second.people.name_secretariat("sek")
        second.people.name_secretariat(os_login())
        load_demo(second)
        second.db.dispose()
        mark(url, _second_id(first))  # which also closes the first's connections

    url = f"sqlite:///{db_url}" if backend == "sqlite" else db_url
    snapshots.restore_or_make("the demo in two organisations", db_url, load)
    second_id = _second_id(App(db_url, ctx, org="B"))
    db_url = url
    config = tmp_path / "aarshjul.toml"
    # The installation's administrator (org list) is the login at the keyboard.
    config.write_text(f'[mail]\ntransport = "maildir"\ndir = "{tmp_path / "mail"}"\n'
                      f'[installation]\nadministrators = ["{os_login()}"]\n', encoding="utf-8")
    if backend == "sqlite":
        yield Cli(db_url, now=NOW, config=str(config)), db_url, second_id
        return
    role = f"aarshjul_app_{uuid.uuid4().hex[:8]}"
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    database = make_url(db_url).database
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS"))
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {role}'))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}"))
    url = make_url(db_url).set(username=role).render_as_string(hide_password=False)
    try:
        yield Cli(url, now=NOW, config=str(config)), db_url, second_id
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()
