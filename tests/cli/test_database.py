"""``aarshjul init`` and ``audit verify`` (aarshjul/cli/database.py)."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_a_text_file_as_db_exits_4_naming_the_file_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "noter.txt"
    path.write_text("Dagsorden for mødet\n", encoding="utf-8")
    for command in (("item", "list"), ("init",), ("item", "add", "Strategi")):
        result = Cli(str(path))(*command)
        assert result.exit_code == 4 and "Traceback" not in result.output
        assert str(path) in result.stderr and "ikke en database" in result.stderr
    english = Cli(str(path))("item", "list", lang="en")
    assert english.exit_code == 4 and "is not a database" in english.stderr
    assert path.read_text(encoding="utf-8") == "Dagsorden for mødet\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["noter.txt"]
