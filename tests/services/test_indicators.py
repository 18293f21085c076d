"""Indicators: the interpolation rule and the status of a measurement."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aarshjul.app import App
from aarshjul.errors import InvalidInput
from aarshjul.services.indicators import expected, status
from tests.conftest import Cli

POINTS = [(2026, 60.0), (2027, 70.0), (2028, 80.0)]


@pytest.mark.parametrize(("value", "verdict"), [(72, "ahead"), (65, "behind"), (70.5, "on-track")])
def test_the_issue_example_mid_2027(value: float, verdict: str) -> None:
    assert expected(POINTS, date(2027, 7, 1)) == 70.0
    assert status(POINTS, "up", value, date(2027, 7, 1)) == verdict


def test_interpolation_is_linear_between_mid_years_and_flat_outside() -> None:
    assert expected(POINTS, date(2026, 1, 1)) == 60.0
    assert expected(POINTS, date(2030, 1, 1)) == 80.0
    # 183 of the 366 days from 1 July 2027 to 1 July 2028 (a leap year): half way
    assert expected(POINTS, date(2027, 12, 31)) == pytest.approx(75.0)


def test_an_indicator_that_should_go_down() -> None:
    points = [(2026, 20.0), (2028, 10.0)]
    assert status(points, "down", 12.0, date(2027, 7, 1)) == "ahead"
    assert status(points, "down", 18.0, date(2027, 7, 1)) == "behind"


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)))
def test_the_expected_value_stays_between_baseline_and_last_target(on: date) -> None:
    assert 60.0 <= expected(POINTS, on) <= 80.0


def test_indicators_through_the_command_line(people: App, cli: Cli) -> None:
    people.items.add("Trivsel", owner="mette")
    added = cli("indicator", "add", "1", "--name", "Trivsel", "--unit", "%",
                "--baseline", "60@2026", "--target", "70@2027", "--target", "80 %@2028")
    assert added.exit_code == 0, added.output
    result = cli("indicator", "measure", "1", "Trivsel", "72", "--date", "2027-07-01")
    assert result.exit_code == 0 and "foran" in result.output
    listed = json.loads(cli("--json", "indicator", "list").output)
    assert listed[0]["status"] == "ahead" and listed[0]["expected"] == 70.0
    assert cli("indicator", "measure", "1", "Trivsel", "65", "--date", "2027-07-01",
               lang="en").output.startswith("1  Trivsel: behind")
    assert cli("indicator", "measure", "1", "Trivsel", "mange", "--date", "2027-07-01"
               ).exit_code == 2
    assert cli("indicator", "measure", "1", "Ukendt", "5", "--date", "2027-07-01").exit_code == 2
    assert cli("audit", "verify").exit_code == 0


def test_bad_targets_are_refused(people: App) -> None:
    people.items.add("Trivsel")
    with pytest.raises(InvalidInput):
        people.indicators.add("1", name="X", baseline="60@2026", targets=["70@2025"])
    with pytest.raises(InvalidInput):
        people.indicators.add("1", name="X", baseline="60 in 2026", targets=["70@2027"])
    assert people.indicators.query() == []


def test_item_show_includes_the_indicators(people: App, cli: Cli) -> None:
    people.items.add("Trivsel")
    people.indicators.add("1", name="Trivsel", unit="%", baseline="60@2026",
                          targets=["70@2027", "80@2028"])
    people.indicators.measure("1", "Trivsel", "65", date(2027, 7, 1))
    assert "Trivsel: 65% (2027-07-01), forventet 70%: bagud" in cli("item", "show", "1").output
    shown = json.loads(cli("--json", "item", "show", "1").output)
    assert shown["indicators"][0]["status"] == "behind"


def test_a_measurement_is_due_after_the_cadence(people: App) -> None:
    from tests.conftest import app_at

    people.items.add("Trivsel", owner="mette")
    people.indicators.add("1", name="Trivsel", baseline="60@2026", targets=["70@2027"],
                          cadence_months=6)
    people.indicators.measure("1", "Trivsel", "62", date(2027, 1, 31))
    due = [d for d in app_at(people, "2027-07-01").deadlines.due(days=60) if d.kind == "maaling"]
    assert [(d.owner, d.due, d.title) for d in due] == [("mette", date(2027, 7, 31),
                                                         "Trivsel: Trivsel")]
    people.indicators.measure("1", "Trivsel", "66", date(2027, 7, 20))
    assert [d.due for d in app_at(people, "2027-07-21").deadlines.due()
            if d.kind == "maaling"] == [date(2028, 1, 20)]
