"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import aarshjul
from aarshjul.app import App
from aarshjul.store.db import SCHEMA_REVISION
from aarshjul.store.models import Base


def test_the_code_expects_the_newest_migration() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(aarshjul.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(cfg).get_current_head() == SCHEMA_REVISION


def test_migrated_database_matches_the_models(app: App) -> None:
    with app.db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
