"""Dates and clock times as people write them: one reading for options and for every import."""

from __future__ import annotations

from datetime import date

import pytest

from aarshjul.dates.timeutil import parse_clock, read_date


@pytest.mark.parametrize(("text", "clock"), [
    ("09:30", "09:30"), ("9:30", "09:30"), (" 16.00 ", "16:00"), ("0:00", "00:00"),
    ("23:59", "23:59"), ("24:00", None), ("12:60", None), ("930", None), ("9:3", None),
    ("16:00:00", None), ("", None), ("kl. 9", None), ("123:00", None),
])
def test_parse_clock(text: str, clock: str | None) -> None:
    assert parse_clock(text) == clock


@pytest.mark.parametrize(("text", "day"), [
    ("2027-09-14", date(2027, 9, 14)), ("14-09-2027", date(2027, 9, 14)),
    ("14.09.2027", date(2027, 9, 14)), ("14/09/2027", date(2027, 9, 14)),
    ("1-9-2027", date(2027, 9, 1)), (" 2027-09-14 ", date(2027, 9, 14)),
    ("31-02-2027", None), ("2027-02-31", None), ("14-09-27", None), ("", None),
    ("i morgen", None),
])
def test_read_date(text: str, day: date | None) -> None:
    assert read_date(text) == day
