"""Time: the municipality's time zone and parsing of the dates and times users type.

All stored times are UTC; the working-day arithmetic and everything shown to people uses
Europe/Copenhagen. Nothing here reads the clock: ``now`` is handed in from the command line.
Calendar arithmetic that knows nothing of working days (:func:`add_months`) lives here too.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from aarshjul.errors import InvalidInput

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

#: The dates a user may type. The Danish holiday data (the ``holidays`` package) covers
#: 1771-2100; the working-day arithmetic steps past the day typed (reminders look ahead, a
#: deadline listing reaches into the next year), so the range stops a year short of the data's
#: end, and starts where the municipality's own history could. Outside it the arithmetic would
#: fail (no holidays) or overflow (year 1 in UTC is before ``date.min``).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)


def _in_range(day: date, text: str, option: str) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput("input.date_out_of_range", value=text, option=option,
                           first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())


def parse_datetime(text: str, option: str = "--now") -> datetime:
    """An ISO date or date-time; without a zone it is Copenhagen time. Returns aware UTC.

    A moment outside :data:`FIRST_DAY`-:data:`LAST_DAY` is refused like a malformed one."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("input.bad_datetime", value=text, option=option) from None
    _in_range(value.date(), text, option)
    if value.tzinfo is None:
        value = value.replace(tzinfo=COPENHAGEN)
    return value.astimezone(UTC)


def parse_date(text: str, option: str = "DATE") -> date:
    """An ISO date (``2027-03-01``) between :data:`FIRST_DAY` and :data:`LAST_DAY`."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("input.bad_date", value=text, option=option) from None
    _in_range(day, text, option)
    return day


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier when negative), clamped to the end of a shorter
    month: 31 January plus one month is 28 or 29 February."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def local(moment: datetime) -> datetime:
    return moment.astimezone(COPENHAGEN)


def local_date(moment: datetime) -> date:
    return moment.astimezone(COPENHAGEN).date()


def start_of_day(day: date) -> datetime:
    """Midnight in Copenhagen on ``day``, as aware UTC."""
    return datetime.combine(day, time(0), tzinfo=COPENHAGEN).astimezone(UTC)


MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


# -- dates and times as people write them in files and options -----------------------------------

_DAY_FIRST = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def read_date(text: str) -> date | None:
    """ISO (2027-09-14) or the Danish day-first forms Excel writes (14-09-2027, 14.09.2027,
    14/09/2027); None when it is no date, or a day outside :data:`FIRST_DAY`-:data:`LAST_DAY`.
    The one reading of a written date for every import."""
    text = text.strip()
    match = _DAY_FIRST.match(text)
    try:
        if match:
            day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        elif text:
            day = date.fromisoformat(text)
        else:
            return None
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def parse_clock(text: str) -> str | None:
    """``16:00``, ``9:30`` or Danish ``16.00`` → ``HH:MM``; None when it is no time of day.

    The one reading of a clock time: ``meeting add --time`` and every meeting import use it, so a
    time accepted in a file is accepted on the command line too."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"
