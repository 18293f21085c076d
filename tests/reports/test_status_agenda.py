"""The status report links each item to its next agenda (issue 16, point 5): the item's point
number on its next meeting's agenda, numbered as the agenda document numbers it, and the
agenda's status, in the gathered value, Markdown, HTML and XLSX; gathered in a fixed number of
queries however many meetings the items are booked on."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from openpyxl import load_workbook

from aarshjul.app import App
from aarshjul.reports.render_status import render_html, render_markdown
from aarshjul.reports.status_gather import gather
from aarshjul.reports.xlsx import xlsx_bytes
from aarshjul.services.agenda import freeze
from aarshjul.services.meetings import find_meeting
from tests.conftest import counted_statements
from tests.services.agenda_setup import MEETING, omu_meeting


def test_each_item_shows_its_point_and_the_agenda_status(people: App) -> None:
    app = people
    trivsel, laering, overgange = omu_meeting(app)
    app.agenda_editor.order(MEETING, [overgange])  # Overgange first: punkt 2
    numbers = {p.ref: p.number for p in app.agenda.show(MEETING).points if p.ref}
    assert numbers == {overgange: 2, trivsel: 3, laering: 4}

    by_ref = {i.ref: i for i in app.reports.status().items}
    assert {r: by_ref[r].agenda_point for r in numbers} == numbers
    assert {by_ref[r].agenda_status for r in numbers} == {"aaben"}
    text = render_markdown(app.reports.status())
    assert text.count("på dagsordenen)") == 3 and "(punkt 2 på dagsordenen)" in text

    with app.db.transaction() as s:  # what `meeting publish` freezes, without the mail
        freeze(s, app.ctx, find_meeting(s, MEETING))
    report = app.reports.status()
    assert {i.ref: i.agenda_status for i in report.items if i.ref in numbers} == dict.fromkeys(
        numbers, "udsendt")
    html = render_html(report)
    assert "punkt 2 på dagsordenen · dagsorden udsendt" in html
    assert "punkt 4 på dagsordenen · dagsorden udsendt" in html

    rows = list(load_workbook(io.BytesIO(xlsx_bytes(report)))["Punkter"]
                .iter_rows(values_only=True))
    header = next(r for r in rows if "Punkt på dagsordenen" in r)
    point, status = header.index("Punkt på dagsordenen"), header.index("Dagsordenens status")
    sheet = {r[0]: (r[point], r[status]) for r in rows if r[0] in numbers}
    assert sheet == {r: (n, "dagsorden udsendt") for r, n in numbers.items()}

    english = app.at(replace(app.ctx, lang="en"))
    assert "item 2 on the agenda · agenda published" in render_html(english.reports.status())


def test_an_item_without_a_coming_meeting_has_no_point(people: App) -> None:
    app = people
    app.items.add("Uden møde", owner="mette")
    item = app.reports.status().items[0]
    assert item.next_meeting is None and item.agenda_point is None and item.agenda_status is None
    assert "på dagsordenen" not in render_markdown(app.reports.status())


def test_linking_to_agendas_costs_the_same_queries_for_many_meetings(people: App) -> None:
    app = people

    def statements() -> int:
        with counted_statements(app.db.engine) as seen, app.db.transaction() as s:
            gather(s, app.ctx, since=date(2027, 1, 1))
        return len(seen)

    def add(meetings: int, start: int) -> None:
        for k in range(start, start + meetings):
            day = date(2027, 4, k)
            app.meetings.add("OMU", day, force=True)
            for _ in range(2):
                ref = app.items.add(f"Sag {k}", owner="mette").ref
                app.meetings.book(ref, f"OMU-{day.isoformat()}")

    add(2, 1)
    few = statements()
    add(8, 3)
    many = statements()
    assert few == many
    report = app.reports.status()
    assert {i.agenda_point for i in report.items} == {2, 3}
