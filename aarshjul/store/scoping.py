"""One organisation per session: every query sees only its rows, every new row is its own.

A session bound to an organisation (``session.info[ORG]``, set by ``Database.transaction``)
gets SQLAlchemy's documented global-filter recipe: a ``do_orm_execute`` listener adds
``with_loader_criteria(OrgScoped, org_id == …)`` to every ORM SELECT, UPDATE and DELETE (joins,
subqueries and lazy loads included), and a ``before_flush`` listener stamps ``org_id`` on every
new row. Column queries run on the session's connection (``store.db.rows``) carry the same
option (:func:`scoped`). No service names the organisation: forgetting it is impossible.

On PostgreSQL each transaction also sets ``aarshjul.org`` (``set_config(…, true)``: for this
transaction only), which the row-level security policies of migrations 0012/0013 compare with
``org_id``: the database refuses another organisation's rows even to a query that escaped the
filter. ``ALL`` is the deliberate way to see the whole installation (``audit verify``,
``org list``); it is never a default.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.sql import Executable

from aarshjul.store.models import OrgScoped

#: ``session.info`` key: the organisation's id, or :data:`ALL`.
ORG = "aarshjul_org"
#: The whole installation, for the few commands that must see it (never a default).
ALL = "*"
#: The PostgreSQL setting the row-level security policies read.
SETTING = "aarshjul.org"


def _criteria(org_id: int) -> Any:
    return with_loader_criteria(OrgScoped, lambda cls: cls.org_id == org_id,
                                include_aliases=True, track_closure_variables=True)


def org_of(session: Session) -> int:
    """The session's organisation, for the rare row written outside the ORM's flush."""
    org = session.info.get(ORG)
    if not isinstance(org, int):
        raise RuntimeError("this session is not bound to one organisation")
    return org


def scoped(session: Session, query: Executable) -> Executable:
    """``query`` filtered to the session's organisation, for execution outside the ORM."""
    org = session.info.get(ORG)
    if isinstance(org, int) and hasattr(query, "options"):
        return query.options(_criteria(org))
    return query


@event.listens_for(Session, "do_orm_execute")
def _filter(state: ORMExecuteState) -> None:
    org = state.session.info.get(ORG)
    if not isinstance(org, int):
        return
    if state.is_select or state.is_update or state.is_delete:
        if state.is_column_load or state.is_relationship_load:
            return  # the criteria travel with the statement that loaded the parent
        state.statement = state.statement.options(_criteria(org))


@event.listens_for(Session, "before_flush")
def _stamp(session: Session, _context: Any, _instances: Any) -> None:
    org = session.info.get(ORG)
    for row in session.new:
        if isinstance(row, OrgScoped) and row.org_id is None:
            if not isinstance(org, int):
                raise RuntimeError(f"a new {type(row).__name__} row without an organisation")
            row.org_id = org


@event.listens_for(Session, "after_begin")
def _set_postgres_org(session: Session, _transaction: Any, connection: Any) -> None:
    org = session.info.get(ORG)
    if org is None or connection.dialect.name != "postgresql":
        return
    connection.execute(select(func.set_config(SETTING, str(org), True)))
