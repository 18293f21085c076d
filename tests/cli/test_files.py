"""Spreadsheets on the command line (aarshjul/cli/files.py): export, and import as a preview."""

from __future__ import annotations

from pathlib import Path

from aarshjul.app import App
from tests.conftest import Cli


def test_an_exported_file_imports_back_with_no_changes(people: App, cli: Cli,
                                                       tmp_path: Path) -> None:
    people.items.add("Strategi", owner="dir")
    people.items.add("Trivsel", parent="1", owner="mette")
    path = tmp_path / "items.csv"
    assert cli("export", str(path)).output == f"2 punkter skrevet til {path}.\n"
    preview = cli("import", str(path), "--dry-run")
    assert preview.exit_code == 0
    assert preview.output == (f"Fra {path}: 0 nye punkter og 0 ændrede punkter.\n"
                              "Prøvekørsel: intet er gemt.\n")
