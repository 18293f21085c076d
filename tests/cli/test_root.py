"""The command line as a whole (aarshjul/cli/root.py): help everywhere, a fast start, the console
script, and library errors turned into exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from aarshjul.cli import cli as root
from tests.conftest import Cli


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


@pytest.mark.parametrize("path", _commands(root), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    command: click.Command = root
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert command.help, path
    if not isinstance(command, click.Group):
        assert "Example:" in command.help and "aarshjul " in command.help, path


def test_help_does_not_import_the_heavy_libraries() -> None:
    code = ("import sys\nfrom aarshjul.cli import main\nsys.argv=['aarshjul','--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('sqlalchemy.orm','jinja2','transitions','alembic','holidays') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "HEAVY []" in out
    assert "Usage: aarshjul" in out


def test_the_console_script_finishes_its_output_and_files_before_it_exits(tmp_path: Path) -> None:
    """``main`` freezes what is alive at the end, so the collector's last walk is skipped: what
    a command writes must still be complete, and its exit code kept."""
    env = {**os.environ, "AARSHJUL_DB": str(tmp_path / "a.db"), "AARSHJUL_NOW": "2027-03-01T10:00"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "aarshjul", *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)

    assert run("init", "--demo").returncode == 0
    assert run("report", "status", "--format", "html", "-o", "status.html").returncode == 0
    assert (tmp_path / "status.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    listing = run("item", "list", "--json")
    assert listing.returncode == 0
    items = json.loads(listing.stdout)
    assert items and all(item["ref"] for item in items)
    missing = run("item", "show", "99.99")
    assert missing.returncode == 2
    assert "99.99" in missing.stderr and "Traceback" not in missing.stderr


def test_an_uninitialised_database_is_an_environment_problem(tmp_path: object) -> None:
    import pathlib

    missing = pathlib.Path(str(tmp_path)) / "none.db"
    result = Cli(str(missing))("item", "list")
    assert result.exit_code == 4 and "aarshjul init" in result.stderr
    assert not missing.exists()
