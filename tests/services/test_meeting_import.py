"""Importing the årshjul from CSV, TOML and ICS: all rows or none, every problem named at once."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from aarshjul.app import App
from aarshjul.context import Context
from aarshjul.errors import InvalidInput
from aarshjul.services.meeting_import import RawMeeting, Where, check
from aarshjul.store.models import AuditEntry
from tests.conftest import Cli


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _meetings(app: App) -> list[tuple[str, date, str | None, str, str]]:
    return [(m.id, m.date, m.time, m.place, m.title) for m in app.meetings.query()]


def _import_audits(app: App) -> list[dict[str, object]]:
    with app.db.transaction() as s:
        rows = s.scalars(select(AuditEntry.data).where(AuditEntry.action == "meeting-import"))
        return [json.loads(d) for d in rows]


def test_a_csv_file_adds_every_meeting_and_one_audit_entry(app: App, tmp_path: Path) -> None:
    path = _write(tmp_path, "aarshjul-2027.csv",
                  "body,date,time,place,title\n"
                  "BUU,2027-09-14,16:00,\"Rådhuset, lokale 2\",\n"
                  "ØK,2027-09-22,,,Budget\n"
                  "ledermøde,2027-09-01,9:30,,\n")
    views = app.meetings.import_file(path)
    assert [(v.id, v.time, v.place, v.title) for v in views] == [
        ("BUU-2027-09-14", "16:00", "Rådhuset, lokale 2", ""),
        ("OEK-2027-09-22", None, "", "Budget"),
        ("LEDERMOEDE-2027-09-01", "09:30", "", "")]
    assert views[0].deadline == date(2027, 8, 31)  # 10 working days before BUU
    assert len(_meetings(app)) == 3
    assert _import_audits(app) == [{"file": "aarshjul-2027.csv", "count": 3, "meetings": [
        "BUU-2027-09-14", "OEK-2027-09-22", "LEDERMOEDE-2027-09-01"]}]


def test_a_semicolon_csv_with_bom_and_danish_headers_from_excel(app: App, tmp_path: Path) -> None:
    text = ("organ;dato;tid;sted;titel\r\n"
            "BUU;14-09-2027;16.00;Rådhuset, lokale 2;Budget; 2. behandling\r\n"
            ";;;;\r\n"
            "KB;29.09.2027;19:00;Byrådssalen;\r\n")
    # The title above holds a stray ";": that row has a field too many and must be refused.
    path = _write(tmp_path, "excel.csv", "\ufeff".encode() + text.encode())
    with pytest.raises(InvalidInput) as info:
        app.meetings.import_file(path)
    assert info.value.details == [
        "række 1 (linje 2): rækken har 6 felter, men overskriften kun 5. "
        "Tjek skilletegn i felterne."]
    path.write_bytes("\ufeff".encode() + text.replace("; 2.", " 2.").encode())
    assert _meetings_after(app, path) == [
        ("BUU-2027-09-14", date(2027, 9, 14), "16:00", "Rådhuset, lokale 2",
         "Budget 2. behandling"),
        ("KB-2027-09-29", date(2027, 9, 29), "19:00", "Byrådssalen", "")]


def _meetings_after(app: App, path: Path) -> list[tuple[str, date, str | None, str, str]]:
    app.meetings.import_file(path)
    return _meetings(app)


def test_a_windows_1252_csv_keeps_the_danish_letters(app: App, tmp_path: Path) -> None:
    path = _write(tmp_path, "plain.csv",
                  "organ;dato;sted\r\nØK;2027-09-22;Rådhuset\r\n".encode("cp1252"))
    assert [(v.id, v.place) for v in app.meetings.import_file(path)] == [
        ("OEK-2027-09-22", "Rådhuset")]


def test_a_toml_file_with_native_dates_and_times(app: App, tmp_path: Path) -> None:
    path = _write(tmp_path, "aarshjul.toml", """
[[meetings]]
body = "OMU"
date = 2027-06-10
time = 14:00:00
place = "Mødelokale 3"

[[meetings]]
body = "KB"
date = "2027-06-23"
title = "Budgetseminar"
""")
    views = app.meetings.import_file(path)
    assert [(v.id, v.time, v.place, v.title) for v in views] == [
        ("OMU-2027-06-10", "14:00", "Mødelokale 3", ""),
        ("KB-2027-06-23", None, "", "Budgetseminar")]


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Kommune//Outlook//DA\r
BEGIN:VEVENT\r
UID:a1\r
DTSTAMP:20270101T000000Z\r
DTSTART:20270914T140000Z\r
SUMMARY:Møde i udvalget\r
CATEGORIES:BUU\r
LOCATION:Rådhuset\\, lokale 2\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:a2\r
DTSTAMP:20270101T000000Z\r
DTSTART;VALUE=DATE:20270610\r
SUMMARY:OMU: Budget\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:a3\r
DTSTAMP:20270101T000000Z\r
DTSTART;TZID=Europe/Copenhagen:20271124T190000\r
SUMMARY:KB-møde\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:a4\r
DTSTAMP:20270101T000000Z\r
DTSTART;VALUE=DATE:20270611\r
SUMMARY:OMU: aflyst\r
STATUS:CANCELLED\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_an_ics_file_takes_the_body_from_categories_or_the_summary(app: App,
                                                                    tmp_path: Path) -> None:
    views = app.meetings.import_file(_write(tmp_path, "outlook.ics", ICS))
    assert [(v.id, v.time, v.place, v.title) for v in views] == [
        # 14:00 UTC in September is 16:00 in Copenhagen (summer time).
        ("BUU-2027-09-14", "16:00", "Rådhuset, lokale 2", "Møde i udvalget"),
        # "OMU: Budget": the body in front of the title is not kept in the title.
        ("OMU-2027-06-10", None, "", "Budget"),
        ("KB-2027-11-24", "19:00", "", "KB-møde")]
    # The cancelled event is not a meeting.
    assert [m[0] for m in _meetings(app)] == ["OMU-2027-06-10", "BUU-2027-09-14",
                                              "KB-2027-11-24"]


def test_a_recurring_ics_event_is_refused(app: App, tmp_path: Path) -> None:
    text = ICS.replace("CATEGORIES:BUU\r\n", "CATEGORIES:BUU\r\nRRULE:FREQ=MONTHLY\r\n")
    with pytest.raises(InvalidInput) as info:
        app.meetings.import_file(_write(tmp_path, "series.ics", text))
    assert info.value.details == [
        "begivenhed 1 (UID a1): en gentaget begivenhed (RRULE/RDATE) kan ikke indlæses. "
        "Eksportér møderne enkeltvis."]
    assert _meetings(app) == []


def test_a_bad_file_is_refused_whole_with_every_row_named(people: App, cli: Cli,
                                                          tmp_path: Path) -> None:
    people.meetings.add("BUU", date(2027, 9, 14), time="16:00")
    before = cli("meeting", "list").output
    path = _write(tmp_path, "bad.csv",
                  "body,date,time,place,title\n"
                  "OMU,2027-06-10,,,\n"        # fine on its own, yet not imported
                  "BUU,2027-13-01,,,\n"        # bad date
                  "SKOLEUDVALG,2027-10-01,,,\n"  # unknown body
                  "buu,2027-09-14,,,\n")       # the meeting already exists
    result = cli("meeting", "import", str(path))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert "bad.csv" in lines[0] and "3 fejl" in lines[0] and "Intet er gemt" in lines[0]
    assert lines[1].startswith("  række 2 (linje 3):")
    assert '"2027-13-01" er ikke en dato' in lines[1]
    assert lines[2].startswith("  række 3 (linje 4):") and '"SKOLEUDVALG" findes ikke' in lines[2]
    assert lines[3].startswith("  række 4 (linje 5):") and "BUU-2027-09-14" in lines[3]
    assert len(lines) == 4
    assert cli("meeting", "list").output == before
    assert _import_audits(people) == []


def test_duplicates_inside_the_file_and_bad_times_are_named_in_english(app: App,
                                                                       tmp_path: Path) -> None:
    app_en = app.at(Context(actor="sek", now=app.ctx.now, lang="en"))
    path = _write(tmp_path, "dup.csv",
                  "body,date,time\nKB,2027-11-02,25:00\nKB,2027-11-02,\n,2027-11-03,\nOMU,,\n")
    with pytest.raises(InvalidInput) as info:
        app_en.meetings.import_file(path)
    assert info.value.exit_code == 2
    assert info.value.params["count"] == 4
    assert info.value.details == [
        'row 1 (line 2): "25:00" is not a time of day. Write it as HH:MM, e.g. 16:00.',
        "row 2 (line 3): KB 2027-11-02 also appears in row 1 (line 2). Remove one of the rows.",
        "row 3 (line 4): the body is missing. Write e.g. BUU, OMU, ØK or KB.",
        "row 4 (line 5): the date is missing. Write it as YYYY-MM-DD, e.g. 2027-09-14."]
    assert _meetings(app) == []


@pytest.mark.parametrize(("name", "content", "words"), [
    ("meetings.xlsx", "x", [".xlsx", ".csv, .toml eller .ics"]),
    ("headers.csv", "organ,when,sted\nBUU,2027-09-14,x\n",
     ['kolonnen "when" kendes ikke', 'kolonnen "date" mangler']),
    ("empty.csv", "body,date\n", ["ingen møder"]),
    ("broken.toml", "[[meetings]\nbody = 1\n", ["kan ikke læses"]),
    ("typo.toml", '[[meetings]]\nbody = "BUU"\ndate = 2027-09-14\ntiem = "16:00"\n',
     ['[[meetings]] nr. 1: nøglen "tiem" kendes ikke']),
    ("garbage.ics", "not a calendar", ["kan ikke læses"]),
])
def test_malformed_files_are_refused_with_the_reason(app: App, tmp_path: Path, name: str,
                                                     content: str, words: list[str]) -> None:
    with pytest.raises(InvalidInput) as info:
        app.meetings.import_file(_write(tmp_path, name, content))
    assert info.value.key == "meeting.import_invalid"
    text = "\n".join(info.value.details)
    for word in words:
        assert word in text
    assert _meetings(app) == []


def test_a_missing_file_says_it_cannot_be_opened(app: App, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as info:
        app.meetings.import_file(tmp_path / "nowhere.csv")
    assert "kan ikke åbnes" in info.value.details[0]


def test_the_calendar_export_reads_back_as_the_same_meetings(app: App, tmp_path: Path) -> None:
    app.meetings.add("OEK", date(2027, 9, 22), time="15:00", place="Rådhuset, lokale 1")
    app.meetings.add("LEDERMOEDE", date(2027, 9, 1), title="Budget")
    path = tmp_path / "feed.ics"
    app.calendar.export(path)
    with pytest.raises(InvalidInput) as info:
        app.meetings.import_file(path)
    # Body, date and time survive the round trip: both are recognised as the existing meetings.
    assert [d.split(": ", 1)[1] for d in info.value.details] == [
        "LEDERMOEDE har allerede et møde 2027-09-01 (LEDERMOEDE-2027-09-01). "
        "Fjern rækken fra filen.",
        "OEK har allerede et møde 2027-09-22 (OEK-2027-09-22). Fjern rækken fra filen."]


def test_check_keeps_the_summary_title_unless_it_only_names_the_body() -> None:
    bodies = {"BUU": "Børne- og Ungdomsudvalget (BUU)", "OEK": "Økonomiudvalget (ØK)"}
    rows = [RawMeeting(Where("ics", 1), ("ØK:",), "2027-09-22", "", "", "ØK: Økonomiudvalget",
                       from_summary=True),
            RawMeeting(Where("ics", 2), ("Børne- og Ungdomsudvalget",), "2027-09-14", "16:00", "",
                       "Temamøde", from_summary=False)]
    checked = check(rows, bodies=bodies, existing={}, file="x.ics")
    assert [(r.body, r.day, r.time, r.title) for r in checked] == [
        ("OEK", date(2027, 9, 22), None, ""), ("BUU", date(2027, 9, 14), "16:00", "Temamøde")]
