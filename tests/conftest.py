"""Shared fixtures: a fresh database per test, on SQLite and on the local PostgreSQL.

Every database test runs once per backend (``--backend sqlite|postgresql|all``, default all).
SQLite gets a copy of a freshly initialised file per test. PostgreSQL gets one throwaway
database per test session (created here, dropped at the end), put back before each test to the
state ``init`` left it in (tests/snapshots.py). PostgreSQL being unreachable is a failure, not a
skip: CI must test both engines.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from aarshjul.app import App
from aarshjul.context import Context
from aarshjul.dates.timeutil import parse_datetime
from tests.snapshots import Snapshot, Snapshots, put_back, take

PG_ADMIN_URL = os.environ.get(
    "AARSHJUL_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
NOW = parse_datetime("2027-03-01T10:00")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--backend", choices=["sqlite", "postgresql", "all"], default="all",
                     help="Which database engines to run the database tests on.")
    parser.addoption("--torture-long", action="store_true", default=False,
                     help="Run tests/torture in its long form (docs/reliability.md).")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("--backend")
        backends = ["sqlite", "postgresql"] if chosen == "all" else [chosen]
        if metafunc.definition.get_closest_marker("postgresql_only"):
            backends = [b for b in backends if b == "postgresql"]
        metafunc.parametrize("backend", backends, scope="session")


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Caches (the public-holiday table) go to this session's own folder, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    app = App(str(path), Context(actor="test", now=NOW), check=False)
    app.init()
    app.db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A throwaway PostgreSQL database for this test session, initialised once."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"aarshjul_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        pytest.fail(f"PostgreSQL at {PG_ADMIN_URL} is not usable ({exc}); start it with "
                    "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
                    pytrace=False)
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    app = App(url, Context(actor="test", now=NOW), check=False)
    app.init()
    app.db.dispose()
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_initialised(pg_url: str) -> Snapshot:
    """The session database as ``init`` left it: put back before each PostgreSQL test."""
    return take(pg_url)


@pytest.fixture(scope="session")
def snapshots() -> Snapshots:
    return Snapshots()


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        path = tmp_path / "aarshjul.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return str(path)
    url: str = request.getfixturevalue("pg_url")
    put_back(url, request.getfixturevalue("pg_initialised"))
    return url


@pytest.fixture
def app(db_url: str) -> Iterator[App]:
    instance = App(db_url, Context(actor="sek", now=NOW))
    yield instance
    instance.db.dispose()


def app_at(app: App, now: str | datetime, actor: str = "sek") -> App:
    """The same database at another moment (or as another actor).

    Tests set the scene out of time order (a meeting added "in January" after an item added in
    March), which the audit trail refuses without a reason: this is the reason.
    """
    moment = parse_datetime(now) if isinstance(now, str) else now
    return app.at(Context(actor=actor, now=moment, lang=app.ctx.lang, config=app.ctx.config,
                          backdate="test set-up"))


@dataclass
class Cli:
    """Runs the real command line against the test's database, as a user would."""

    db: str
    now: str = "2027-03-01T10:00"
    config: str | None = None

    def __call__(self, *args: str, now: str | None = None, lang: str | None = None,
                 actor: str = "sek") -> Result:
        argv = ["--db", self.db, "--now", now or self.now, "--as", actor]
        if self.config:
            argv += ["--config", self.config]
        if lang:
            argv += ["--lang", lang]
        from aarshjul.cli import cli

        return CliRunner().invoke(cli, [*argv, *args], catch_exceptions=False)


def with_demo(snapshots: Snapshots, cli: Cli) -> Cli:
    """``cli``'s database with the demo loaded as ``init --demo`` at ``cli.now`` loads it (run
    for real the first time in a test session, put back from its snapshot after that)."""
    def load() -> None:
        result = cli("init", "--demo")
        assert result.exit_code == 0, result.output

    snapshots.restore_or_make(f"init --demo at {cli.now}", cli.db, load)
    return cli


@pytest.fixture
def cli(db_url: str) -> Cli:
    return Cli(db_url)


@pytest.fixture
def people(app: App) -> App:
    """Two leaders, one managing the other."""
    app.people.add("dir", name="Dorthe Iversen", email="dir@kommune.example", role="direktør")
    app.people.add("mette", name="Mette Holm", email="mette@kommune.example", manager="dir")
    return app


#: Debian's Chromium, for the report and web view tests in a real browser.
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium through Playwright (never Playwright's own download); a missing browser
    fails with how to install it."""
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.fail("Chromium is not installed; install it with: "
                    "apt-get update && apt-get install -y chromium", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed; install it with: pip install -e '.[dev]' "
                    "(never 'playwright install': the tests use Debian's Chromium)",
                    pytrace=False)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


@contextmanager
def counted_statements(engine: Any) -> Iterator[list[str]]:
    """The SQL statements ``engine`` runs inside the block, counted for real by an event
    listener: a test that a page or report does not ask once per row."""
    from sqlalchemy import event

    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@contextmanager
def write_transaction_held(url: str) -> Iterator[None]:
    """Another connection holds a write transaction on the database for the block (on SQLite
    the write lock, ``BEGIN IMMEDIATE``), as ``scheduler run`` or a command does meanwhile; it
    is rolled back after."""
    from sqlalchemy import create_engine

    from aarshjul.store.db import normalise_url

    writer = create_engine(normalise_url(url))
    try:
        with writer.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if writer.dialect.name == "sqlite"
                                 else "BEGIN")
            conn.exec_driver_sql("UPDATE bodies SET name = name")
            yield
            conn.exec_driver_sql("ROLLBACK")
    finally:
        writer.dispose()


# Fixtures kept in their own modules, made available to every test (imported last: they use
# the helpers above).
from tests.two_orgs import two  # noqa: E402, F401
