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
    assert "Trivsel: 65 % (01.07.2027), forventet 70 %: bagud" in cli("item", "show", "1").output
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


@pytest.mark.parametrize(("value", "verdict"), [
    (93.15, "on-track"), (92.85, "on-track"), (93.16, "ahead"), (92.84, "behind")])
def test_a_value_exactly_on_the_tolerance_is_on_track(value: float, verdict: str) -> None:
    # Baseline 90, target 93: the tolerance is 5 % of 3 = 0.15 points. In binary floating
    # point 93.15 - 93 is a hair over 0.15, which called it "ahead".
    points = [(2026, 90.0), (2027, 93.0)]
    assert status(points, "up", value, date(2027, 7, 1)) == verdict
    flipped = "ahead" if verdict == "behind" else "behind" if verdict == "ahead" else verdict
    assert status(points, "down", value, date(2027, 7, 1)) == flipped


def _trivsel(people: App) -> None:
    people.items.add("Trivsel")
    people.indicators.add("1", name="Trivsel", unit="%", baseline="60@2026",
                          targets=["70@2027", "80@2028"])


def test_measure_judges_the_value_entered_not_the_latest_one(people: App) -> None:
    _trivsel(people)
    assert people.indicators.measure("1", "Trivsel", "72", date(2027, 7, 1)).status == "ahead"
    earlier = people.indicators.measure("1", "Trivsel", "61", date(2027, 1, 1))
    assert (earlier.status, earlier.value, earlier.on) == ("behind", 61.0, date(2027, 1, 1))
    assert people.indicators.query()[0].status == "ahead"  # the list: the latest measurement


def test_a_second_measurement_on_a_date_replaces_the_first_and_the_audit_keeps_it(
        people: App, cli: Cli) -> None:
    _trivsel(people)
    people.indicators.measure("1", "Trivsel", "65", date(2027, 7, 1))
    again = people.indicators.measure("1", "Trivsel", "72", date(2027, 7, 1))
    assert (again.status, again.replaced) == ("ahead", 65.0)
    assert people.indicators.query()[0].measurements == ((date(2027, 7, 1), 72.0),)
    measured = [e.data for e in people.items.history("1") if e.action == "indicator-measure"]
    assert measured[-1] == {"name": "Trivsel", "value": 72.0, "on": "2027-07-01",
                            "replaced": 65.0}
    assert "replaced" not in measured[0]
    assert cli("audit", "verify").exit_code == 0


def test_the_upgrade_keeps_the_last_of_two_measurements_on_one_date(tmp_path: object) -> None:
    """Databases from before one-per-date may hold two; the upgrade keeps the later one."""
    from pathlib import Path

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    import aarshjul
    from aarshjul.store.db import upgrade

    engine = create_engine(f"sqlite:///{Path(str(tmp_path)) / 'old.db'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(aarshjul.__file__).parent / "migrations"))
    cfg.attributes["engine"] = engine
    command.upgrade(cfg, "0004")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO items (id, ref, sort_key, parent_id, kind, title, "
                          "description, succeskriterier, evaluering, tids_og_handleplan, "
                          "tovholder, workflow_name, workflow_version, state, state_since, "
                          "paused, created_at, version) VALUES (1, '1', '1', NULL, 'strategi', "
                          "'T', '', '', '', '', '', 'strategiproces', 1, 'droeftelse', "
                          "'2027-01-01', 0, '2027-01-01', 1)"))
        conn.execute(text("INSERT INTO indicators (id, item_id, name, unit, direction, "
                          "baseline_value, baseline_year, targets, cadence_months, created_at) "
                          "VALUES (1, 1, 'T', '', 'up', 60, 2026, '{\"2027\": 70}', 12, "
                          "'2027-01-01')"))
        for mid, value in ((1, 65.0), (2, 72.0), (3, 50.0)):
            day = "2027-01-01" if mid == 3 else "2027-07-01"
            conn.execute(text("INSERT INTO measurements (id, indicator_id, value, measured_on, "
                              f"created_at) VALUES ({mid}, 1, {value}, '{day}', '2027-01-01')"))
    upgrade(engine)
    with engine.connect() as conn:
        left = conn.execute(text("SELECT id, value FROM measurements ORDER BY id")).all()
    engine.dispose()
    assert [tuple(r) for r in left] == [(2, 72.0), (3, 50.0)]
