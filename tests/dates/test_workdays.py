"""Tests for Danish working-day arithmetic: concrete dates checked by hand against the real
calendar, plus properties that must hold for every date the tracker can meet."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from holidays import country_holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from aarshjul.dates.workdays import (
    CLOSING_DAY_NAME,
    DEFAULT_CLOSING_DAYS,
    WorkingCalendar,
    parse_closing_days,
)

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

DEFAULT = WorkingCalendar()
NO_CLOSING_DAYS = WorkingCalendar(closing_days=())

# --------------------------------------------------------------------------------------------
# Hand-checked dates. Each stated weekday is asserted in test_stated_weekdays, so a slip in the
# hand calculation shows up as a failure there rather than as a wrong expectation elsewhere.
# --------------------------------------------------------------------------------------------

STATED_WEEKDAYS = [
    # Easter 2027: Påskedag is Sunday 28 March.
    (date(2027, 3, 18), THU),
    (date(2027, 3, 23), TUE),
    (date(2027, 3, 24), WED),
    (date(2027, 3, 25), THU),  # Skærtorsdag
    (date(2027, 3, 26), FRI),  # Langfredag
    (date(2027, 3, 27), SAT),
    (date(2027, 3, 28), SUN),  # Påskedag
    (date(2027, 3, 29), MON),  # Anden påskedag
    (date(2027, 3, 30), TUE),
    # Kristi himmelfart 2027 = Easter + 39 days; Pinse = Easter + 49/50 days.
    (date(2027, 5, 5), WED),
    (date(2027, 5, 6), THU),  # Kristi himmelfartsdag
    (date(2027, 5, 7), FRI),
    (date(2027, 5, 10), MON),
    (date(2027, 5, 14), FRI),
    (date(2027, 5, 16), SUN),  # Pinsedag
    (date(2027, 5, 17), MON),  # Anden pinsedag
    (date(2027, 5, 18), TUE),
    # Grundlovsdag 2025 and Pinse 2025 (Easter 2025 is 20 April).
    (date(2025, 6, 4), WED),
    (date(2025, 6, 5), THU),  # Grundlovsdag
    (date(2025, 6, 6), FRI),
    (date(2025, 6, 9), MON),  # Anden pinsedag
    (date(2025, 6, 10), TUE),
    # Kristi himmelfart 2025.
    (date(2025, 5, 28), WED),
    (date(2025, 5, 29), THU),  # Kristi himmelfartsdag
    (date(2025, 5, 30), FRI),
    (date(2025, 6, 2), MON),
    # Christmas / New Year 2025-26.
    (date(2025, 12, 23), TUE),
    (date(2025, 12, 24), WED),  # juleaften
    (date(2025, 12, 25), THU),  # Juledag
    (date(2025, 12, 26), FRI),  # Anden juledag
    (date(2025, 12, 29), MON),
    (date(2025, 12, 30), TUE),
    (date(2025, 12, 31), WED),  # nytårsaften
    (date(2026, 1, 1), THU),  # Nytårsdag
    (date(2026, 1, 2), FRI),
    (date(2027, 12, 25), SAT),  # Juledag on a Saturday
    # Store bededag: 4th Friday after Easter; abolished from 2024.
    (date(2023, 5, 4), THU),
    (date(2023, 5, 5), FRI),  # Store bededag 2023 (Easter 9 April)
    (date(2023, 5, 8), MON),
    (date(2024, 4, 26), FRI),  # would-be Store bededag 2024 (Easter 31 March)
    (date(2025, 5, 16), FRI),  # would-be Store bededag 2025 (Easter 20 April)
    (date(2025, 5, 19), MON),
]


@pytest.mark.parametrize(("d", "weekday"), STATED_WEEKDAYS)
def test_stated_weekdays(d: date, weekday: int) -> None:
    assert d.weekday() == weekday


@pytest.mark.parametrize(
    ("d", "name"),
    [
        (date(2027, 3, 25), "Skærtorsdag"),
        (date(2027, 3, 26), "Langfredag"),
        (date(2027, 3, 28), "Påskedag"),
        (date(2027, 3, 29), "Anden påskedag"),
        (date(2027, 5, 6), "Kristi himmelfartsdag"),
        (date(2027, 5, 16), "Pinsedag"),
        (date(2027, 5, 17), "Anden pinsedag"),
        (date(2025, 12, 25), "Juledag"),
        (date(2025, 12, 26), "Anden juledag"),
        (date(2026, 1, 1), "Nytårsdag"),
        (date(2023, 5, 5), "Store bededag"),
        (date(2025, 6, 5), CLOSING_DAY_NAME),
        (date(2025, 12, 24), CLOSING_DAY_NAME),
        (date(2025, 12, 31), CLOSING_DAY_NAME),
    ],
)
def test_holidays_and_closing_days_are_closed_and_named(d: date, name: str) -> None:
    assert not DEFAULT.is_working_day(d)
    assert DEFAULT.holiday_name(d) == name


def test_holiday_on_weekend_is_still_named_but_plain_weekend_is_not() -> None:
    assert DEFAULT.holiday_name(date(2027, 12, 25)) == "Juledag"  # a Saturday
    assert DEFAULT.holiday_name(date(2027, 3, 27)) is None  # the Saturday of Easter
    assert not DEFAULT.is_working_day(date(2027, 3, 27))


@pytest.mark.parametrize(
    "d",
    [
        date(2027, 3, 24),
        date(2027, 3, 30),
        date(2027, 5, 7),  # Friday after Kristi himmelfart: not a public holiday
        date(2025, 12, 23),
        date(2025, 12, 29),
        date(2025, 12, 30),
        date(2026, 1, 2),
    ],
)
def test_ordinary_weekdays_are_working_days(d: date) -> None:
    assert DEFAULT.is_working_day(d)
    assert DEFAULT.holiday_name(d) is None


def test_meeting_after_easter_2027() -> None:
    meeting = date(2027, 3, 30)  # Tuesday after Anden påskedag
    # Counting back: Mon 29 (Anden påskedag), Sun 28, Sat 27, Fri 26 (Langfredag),
    # Thu 25 (Skærtorsdag) are all closed, so the previous working day is Wed 24.
    assert DEFAULT.working_days_before(meeting, 1) == date(2027, 3, 24)
    assert DEFAULT.working_days_before(meeting, 2) == date(2027, 3, 23)
    # Wed 24 (1), Tue 23 (2), Mon 22 (3), Fri 19 (4), Thu 18 (5).
    assert DEFAULT.working_days_before(meeting, 5) == date(2027, 3, 18)
    assert DEFAULT.working_days_between(date(2027, 3, 24), meeting) == 1
    assert DEFAULT.add_working_days(date(2027, 3, 24), 1) == meeting


def test_zero_days_snaps_to_a_working_day() -> None:
    easter_saturday = date(2027, 3, 27)
    assert DEFAULT.working_days_before(easter_saturday, 0) == date(2027, 3, 24)
    assert DEFAULT.working_days_before(date(2027, 3, 24), 0) == date(2027, 3, 24)
    assert DEFAULT.add_working_days(easter_saturday, 0) == date(2027, 3, 30)
    assert DEFAULT.add_working_days(date(2027, 3, 30), 0) == date(2027, 3, 30)
    assert DEFAULT.next_working_day(date(2027, 3, 25)) == date(2027, 3, 30)
    assert DEFAULT.next_working_day(date(2027, 3, 30)) == date(2027, 3, 30)


def test_kristi_himmelfart_2027() -> None:
    # Mon 10 May: Fri 7 (1), Thu 6 is Kristi himmelfartsdag, Wed 5 (2).
    assert DEFAULT.working_days_before(date(2027, 5, 10), 2) == date(2027, 5, 5)
    assert DEFAULT.add_working_days(date(2027, 5, 5), 1) == date(2027, 5, 7)


def test_pinse_2027() -> None:
    # Tue 18 May: Mon 17 is Anden pinsedag, Sun 16 Pinsedag, Sat 15, so Fri 14.
    assert DEFAULT.working_days_before(date(2027, 5, 18), 1) == date(2027, 5, 14)
    assert DEFAULT.add_working_days(date(2027, 5, 14), 1) == date(2027, 5, 18)


def test_grundlovsdag_is_a_closing_day_by_default_only() -> None:
    grundlovsdag = date(2025, 6, 5)
    assert not DEFAULT.is_working_day(grundlovsdag)
    assert NO_CLOSING_DAYS.is_working_day(grundlovsdag)
    assert NO_CLOSING_DAYS.holiday_name(grundlovsdag) is None

    assert DEFAULT.working_days_before(date(2025, 6, 6), 1) == date(2025, 6, 4)
    assert NO_CLOSING_DAYS.working_days_before(date(2025, 6, 6), 1) == grundlovsdag
    # From Wed 4 June: Thu 5 closed, Fri 6 (1), weekend, Mon 9 Anden pinsedag, Tue 10 (2).
    assert DEFAULT.add_working_days(date(2025, 6, 4), 2) == date(2025, 6, 10)
    assert NO_CLOSING_DAYS.add_working_days(date(2025, 6, 4), 2) == date(2025, 6, 6)


def test_christmas_and_new_year_2025() -> None:
    lillejuleaftensdag = date(2025, 12, 23)
    # 24 closed, 25-26 holidays, 27-28 weekend, Mon 29 (1), Tue 30 (2), 31 closed,
    # 1 Jan Nytårsdag, Fri 2 Jan (3).
    assert DEFAULT.add_working_days(lillejuleaftensdag, 1) == date(2025, 12, 29)
    assert DEFAULT.add_working_days(lillejuleaftensdag, 3) == date(2026, 1, 2)
    assert DEFAULT.working_days_between(lillejuleaftensdag, date(2026, 1, 2)) == 3
    assert DEFAULT.working_days_between(date(2026, 1, 2), lillejuleaftensdag) == -3
    assert DEFAULT.working_days_before(date(2026, 1, 2), 1) == date(2025, 12, 30)
    # Without closing days juleaften and nytårsaften are ordinary Wednesdays: 24, 29, 30, 31, 2.
    assert NO_CLOSING_DAYS.add_working_days(lillejuleaftensdag, 1) == date(2025, 12, 24)
    assert NO_CLOSING_DAYS.working_days_between(lillejuleaftensdag, date(2026, 1, 2)) == 5


def test_store_bededag_is_a_holiday_in_2023_but_not_from_2024() -> None:
    assert not DEFAULT.is_working_day(date(2023, 5, 5))
    assert DEFAULT.working_days_before(date(2023, 5, 8), 1) == date(2023, 5, 4)

    for would_be_store_bededag in (date(2024, 4, 26), date(2025, 5, 16)):
        assert DEFAULT.is_working_day(would_be_store_bededag)
        assert DEFAULT.holiday_name(would_be_store_bededag) is None
    assert DEFAULT.working_days_before(date(2025, 5, 19), 1) == date(2025, 5, 16)


def test_extra_closed_dates() -> None:
    calendar = WorkingCalendar(extra_closed=frozenset({date(2025, 5, 30)}))
    assert not calendar.is_working_day(date(2025, 5, 30))
    assert calendar.holiday_name(date(2025, 5, 30)) == CLOSING_DAY_NAME
    # Mon 2 June: weekend, Fri 30 extra closed, Thu 29 Kristi himmelfartsdag, so Wed 28.
    assert calendar.working_days_before(date(2025, 6, 2), 1) == date(2025, 5, 28)
    assert DEFAULT.working_days_before(date(2025, 6, 2), 1) == date(2025, 5, 30)


def test_calendar_normalises_collections_so_it_stays_hashable() -> None:
    calendar = WorkingCalendar(
        closing_days=[(6, 5)],  # type: ignore[arg-type]
        extra_closed={date(2025, 5, 30)},  # type: ignore[arg-type]
    )
    assert calendar == WorkingCalendar(((6, 5),), frozenset({date(2025, 5, 30)}))
    assert hash(calendar) == hash(WorkingCalendar(((6, 5),), frozenset({date(2025, 5, 30)})))


def test_calendar_rejects_impossible_closing_day() -> None:
    with pytest.raises(ValueError, match="no day 30"):
        WorkingCalendar(closing_days=((2, 30),))
    with pytest.raises(ValueError, match="month 13"):
        WorkingCalendar(closing_days=((13, 1),))


@pytest.mark.parametrize("n", [-1, -60])
def test_negative_counts_are_rejected(n: int) -> None:
    with pytest.raises(ValueError, match=">= 0"):
        DEFAULT.working_days_before(date(2027, 3, 30), n)
    with pytest.raises(ValueError, match=">= 0"):
        DEFAULT.add_working_days(date(2027, 3, 30), n)


def test_datetimes_are_rejected() -> None:
    # A datetime never equals a date key, so it would silently miss every holiday.
    langfredag_morning = datetime(2027, 3, 26, 9, 0)
    with pytest.raises(TypeError, match=r"\.date\(\)"):
        DEFAULT.is_working_day(langfredag_morning)
    with pytest.raises(TypeError):
        DEFAULT.working_days_before(langfredag_morning, 1)
    with pytest.raises(TypeError):
        WorkingCalendar(extra_closed=frozenset({langfredag_morning}))


def test_years_without_holiday_data_are_refused() -> None:
    # The holidays package has no data after 2100 and would report no holidays at all.
    with pytest.raises(ValueError, match="2101"):
        DEFAULT.is_working_day(date(2101, 12, 26))


# --------------------------------------------------------------------------------------------
# parse_closing_days
# --------------------------------------------------------------------------------------------


def test_parse_closing_days_gives_sorted_unique_pairs() -> None:
    assert parse_closing_days(["12-31", "06-05", "12-24", "06-05"]) == DEFAULT_CLOSING_DAYS
    assert parse_closing_days([" 02-29 "]) == ((2, 29),)
    assert parse_closing_days([]) == ()


@pytest.mark.parametrize(
    "bad", ["13-01", "xx", "02-30", "00-10", "04-31", "12-00", "6-5", "", "12-24x", "12/24"]
)
def test_parse_closing_days_rejects_bad_values_by_name(bad: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        parse_closing_days(["06-05", bad])


def test_parse_closing_days_rejects_non_strings_with_value_error() -> None:
    # TOML lets a hand-edited config hold a number here; config loading only catches ValueError.
    with pytest.raises(ValueError, match="invalid closing day 605"):
        parse_closing_days(["06-05", 605])  # type: ignore[list-item]


def test_parse_closing_days_rejects_a_bare_string() -> None:
    with pytest.raises(ValueError, match="single string"):
        parse_closing_days("06-05")


# --------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)

# Holiday data ends in 2100, so anything that walks forward stays clear of the year's end.
DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
DATES_FORWARD = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 6, 30))
COUNTS = st.integers(min_value=0, max_value=60)
MONTH_DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)).map(
    lambda d: (d.month, d.day)
)
CALENDARS = st.one_of(
    st.sampled_from([DEFAULT, NO_CLOSING_DAYS]),
    st.builds(
        WorkingCalendar,
        closing_days=st.lists(MONTH_DAYS, max_size=6).map(tuple),
        extra_closed=st.frozensets(DATES_FORWARD, max_size=20),
    ),
)


def _working_days_strictly_between(calendar: WorkingCalendar, a: date, b: date) -> int:
    """Brute-force count via is_working_day only, independent of the stepping code."""
    lo, hi = min(a, b), max(a, b)
    return sum(calendar.is_working_day(lo + timedelta(days=k)) for k in range(1, (hi - lo).days))


@PROPERTY_SETTINGS
# DATES_FORWARD: the weekend of a day in the last days of 2100 falls in 2101, past the data.
@given(calendar=CALENDARS, d=DATES_FORWARD, offset=st.sampled_from([0, 1]))
def test_weekends_are_never_working_days(calendar: WorkingCalendar, d: date, offset: int) -> None:
    weekend_day = d - timedelta(days=d.weekday()) + timedelta(days=SAT + offset)
    assert not calendar.is_working_day(weekend_day)


@PROPERTY_SETTINGS
@given(calendar=CALENDARS, d=DATES)
def test_is_working_day_matches_the_holiday_table(calendar: WorkingCalendar, d: date) -> None:
    public = country_holidays("DK", years=d.year, language="da")
    expected_name: str | None = None
    if d in public:
        expected_name = public[d]
    elif (d.month, d.day) in calendar.closing_days or d in calendar.extra_closed:
        expected_name = CLOSING_DAY_NAME
    assert calendar.holiday_name(d) == expected_name
    assert calendar.is_working_day(d) == (d.weekday() < SAT and expected_name is None)


@PROPERTY_SETTINGS
@given(calendar=CALENDARS, d=DATES, n=COUNTS)
def test_working_days_before(calendar: WorkingCalendar, d: date, n: int) -> None:
    result = calendar.working_days_before(d, n)
    assert calendar.is_working_day(result)
    if n == 0:
        assert result <= d
        assert (result == d) == calendar.is_working_day(d)
        assert _working_days_strictly_between(calendar, result, d) == 0
    else:
        assert result < d
        # Exactly n working days in (result, d]: n - 1 strictly between, plus d if it counts.
        assert _working_days_strictly_between(calendar, result, d) == n - 1
    expected_between = n if calendar.is_working_day(d) else max(n - 1, 0)
    assert calendar.working_days_between(result, d) == expected_between


@PROPERTY_SETTINGS
@given(calendar=CALENDARS, d=DATES_FORWARD, n=COUNTS)
def test_add_working_days(calendar: WorkingCalendar, d: date, n: int) -> None:
    result = calendar.add_working_days(d, n)
    assert calendar.is_working_day(result)
    if n == 0:
        assert result == calendar.next_working_day(d)
        assert (result == d) == calendar.is_working_day(d)
    else:
        assert result > d
        assert _working_days_strictly_between(calendar, d, result) == n - 1
        # (d, result] holds exactly n working days whether or not d itself is one.
        assert calendar.working_days_between(d, result) == n


@PROPERTY_SETTINGS
@given(calendar=CALENDARS, d=DATES_FORWARD, n=COUNTS)
def test_add_and_before_are_inverse_on_working_days(
    calendar: WorkingCalendar, d: date, n: int
) -> None:
    working_day = calendar.next_working_day(d)
    assert calendar.add_working_days(calendar.working_days_before(working_day, n), n) == working_day
    assert calendar.working_days_before(calendar.add_working_days(working_day, n), n) == working_day


@PROPERTY_SETTINGS
@given(calendar=CALENDARS, d=DATES_FORWARD)
def test_next_working_day(calendar: WorkingCalendar, d: date) -> None:
    result = calendar.next_working_day(d)
    assert result >= d
    assert calendar.is_working_day(result)
    skipped = (result - d).days
    assert not any(calendar.is_working_day(d + timedelta(days=k)) for k in range(skipped))


@PROPERTY_SETTINGS
@given(
    calendar=CALENDARS,
    # a ± 400 days must stay within the holiday data (to 2100), or the test fails at random.
    a=st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 11, 26)),
    offset_b=st.integers(min_value=-400, max_value=400),
    offset_c=st.integers(min_value=-400, max_value=400),
)
def test_working_days_between_counts_and_composes(
    calendar: WorkingCalendar, a: date, offset_b: int, offset_c: int
) -> None:
    b = a + timedelta(days=offset_b)
    c = a + timedelta(days=offset_c)
    between = calendar.working_days_between(a, b)
    # (a, b] = strictly between plus b itself.
    if b > a:
        expected = _working_days_strictly_between(calendar, a, b) + calendar.is_working_day(b)
    elif b < a:
        expected = -(_working_days_strictly_between(calendar, b, a) + calendar.is_working_day(a))
    else:
        expected = 0
    assert between == expected
    assert calendar.working_days_between(b, a) == -between
    assert calendar.working_days_between(a, b) + calendar.working_days_between(
        b, c
    ) == calendar.working_days_between(a, c)


@PROPERTY_SETTINGS
@given(month_day=MONTH_DAYS)
def test_parse_closing_days_round_trips(month_day: tuple[int, int]) -> None:
    month, day = month_day
    assert parse_closing_days([f"{month:02d}-{day:02d}"]) == (month_day,)
