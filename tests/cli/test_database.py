"""``aarshjul init`` and ``audit verify`` (aarshjul/cli/database.py)."""

from __future__ import annotations

import json

from tests.conftest import Cli


def test_init_demo_loads_a_realistic_strategy(tmp_path: object) -> None:
    import pathlib

    db = str(pathlib.Path(str(tmp_path)) / "demo.db")
    run = Cli(db, now="2026-11-23T10:00")
    first = run("init", "--demo")
    assert first.exit_code == 0 and "Demoen er indlæst" in first.output
    items = json.loads(run("--json", "item", "list").output)
    assert len({i["state"] for i in items}) >= 5
    assert any(i["paused"] for i in items)
    assert run("audit", "verify").exit_code == 0
    again = run("init", "--demo")
    assert again.exit_code == 0 and "kun i en tom database" in again.output
