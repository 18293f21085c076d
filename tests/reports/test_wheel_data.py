"""What the wheel shows (aarshjul/reports/wheel_data.py): the window's meetings, open bookings."""

from __future__ import annotations

from datetime import date

from aarshjul.app import App
from aarshjul.reports.wheel_data import WheelData, angle_of, wheel_data
from tests.conftest import app_at


def test_wheel_data_has_the_windows_meetings_and_only_open_coming_bookings(
        people: App) -> None:
    app = people
    m = app.meetings
    held = m.add("BUU", date(2027, 3, 8)).id
    coming = m.add("BUU", date(2027, 4, 5)).id
    kb = m.add("KB", date(2027, 5, 26)).id
    gone = m.add("OMU", date(2027, 4, 14)).id
    m.add("BUU", date(2028, 3, 6))  # after the window
    m.add("BUU", date(2027, 2, 1))  # before the window
    for ref in ("1", "2", "3", "4"):
        app.items.add(f"Strategi {ref}", ref=ref, owner="mette")
    m.book("1", held)
    m.book("1", coming)
    m.book("1", kb)
    m.book("2", gone)
    m.book("3", coming)
    m.book("4", coming)
    m.cancel(gone)
    app.moves.withdraw("3", reason="Indgår i 1")  # its booking is moot

    later = app_at(app, "2027-03-20T09:00")
    data = wheel_data(later.db, later.ctx)
    assert (data.year_start, data.today) == (date(2027, 3, 1), date(2027, 3, 20))
    assert [r.key for r in data.rings] == ["OMU", "BUU", "KB"]  # the process order
    buu = {x.code: x for x in data.rings[1].meetings}
    assert set(buu) == {held, coming}
    assert buu[held].booked == 1  # held: what was on its agenda
    assert buu[coming].booked == 2  # coming: the open bookings (3 was withdrawn)
    assert data.rings[0].meetings[0].cancelled
    assert [(b.ref, b.meeting) for b in data.bookings] == [
        ("1", coming), ("4", coming), ("1", kb)]
    assert data.bookings[2].deadline < date(2027, 5, 26)
    assert data.bookings[0].title == "Strategi 1"


def test_wheel_data_from_a_given_month(app: App) -> None:
    app.meetings.add("KB", date(2027, 1, 27))
    data = wheel_data(app.db, app.ctx, start=date(2027, 1, 15))
    assert data.year_start == date(2027, 1, 1) and data.year_end == date(2028, 1, 1)
    assert [x.day for r in data.rings for x in r.meetings] == [date(2027, 1, 27)]


def test_angles_are_the_share_of_the_windows_days_before_a_day() -> None:
    data = WheelData(year_start=date(2027, 1, 1), today=date(2027, 1, 1), rings=(), bookings=())
    assert angle_of(data, date(2027, 1, 1)) == 0.0
    assert angle_of(data, date(2027, 7, 2)) == 360.0 * 182 / 365
    assert angle_of(data, date(2028, 1, 1)) == 360.0
    leap = WheelData(year_start=date(2027, 3, 1), today=date(2027, 3, 1), rings=(), bookings=())
    assert leap.year_end == date(2028, 3, 1) and angle_of(leap, date(2027, 9, 1)) == (
        360.0 * 184 / 366)
