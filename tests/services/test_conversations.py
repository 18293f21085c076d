"""Strategic conversations: planned once a year, the plan a deadline with reminders, answers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from aarshjul.app import App
from aarshjul.dates.workdays import WorkingCalendar
from tests.conftest import Cli, app_at


@pytest.fixture
def workplaces(people: App) -> App:
    people.people.add("sara", name="Sara Nielsen", email="sara@kommune.example", manager="mette")
    people.people.add("ali", name="Ali Demir", email="ali@kommune.example", manager="mette")
    people.items.add("Strategi")
    for ref, owner in (("2", "sara"), ("3", "ali")):
        people.items.add(f"Handleplan {owner}", ref=ref, kind="handlemaal", owner=owner)
    return people


def test_plan_schedules_each_workplace_once_on_working_days(workplaces: App, cli: Cli) -> None:
    result = cli("--json", "conversation", "plan", "--year", "2027")
    assert result.exit_code == 0, result.output
    planned = json.loads(result.output)
    assert [(c["id"], c["counterpart"]) for c in planned] == [
        ("SAMTALE-2027-ali", "mette"), ("SAMTALE-2027-sara", "mette")]
    cal = WorkingCalendar()
    for c in planned:
        held, due = date.fromisoformat(c["held_on"]), date.fromisoformat(c["plan_due"])
        assert cal.is_working_day(held) and date(2027, 9, 1) <= held <= date(2027, 10, 31)
        assert cal.working_days_between(due, held) == 10
    again = json.loads(cli("--json", "conversation", "plan", "--year", "2027").output)
    assert again == []


def test_the_strategy_plan_is_a_deadline_until_delivered(workplaces: App, cli: Cli,
                                                         tmp_path: Path) -> None:
    workplaces.conversations.plan(2027, logins=["sara"], start=date(2027, 9, 15),
                                  end=date(2027, 9, 15))
    late = app_at(workplaces, "2027-09-10T09:00")
    [deadline] = [d for d in late.deadlines.due(overdue=True) if d.kind == "samtale"]
    assert (deadline.owner, deadline.meeting, deadline.due) == (
        "sara", "SAMTALE-2027-sara", date(2027, 9, 1))
    assert late.conversations.query()[0].status == "plan-overdue"
    assert cli("conversation", "deliver", "samtale-2027-sara").exit_code == 0
    assert [d for d in late.deadlines.due() if d.kind == "samtale"] == []
    answers = tmp_path / "svar.toml"
    answers.write_text('answers = ["Trivsel", "Læsning", "Sammen med forældre", "PPR"]\n',
                       encoding="utf-8")
    assert cli("conversation", "record", "SAMTALE-2027-sara", "--answers", str(answers)
               ).exit_code == 0
    [view] = workplaces.conversations.query(year=2027)
    assert view.status == "done" and view.answers[3] == "PPR"


def test_answers_must_be_four(workplaces: App, cli: Cli, tmp_path: Path) -> None:
    workplaces.conversations.plan(2027, logins=["sara"])
    answers = tmp_path / "svar.toml"
    answers.write_text('answers = ["Kun et svar"]\n', encoding="utf-8")
    result = cli("conversation", "record", "SAMTALE-2027-sara", "--answers", str(answers))
    assert result.exit_code == 2 and "Hvem rækker vi ud til" in result.stderr
    assert workplaces.conversations.query()[0].recorded is False


def test_the_leader_is_reminded_of_the_strategy_plan(workplaces: App, tmp_path: Path) -> None:
    from tests.notifications.conftest import body_text, maildir_config, read_maildir, with_config

    workplaces.conversations.plan(2027, logins=["sara"], start=date(2027, 9, 15),
                                  end=date(2027, 9, 15))
    folder = tmp_path / "mail"
    app = with_config(app_at(workplaces, "2027-08-31T08:00"),
                      maildir_config(folder, stalled_after=0))
    assert app.outbox.run().sent == 1
    [message] = read_maildir(folder)
    assert message["To"] == "sara@kommune.example"
    assert "strategisk samtale" in body_text(message)  # named, not by its id (issue 17)
