"""The process definitions in use (aarshjul/services/workflows.py): list, read, add."""

from __future__ import annotations

from pathlib import Path

import pytest

from aarshjul.app import App
from aarshjul.errors import InvalidInput
from aarshjul.workflow.definitions import shipped


def _v2(tmp_path: Path) -> Path:
    source = next(d for d in shipped() if d.name == "handleplan").source
    path = tmp_path / "handleplan-v2.toml"
    path.write_text(source.replace("version = 1", "version = 2"), encoding="utf-8")
    return path


def test_the_shipped_definitions_are_listed_newest_version_first_read(app: App) -> None:
    assert sorted(d.name for d in app.workflows.latest()) == sorted(d.name for d in shipped())
    assert app.workflows.get("handleplan").version == 1


def test_adding_a_version_makes_it_the_latest_and_is_audited(app: App, tmp_path: Path) -> None:
    before = app.audit.verify().checked
    added = app.workflows.add(str(_v2(tmp_path)))
    assert (added.name, added.version) == ("handleplan", 2)
    assert app.workflows.get("handleplan").version == 2
    assert app.workflows.get("handleplan", 1).version == 1
    after = app.audit.verify()
    assert after.ok and after.checked == before + 1


def test_a_broken_file_is_refused_and_nothing_is_written(app: App, tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('name = "x"\nversion = 1\n[[states]]\nkey = "a"\n', encoding="utf-8")
    before = app.audit.verify().checked
    with pytest.raises(InvalidInput):
        app.workflows.add(str(path))
    assert app.audit.verify().checked == before
    with pytest.raises(InvalidInput):
        app.workflows.get("x")
