"""Every text fits its column before anything is written (aarshjul/store/limits.py): the same
refusal on SQLite, which would store it, and on PostgreSQL, which would fail half-way."""

from __future__ import annotations

import pytest

from aarshjul.app import App
from tests.cli import counts
from tests.conftest import Cli


@pytest.mark.parametrize(("args", "field", "limit"), [
    (("item", "add", "x" * 501), "title", 500),
    (("person", "add", "p" * 101, "--name", "P", "--email", "p@kommune.example"), "login", 100),
    (("body", "add", "B" * 31, "--name", "Langt organ", "--deadline-days", "5"), "key", 30),
])
def test_a_text_longer_than_its_field_is_refused_and_nothing_is_written(
        people: App, cli: Cli, args: tuple[str, ...], field: str, limit: int) -> None:
    before = counts(people)
    result = cli(*args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f'"{field}"' in result.output and f"højst {limit}" in result.output
    assert counts(people) == before


def test_a_text_exactly_as_long_as_its_field_is_kept(people: App) -> None:
    view = people.items.add("x" * 500)
    assert people.items.show(view.ref).title == "x" * 500


def test_an_acting_login_longer_than_its_field_is_refused(people: App, cli: Cli) -> None:
    before = counts(people)
    result = cli("item", "add", "Trivsel", actor="a" * 101)
    assert result.exit_code == 2 and '"login"' in result.output
    assert counts(people) == before


def test_a_nul_character_is_refused_in_english_too(people: App, cli: Cli) -> None:
    before = counts(people)
    result = cli("item", "add", "Tri\x00vsel", lang="en")
    assert result.exit_code == 2 and "NUL character" in result.output
    assert counts(people) == before
    people.items.add("Trivsel")
    refused = cli("item", "edit", "1", "--description", "a\x00b")
    assert refused.exit_code == 2 and '"description"' in refused.output
    assert people.items.show("1").description == ""
