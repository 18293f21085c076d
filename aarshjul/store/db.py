"""Connecting to the database, creating or upgrading it, and the one transaction per command.

SQLite is set up with SQLAlchemy's documented recipe ("Transactions with SQLite and the sqlite3
driver"): the driver's own transaction handling is switched off, every connection gets WAL, a busy
timeout and foreign keys, and every transaction starts with ``BEGIN IMMEDIATE`` so that concurrent
writers queue instead of losing updates. The same code runs on PostgreSQL. """

from __future__ import annotations

import copy
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Executable,
    Result,
    any_,
    bindparam,
    create_engine,
    event,
    inspect,
    text,
)
from sqlalchemy.exc import DatabaseError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import InstrumentedAttribute, Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from aarshjul.errors import AarshjulError, Conflict, EnvironmentProblem
from aarshjul.store.limits import check_texts
from aarshjul.store.organisations import resolve
from aarshjul.store.scoping import ORG, scoped

#: The Alembic revision this version of the code expects; a test keeps it equal to Alembic's head.
SCHEMA_REVISION = "0014"


def normalise_url(db: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (``./aarshjul.db``)."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

#: How long a SQLite command waits for another one's write transaction before giving up with
#: :class:`Conflict` (retry).
BUSY_TIMEOUT = 5.0

#: An execution option: this connection only reads, so its SQLite transaction starts
#: deferred (a reader under WAL does not queue behind a writer) instead of ``BEGIN IMMEDIATE``.
READ_ONLY = "aarshjul_read_only"


def make_engine(url: str, *, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": busy_timeout})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=False)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise EnvironmentProblem("db.unreachable", url=_safe(url), reason=str(exc)) from None


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY)
                         else "BEGIN IMMEDIATE")


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<database>"


def sqlite_file(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return None
    return None if engine.url.database == ":memory:" else Path(engine.url.database)


def refusal(exc: DatabaseError, engine: Engine | None = None) -> AarshjulError:
    """The error to raise for a database error that is not the command's fault: another
    command holding the database (:class:`Conflict`: retry), a file that is no database
    (named), or a database that cannot be used."""
    reason = str(exc.orig).strip()
    if "locked" in reason or "could not serialize" in reason:
        return Conflict("conflict.locked")
    path = sqlite_file(engine) if engine is not None else None
    if path is not None and (getattr(exc.orig, "sqlite_errorname", "") == "SQLITE_NOTADB"
                             or "not a database" in reason):
        return EnvironmentProblem("db.not_a_database", file=str(path), reason=reason)
    url = _safe(str(engine.url)) if engine is not None else ""
    return EnvironmentProblem("db.unreachable", url=url, reason=reason)


def current_revision(engine: Engine) -> str | None:
    path = sqlite_file(engine)
    if path is not None and not path.exists():
        return None  # do not let the driver create an empty file as a side effect
    try:
        with engine.connect() as conn:
            conn.execution_options(**{READ_ONLY: True})
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DatabaseError as exc:
        raise refusal(exc, engine) from None


def check_schema(engine: Engine) -> None:
    rev = current_revision(engine)
    if rev is None:
        raise EnvironmentProblem("db.not_initialised", url=_safe(str(engine.url)))
    if rev != SCHEMA_REVISION:
        raise EnvironmentProblem("db.wrong_revision", found=rev, expected=SCHEMA_REVISION)


def upgrade(engine: Engine) -> None:
    """Create the database or bring it to the newest schema (Alembic, inside the package)."""
    from alembic import command
    from alembic.config import Config

    path = sqlite_file(engine)
    if path is not None:
        try:
            # The database names people and their addresses: a new file is the owner's only
            # (0600, its folder 0700 if made here); SQLite gives its -wal and -shm files the
            # same mode (issue 20, point 11).
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not path.exists():
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
        except FileExistsError:
            pass  # another init created it at the same moment
        except OSError as exc:
            raise EnvironmentProblem("db.unreachable", url=str(engine.url),
                                     reason=str(exc)) from None
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent.parent / "migrations"))
    cfg.attributes["engine"] = engine
    try:
        command.upgrade(cfg, "head")
    except DatabaseError as exc:
        raise refusal(exc, engine) from None


class Database:
    """An engine plus the one-transaction-per-command session helper, seen as one organisation.

    ``org`` is the organisation's key (``--org``); None: the only one there is. It is looked up
    when the first transaction begins (``store/organisations.resolve``), so that a command that
    never touches the database never asks.
    """

    def __init__(self, url: str, *, busy_timeout: float = BUSY_TIMEOUT,
                 org: str | None = None) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, busy_timeout=busy_timeout)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", check_texts)
        self.org_key = org
        self._org_id: int | None = None

    @property
    def org_id(self) -> int:
        """The organisation this database is seen as (looked up on first use)."""
        if self._org_id is None:
            with self.engine.connect() as conn:
                conn.execution_options(**{READ_ONLY: True})
                try:
                    self._org_id = resolve(conn, self.org_key)
                except DatabaseError as exc:
                    raise refusal(exc, self.engine) from None
        return self._org_id

    def seen_as(self, org_id: int, key: str) -> Database:
        """The same engine and connection pool seen as organisation ``org_id`` (``key``).

        ``serve`` answers every organisation's links from one process: each request finds its
        organisation from the link and works through this view of the database.
        """
        view = copy.copy(self)
        view.org_key, view._org_id = key, org_id
        return view

    @contextmanager
    def transaction(self, org: int | str | None = None) -> Iterator[Session]:
        """One unit of work: all of it is committed or none of it; stale rows → Conflict.

        The session sees this database's organisation only; ``org`` names another one (its
        id), or ``ALL`` for the few commands that must see the whole installation.
        """
        session = self._sessions()
        try:
            session.info[ORG] = org if org is not None else self.org_id
            yield session
            session.commit()
        except StaleDataError:
            session.rollback()
            raise Conflict("conflict.stale") from None
        except IntegrityError:
            # Someone else inserted the same unique row meanwhile (validation ran before).
            session.rollback()
            raise Conflict("conflict.stale") from None
        except DatabaseError as exc:
            session.rollback()
            raise refusal(exc, self.engine) from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self, org: int | str | None = None) -> Iterator[Session]:
        """A transaction that only reads: on SQLite a deferred ``BEGIN``, so that a long
        listing, export or report reads its one snapshot (WAL) without holding the write lock,
        and the secretariat's commands meanwhile are not refused as busy."""
        with self.transaction(org) as session:
            session.connection(execution_options={READ_ONLY: True})
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


#: Rows fetched at a time by a streamed read (``execution_options(yield_per=STREAM_BATCH)``):
#: listings, exports and ``audit verify`` hold this many, not the whole table.
STREAM_BATCH = 2000


def rows(session: Session, query: Executable) -> Result[Any]:
    """A column query's plain rows, within the session's transaction.

    Through the session an ORM-enabled ``select`` of columns still passes every row through
    the ORM's loading machinery; read paths that build thousands of values (listings, the
    reminder scan) skip it this way — about half of their time. The query is scoped to the
    session's organisation like any ORM query (``store.scoping.scoped``).
    """
    return session.connection().execute(scoped(session, query))


def one_of(session: Session, column: InstrumentedAttribute[Any],
           values: Sequence[Any]) -> Iterator[ColumnElement[bool]]:
    """``column IN values`` as WHERE clauses, one query each; none for no values.

    PostgreSQL takes the values as one array (``= ANY(:values)``): one round trip and one query
    plan for tens of thousands of them, where an ``IN`` list binds, and the driver parses, a
    parameter per value. SQLite gets an ``IN`` list per 500 values.
    """
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        if values:
            yield column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
        return
    for start in range(0, len(values), 500):
        yield column.in_(values[start:start + 500])


def default_db_path() -> str:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "aarshjul" / "aarshjul.db")
