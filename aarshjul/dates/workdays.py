"""Danish working-day arithmetic for case deadlines (sagsfrister): the calendar of days on
which the municipality's administration is open (weekdays that are neither Danish public
holidays nor the municipality's own closing days) and the counting of working days backwards
from a meeting or forwards from a submission, so that every deadline in the workflow is derived
from one shared definition of "arbejdsdag"."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from itertools import accumulate
from types import MappingProxyType
from typing import NamedTuple

from aarshjul.dates.public_holidays import holidays_of

__all__ = [
    "CLOSING_DAY_NAME",
    "DEFAULT_CLOSING_DAYS",
    "WorkingCalendar",
    "parse_closed_days",
    "parse_closing_days",
]

DEFAULT_CLOSING_DAYS: tuple[tuple[int, int], ...] = ((6, 5), (12, 24), (12, 31))
"""Grundlovsdag, juleaften and nytårsaften: not statutory holidays, but the administration is
closed, so a deadline must not land on them."""

CLOSING_DAY_NAME = "Lukkedag"
"""Label for a day that is closed by local decision rather than by law; the caseworker needs to
see that the day is closed, not which council decision closed it."""

_ONE_DAY = timedelta(days=1)
_MONTH_DAY = re.compile(r"([0-9]{2})-([0-9]{2})")
# Closing days are validated against a leap year so that "02-29" is accepted; it simply never
# matches in other years instead of being rejected as an impossible date.
_LEAP_YEAR = 2000


@cache
def _public_holidays(year: int) -> Mapping[date, str]:
    """Public holidays of one year, looked up once per process.

    The deadline arithmetic steps day by day for thousands of cases; a dict lookup answers it.
    The mapping is read-only because every caller shares it through the cache. A year the
    ``holidays`` package has no data for is refused (``ValueError``), see ``holidays_of``.
    """
    return MappingProxyType(holidays_of(year))


def _require_date(d: date) -> None:
    """Reject datetimes because they never compare equal to the ``date`` keys of the holiday
    tables, so a datetime would silently be treated as an ordinary working day; the caller
    must convert to Europe/Copenhagen and take ``.date()`` first."""
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(
            f"expected a datetime.date, got {type(d).__name__} {d!r}; convert to "
            "Europe/Copenhagen and call .date() first"
        )


def _require_count(n: int) -> None:
    """A negative count would silently reverse the direction of a deadline, which is almost
    certainly a bug in the caller rather than an intention."""
    if n < 0:
        raise ValueError(f"number of working days must be >= 0, got {n}")


def _check_month_day(month: int, day: int, shown: str) -> None:
    """Fail at configuration time rather than letting an impossible closing day never match."""
    if not 1 <= month <= 12:
        raise ValueError(f"invalid closing day {shown}: month {month} is not between 1 and 12")
    days_in_month = calendar.monthrange(_LEAP_YEAR, month)[1]
    if not 1 <= day <= days_in_month:
        raise ValueError(f"invalid closing day {shown}: month {month:02d} has no day {day}")


def parse_closing_days(values: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """Turn configured "MM-DD" strings into the ``closing_days`` of a :class:`WorkingCalendar`.

    Closing days come from settings files edited by hand, so every bad entry is reported by
    value instead of surfacing later as a deadline that quietly ignores it. The result is
    sorted and de-duplicated so that equal configurations give equal (and equally hashed)
    calendars.
    """
    if isinstance(values, str):
        raise ValueError(f"expected a list of 'MM-DD' strings, got the single string {values!r}")
    parsed: set[tuple[int, int]] = set()
    for value in values:
        match = _MONTH_DAY.fullmatch(value.strip()) if isinstance(value, str) else None
        if match is None:
            raise ValueError(
                f"invalid closing day {value!r}: expected 'MM-DD', e.g. '06-05' for 5 June"
            )
        month, day = int(match[1]), int(match[2])
        _check_month_day(month, day, repr(value))
        parsed.add((month, day))
    return tuple(sorted(parsed))


def parse_closed_days(values: Iterable[str]) -> frozenset[date]:
    """Turn configured one-off closed days ("YYYY-MM-DD", e.g. a day off the council grants)
    into the ``extra_closed`` of a :class:`WorkingCalendar`, naming every bad entry."""
    if isinstance(values, str):
        raise ValueError(f"expected a list of 'YYYY-MM-DD' dates, got the single string {values!r}")
    parsed: set[date] = set()
    for value in values:
        try:
            if not isinstance(value, str) or len(value.strip()) != 10:
                raise ValueError(value)
            parsed.add(date.fromisoformat(value.strip()))
        except ValueError:
            raise ValueError(f"invalid closed day {value!r}: expected a date 'YYYY-MM-DD', "
                             "e.g. '2026-12-23'") from None
    return frozenset(parsed)


class _Year(NamedTuple):
    first: int  # ordinal of 1 January
    flags: bytes  # 1 for each working day, 0 for the others (index = day of year - 1)
    counts: tuple[int, ...]  # running count of working days through each day


@dataclass(frozen=True)
class WorkingCalendar:
    """The municipality's definition of a working day, and deadline arithmetic on top of it.

    Frozen and hashable so one instance can be shared by all workflows and used as a cache
    key. ``closing_days`` recur every year as (month, day); ``extra_closed`` holds one-off
    closures such as a day off granted by the council.

    Counting convention for all arithmetic: the starting date itself is never counted, so
    "n working days before the meeting" is n steps over working days, and counting the working
    days from that deadline up to and including the meeting day gives n back.
    """

    closing_days: tuple[tuple[int, int], ...] = DEFAULT_CLOSING_DAYS
    extra_closed: frozenset[date] = frozenset()
    # Every question the arithmetic asks comes down to "is this day open?" or "how many open
    # days up to here?", thousands of times per reminder scan: a byte lookup in a table built
    # once per year answers it. The tables are kept on the instance, because a module-level
    # cache keyed on the calendar would hash the calendar on every lookup.
    _years: dict[int, _Year] = field(default_factory=dict, init=False, repr=False, compare=False)
    _steps: dict[tuple[date, int, timedelta], date] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Normalised here because configuration code naturally hands over lists and sets,
        # which would make the frozen dataclass unhashable or silently never match.
        closing = tuple((month, day) for month, day in self.closing_days)
        for month, day in closing:
            _check_month_day(month, day, f"({month}, {day})")
        extra = frozenset(self.extra_closed)
        for d in extra:
            _require_date(d)
        object.__setattr__(self, "closing_days", closing)
        object.__setattr__(self, "extra_closed", extra)

    def is_working_day(self, d: date) -> bool:
        """Whether the administration is open, i.e. whether a deadline may fall on ``d``."""
        _require_date(d)
        return self._is_working(d)

    def holiday_name(self, d: date) -> str | None:
        """Why ``d`` is closed, for showing next to a moved deadline.

        Gives the Danish holiday name (it wins over a closing day on the same date, being
        the more informative), ``"Lukkedag"`` for the municipality's own closing days, and
        ``None`` for ordinary days. A plain Saturday or Sunday is not a holiday and gives
        ``None``; a holiday that falls on a weekend (Påskedag, a Saturday Juledag) is still
        named.
        """
        _require_date(d)
        return self._closed_reason(d)

    def next_working_day(self, d: date) -> date:
        """The day work can actually happen when something lands on ``d``."""
        _require_date(d)
        while not self._is_working(d):
            d += _ONE_DAY
        return d

    def working_days_before(self, d: date, n: int) -> date:
        """The working day ``n`` working days before ``d`` (``d`` itself not counted).

        Used for deadlines ahead of a meeting: n=1 is the previous working day. n=0 asks for
        the latest working day not after ``d``, so a deadline never falls on a closed day.
        """
        _require_date(d)
        _require_count(n)
        if n == 0:
            while not self._is_working(d):
                d -= _ONE_DAY
            return d
        return self._step(d, n, -_ONE_DAY)

    def add_working_days(self, d: date, n: int) -> date:
        """The working day ``n`` working days after ``d`` (``d`` itself not counted).

        Used for response deadlines counted from a submission; n=0 gives the first working
        day not before ``d``.
        """
        _require_date(d)
        _require_count(n)
        if n == 0:
            return self.next_working_day(d)
        return self._step(d, n, _ONE_DAY)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in the half-open interval (start, end], negated when end < start.

        Half-open to match the other methods: for a working day ``d`` and n >= 0,
        ``working_days_between(working_days_before(d, n), d) == n`` and
        ``working_days_between(d, add_working_days(d, n)) == n``. The sign tells overdue
        from remaining.
        """
        _require_date(start)
        _require_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        # Prefix sums per year: the reminder scan asks this for every open deadline, so
        # stepping day by day (millions of steps at national scale) is not an option.
        first, last = self._year(start.year), self._year(end.year)
        whole_years = sum(self._year(y).counts[-1] for y in range(start.year, end.year))
        return (whole_years + last.counts[end.toordinal() - last.first]
                - first.counts[start.toordinal() - first.first])

    def _step(self, d: date, n: int, step: timedelta) -> date:
        # A reminder scan counts back from the same few meeting days tens of thousands of times.
        key = (d, n, step)
        found = self._steps.get(key)
        if found is None:
            found, remaining = d, n
            while remaining:
                found += step
                if self._is_working(found):
                    remaining -= 1
            self._steps[key] = found
        return found

    def _year(self, year: int) -> _Year:
        found = self._years.get(year)
        if found is None:
            start = date(year, 1, 1)
            days = 366 if calendar.isleap(year) else 365
            flags = bytes(self._is_open(start + timedelta(days=i)) for i in range(days))
            found = self._years[year] = _Year(start.toordinal(), flags, tuple(accumulate(flags)))
        return found

    def _is_working(self, d: date) -> bool:
        year = self._year(d.year)
        return year.flags[d.toordinal() - year.first] == 1

    def _is_open(self, d: date) -> bool:
        return d.weekday() < 5 and self._closed_reason(d) is None

    def _closed_reason(self, d: date) -> str | None:
        name = _public_holidays(d.year).get(d)
        if name is not None:
            return name
        if (d.month, d.day) in self.closing_days or d in self.extra_closed:
            return CLOSING_DAY_NAME
        return None
