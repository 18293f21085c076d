"""The process definitions in use: list them, read one version, add a new one from a file.

Stored definitions live in the database (:mod:`aarshjul.workflow.registry`) so that an item keeps
the version it started on; this service is what the secretariat does with them.
"""

from __future__ import annotations

from aarshjul.context import Context
from aarshjul.services.audit_trail import record
from aarshjul.services.people import require_secretariat
from aarshjul.store.db import Database
from aarshjul.workflow.definitions import WorkflowDef, load_file
from aarshjul.workflow.registry import Workflows


class WorkflowLibrary:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def latest(self) -> list[WorkflowDef]:
        """The newest version of every definition."""
        with self.db.transaction() as s:
            return Workflows(s).latest()

    def get(self, name: str, version: int | None = None) -> WorkflowDef:
        with self.db.transaction() as s:
            return Workflows(s).get(name, version)

    def add(self, path: str) -> WorkflowDef:
        """Validate the file (every problem at once) and store it as a new version."""
        with self.db.transaction() as s:
            require_secretariat(s, self.ctx, "workflow add")
            defn = load_file(path)
            Workflows(s).add(defn, self.ctx.now)
            record(s, self.ctx, "workflow-add", data={"name": defn.name, "version": defn.version})
        return defn
