"""Indicators and strategic conversations on the command line (aarshjul/cli/indicators.py)."""

from __future__ import annotations

from aarshjul.app import App
from tests.conftest import Cli


def test_a_measurement_prints_its_status_against_the_expected_value(people: App,
                                                                    cli: Cli) -> None:
    people.items.add("Strategi", owner="dir")
    added = cli("indicator", "add", "1", "--name", "Trivsel", "--unit", "%", "--baseline",
                "60@2026", "--target", "70@2027")
    assert added.output == "1  Trivsel\n"
    measured = cli("indicator", "measure", "1", "Trivsel", "72", "--date", "2027-01-01")
    assert measured.output == "1  Trivsel: foran (forventet 65.04%)\n"
    listing = cli("indicator", "list").output.splitlines()
    assert listing[2].split() == ["1", "Trivsel", "60%", "(2026)", "70%", "(2027)", "72%",
                                  "(2027-01-01)", "foran"]


def test_an_unknown_conversation_exits_2(people: App, cli: Cli) -> None:
    result = cli("conversation", "deliver", "SAMTALE-2027-nobody")
    assert result.exit_code == 2 and "SAMTALE-2027-nobody" in result.stderr
