"""Reminders on the command line (aarshjul/cli/reminders.py): the rules, the outbox, a retry."""

from __future__ import annotations

import pytest

from aarshjul.app import App
from tests.cli import counts
from tests.conftest import Cli


def test_the_rules_are_shown_from_the_configuration(cli: Cli) -> None:
    lines = cli("remind", "rules").output.splitlines()
    assert lines[0].split()[:2] == ["Organ", "Tilstand"]
    assert lines[2].split() == ["alle", "alle", "10,", "3,", "1", "hver", "arbejdsdag", "3"]
    assert lines[-1] == ("Stillestående punkter: ingen får besked, for der er intet sekretariat "
                         "i konfigurationen ([reminders] secretariat).")
    english = cli("remind", "rules", lang="en").output.splitlines()
    assert english[0].split()[:2] == ["Body", "State"]
    assert english[2].split()[:2] == ["all", "all"]


def test_an_empty_outbox_lists_nothing_and_retries_nothing(people: App, cli: Cli) -> None:
    assert cli("outbox", "list").output.splitlines()[0].split() == [  # labels (issue 17)
        "Status", "Til", "Påmindelse", "Nr.", "Sendt", "Fejl"]
    assert cli("outbox", "retry").output == "0 påmindelser sendes ved næste kørsel.\n"
    assert cli("remind", "--dry-run").output == "(ingen)\n"


@pytest.mark.parametrize("limit", ["0", "-1", "9" * 25])
def test_a_limit_that_is_no_count_is_refused(cli: Cli, limit: str) -> None:
    result = cli("outbox", "list", "--limit", limit)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--limit" in result.stderr


@pytest.mark.parametrize("interval", ["-1", "0", "nan", "NaN", "inf", "-inf", "1e400", "20000"])
def test_an_interval_that_is_no_span_of_minutes_is_refused(people: App, cli: Cli,
                                                           interval: str) -> None:
    before = counts(people)
    result = cli("scheduler", "run", "--interval", interval)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "--interval" in result.stderr
    assert counts(people) == before
