"""The feed's events as bytes, written line by line: what the icalendar library writes for
the same event (``Event.new(...).to_ical()``), byte for byte, at a fraction of the cost.

Building each event as an icalendar component and serialising it was most of ``calendar
export``'s time above the start-up floor (issue 19): every property becomes a parameters
object, a case-less dictionary and a content line. An event of the feed has a fixed set of
properties, so :func:`event_bytes` writes them in icalendar's order, with icalendar's own value
encoders (``vText`` escaping, ``vDuration``), and folds each line with :func:`fold`.
``tests/reports/test_ical_lines.py`` holds both to icalendar's bytes. The calendar's head and
its VTIMEZONE are still made by the library (:mod:`aarshjul.reports.ics`).

RFC 5545 folds a content line longer than 75 octets. The icalendar library folds one
character at a time (it encodes every character to count its octets); :func:`fold` cuts the
encoded line instead: the same pieces — at most 74 octets each, never inside a UTF-8
character, and not right after a backslash or a caret (icalendar keeps an escape with the
character it escapes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icalendar.cal.component import Component

#: A line of this many octets or more is folded (icalendar's limit).
LIMIT = 75
_ESCAPES = b"\\^"


def fold(line: str) -> bytes:
    """``line`` as UTF-8, folded as icalendar folds it (``Contentline(line).to_ical()``)."""
    data = line.encode("utf-8")
    size = len(data)
    if size < LIMIT:
        return data
    pieces = []
    start = 0
    while size - start >= LIMIT:
        end = start + LIMIT - 1
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            end -= 1
        if end - start > 1 and data[end - 1] in _ESCAPES:
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def component_bytes(component: Component) -> bytes:
    """``component.to_ical()``: its content lines (sub-components included), each folded."""
    return b"".join(fold(line) + b"\r\n" for line in component.content_lines() if line)


@dataclass(frozen=True)
class EventText:
    """What one event of the feed says; :func:`event_bytes` writes it."""

    uid: str
    summary: str
    start: date | datetime  # a datetime carries its zone (Europe/Copenhagen)
    end: date | datetime
    description: str
    category: str | None = None
    location: str | None = None
    status: str | None = None  # CONFIRMED or CANCELLED
    transparent: bool = False  # TRANSP:TRANSPARENT: shown free, not busy
    alarm: tuple[str, timedelta] | None = None  # a display alarm: its text and trigger


def event_bytes(event: EventText, stamp: datetime) -> bytes:
    """The VEVENT (and its VALARM) as icalendar writes it; ``stamp`` is its DTSTAMP."""
    from icalendar.prop import vDuration

    lines = ["BEGIN:VEVENT", "SUMMARY:" + _text(event.summary), _when("DTSTART", event.start),
             _when("DTEND", event.end),
             "DTSTAMP:" + stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
             "UID:" + _text(event.uid), "SEQUENCE:0"]
    if event.category is not None:
        lines.append("CATEGORIES:" + _text(event.category))
    lines.append("DESCRIPTION:" + _text(event.description))
    if event.location:
        lines.append("LOCATION:" + _text(event.location))
    if event.status is not None:
        lines.append("STATUS:" + event.status)
    if event.transparent:
        lines.append("TRANSP:TRANSPARENT")
    if event.alarm is not None:
        text, trigger = event.alarm
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + _text(text),
                  "TRIGGER:" + vDuration(trigger).to_ical().decode("ascii"),  # type: ignore[no-untyped-call]
                  "END:VALARM"]
    lines.append("END:VEVENT")
    return b"".join(fold(line) + b"\r\n" for line in lines)


def _text(value: str) -> str:
    """A TEXT value escaped as icalendar escapes it (RFC 5545 3.3.11)."""
    from icalendar.prop import vText

    return vText(value).to_ical().decode("utf-8")


def _when(name: str, value: date | datetime) -> str:
    if isinstance(value, datetime):
        zone = getattr(value.tzinfo, "key", None)
        if zone is None:
            raise ValueError(f"{name} needs a datetime in a named zone, not {value!r}")
        return f"{name};TZID={zone}:{value:%Y%m%dT%H%M%S}"
    return f"{name};VALUE=DATE:{value:%Y%m%d}"
