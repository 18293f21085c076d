"""The command line as a whole: help everywhere, a fast start, JSON output, the public API."""

from __future__ import annotations

import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest

import aarshjul
from aarshjul.app import App
from aarshjul.cli import cli as root
from aarshjul.messages import MESSAGES
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


def test_public_names_are_importable() -> None:
    for name in aarshjul.__all__:
        assert getattr(aarshjul, name) is not None, name


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    fields = string.Formatter()
    for key, (da, en) in MESSAGES.items():
        da_fields = {f for _, f, _, _ in fields.parse(da) if f}
        en_fields = {f for _, f, _, _ in fields.parse(en) if f}
        assert da and en and da_fields == en_fields, key


def test_item_json_has_the_fields_machines_need(people: App, cli: Cli) -> None:
    people.items.add("Strategi", owner="dir")
    shown = json.loads(cli("--json", "item", "show", "1").output)
    for field in ("ref", "title", "kind", "workflow", "state", "owner", "version", "allowed"):
        assert field in shown
    assert shown["allowed"][0] == {"kind": "advance", "target": "kvalificering",
                                   "label": "Kvalificering", "needs": []}
    listed = json.loads(cli("item", "list", "--json").output)
    assert [i["ref"] for i in listed] == ["1"]


def test_item_add_prints_the_new_number_and_tree_shows_states(people: App, cli: Cli) -> None:
    assert cli("item", "add", "Strategi", "--owner", "dir").output.strip() == "1"
    assert cli("item", "add", "Trivsel", "--parent", "1").output.strip() == "1.1"
    tree = cli("item", "tree").output.splitlines()
    assert tree[0].startswith("1  Strategi") and re.match(r"^  1\.1  Trivsel  \[Drøftelse\]$",
                                                          tree[1])


def test_a_title_with_a_newline_becomes_one_line(people: App, cli: Cli) -> None:
    cli("item", "add", "Strategi\nBcc: x@y", "--owner", "dir")
    assert people.items.show("1").title == "Strategi Bcc: x@y"


def test_workflow_validate_lists_every_problem_and_exits_2(cli: Cli, tmp_path: object) -> None:
    import pathlib

    path = pathlib.Path(str(tmp_path)) / "bad.toml"
    path.write_text('name = "x"\nversion = 1\ninitial = "a"\n[title]\nda = "X"\nen = "X"\n'
                    '[[states]]\nkey = "a"\nda = "A"\nen = "A"\nnext = ["b", "zz"]\n'
                    '[[states]]\nkey = "b"\nda = "B"\nen = "B"\n'
                    '[[states]]\nkey = "c"\nda = "C"\nen = "C"\nterminal = true\n',
                    encoding="utf-8")
    result = cli("workflow", "validate", str(path))
    assert result.exit_code == 2
    assert "unknown state 'zz'" in result.stderr
    assert "states.b: dead end" in result.stderr
    assert "states.c: unreachable" in result.stderr


def test_workflow_show_as_mermaid(cli: Cli) -> None:
    result = cli("workflow", "show", "strategiproces", "--format", "mermaid")
    assert result.exit_code == 0
    assert result.output.startswith("stateDiagram-v2")
    assert "buu --> hoering" in result.output


def test_an_uninitialised_database_is_an_environment_problem(tmp_path: object) -> None:
    import pathlib

    missing = pathlib.Path(str(tmp_path)) / "none.db"
    result = Cli(str(missing))("item", "list")
    assert result.exit_code == 4 and "aarshjul init" in result.stderr
    assert not missing.exists()


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
