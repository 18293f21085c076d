"""Dates and clock times as people write them (one reading for options and for every import), and
calendar arithmetic: adding whole months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aarshjul.dates.public_holidays import holidays_of
from aarshjul.dates.timeutil import (
    FIRST_DAY,
    LAST_DAY,
    add_months,
    local_date,
    parse_clock,
    parse_date,
    parse_datetime,
    read_date,
)
from aarshjul.errors import InvalidInput


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


def test_add_months_keeps_the_day_or_clamps_it_to_the_end_of_a_shorter_month() -> None:
    assert add_months(date(2027, 1, 15), 1) == date(2027, 2, 15)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2027, 3, 31), 1) == date(2027, 4, 30)
    assert add_months(date(2027, 11, 30), 2) == date(2028, 1, 30)
    assert add_months(date(2027, 3, 1), 12) == date(2028, 3, 1)
    assert add_months(date(2027, 1, 31), -2) == date(2026, 11, 30)
    assert add_months(date(2027, 5, 5), 0) == date(2027, 5, 5)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
       st.integers(min_value=-600, max_value=600))
def test_add_months_lands_in_the_right_month_on_the_nearest_day(day: date, months: int) -> None:
    found = add_months(day, months)
    assert found.year * 12 + found.month == day.year * 12 + day.month + months
    next_day = found + timedelta(days=1)
    # The same day of the month, or the month's last day when it has no such day.
    assert found.day == day.day or (found.day < day.day and next_day.month != found.month)


# -- issue 20: dates outside the range the working-day arithmetic can count ---------------------

@pytest.mark.parametrize("text", ["0001-01-01", "1700-06-01", "1770-12-31", "1899-12-31",
                                  "2100-01-01", "9999-12-31"])
def test_parse_date_refuses_a_day_outside_the_supported_range(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_date(text, "--since")
    assert refused.value.key == "input.date_out_of_range"
    assert "--since" in refused.value.message("en") and "1900-01-01" in refused.value.message()


@pytest.mark.parametrize("text", ["0001-01-01", "0001-01-01T00:00", "1899-12-31T23:59",
                                  "9999-12-31T23:59:59", "2100-01-01T00:00+00:00"])
def test_parse_datetime_refuses_a_moment_outside_the_supported_range(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_datetime(text)
    assert refused.value.key == "input.date_out_of_range"
    assert refused.value.exit_code == 2 and "--now" in refused.value.message()


@given(st.dates())
def test_every_date_is_parsed_or_refused_and_a_parsed_one_has_holidays(day: date) -> None:
    """Any ISO date either parses (and its year's working days can be counted) or is refused
    with InvalidInput; never another exception."""
    try:
        parsed = parse_date(day.isoformat())
        moment = parse_datetime(day.isoformat() + "T23:59")
    except InvalidInput:
        assert not FIRST_DAY <= day <= LAST_DAY
        return
    assert parsed == day and FIRST_DAY <= day <= LAST_DAY
    assert local_date(moment) == day
    assert holidays_of(day.year + 1)  # a look-ahead into the next year still has data


@pytest.mark.parametrize("text", ["0001-01-01", "01-01-0001", "31-12-9999", "1899-12-31",
                                  "01.01.2100"])
def test_read_date_takes_no_day_outside_the_supported_range(text: str) -> None:
    """An import refuses such a day as no date, row by row, rather than failing in the
    working-day arithmetic."""
    assert read_date(text) is None
