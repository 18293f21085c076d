"""Workplaces and their own bodies: ``item spawn --book-on`` (aarshjul/services/workplaces.py)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from aarshjul.app import App
from tests.cli import counts
from tests.conftest import Cli


@pytest.fixture
def schools(people: App) -> App:
    """Two schools, each with its own LMU and leader; item 1 in udmøntning."""
    for login, school in (("sara", "Skole A"), ("ali", "Skole B")):
        key = school.split()[-1]
        people.people.add(login, name=login.title(), email=f"{login}@kommune.example",
                          manager="mette", workplace=f"skole-{key.lower()}")
        people.meetings.add_body(f"LMU-SKOLE{key}", name=f"LMU {school}", deadline_days=5,
                                 workplace=f"Skole-{key}")
    people.meetings.add("LMU-SKOLEA", date(2027, 3, 3))   # sagsfrist already passed
    people.meetings.add("LMU-SKOLEA", date(2027, 3, 17))
    people.meetings.add("LMU-SKOLEB", date(2027, 4, 7))
    people.items.add("Børne- og ungestrategi", owner="dir")
    while people.items.show("1").state != "udmoentning":
        people.moves.advance(["1"], force=True, reason="test", decision="Godkendt")
    return people


def test_each_handleplan_is_booked_on_its_own_workplaces_lmu(schools: App, cli: Cli) -> None:
    result = cli("--json", "item", "spawn", "1", "--for", "sara", "--for", "ali",
                 "--book-on", "lmu")
    assert result.exit_code == 0, result.output
    spawned = json.loads(result.output)
    assert [(p["item"]["owner"], p["workplace"], p["meeting"]) for p in spawned] == [
        ("sara", "skole-a", "LMU-SKOLEA-2027-03-17"), ("ali", "skole-b", "LMU-SKOLEB-2027-04-07")]
    bookings = {b.ref: (b.meeting, b.state, b.deadline) for b in schools.meetings.bookings()}
    assert bookings["1.1"] == ("LMU-SKOLEA-2027-03-17", "planlagt", date(2027, 3, 10))
    assert bookings["1.2"][0] == "LMU-SKOLEB-2027-04-07"
    assert [b.key for b in schools.meetings.bodies() if b.workplace == "skole-a"] == [
        "LMU-SKOLEA"]


@pytest.mark.parametrize(("prepare", "da", "en"), [
    (lambda a: a.people.edit("ali", workplace=""), "hører ikke til nogen arbejdsplads",
     "belongs to no workplace"),
    (lambda a: a.people.edit("ali", workplace="skole-c"), "har intet LMU", "has no LMU"),
    (lambda a: a.meetings.cancel("LMU-SKOLEB-2027-04-07"), "intet kommende møde",
     "no coming meeting"),
])
def test_a_workplace_without_its_own_body_or_meeting_refuses_the_whole_spawn(
        schools: App, cli: Cli, prepare: object, da: str, en: str) -> None:
    prepare(schools)  # type: ignore[operator]
    before = counts(schools)
    argv = ("item", "spawn", "1", "--for", "sara", "--for", "ali", "--book-on", "LMU")
    danish = cli(*argv)
    assert danish.exit_code == 2 and da in danish.stderr, danish.output
    english = cli(*argv, lang="en")
    assert english.exit_code == 2 and en in english.stderr
    assert counts(schools) == before  # sara's plan is not created either


def test_people_and_bodies_carry_their_workplace(schools: App, cli: Cli) -> None:
    assert cli("person", "edit", "sara", "--workplace", "Skole  C").exit_code == 0
    assert [p.workplace for p in schools.people.all() if p.login == "sara"] == ["skole-c"]
    assert cli("body", "add", "LMU-SKOLEC", "--name", "LMU Skole C", "--deadline-days", "5",
               "--workplace", "skole-c").exit_code == 0
    assert "LMU Skole C (skole-c)" in cli("body", "list").output
    assert cli("person", "edit", "sara", "--workplace", "").exit_code == 0
    assert [p.workplace for p in schools.people.all() if p.login == "sara"] == [None]
