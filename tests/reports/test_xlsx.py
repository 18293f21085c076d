"""The status report as XLSX (aarshjul/reports/xlsx.py), read back with openpyxl."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from aarshjul.app import App
from aarshjul.context import Context
from aarshjul.reports.xlsx import xlsx_bytes
from tests.conftest import app_at

SHEETS_DA = ["Overblik", "Ændringer", "Overskredet", "Snart", "Punkter", "Handlemål",
             "Indikatorer", "Strategiske samtaler", "Træ"]
SHEETS_EN = ["Overview", "Changes", "Overdue", "Due soon", "Items", "Action goals", "Indicators",
             "Strategic conversations", "Tree"]


def _data(app: App) -> App:
    app.items.add("Børne- og ungestrategi", owner="dir")
    app.items.add("Trivsel", parent="1", owner="mette", due=date(2027, 2, 24))
    app.items.add("Fællesskabsmodel", parent="1.1", kind="handlemaal", owner="mette",
                  texts={"succeskriterier": "Mindst 80 % i 2027", "evaluering": "Måling",
                         "tids_og_handleplan": "Forår: kurser", "tovholder": "Dagtilbudsleder"})
    app.meetings.add("OMU", date(2027, 3, 10))
    app.meetings.book("1", "OMU-2027-03-10")
    later = app_at(app, "2027-03-01T13:30")
    later.moves.advance(["1"], decision="Drøftet på ledermødet")
    return later


def _rows(sheet: object) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]


def test_one_sheet_per_section_with_frozen_header_filter_and_widths(people: App) -> None:
    app = _data(people)
    report = app.reports.status()
    book = load_workbook(io.BytesIO(xlsx_bytes(report)))
    assert book.sheetnames == SHEETS_DA
    expected_rows = {"Ændringer": len(report.changes), "Overskredet": len(report.overdue),
                     "Snart": len(report.due_soon), "Punkter": len(report.items),
                     "Handlemål": len(report.handlemaal), "Træ": len(report.tree)}
    for name in SHEETS_DA:
        sheet = book[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        header = _rows(sheet)[0]
        assert all(isinstance(h, str) and h for h in header), name
        assert all(cell.font.b for cell in sheet[1]), name
        widths = [sheet.column_dimensions[c].width for c in "AB"]
        assert all(w and w >= len(str(header[n])) for n, w in enumerate(widths)), name
        if name in expected_rows:
            assert sheet.max_row == expected_rows[name] + 1, name
            assert sheet.auto_filter.ref.endswith(str(expected_rows[name] + 1)), name
    items = _rows(book["Punkter"])
    assert [r[0] for r in items[1:]] == ["1", "1.1", "1.1.1"]
    goals = _rows(book["Handlemål"])
    assert goals[1][:6] == ("1.1.1", "Fællesskabsmodel", "Mindst 80 % i 2027", "Måling",
                            "Forår: kurser", "Dagtilbudsleder")
    summary = dict(_rows(book["Overblik"])[1:6])
    assert summary["I alt"] == 3
    tree = book["Træ"]
    assert [tree.cell(row=n, column=3).alignment.indent for n in (2, 3, 4)] == [0, 1, 2]


def test_dates_are_date_cells_with_a_number_format(people: App) -> None:
    app = _data(people)
    report = app.reports.status()
    book = load_workbook(io.BytesIO(xlsx_bytes(report)))

    items = book["Punkter"]
    header = [c.value for c in items[1]]
    deadline = items.cell(row=3, column=header.index("Frist") + 1)  # 1.1, due 24 February
    assert deadline.is_date and deadline.number_format == "dd.mm.yyyy"
    assert deadline.value == datetime(2027, 2, 24)
    meeting = items.cell(row=2, column=header.index("Mødedato") + 1)
    assert meeting.is_date and meeting.value == datetime(2027, 3, 10)

    changes = book["Ændringer"]
    when = changes.cell(row=2, column=1)  # newest first: the advance at 13:30 Danish time
    assert when.is_date and when.number_format == "dd.mm.yyyy hh:mm"
    assert when.value == datetime(2027, 3, 1, 13, 30)
    assert "Drøftet på ledermødet" in [c.value for c in changes[2]]

    overdue = book["Overskredet"]
    assert overdue.cell(row=2, column=1).is_date
    assert overdue.cell(row=2, column=2).value == -3  # working days, a number

    summary = book["Overblik"]
    generated = summary.cell(row=2, column=2)
    assert generated.is_date and generated.value == datetime(2027, 3, 1, 13, 30)
    horizon = summary.cell(row=4, column=2)
    assert horizon.is_date and horizon.number_format == "dd.mm.yyyy"


def test_english_sheet_names_and_headers(people: App) -> None:
    app = _data(people)
    english = app.at(Context(actor="sek", now=app.ctx.now, lang="en"))
    book = load_workbook(io.BytesIO(xlsx_bytes(english.reports.status())))
    assert book.sheetnames == SHEETS_EN
    assert [c.value for c in book["Items"][1]][:2] == ["Ref", "Title"]


def test_a_control_character_in_a_title_is_dropped_not_fatal(people: App) -> None:
    people.items.add("Trivsel\x07 og\x0btryghed\x01", owner="dir", kind="handlemaal",
                     texts={"succeskriterier": "80 %\x1b"})
    book = load_workbook(io.BytesIO(xlsx_bytes(people.reports.status())))
    assert _rows(book["Punkter"])[1][1] == "Trivsel og tryghed"
    assert _rows(book["Handlemål"])[1][2] == "80 %"


def test_a_title_like_a_formula_is_text_in_every_sheet(people: App) -> None:
    people.items.add("=1+1", owner="dir")
    people.items.add("@SUM(A1)", parent="1", kind="handlemaal", owner="dir",
                     texts={"succeskriterier": "=A1*2" + " A1*2" * 20})
    book = load_workbook(io.BytesIO(xlsx_bytes(people.reports.status())))
    cells = [book["Punkter"].cell(row=2, column=2), book["Punkter"].cell(row=3, column=2),
             book["Træ"].cell(row=3, column=3), book["Handlemål"].cell(row=2, column=3)]
    assert [c.value for c in cells] == ["=1+1", "@SUM(A1)", "@SUM(A1)", "=A1*2" + " A1*2" * 20]
    assert all(c.data_type == "s" for c in cells)
    assert cells[0].quotePrefix  # Excel keeps it text even when the cell is edited


def test_the_workbook_prints_one_page_wide_per_sheet_in_libreoffice(people: App,
                                                                    tmp_path: Path) -> None:
    from tests.libreoffice import printed_pages

    app = _data(people)
    book_bytes = xlsx_bytes(app.reports.status())
    sheets = load_workbook(io.BytesIO(book_bytes)).sheetnames
    pages = printed_pages(book_bytes, tmp_path)
    # little data: each sheet fits one landscape page; a sheet printed a column or two per page
    # (as before the page setup: 31 pages for the demo) would give more pages than sheets
    assert len(pages) == len(sheets)
    for width, height, text in pages:
        assert width > height
        assert "Statusrapport" in text  # the title in the page header
        assert "1. marts 2027" in text  # and the date the report was made
