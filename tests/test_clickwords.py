"""The command line's own words (aarshjul/clickwords.py): every help text and click's messages in
Danish by default, in English under --lang en or AARSHJUL_LANG=en."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner, Result

from aarshjul.cli import cli
from aarshjul.clickwords import Command, gettext, set_language, source


def _run(*args: str, env: dict[str, str | None] | None = None) -> str:
    return _invoke(*args, env=env).output


def _invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env={"AARSHJUL_LANG": None, **(env or {})},
                              prog_name="aarshjul")


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        sub = group.get_command(ctx, name)
        assert sub is not None
        found += (_commands(sub, (*path, name)) if isinstance(sub, click.Group)
                  else [(*path, name)])
    return found


def test_root_help_is_danish_by_default_and_english_on_request() -> None:
    danish = _run("--help")
    assert danish.startswith("Brug: aarshjul [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert "Vis denne hjælp og afslut." in danish and "\nTilvalg:\n" in danish
    assert "\nKommandoer:\n" in danish and "Eksempel:" in danish
    assert "Sæt et punkt i bero." in danish  # pause's short help
    for english in (_run("--lang", "en", "--help"),
                    _run("--help", env={"AARSHJUL_LANG": "en"})):
        assert english.startswith("Usage: aarshjul [OPTIONS] COMMAND [ARGS]...")
        assert "Show this message and exit." in english and "\nCommands:\n" in english
        assert "Put an item on hold (sat i bero)." in english


def test_a_command_help_is_danish_by_default_and_english_on_request() -> None:
    danish = _run("item", "add", "--help")
    assert danish.startswith("Brug: aarshjul item add [TILVALG] TITLE")
    assert "Registrér et punkt; viser dets nummer." in danish
    assert "Den ansvarlige leder." in danish and "Vis denne hjælp og afslut." in danish
    english = _run("--lang", "en", "item", "add", "--help")
    assert english.startswith("Usage: aarshjul item add [OPTIONS] TITLE")
    assert "Register an item; prints its number." in english
    assert "The responsible leader." in english and "Registrér" not in english
    assert _run("item", "add", "--help", env={"AARSHJUL_LANG": "en"}) == english


def test_clicks_usage_errors_are_danish_by_default_and_english_on_request() -> None:
    danish = _invoke("item", "show")
    assert danish.exit_code == 2
    assert "Brug: aarshjul item show [TILVALG] REF" in danish.output
    assert "Se 'aarshjul item show --help' for hjælp." in danish.output
    assert "Fejl: Argument mangler 'REF'." in danish.output
    for english in (_invoke("--lang", "en", "item", "show"),
                    _invoke("item", "show", env={"AARSHJUL_LANG": "en"})):
        assert english.exit_code == 2
        assert "Usage: aarshjul item show [OPTIONS] REF" in english.output
        assert "Error: Missing argument 'REF'." in english.output
    refused = _run("--lang", "fr", "item", "list")
    assert "Fejl: Ugyldig værdi for '--lang': 'fr' er ikke en af 'da', 'en'." in refused


@pytest.mark.parametrize("path", _commands(cli), ids=lambda p: " ".join(p) or "aarshjul")
def test_every_help_is_danish_by_default(path: tuple[str, ...]) -> None:
    """Each command's own help and every option's help, as shown, are the Danish ones."""
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    assert isinstance(command, Command)
    shown = " ".join(_run(*path, "--help").split())
    set_language("da")
    texts = [command.help] + [getattr(p, "help", None) for p in command.params
                              if not getattr(p, "hidden", False)]
    for text in filter(None, texts):
        danish = gettext(source(text))
        assert danish != source(text), text
        first = " ".join(danish.split("\n\n")[0].split())
        assert first in shown, text
    assert "Show this message" not in shown and "Usage:" not in shown


@pytest.mark.parametrize("args", [["--lang", "en", "--help"], ["item", "add", "--help"]])
def test_help_loads_no_heavy_library_in_either_language(args: list[str]) -> None:
    code = ("import sys\nfrom aarshjul.cli import main\n"
            f"sys.argv=['aarshjul', *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('HEAVY', [m for m in ('sqlalchemy', 'babel', 'jinja2') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "HEAVY []" in out and ("Usage: aarshjul" in out or "Brug: aarshjul" in out)
