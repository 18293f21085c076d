"""Tests of the command line, one file per module of aarshjul/cli/."""

from __future__ import annotations

from sqlalchemy import text

from aarshjul.app import App

_TABLES = ("people", "items", "bodies", "meetings", "bookings", "audit_entries", "outbox",
           "indicators", "measurements", "conversations", "hoering_parties")


def counts(app: App) -> dict[str, int]:
    """How many rows each table holds: a refused command leaves every count as it was."""
    with app.db.engine.connect() as conn:
        return {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in _TABLES}
