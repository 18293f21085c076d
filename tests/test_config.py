"""The settings file (aarshjul/config.py): every value is checked when the file is read, so a bad
one is refused naming its key (exit 4) instead of failing later in the scheduler."""

from __future__ import annotations

from pathlib import Path

import pytest

from aarshjul.app import App
from aarshjul.config import load
from aarshjul.errors import EnvironmentProblem
from tests.cli import counts
from tests.conftest import Cli


def _file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "aarshjul.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("text", "key"), [
    ('[reminders]\nweekly_time = "7"\n', "reminders.weekly_time"),
    ('[reminders]\nweekly_time = "25:00"\n', "reminders.weekly_time"),
    ('[reminders]\nweekly_time = "syv"\n', "reminders.weekly_time"),
    ("[reminders]\nweekly_day = 9\n", "reminders.weekly_day"),
    ("[reminders]\nweekly_day = -1\n", "reminders.weekly_day"),
    ("[reminders]\nweekly_days_ahead = -1\n", "reminders.weekly_days_ahead"),
    ("[reminders]\nweekly_days_ahead = 99999999999\n", "reminders.weekly_days_ahead"),
    ("[reminders]\ninterval_minutes = 0\n", "reminders.interval_minutes"),
    ("[reminders]\nescalate_after = 9223372036854775807\n", "reminders.escalate_after"),
    ("[calendar]\nhoering_days = 9223372036854775807\n", "calendar.hoering_days"),
    ("[mail]\nport = 0\n", "mail.port"),
    ("[mail]\nport = 70000\n", "mail.port"),
    ("[mail]\ntimeout = 0\n", "mail.timeout"),
])
def test_a_value_out_of_its_range_is_refused_naming_the_key(tmp_path: Path, text: str,
                                                             key: str) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(EnvironmentProblem) as refused:
        load(path)
    assert refused.value.exit_code == 4
    assert f"'{key}'" in refused.value.message() and path in refused.value.message("en")


def test_good_values_are_read_and_a_clock_time_is_written_the_one_way(tmp_path: Path) -> None:
    config = load(_file(tmp_path, '[reminders]\nweekly_time = "7.30"\nweekly_day = 6\n'
                                  "weekly_days_ahead = 0\ninterval_minutes = 1\n"))
    assert (config.reminders.weekly_time, config.reminders.weekly_day) == ("07:30", 6)
    assert (config.reminders.weekly_days_ahead, config.reminders.interval_minutes) == (0, 1)


@pytest.mark.parametrize("text", ['[reminders]\nweekly_time = "7"\n',
                                  "[reminders]\nweekly_day = 9\n"])
def test_the_scheduler_refuses_a_bad_weekly_setting_with_exit_4(
        people: App, db_url: str, tmp_path: Path, text: str) -> None:
    before = counts(people)
    cli = Cli(db_url, config=_file(tmp_path, text))
    for command in (("scheduler", "tick", "--weekly"), ("item", "add", "Strategi")):
        result = cli(*command)
        assert result.exit_code == 4 and "Traceback" not in result.output
        assert "reminders.weekly_" in result.stderr and "aarshjul.toml" in result.stderr
    assert counts(people) == before


def test_a_municipality_s_own_section_applies_under_its_org(tmp_path: Path) -> None:
    """Issue 19: each organisation's rules and settings, from one file."""
    path = _file(tmp_path, '[reminders]\nbefore = [10, 3, 1]\nescalate_after = 3\n'
                           '[mail]\nsender = "Kommunen <a@kommune.dk>"\n'
                           '[organisation.K751.reminders]\nbefore = [15, 5, 1]\n'
                           '[organisation.K751.calendar]\nclosing_days = ["12-24"]\n'
                           '[organisation.K147]\nlang = "en"\n')
    shared, aarhus, other = load(path), load(path, "k751"), load(path, "K147")
    assert shared.reminders.default.before == (10, 3, 1) == other.reminders.default.before
    assert aarhus.reminders.default.before == (15, 5, 1)
    assert aarhus.reminders.default.escalate_after == 3  # the rest as shared
    assert aarhus.closing_days == ("12-24",) and shared.closing_days != ("12-24",)
    assert aarhus.mail.sender == shared.mail.sender
    assert (shared.lang, aarhus.lang, other.lang) == (None, None, "en")


def test_an_unknown_setting_in_a_municipality_s_section_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, '[organisation.K751]\ndb = "sqlite:///x.db"\n')
    with pytest.raises(EnvironmentProblem, match=r"organisation\.K751\.db"):
        load(path)


def test_the_installation_s_administrators_are_read_and_checked(tmp_path: Path) -> None:
    """``[installation] administrators``: who may add and list municipalities (org add/list);
    only at the top of the file, never in a municipality's own section."""
    assert load(_file(tmp_path, '[installation]\nadministrators = [" drift ", "anna"]\n')
                ).administrators == ("drift", "anna")
    assert load(None).administrators == ()
    for wrong in ('[installation]\nadministrators = "drift"\n',
                  '[installation]\nadministrators = ["drift", ""]\n',
                  '[installation]\nadmins = ["drift"]\n',
                  '[organisation.K751.installation]\nadministrators = ["bo"]\n'):
        with pytest.raises(EnvironmentProblem, match=r"installation"):
            load(_file(tmp_path, wrong))
