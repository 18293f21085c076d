"""Which workflow definitions exist: every version ever used is kept in the database.

The shipped definitions are copied in by ``init``; ``workflow add`` stores a user's file as a new
version. An item names the definition and version it started on, so changing a process never
moves items that are already under way.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from aarshjul.errors import InvalidInput
from aarshjul.store.models import WorkflowDefinition
from aarshjul.workflow.definitions import WorkflowDef, load_text, shipped

#: Where a session keeps the stored definitions it has read (``Session.info``).
_STORED = "aarshjul.workflows"


@lru_cache(maxsize=64)
def _parse(source: str, label: str) -> WorkflowDef:
    """Parsed once per process: many short-lived registries (one per helper call in a scan over
    thousands of items) would otherwise parse the same TOML thousands of times."""
    return load_text(source, label)


class Workflows:
    """The stored definitions, read once per transaction: a scan or a bulk move asks for an
    item's definition many times, and the table holds a handful of rows."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _stored(self) -> dict[tuple[str, int], str]:
        """Each stored (name, version) and its source, kept in the session for its lifetime."""
        stored: dict[tuple[str, int], str] | None = self.session.info.get(_STORED)
        if stored is None:
            rows = self.session.execute(select(WorkflowDefinition.name,
                                               WorkflowDefinition.version,
                                               WorkflowDefinition.source))
            stored = {(name, version): source for name, version, source in rows}
            self.session.info[_STORED] = stored
        return stored

    def _store(self, defn: WorkflowDef, now: datetime) -> None:
        self.session.add(WorkflowDefinition(name=defn.name, version=defn.version,
                                            source=defn.source, added_at=now))
        self._stored()[(defn.name, defn.version)] = defn.source

    def _newest(self, name: str) -> int | None:
        return max((v for n, v in self._stored() if n == name), default=None)

    def ensure_shipped(self, now: datetime) -> list[WorkflowDef]:
        """Store any shipped definition (name, version) the database does not have yet."""
        added = []
        for defn in shipped():
            if (defn.name, defn.version) not in self._stored():
                self._store(defn, now)
                added.append(defn)
        return added

    def get(self, name: str, version: int | None = None) -> WorkflowDef:
        if version is None:
            version = self._newest(name)
            if version is None:
                raise InvalidInput("workflow.unknown", name=name, known=", ".join(self.names()))
        source = self._stored().get((name, version))
        if source is None:
            raise InvalidInput("workflow.unknown", name=f"{name} v{version}",
                               known=", ".join(self.names()))
        return _parse(source, f"{name} v{version}")

    def names(self) -> list[str]:
        return sorted({name for name, _ in self._stored()})

    def latest(self) -> list[WorkflowDef]:
        return [self.get(name) for name in self.names()]

    def every(self) -> list[WorkflowDef]:
        """Every stored version: items may still be on any of them."""
        return [self.get(name, version) for name, version in sorted(self._stored())]

    def add(self, defn: WorkflowDef, now: datetime) -> WorkflowDef:
        existing = self._stored().get((defn.name, defn.version))
        if existing is not None:
            if existing == defn.source:
                return defn
            raise InvalidInput("workflow.version_taken", name=defn.name, version=defn.version)
        newest = self._newest(defn.name)
        if newest is not None and defn.version < newest:
            raise InvalidInput("workflow.version_old", name=defn.name, version=defn.version,
                               newest=newest)
        self._store(defn, now)
        return defn

    def default_for_kind(self, kind: str) -> WorkflowDef:
        for defn in self.latest():
            if kind in defn.kinds:
                return defn
        return self.get("strategiproces")
