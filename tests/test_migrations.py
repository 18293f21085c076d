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


def test_upgrading_0011_data_makes_it_the_one_organisation(tmp_path: Path) -> None:
    """Issue 19: the rows of an existing installation become its one organisation's, and a
    single-municipality user notices nothing (no --org, the same keys)."""
    from alembic import command
    from sqlalchemy import text

    from aarshjul.context import Context
    from tests.conftest import NOW, Cli

    path = tmp_path / "old.db"
    app = App(str(path), Context(actor="sek", now=NOW), check=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(aarshjul.__file__).parent / "migrations"))
    cfg.attributes["engine"] = app.db.engine
    command.upgrade(cfg, "0011")
    with app.db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO people (id, key, login, name, email, lang) "
            "VALUES (1, 'k1', 'mette', 'Mette Holm', 'mette@kommune.example', 'da')"))
        conn.execute(text(
            "INSERT INTO bodies (id, key, name, deadline_days, members) "
            "VALUES (1, 'BUU', 'Børne- og Ungdomsudvalget', 10, '')"))
        conn.execute(text(
            "INSERT INTO meetings (id, code, body_id, date, place, title, cancelled) "
            "VALUES (1, 'BUU-2027-03-10', 1, '2027-03-10', 'Rådhuset', '', 0)"))
        conn.execute(text(
            "INSERT INTO items (id, ref, sort_key, kind, title, description, owner_id, "
            "workflow_name, workflow_version, state, state_since, paused, succeskriterier, "
            "evaluering, tids_og_handleplan, tovholder, created_at, version, case_number) "
            "VALUES (1, '1', '0001', 'strategi', 'Gammel strategi', '', 1, 'strategiproces', "
            "1, 'droeftelse', '2027-01-01 09:00:00', 0, '', '', '', '', "
            "'2027-01-01 09:00:00', 1, '')"))
    app.init()
    with app.db.engine.connect() as conn:
        orgs = conn.execute(text("SELECT id, key FROM organisations")).all()
        owners = set(conn.execute(text(
            "SELECT org_id FROM people UNION SELECT org_id FROM items "
            "UNION SELECT org_id FROM bodies UNION SELECT org_id FROM meetings")).scalars())
    app.db.dispose()
    assert [key for _, key in orgs] == ["default"]
    assert owners == {orgs[0][0]}
    cli = Cli(str(path))
    listing = cli("item", "list")
    assert listing.exit_code == 0, listing.output
    assert "Gammel strategi" in listing.output
    meetings = cli("meeting", "list")
    assert "Rådhuset" in meetings.output or "BUU" in meetings.output
    added = cli("item", "add", "Ny strategi", "--owner", "mette")
    assert added.exit_code == 0, added.output
    assert added.output.strip() == "2"
