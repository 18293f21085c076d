"""Dates, numbers and plurals as the secretariat writes them, in Danish or English (Babel).

"tirsdag den 15. december 2026" in prose, "15.12.2026" in tables, "uge 49", "82,9 %", "1
arbejdsdag" / "2 arbejdsdage". English under ``--lang en``: "Tuesday 15 December 2026",
"15/12/2026", "week 49", "82.9%". One home for these formats: the command line, the reports,
the mails and the calendar feed all call these functions, never ``isoformat`` in prose.

Babel is imported on first use, so that ``aarshjul --help`` and quick commands do not pay for
its locale data.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from aarshjul.dates.timeutil import local
from aarshjul.messages import format_long_date, translate

if TYPE_CHECKING:
    from babel import Locale

#: Babel's locale for each language: English as written in Europe (day before month).
LOCALES = {"da": "da_DK", "en": "en_GB"}

#: Spreadsheet number formats: the cell stays a real date, shown the Danish way.
XLSX_DATE = {"da": "dd.mm.yyyy", "en": "dd/mm/yyyy"}
XLSX_DATETIME = {"da": "dd.mm.yyyy hh:mm", "en": "dd/mm/yyyy hh:mm"}


@cache
def _locale(lang: str) -> Locale:
    from babel import Locale

    return Locale.parse(LOCALES.get(lang, "da_DK"))


def _day(value: date | datetime | str) -> date:
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        return local(value).date() if value.tzinfo else value.date()
    return value


def long_date(value: date | datetime | str | None, lang: str) -> str:
    """``tirsdag den 15. december 2026`` / ``Tuesday 15 December 2026``: dates in sentences."""
    if value is None or value == "":
        return ""
    return format_long_date(_day(value), lang)


def short_date(value: date | datetime | str | None, lang: str) -> str:
    """``15.12.2026`` / ``15/12/2026``: dates in table cells."""
    if value is None or value == "":
        return ""
    day = _day(value)
    return day.strftime("%d/%m/%Y") if lang == "en" else day.strftime("%d.%m.%Y")


def short_moment(value: datetime | None, lang: str) -> str:
    """``15.12.2026 10:00`` in Copenhagen time: a moment in a table cell."""
    if value is None:
        return ""
    moment = local(value) if value.tzinfo else value
    return f"{short_date(moment.date(), lang)} {moment:%H:%M}"


def week(value: date | datetime | str, lang: str) -> str:
    """``uge 49`` / ``week 49``: the ISO week number, as Danish calendars count weeks."""
    return translate("fmt.week", lang, number=_day(value).isocalendar().week)


def number(value: float, lang: str, digits: int = 1) -> str:
    """``82,9`` / ``82.9``: at most ``digits`` decimals, no trailing zeros."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return str(format_decimal(value, pattern, locale=_locale(lang)))


def percent(value: float, lang: str, digits: int = 1) -> str:
    """``82,9 %`` / ``82.9%`` for a value already in percent (82.88)."""
    return f"{number(value, lang, digits)} %" if lang != "en" else f"{number(value, lang, digits)}%"


def quantity(value: float, unit: str, lang: str) -> str:
    """A measured value with its unit: ``81 %``, ``3,5 timer``."""
    if unit.strip() == "%":
        return percent(value, lang)
    shown = number(value, lang)
    return f"{shown} {unit.strip()}" if unit.strip() else shown


def plural(count: int, key: str, lang: str, **params: Any) -> str:
    """The sentence ``key`` in the plural form that fits ``count``: ``1 arbejdsdag``,
    ``2 arbejdsdage``. The catalogue holds ``key.one`` and ``key.other`` (messages.py) and
    :func:`~aarshjul.messages.translate` chooses by Babel's plural rules."""
    return translate(key, lang, count=count, **params)
