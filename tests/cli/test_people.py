"""``aarshjul person`` (aarshjul/cli/people.py): add, list and forget."""

from __future__ import annotations

from aarshjul.app import App
from tests.conftest import Cli


def test_a_person_is_added_listed_and_forgotten(people: App, cli: Cli) -> None:
    added = cli("person", "add", "sara", "--name", "Sara Nielsen", "--email", "sara@k.example",
                "--manager", "mette")
    assert (added.exit_code, added.output) == (0, "sara\n")
    assert "sara   Sara Nielsen" in cli("person", "list").output
    forgotten = cli("person", "forget", "sara")
    assert forgotten.exit_code == 0 and "sara" in forgotten.output
    listing = cli("person", "list").output
    assert "Sara Nielsen" not in listing and "sara@k.example" not in listing


def test_editing_an_unknown_person_exits_2(people: App, cli: Cli) -> None:
    result = cli("person", "edit", "nobody", "--name", "Z")
    assert result.exit_code == 2 and "nobody" in result.stderr
