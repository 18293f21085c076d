"""``aarshjul item`` (aarshjul/cli/items.py): numbers, the tree, and the JSON that machines read."""

from __future__ import annotations

import json
import re

import pytest

from aarshjul.app import App
from tests.cli import counts
from tests.conftest import Cli


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


@pytest.mark.parametrize(("argv", "actor"), [
    (("item", "add", "\udcff", "--owner", "dir"), "sek"),     # what Python makes of $'\xff'
    (("item", "add", "Strategi", "--owner", "dir", "--description", "a\udcfeb"), "sek"),
    (("item", "add", "Strategi", "--owner", "dir"), "s\udcffk"),
])
def test_an_argument_that_is_no_utf8_is_refused_and_writes_nothing(
        people: App, cli: Cli, argv: tuple[str, ...], actor: str) -> None:
    before = counts(people)
    result = cli(*argv, actor=actor)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "UTF-8" in result.stderr and "\ufffd" in result.stderr
    assert counts(people) == before
    english = cli(*argv, actor=actor, lang="en")
    assert english.exit_code == 2 and "not valid UTF-8" in english.stderr


@pytest.mark.parametrize("spelled", ["handlemål", "Handlemål", "handlemaal", "HANDLEMÅL",
                                     "Action goal"])
def test_a_kind_is_read_however_it_is_spelled(people: App, cli: Cli, spelled: str) -> None:
    """Issue 17, point 4: a label, a key or a Danish spelling of a kind is accepted."""
    assert cli("item", "add", "Strategi", "--owner", "dir").exit_code == 0
    result = cli("item", "add", "Læseløft", "--parent", "1", "--kind", spelled, "--owner", "dir")
    assert result.exit_code == 0, result.output
    assert "Handlemål" in cli("item", "show", "1.1").output
    assert len(cli("item", "list", "--kind", spelled).output.splitlines()) == 3


def test_an_unknown_kind_is_refused_with_the_accepted_words(people: App, cli: Cli) -> None:
    before = cli("--json", "item", "list").output
    result = cli("item", "add", "Læseløft", "--kind", "projekt", "--owner", "dir")
    assert result.exit_code == 2
    assert "projekt" in result.output and "handlemål" in result.output
    assert "delmål" in result.output and "delmaal" not in result.output
    assert cli("--json", "item", "list").output == before


@pytest.mark.parametrize("spelled", ["høring", "Høring", "hoering", "HOERING"])
def test_a_state_is_read_however_it_is_spelled(people: App, cli: Cli, spelled: str) -> None:
    assert cli("item", "add", "Strategi", "--owner", "dir").exit_code == 0
    result = cli("item", "list", "--state", spelled)
    assert result.exit_code == 0, result.output
    assert cli("item", "list", "--state", "blomst").exit_code == 2
