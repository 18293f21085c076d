"""What every command shares (aarshjul/cli/settings.py): the global options reach each command,
``--json`` works before and after the command, and a bad date names its option."""

from __future__ import annotations

import json

from aarshjul.app import App
from tests.conftest import Cli


def test_json_before_or_after_the_command_prints_the_same(people: App, cli: Cli) -> None:
    after = cli("person", "list", "--json")
    before = cli("--json", "person", "list")
    assert after.exit_code == before.exit_code == 0
    assert after.output == before.output
    assert [p["login"] for p in json.loads(after.output)] == ["dir", "mette", "sek"]


def test_the_global_options_reach_the_command(people: App, cli: Cli) -> None:
    cli("item", "add", "Strategi", "--owner", "dir", actor="mette", now="2027-05-04T09:30")
    assert "04.05.2027 09:30  Mette Holm" in cli("history", "1").output
    assert "Ejer" in cli("item", "list").output and "Owner" in cli("item", "list",
                                                                        lang="en").output


def test_a_malformed_date_option_is_refused_naming_the_option(people: App, cli: Cli) -> None:
    result = cli("item", "add", "Strategi", "--due", "i morgen")
    assert result.exit_code == 2
    assert "--due" in result.stderr and "i morgen" in result.stderr
    assert cli("item", "list", "--json").output.strip() == "[]"
