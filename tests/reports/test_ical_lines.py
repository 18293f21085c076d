"""The fast folding of iCalendar lines gives icalendar's own bytes (issue 19: calendar export)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Event
from icalendar.parser.content_line import Contentline

from aarshjul.reports.ical_lines import LIMIT, EventText, component_bytes, event_bytes, fold

#: Characters that make folding interesting: 1- to 4-byte UTF-8, the escapes icalendar keeps
#: with what they escape, quotes, separators.
TRICKY = "aæøåÆØÅé€𝄞\\^,;:\" "


def test_a_line_folds_as_icalendar_folds_it_at_every_length_and_character() -> None:
    rnd = random.Random(19)
    lines = ["", "x" * (LIMIT - 1), "x" * LIMIT, "x" * (LIMIT + 1), "ø" * 37, "ø" * 38,
             "x" * 73 + "\\n" + "y" * 80, "x" * 72 + "^'" + "y" * 80, "\\" * 200, "𝄞" * 60]
    for _ in range(20000):
        size = rnd.randrange(0, 3 * LIMIT)
        lines.append("".join(rnd.choice(TRICKY) if rnd.random() < 0.4 else rnd.choice("xyz0 ")
                             for _ in range(size)))
    for line in lines:
        assert fold(line) == Contentline(line).to_ical(), line


def test_an_event_with_an_alarm_has_the_bytes_of_to_ical() -> None:
    event = Event.new(uid="deadline-sagsfrist-101.3@aarshjul",
                      stamp=datetime(2027, 3, 1, 10, 0), start=date(2027, 3, 4),
                      end=date(2027, 3, 5),
                      summary="Sagsfrist: 101.3 Børne- og ungestrategi, med et langt navn; "
                              "til BUU 07.04.2027 — «skal» med\\ i dagsordenen",
                      description="Ansvarlig: Mette Sørensen. Status: Til behandling i BUU.\n"
                                  + "æøå " * 40)
    event.add_component(Alarm.new_display(description="Påmindelse: " + "ø" * 90,
                                          trigger=timedelta(days=-1, hours=9)))
    assert component_bytes(event) == event.to_ical()
    assert b"\r\n " in component_bytes(event)  # long lines were folded


def _by_icalendar(e: EventText, stamp: datetime) -> bytes:
    """The event as the icalendar library builds and writes it (how the feed made its events
    before :func:`event_bytes`)."""
    from icalendar.enums import STATUS, TRANSP

    event = Event.new(uid=e.uid, stamp=stamp, sequence=0, start=e.start, end=e.end,
                      summary=e.summary, description=e.description, location=e.location or None,
                      categories=[e.category] if e.category is not None else None,
                      status=STATUS(e.status) if e.status else None,
                      transparency=TRANSP.TRANSPARENT if e.transparent else None)
    if e.alarm is not None:
        event.add_component(Alarm.new_display(description=e.alarm[0], trigger=e.alarm[1]))
    return bytes(event.to_ical())


def test_an_event_written_line_by_line_has_icalendars_bytes() -> None:
    rnd = random.Random(20270301)
    zone = ZoneInfo("Europe/Copenhagen")
    texts = TRICKY + "\n\r\\N\t"

    def text(longest: int) -> str:
        return "".join(rnd.choice(texts) if rnd.random() < 0.3 else rnd.choice("xyz0 .-")
                       for _ in range(rnd.randrange(0, longest)))

    for _ in range(1000):
        day = date(2026, 1, 1) + timedelta(days=rnd.randrange(0, 1100))
        start: date | datetime = day
        end: date | datetime = day + timedelta(days=1)
        if rnd.random() < 0.5:
            start = datetime(day.year, day.month, day.day, rnd.randrange(0, 24),
                             rnd.choice((0, 15, 30)), tzinfo=zone)
            end = start + timedelta(hours=2)
        event = EventText(
            uid=f"meeting-BUU-{day}-{rnd.randrange(9)}@aarshjul", summary=text(200),
            start=start, end=end, description=text(400),
            category=rnd.choice((None, "BUU", "Ledermøde", text(20))),
            location=rnd.choice((None, "", text(60))),
            status=rnd.choice((None, "CONFIRMED", "CANCELLED")),
            transparent=rnd.random() < 0.5,
            alarm=rnd.choice((None, ("Frist: " + text(150), timedelta(days=-rnd.randrange(0, 5),
                                                          hours=rnd.randrange(0, 24),
                                                          minutes=rnd.choice((0, 30)))))))
        stamp = datetime(2027, 3, 1, 10, 0, tzinfo=zone) + timedelta(minutes=rnd.randrange(10**6))
        assert event_bytes(event, stamp) == _by_icalendar(event, stamp), event
