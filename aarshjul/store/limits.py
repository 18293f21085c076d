"""Every text fits its column, on every backend, before anything is written.

SQLite stores a 5,000-character title in a ``VARCHAR(500)`` without a word, and PostgreSQL
refuses it, or a NUL character anywhere, with a ``DataError`` after the work is done. So every
flush first checks the text values of the rows it is about to write against their column's
length, and for NUL, and refuses with the field, its limit and what to do: one rule, read from
the models' own column types, the same on both backends.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from aarshjul.errors import InvalidInput


def check_texts(session: Session, _flush_context: Any, _instances: Any) -> None:
    """A ``before_flush`` hook: refuse a text that is too long for its column or holds NUL."""
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        loaded = state.dict  # only what is set or loaded: checking never loads a row
        for attr in state.mapper.column_attrs:
            value = loaded.get(attr.key)
            if not isinstance(value, str):
                continue
            column = attr.columns[0]
            if "\x00" in value:
                raise InvalidInput("input.nul_character", field=column.name)
            limit = getattr(column.type, "length", None)
            if limit is not None and len(value) > limit:
                raise InvalidInput("input.too_long", field=column.name, limit=limit,
                                   length=len(value))
