"""``serve`` and ``person link``, as the command line registers them."""

from __future__ import annotations

import re
import subprocess
import sys

import click
import pytest
from flask import Flask

from aarshjul.app import App
from aarshjul.web.commands import link, serve
from tests.conftest import Cli


def test_person_link_prints_links_that_open_the_persons_page_and_feeds(
        cli: Cli, wheel: App, site: Flask) -> None:
    result = cli("person", "link", "mette", "--base-url", "https://aarshjul.kommune.example/")
    assert result.exit_code == 0, result.output
    assert "Personligt link til Mette Holm (mette)" in result.output
    urls = re.findall(r"https://aarshjul\.kommune\.example(/\S*)", result.output)
    assert len(urls) == 3 + len(wheel.meetings.bodies())
    assert urls[0].startswith("/t/") and "Mine frister:" in result.output
    client = site.test_client()
    for path in urls:
        assert client.get(path).status_code == 200, path
    page = client.get(urls[0]).get_data(as_text=True)
    assert "Trivsel i dagtilbud" in page


def test_person_link_revoke_closes_every_link(cli: Cli, wheel: App, site: Flask) -> None:
    urls = re.findall(r"http://127\.0\.0\.1:8080(/\S*)", cli("person", "link", "mette").output)
    assert urls
    result = cli("person", "link", "mette", "--revoke")
    assert result.exit_code == 0
    assert result.output.strip() == "mette: 1 link er spærret og åbner ikke længere noget."
    client = site.test_client()
    assert [client.get(path).status_code for path in urls] == [404] * len(urls)
    again = cli("person", "link", "mette", "--revoke", lang="en")
    assert again.output.strip() == "mette had no valid link; nothing was revoked."


def test_person_link_for_an_unknown_person_is_exit_2_with_a_clear_message(
        cli: Cli, wheel: App) -> None:
    result = cli("person", "link", "nobody")
    assert result.exit_code == 2
    assert "Personen nobody findes ikke" in result.output
    english = cli("person", "link", "nobody", lang="en")
    assert english.exit_code == 2 and "The person nobody does not exist" in english.output
    bad = cli("person", "link", "mette", "--base-url", "aarshjul.example")
    assert bad.exit_code == 2 and "--base-url" in bad.output


def test_person_link_speaks_english_with_lang_en(cli: Cli, wheel: App) -> None:
    result = cli("person", "link", "mette", lang="en")
    assert result.exit_code == 0
    assert "Personal link for Mette Holm (mette)" in result.output
    assert "My deadlines: http://127.0.0.1:8080/t/" in result.output


@pytest.mark.parametrize("command", [serve, link])
def test_each_command_has_help_with_an_example(command: click.Command) -> None:
    assert command.help and "Example:" in command.help and "aarshjul " in command.help


def test_registering_the_commands_imports_neither_flask_nor_sqlalchemy() -> None:
    code = ("import sys\nfrom aarshjul.cli import cli\n"
            "heavy=[m for m in ('flask','werkzeug','waitress','sqlalchemy','jinja2') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "HEAVY []" in out
