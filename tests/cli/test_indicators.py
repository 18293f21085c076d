"""Indicators and strategic conversations on the command line (aarshjul/cli/indicators.py)."""

from __future__ import annotations

import pytest

from aarshjul.app import App
from aarshjul.cli.settings import YEARS
from aarshjul.dates.timeutil import FIRST_DAY, LAST_DAY
from tests.cli import counts
from tests.conftest import Cli


def test_a_measurement_prints_its_status_against_the_expected_value(people: App,
                                                                    cli: Cli) -> None:
    people.items.add("Strategi", owner="dir")
    added = cli("indicator", "add", "1", "--name", "Trivsel", "--unit", "%", "--baseline",
                "60@2026", "--target", "70@2027")
    assert added.output == "1  Trivsel\n"
    measured = cli("indicator", "measure", "1", "Trivsel", "72", "--date", "2027-01-01")
    assert measured.output == "1  Trivsel: foran (forventet 65 %)\n"  # issue 17: Danish
    listing = cli("indicator", "list").output.splitlines()
    assert listing[2].split() == ["1", "Trivsel", "60", "%", "(2026)", "70", "%", "(2027)", "72",
                                  "%", "(01.01.2027)", "foran"]


def test_an_unknown_conversation_exits_2(people: App, cli: Cli) -> None:
    result = cli("conversation", "deliver", "SAMTALE-2027-nobody")
    assert result.exit_code == 2 and "SAMTALE-2027-nobody" in result.stderr


@pytest.mark.parametrize("year", ["-1", "0", "1899", "2100", "99999", "9" * 25])
def test_a_year_outside_the_supported_dates_is_refused_and_writes_nothing(
        people: App, cli: Cli, year: str) -> None:
    people.items.add("Strategi", owner="dir")
    before = counts(people)
    for command in (("conversation", "plan", "--year", year),
                    ("conversation", "list", "--year", year)):
        result = cli(*command)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "--year" in result.stderr and "1900<=x<=2099" in result.stderr
    assert counts(people) == before


def test_a_cadence_beyond_64_bits_is_refused(people: App, cli: Cli) -> None:
    people.items.add("Strategi", owner="dir")
    before = counts(people)
    result = cli("indicator", "add", "1", "--name", "Trivsel", "--baseline", "70@2026",
                 "--target", "80@2028", "--cadence", "9" * 25)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--cadence" in result.stderr
    assert counts(people) == before


def test_the_year_options_span_the_supported_dates() -> None:
    assert (YEARS.min, YEARS.max) == (FIRST_DAY.year, LAST_DAY.year)
