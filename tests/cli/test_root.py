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

from aarshjul.app import App
from aarshjul.cli import cli as root
from tests.cli import counts
from tests.conftest import Cli


def _sub(group: click.Group, name: str) -> click.Command:
    command = group.get_command(click.Context(group), name)
    assert command is not None, name
    return command


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name in group.list_commands(click.Context(group)):
        found.append((*prefix, name))
        command = _sub(group, name)
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
    return found


def test_the_command_table_names_every_command_of_the_cli_modules_once() -> None:
    """A command written in a module of aarshjul/cli/ but left out of ``COMMANDS`` would never
    run; an entry pointing at the wrong object would run the wrong one."""
    import importlib
    import pkgutil

    import aarshjul.cli
    from aarshjul.cli.root import COMMANDS

    defined = []
    for info in pkgutil.iter_modules(aarshjul.cli.__path__):
        module = importlib.import_module(f"aarshjul.cli.{info.name}")
        defined += [v for v in vars(module).values()
                    if isinstance(v, click.Command) and v.callback is not None
                    and v.callback.__module__ == module.__name__]
    # A group may hold commands written in another module (meeting show, from meeting_agenda).
    inner = {id(c) for g in defined if isinstance(g, click.Group) for c in g.commands.values()}
    top_level = {c.name: c for c in defined if id(c) not in inner and c is not root}
    from aarshjul.web.commands import serve

    top_level["serve"] = serve
    assert sorted(COMMANDS) == sorted(top_level)
    for name in COMMANDS:
        assert _sub(root, name) is top_level[name], name


@pytest.mark.parametrize("path", _commands(root), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    command: click.Command = root
    for name in path:
        assert isinstance(command, click.Group)
        command = _sub(command, name)
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
    assert "Brug: aarshjul" in out


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


@pytest.mark.parametrize("now", ["0001-01-01", "1700-01-01T09:00", "9999-12-31T23:59"])
def test_a_now_outside_the_supported_dates_is_refused_and_writes_nothing(
        people: App, cli: Cli, now: str) -> None:
    before = counts(people)
    result = cli("item", "add", "Strategi", "--owner", "dir", now=now)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--now" in result.stderr and "1900-01-01" in result.stderr
    assert "Brug en dato mellem" in result.stderr
    assert counts(people) == before
    english = cli("deadlines", now=now, lang="en")
    assert english.exit_code == 2 and "Use a date between" in english.stderr
