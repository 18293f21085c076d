"""The årshjul's meetings: adding, moving and cancelling them, and bookings with their
sagsfrister."""

from __future__ import annotations

from datetime import date

import pytest

from aarshjul.app import App
from aarshjul.errors import InvalidInput
from tests.conftest import Cli, counted_statements


def test_meeting_add_takes_a_time_the_way_an_import_file_does(app: App, cli: Cli) -> None:
    """``--time 9:30`` was refused while a file with 9:30 was accepted: one clock parser now."""
    result = cli("meeting", "add", "BUU", "2027-09-14", "--time", "9:30")
    assert result.exit_code == 0, result.output
    assert app.meetings.add("OMU", date(2027, 9, 15), time="16.00").time == "16:00"
    times = {m.id: m.time for m in app.meetings.query()}
    assert times == {"BUU-2027-09-14": "09:30", "OMU-2027-09-15": "16:00"}


@pytest.mark.parametrize("value", ["25:00", "9", "kl. 9", "09:30:00"])
def test_meeting_add_refuses_what_is_no_time_of_day(app: App, cli: Cli, value: str) -> None:
    result = cli("meeting", "add", "BUU", "2027-09-14", "--time", value)
    assert result.exit_code == 2
    assert f'--time "{value}" er ikke et klokkeslæt' in result.stderr
    with pytest.raises(InvalidInput):
        app.meetings.add("BUU", date(2027, 9, 14), time=value)
    assert app.meetings.query() == []


@pytest.mark.parametrize(("day", "why"), [
    ("2027-03-20", "en lørdag"), ("2027-03-21", "en søndag"), ("2027-03-29", "påskedag"),
    ("2027-12-24", "lukkedag")])
def test_a_meeting_on_a_closed_day_needs_force(app: App, cli: Cli, day: str, why: str) -> None:
    refused = cli("meeting", "add", "BUU", day)
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert why.lower() in refused.output.lower() and "--force" in refused.output
    assert app.meetings.query() == []  # nothing written
    assert "--force" in cli("meeting", "add", "BUU", day, lang="en").output
    forced = cli("meeting", "add", "BUU", day, "--force")
    assert forced.exit_code == 0 and forced.output.strip() == f"BUU-{day}"


def test_moving_a_meeting_to_a_closed_day_needs_force(app: App, cli: Cli) -> None:
    app.meetings.add("BUU", date(2027, 3, 19))
    refused = cli("meeting", "move", "BUU-2027-03-19", "2027-03-20")
    assert refused.exit_code == 2
    assert "Lørdag den 20. marts 2027 er ikke en arbejdsdag" in refused.output
    assert "næste arbejdsdag er mandag den 22. marts 2027" in refused.output.lower()
    assert app.meetings.query()[0].date == date(2027, 3, 19)
    with pytest.raises(InvalidInput):
        app.meetings.move("BUU-2027-03-19", date(2027, 1, 1))
    app.meetings.move("BUU-2027-03-19", date(2027, 3, 20), force=True)
    assert app.meetings.query()[0].date == date(2027, 3, 20)


def test_a_configured_closing_day_is_closed_for_meetings_too(app: App) -> None:
    # 5 June (Grundlovsdag) is among the usual closing days; 2029-06-05 is a Tuesday.
    with pytest.raises(InvalidInput) as info:
        app.meetings.add("BUU", date(2029, 6, 5))
    assert "5. juni 2029" in info.value.message("da")


def test_a_body_nothing_refers_to_can_be_removed(app: App, cli: Cli) -> None:
    app.meetings.add_body("TEMA", name="Temamøde i byrådet", deadline_days=0)
    result = cli("body", "remove", "Tema")
    assert result.exit_code == 0 and "TEMA er fjernet" in result.output
    assert "TEMA" not in [b.key for b in app.meetings.bodies()]
    assert cli("audit", "verify").exit_code == 0


def test_a_body_in_use_is_not_removed(app: App, cli: Cli) -> None:
    refused = cli("body", "remove", "BUU")
    assert refused.exit_code == 2 and "strategiproces v1" in refused.output
    app.meetings.add_body("TEMA", name="Temamøde i byrådet", deadline_days=0)
    app.meetings.add("TEMA", date(2027, 3, 18))
    refused = cli("body", "remove", "TEMA", lang="en")
    assert refused.exit_code == 2 and "in use: 1 meeting in" in refused.output
    assert {"BUU", "TEMA"} <= {b.key for b in app.meetings.bodies()}
    assert cli("body", "remove", "NOPE").exit_code == 2


def test_listing_meetings_is_a_fixed_number_of_queries_whatever_the_bodies_and_bookings(
        people: App) -> None:
    """The årshjul and ``meeting list`` read every meeting with its body and its booking counts
    in a fixed number of statements: none per body (the body comes with its meeting) and none
    per booking; and only the listed meetings' bookings are counted."""
    app = people
    app.meetings.add("OMU", date(2027, 3, 24))

    def listed() -> tuple[int, list[tuple[str, int, int]]]:
        with counted_statements(app.db.engine) as seen:
            views = app.meetings.query(start=date(2027, 3, 1), end=date(2027, 12, 31))
        return len(seen), [(v.id, v.booked, v.orientations) for v in views]

    few, _ = listed()
    for n, body in enumerate(("BUU", "KB", "LMU", "OEK")):
        app.meetings.add(body, date(2027, 4, 5 + n))
    app.meetings.add("BUU", date(2026, 11, 2))  # before the window: its bookings are not counted
    for k in range(1, 4):
        app.items.add(f"Punkt {k}", owner="mette")
        app.meetings.book(str(k), "OMU-2027-03-24", orientation=k == 3)
        app.meetings.book(str(k), "BUU-2026-11-02")
    many, views = listed()
    assert few == many
    assert ("OMU-2027-03-24", 2, 1) in views and len(views) == 5
