"""``aarshjul person`` (aarshjul/cli/people.py): add, list and forget."""

from __future__ import annotations

import stat
from pathlib import Path

from click.testing import Result

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


# -- roles (issue 20, point 11) ----------------------------------------------------------------


def _as_login(cli: Cli, login: str, *args: str) -> Result:
    """The command line run by the OS login ``login`` (no --as unless given in ``args``)."""
    from click.testing import CliRunner

    from aarshjul.cli import cli as command

    return CliRunner().invoke(command, ["--db", cli.db, "--now", cli.now, *args],
                              env={"LOGNAME": login, "USER": login}, catch_exceptions=False)


def test_only_the_secretariat_acts_for_others_forces_forgets_and_changes_the_setup(
        people: App, cli: Cli, tmp_path: Path) -> None:
    people.people.name_secretariat("sek")
    people.items.add("Strategi", owner="mette")
    workflow = tmp_path / "flow.toml"
    workflow.write_text("name = 'x'\n", encoding="utf-8")
    refused = [("--as", "dir", "advance", "1"),
               ("advance", "1", "--force", "--reason", "Aftalt"),
               ("person", "forget", "dir"),
               ("person", "edit", "mette", "--access", "sekretariat"),
               ("person", "add", "ole", "--name", "Ole", "--email", "o@k.example",
                "--access", "sekretariat"),
               ("body", "add", "TEST", "--name", "Test", "--deadline-days", "3"),
               ("body", "edit", "BUU", "--deadline-days", "3"),
               ("workflow", "add", str(workflow))]
    before = people.items.history("1")
    for args in refused:
        result = _as_login(cli, "mette", *args)
        assert result.exit_code == 1, (args, result.output)
        assert "Kun sekretariatet" in result.stderr and "--access sekretariat" in result.stderr
        assert "Traceback" not in result.output
    assert people.items.history("1") == before
    assert [p.access for p in people.people.all() if p.login == "mette"] == ["leder"]
    # A leader acting as themself moves their item; the secretariat may act for them.
    assert _as_login(cli, "mette", "advance", "1").exit_code == 0
    acted = _as_login(cli, "sek", "--as", "mette", "advance", "1")
    assert acted.exit_code == 0, acted.output
    assert [h.actor for h in people.items.history("1")][-2:] == [
        "Mette Holm", "sek for Mette Holm"]
    assert _as_login(cli, "sek", "person", "edit", "dir", "--access", "sekretariat").exit_code == 0
    assert _as_login(cli, "dir", "advance", "1", "--force", "--reason", "Aftalt").exit_code == 0


def test_a_blank_as_is_refused_and_the_last_secretary_stays(people: App, cli: Cli) -> None:
    people.people.name_secretariat("sek")
    blank = _as_login(cli, "sek", "--as", " ", "person", "list")
    assert blank.exit_code == 2 and "--as" in blank.stderr
    last = _as_login(cli, "sek", "person", "forget", "sek")
    assert last.exit_code == 1 and "sidste i sekretariatet" in last.stderr
    demoted = _as_login(cli, "sek", "person", "edit", "sek", "--access", "leder")
    assert demoted.exit_code == 1
    assert people.people.secretariat() == ["sek"]
    unknown = _as_login(cli, "sek", "person", "edit", "mette", "--access", "chef")
    assert unknown.exit_code == 2 and "læser" in unknown.stderr


def test_init_names_the_os_login_the_secretariat_and_the_file_is_private(tmp_path: Path) -> None:
    db = tmp_path / "ny" / "aarshjul.db"
    first = _as_login(Cli(str(db)), "anna", "init")
    assert first.exit_code == 0 and "Sekretariatet: anna" in first.output
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    listing = _as_login(Cli(str(db)), "anna", "person", "list").output
    assert "anna" in listing and "sekretariat" in listing
    # Upgrading again names nobody new; someone else cannot name themself.
    assert "Sekretariatet" not in _as_login(Cli(str(db)), "anna", "init").output
    grab = _as_login(Cli(str(db)), "bo", "init", "--secretariat", "bo")
    assert grab.exit_code == 1 and "Kun sekretariatet" in grab.stderr
