"""Strategic conversations: planned once a year, the plan a deadline with reminders, answers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from aarshjul.app import App
from aarshjul.dates.workdays import WorkingCalendar
from tests.cli import counts
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
    assert cli("conversation", "record", "SAMTALE-2027-sara", "--answers", str(answers),
               now="2027-09-15T12:00").exit_code == 0
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


# -- time, place, participants; move, cancel; the calendar; no recording before (point 7) -------


def _planned(app: App) -> App:
    app.conversations.plan(2027, logins=["sara"], start=date(2027, 9, 15), end=date(2027, 9, 15))
    return app


def test_time_place_and_participants_are_kept_and_shown(workplaces: App, cli: Cli) -> None:
    _planned(workplaces)
    result = cli("conversation", "edit", "SAMTALE-2027-sara", "--time", "9.30", "--place",
                 "Skole A,  lokale 2", "--participant", "Sara Nielsen", "--participant",
                 "Mette Holm")
    assert result.exit_code == 0, result.output
    view = workplaces.conversations.show("SAMTALE-2027-sara")
    assert (view.time, view.place, view.participants) == (
        "09:30", "Skole A, lokale 2", ("Sara Nielsen", "Mette Holm"))
    shown = cli("conversation", "show", "SAMTALE-2027-sara").output
    assert "15. september 2027 kl. 09:30" in shown and "Mette Holm" in shown
    assert "Skole A, lokale 2" in cli("conversation", "list").output
    assert cli("conversation", "edit", "SAMTALE-2027-sara", "--time", "25:00").exit_code == 2


def test_a_move_takes_the_plans_deadline_along_and_a_closed_day_is_refused(
        workplaces: App, cli: Cli) -> None:
    _planned(workplaces)
    assert cli("conversation", "move", "SAMTALE-2027-sara", "2027-10-05", "--time",
               "13:00").exit_code == 0
    view = workplaces.conversations.show("SAMTALE-2027-sara")
    assert (view.held_on, view.time) == (date(2027, 10, 5), "13:00")
    assert WorkingCalendar().working_days_between(view.plan_due, view.held_on) == 10
    before = counts(workplaces)
    sunday = cli("conversation", "move", "SAMTALE-2027-sara", "2027-10-10")
    assert sunday.exit_code == 2 and "ikke en arbejdsdag" in sunday.stderr
    assert "not a working day" in cli("conversation", "move", "SAMTALE-2027-sara",
                                      "2027-10-10", lang="en").stderr
    assert counts(workplaces) == before


def test_a_cancelled_conversation_has_no_deadline_and_takes_no_answers(
        workplaces: App, cli: Cli, tmp_path: Path) -> None:
    _planned(workplaces)
    late = app_at(workplaces, "2027-09-10T09:00")
    assert [d for d in late.deadlines.due(overdue=True) if d.kind == "samtale"]
    assert cli("conversation", "cancel", "SAMTALE-2027-sara", "--reason",
               "Ny skoleleder").exit_code == 0
    assert [d for d in late.deadlines.due(overdue=True) if d.kind == "samtale"] == []
    assert workplaces.conversations.show("SAMTALE-2027-sara").status == "cancelled"
    answers = tmp_path / "svar.toml"
    answers.write_text('answers = ["a", "b", "c", "d"]\n', encoding="utf-8")
    result = cli("conversation", "record", "SAMTALE-2027-sara", "--answers", str(answers),
                 now="2027-09-20T10:00")
    assert result.exit_code == 1 and "aflyst" in result.stderr
    assert cli("conversation", "move", "SAMTALE-2027-sara", "2027-10-05").exit_code == 1


def test_answers_are_refused_before_the_conversation_has_begun(workplaces: App, cli: Cli,
                                                               tmp_path: Path) -> None:
    _planned(workplaces)
    workplaces.conversations.edit("SAMTALE-2027-sara", time="10:00")
    answers = tmp_path / "svar.toml"
    answers.write_text('answers = ["Trivsel", "Læsning", "Sammen", "PPR"]\n'
                       'agenda = ["Alle i fællesskab", "Læsebånd", "Mere tid til PPR"]\n',
                       encoding="utf-8")
    argv = ("conversation", "record", "SAMTALE-2027-sara", "--answers", str(answers))
    before = counts(workplaces)
    for moment in ("2027-09-14T12:00", "2027-09-15T09:59"):
        danish = cli(*argv, now=moment)
        assert danish.exit_code == 1 and "holdes først" in danish.stderr, danish.output
        english = cli(*argv, now=moment, lang="en")
        assert english.exit_code == 1 and "is not held until" in english.stderr
    assert counts(workplaces) == before
    assert cli(*argv, now="2027-09-15T10:00").exit_code == 0
    view = workplaces.conversations.show("SAMTALE-2027-sara")
    assert view.agenda == ("Alle i fællesskab", "Læsebånd", "Mere tid til PPR")
    shown = cli("conversation", "show", "SAMTALE-2027-sara").output
    assert "Hvem rækker vi ud til på tværs?\n    PPR" in shown
    assert "Idéer til det politiske niveau\n    Mere tid til PPR" in shown
    report = cli("report", "status", now="2027-09-16T10:00").output
    assert "Hvad skal vi lykkes med? Trivsel" in report
    assert "Idéer til det politiske niveau: Mere tid til PPR" in report
    assert "Ideas for the political level: Mere tid til PPR" in cli(
        "report", "status", now="2027-09-16T10:00", lang="en").output


def test_conversations_are_events_in_the_calendar(workplaces: App, cli: Cli,
                                                  tmp_path: Path) -> None:
    from icalendar import Calendar

    _planned(workplaces)
    workplaces.conversations.edit("SAMTALE-2027-sara", time="09:00", place="Skole A")
    path = tmp_path / "aarshjul.ics"
    assert cli("calendar", "export", str(path)).exit_code == 0
    events = {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    event = events["meeting-SAMTALE-2027-sara@aarshjul"]
    assert str(event["SUMMARY"]) == "Strategisk samtale: Sara Nielsen – Mette Holm"
    assert str(event["LOCATION"]) == "Skole A"
    assert event.decoded("DTSTART").isoformat() == "2027-09-15T09:00:00+02:00"
    workplaces.conversations.cancel("SAMTALE-2027-sara", reason="Syg")
    assert cli("calendar", "export", str(path)).exit_code == 0
    events = {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    assert str(events["meeting-SAMTALE-2027-sara@aarshjul"]["STATUS"]) == "CANCELLED"
