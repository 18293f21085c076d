"""The fast folding of iCalendar lines gives icalendar's own bytes (issue 19: calendar export)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from icalendar import Alarm, Event
from icalendar.parser.content_line import Contentline

from aarshjul.reports.ical_lines import LIMIT, component_bytes, fold

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
