"""Which workflow definitions exist: every version ever used is kept in the database.

The shipped definitions are copied in by ``init``; ``workflow add`` stores a user's file as a new
version. An item names the definition and version it started on, so changing a process never
moves items that are already under way.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from aarshjul.errors import InvalidInput
from aarshjul.store.models import WorkflowDefinition
from aarshjul.workflow.definitions import WorkflowDef, load_text, shipped


@lru_cache(maxsize=64)
def _parse(source: str, label: str) -> WorkflowDef:
    """Parsed once per process: many short-lived registries (one per helper call in a scan over
    thousands of items) would otherwise parse the same TOML thousands of times."""
    return load_text(source, label)


class Workflows:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._cache: dict[tuple[str, int], WorkflowDef] = {}

    def ensure_shipped(self, now: datetime) -> list[WorkflowDef]:
        """Store any shipped definition (name, version) the database does not have yet."""
        added = []
        for defn in shipped():
            exists = self.session.scalar(select(WorkflowDefinition.id).where(
                WorkflowDefinition.name == defn.name, WorkflowDefinition.version == defn.version))
            if exists is None:
                self.session.add(WorkflowDefinition(name=defn.name, version=defn.version,
                                                    source=defn.source, added_at=now))
                added.append(defn)
        return added

    def get(self, name: str, version: int | None = None) -> WorkflowDef:
        if version is None:
            version = self.session.scalar(
                select(func.max(WorkflowDefinition.version))
                .where(WorkflowDefinition.name == name))
            if version is None:
                raise InvalidInput("workflow.unknown", name=name, known=", ".join(self.names()))
        cached = self._cache.get((name, version))
        if cached is not None:
            return cached
        row = self.session.scalars(select(WorkflowDefinition).where(
            WorkflowDefinition.name == name, WorkflowDefinition.version == version)).one_or_none()
        if row is None:
            raise InvalidInput("workflow.unknown", name=f"{name} v{version}",
                               known=", ".join(self.names()))
        defn = _parse(row.source, f"{name} v{version}")
        self._cache[(name, version)] = defn
        return defn

    def names(self) -> list[str]:
        return list(self.session.scalars(
            select(WorkflowDefinition.name).distinct().order_by(WorkflowDefinition.name)))

    def latest(self) -> list[WorkflowDef]:
        return [self.get(name) for name in self.names()]

    def every(self) -> list[WorkflowDef]:
        """Every stored version: items may still be on any of them."""
        stored = self.session.execute(select(WorkflowDefinition.name, WorkflowDefinition.version)
                                      .order_by(WorkflowDefinition.name,
                                                WorkflowDefinition.version))
        return [self.get(name, version) for name, version in stored]

    def add(self, defn: WorkflowDef, now: datetime) -> WorkflowDef:
        existing = self.session.scalars(select(WorkflowDefinition).where(
            WorkflowDefinition.name == defn.name, WorkflowDefinition.version == defn.version)
        ).one_or_none()
        if existing is not None:
            if existing.source == defn.source:
                return defn
            raise InvalidInput("workflow.version_taken", name=defn.name, version=defn.version)
        newest = self.session.scalar(select(func.max(WorkflowDefinition.version))
                                     .where(WorkflowDefinition.name == defn.name))
        if newest is not None and defn.version < newest:
            raise InvalidInput("workflow.version_old", name=defn.name, version=defn.version,
                               newest=newest)
        self.session.add(WorkflowDefinition(name=defn.name, version=defn.version,
                                            source=defn.source, added_at=now))
        return defn

    def default_for_kind(self, kind: str) -> WorkflowDef:
        for defn in self.latest():
            if kind in defn.kinds:
                return defn
        return self.get("strategiproces")
