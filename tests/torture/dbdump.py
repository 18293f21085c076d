"""A whole database as plain values, to compare before and after a refused command."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from aarshjul.app import App
from aarshjul.store.models import Base


def dump(app: App) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with app.db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            found[table.name] = [tuple(row) for row in conn.execute(query)]
    return found
