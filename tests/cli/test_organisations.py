"""``aarshjul org`` (aarshjul/cli/organisations.py): the installation's municipalities, added
and listed by its administrators only (``[installation] administrators`` in the settings file),
judged by the login at the keyboard."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import func, select

from aarshjul.app import App
from aarshjul.cli import cli as command
from aarshjul.store.models import AuditHead, Body, Organisation, Person
from aarshjul.store.scoping import ALL
from tests.conftest import Cli


def _as_login(cli: Cli, login: str, *args: str, config: Path | None = None) -> Result:
    """The command line run by the OS login ``login``."""
    options = ["--config", str(config)] if config else []
    return CliRunner().invoke(command, ["--db", cli.db, "--now", cli.now, *options, *args],
                              env={"LOGNAME": login, "USER": login}, catch_exceptions=False)


def _written(app: App) -> tuple[int, int, int, int]:
    """Organisations, bodies, people and audit entries of the whole installation."""
    with app.db.transaction(ALL) as s:
        head = s.get(AuditHead, 1)
        return (s.scalar(select(func.count()).select_from(Organisation)) or 0,
                s.scalar(select(func.count()).select_from(Body)) or 0,
                s.scalar(select(func.count()).select_from(Person)) or 0,
                head.count if head else 0)


def test_only_an_administrator_adds_and_lists_municipalities(app: App, cli: Cli,
                                                             tmp_path: Path) -> None:
    host = tmp_path / "aarshjul.toml"
    host.write_text('[installation]\nadministrators = ["drift"]\n', encoding="utf-8")
    before = _written(app)
    add = ("org", "add", "K751", "--name", "Aarhus Kommune", "--secretariat", "sek")
    for login, extra in (("mette", ()), ("mette", ("--as", "drift"))):
        for args in (add, ("org", "list")):
            refused = _as_login(cli, login, *extra, *args, config=host)
            assert refused.exit_code == 1, (login, extra, args, refused.output)
            assert "Kun installationens administratorer" in refused.stderr
            assert "mette er ikke administrator" in refused.stderr
            assert "drift" in refused.stderr and "[installation] administrators" in refused.stderr
            assert "Traceback" not in refused.output and refused.stdout == ""
    assert _written(app) == before

    added = _as_login(cli, "drift", *add, config=host)
    assert added.exit_code == 0, added.output
    listed = _as_login(cli, "drift", "org", "list", config=host)
    assert listed.exit_code == 0, listed.output
    assert "K751" in listed.output and "Aarhus Kommune" in listed.output
    assert _written(app)[0] == before[0] + 1
    # The new municipality is there to work in, with its secretariat.
    people = _as_login(cli, "sek", "--org", "K751", "person", "list", config=host)
    assert people.exit_code == 0 and "sekretariat" in people.output


def test_one_municipality_needs_no_administrators_and_a_second_needs_them(app: App,
                                                                          cli: Cli) -> None:
    """A single-municipality installation (``init`` made its one organisation) lists it with
    no settings file; adding a second one is refused until administrators are named."""
    before = _written(app)
    listed = _as_login(cli, "mette", "org", "list")
    assert listed.exit_code == 0, listed.output
    assert "default" in listed.output

    refused = _as_login(cli, "mette", "org", "add", "K751", "--name", "Aarhus Kommune")
    assert refused.exit_code == 1, refused.output
    assert "org add er for installationens administratorer" in refused.stderr
    assert "ingen angivet" in refused.stderr and "Intet er gemt" in refused.stderr
    assert '[installation] administrators = ["mette"]' in refused.stderr
    assert "Traceback" not in refused.output
    english = _as_login(cli, "mette", "--lang", "en", "org", "add", "K751", "--name", "Aarhus")
    assert english.exit_code == 1 and "none are named" in english.stderr
    assert _written(app) == before


def test_several_municipalities_are_listed_to_administrators_only(app: App, cli: Cli,
                                                                   tmp_path: Path) -> None:
    host = tmp_path / "aarshjul.toml"
    host.write_text('[installation]\nadministrators = ["drift"]\n', encoding="utf-8")
    assert _as_login(cli, "drift", "org", "add", "K751", "--name", "Aarhus Kommune",
                     config=host).exit_code == 0
    # Without the setting an installation of several municipalities shows them to nobody.
    refused = _as_login(cli, "drift", "org", "list")
    assert refused.exit_code == 1 and "org list er for" in refused.stderr
    assert "K751" not in refused.output
    assert "K751" in _as_login(cli, "drift", "org", "list", config=host).output
