"""Reading an årshjul from a file (CSV, TOML or ICS) and checking it before anything is stored.

Reading turns a file into :class:`RawMeeting` rows exactly as written (text, not yet trusted);
:func:`check` then validates every row against the known bodies and the meetings already in the
database and returns :class:`MeetingRow` values ready to insert. Both steps collect every problem
in the file and raise one :class:`~aarshjul.errors.InvalidInput` listing them all, each naming its
row, so a secretariat fixes the file in one go and an import is all-or-nothing. Nothing here
touches the database: :meth:`aarshjul.services.meetings.Meetings.import_file` does that.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from aarshjul.dates.timeutil import COPENHAGEN, parse_clock, read_date
from aarshjul.errors import InvalidInput
from aarshjul.messages import translate
from aarshjul.services.body_names import TRAILING, resolve_body
from aarshjul.services.body_names import split_name as split_name  # re-exported: reports.ics
from aarshjul.services.tabular import decode_text, sniff_delimiter

#: The columns (CSV) and keys (TOML) of a meeting, and the Danish headers Excel users write.
COLUMNS = ("body", "date", "time", "place", "title")
_ALIASES = {"organ": "body", "dato": "date", "tid": "time", "kl": "time", "kl.": "time",
            "klokkeslæt": "time", "sted": "place", "titel": "title"}
#: The database columns for place and title hold this many characters.
MAX_TEXT = 200



@dataclass(frozen=True)
class Where:
    """Which part of the file a row came from, said the way the user can find it."""

    kind: str  # "csv" | "toml" | "ics"
    row: int  # 1-based: data row (CSV), [[meetings]] table (TOML), VEVENT (ICS)
    line: int = 0  # CSV: the line in the file, header included
    uid: str = ""  # ICS: the event's UID

    def text(self, lang: str) -> str:
        if self.kind == "csv":
            return translate("meeting.import_row", lang, row=self.row, line=self.line)
        if self.kind == "toml":
            return translate("meeting.import_table", lang, row=self.row)
        return translate("meeting.import_event", lang, row=self.row, uid=self.uid or "-")


@dataclass(frozen=True)
class RawMeeting:
    """One meeting as the file states it; every field is still unchecked text."""

    where: Where
    bodies: tuple[str, ...]  # candidates in order; the first that names a known body wins
    day: str
    time: str
    place: str
    title: str
    from_summary: bool = False  # ICS: the body may be the first word of the title


@dataclass(frozen=True)
class MeetingRow:
    """A checked meeting, ready to insert."""

    where: Where
    body: str  # the body's key
    day: date
    time: str | None
    place: str
    title: str


@dataclass(frozen=True)
class _Problem:
    where: Where | None
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        what = translate(self.key, lang, **self.params)
        return f"{self.where.text(lang)}: {what}" if self.where else what


def _fail(file: str, problems: list[_Problem], lang: str) -> InvalidInput:
    return InvalidInput("meeting.import_invalid", file=file, count=len(problems),
                        details=[p.text(lang) for p in problems])


# -- reading ------------------------------------------------------------------------------------


def read_file(path: str | Path, *, lang: str = "da") -> list[RawMeeting]:
    """The meetings in ``path``, chosen by its extension; every format problem raised at once."""
    path = Path(path)
    name = str(path)
    ext = path.suffix.lower()
    if ext not in (".csv", ".toml", ".ics"):
        raise _fail(name, [_Problem(None, "meeting.import_bad_extension",
                                    {"ext": path.suffix or "-"})], lang)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(name, [_Problem(None, "meeting.import_cannot_open",
                                    {"reason": exc.strerror or str(exc)})], lang) from None
    problems: list[_Problem] = []
    if ext == ".csv":
        rows = parse_csv(decode_text(data, errors="replace"), problems)
    elif ext == ".toml":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _fail(name, [_Problem(None, "meeting.import_unreadable",
                                        {"reason": str(exc)})], lang) from None
        rows = parse_toml(text, problems)
    else:
        rows = parse_ics(data, problems)
    if not rows and not problems:
        problems.append(_Problem(None, "meeting.import_empty", {"columns": ",".join(COLUMNS)}))
    if problems:
        raise _fail(name, problems, lang)
    return rows


def parse_csv(text: str, problems: list[_Problem]) -> list[RawMeeting]:
    """A header row, then one meeting per row; ``,`` or ``;`` between the columns."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = next(_nonblank(reader), None)
    except csv.Error as exc:
        problems.append(_Problem(None, "meeting.import_unreadable", {"reason": str(exc)}))
        return []
    if header is None:
        return []
    columns = [_column(h) for h in header]
    for raw, column in zip(header, columns, strict=True):
        if column not in COLUMNS and column != "":
            problems.append(_Problem(None, "meeting.import_unknown_column",
                                     {"column": raw.strip(), "known": ",".join(COLUMNS)}))
    for needed in ("body", "date"):
        if needed not in columns:
            problems.append(_Problem(None, "meeting.import_missing_column",
                                     {"column": needed, "known": ",".join(COLUMNS)}))
    if problems:
        return []
    rows: list[RawMeeting] = []
    number = 0
    line = reader.line_num
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            number += 1
            values = {c: v.strip() for c, v in zip(columns, record, strict=False) if c}
            if len(record) > len(columns):
                problems.append(_Problem(Where("csv", number, start), "meeting.import_extra_cells",
                                         {"count": len(record), "columns": len(columns)}))
            rows.append(RawMeeting(
                where=Where("csv", number, start),
                bodies=(values["body"],) if values.get("body") else (),
                day=values.get("date", ""), time=values.get("time", ""),
                place=values.get("place", ""), title=values.get("title", "")))
    except csv.Error as exc:
        problems.append(_Problem(None, "meeting.import_unreadable",
                                 {"reason": f"{exc} (line {reader.line_num})"}))
    return rows


def _nonblank(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    return (r for r in reader if any(cell.strip() for cell in r))


def _column(header: str) -> str:
    name = header.strip().lower()
    return _ALIASES.get(name, name)


def parse_toml(text: str, problems: list[_Problem]) -> list[RawMeeting]:
    """``[[meetings]]`` tables with the CSV's keys; dates and times may be TOML's own."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(_Problem(None, "meeting.import_unreadable", {"reason": str(exc)}))
        return []
    for key in sorted(set(raw) - {"meetings"}):
        problems.append(_Problem(None, "meeting.import_unknown_key",
                                 {"name": key, "known": "meetings"}))
    tables = raw.get("meetings", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        problems.append(_Problem(None, "meeting.import_no_tables"))
        return []
    rows = []
    for number, table in enumerate(tables, start=1):
        where = Where("toml", number)
        for key in sorted(set(table) - set(COLUMNS)):
            problems.append(_Problem(where, "meeting.import_unknown_key",
                                     {"name": key, "known": ", ".join(COLUMNS)}))
        body = _toml_text(table.get("body"))
        rows.append(RawMeeting(where=where, bodies=(body,) if body else (),
                               day=_toml_text(table.get("date")),
                               time=_toml_text(table.get("time")),
                               place=_toml_text(table.get("place")),
                               title=_toml_text(table.get("title"))))
    return rows


def _toml_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, time):
        return value.strftime("%H:%M" if not value.second else "%H:%M:%S")
    if isinstance(value, datetime):  # a date-time where a date belongs: say what was written
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def parse_ics(data: bytes, problems: list[_Problem]) -> list[RawMeeting]:
    """Each VEVENT is a meeting, in Copenhagen time; the body is a category or the title's start.

    Cancelled events are left out (Outlook exports them with STATUS:CANCELLED); a recurring
    event is refused, because one row would silently stand for a whole series.
    """
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(data, multiple=True)
    except ValueError as exc:
        problems.append(_Problem(None, "meeting.import_unreadable", {"reason": str(exc)}))
        return []
    rows = []
    number = 0
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            number += 1
            uid = str(event.get("UID", "")).strip()
            where = Where("ics", number, uid=uid)
            if str(event.get("STATUS", "")).upper() == "CANCELLED":
                continue
            if event.get("RRULE") is not None or event.get("RDATE") is not None:
                problems.append(_Problem(where, "meeting.import_recurring"))
                continue
            day, clock = _ics_start(event.get("DTSTART"))
            summary = " ".join(str(event.get("SUMMARY", "")).split())
            categories = tuple(str(c).strip() for c in _categories(event) if str(c).strip())
            first = summary.split()[0] if summary.split() else ""
            candidates = categories + _word_candidates(first)
            rows.append(RawMeeting(where=where, bodies=candidates, day=day, time=clock,
                                   place=" ".join(str(event.get("LOCATION", "")).split()),
                                   title=summary, from_summary=bool(first)))
    return rows


def _categories(event: Any) -> list[str]:
    try:
        return [str(c) for c in event.categories]
    except Exception:  # a broken CATEGORIES line: the summary may still name the body
        return []


def _word_candidates(word: str) -> tuple[str, ...]:
    """``"BUU:"`` → ``("BUU",)``; ``"OMU-møde"`` → ``("OMU-møde", "OMU")``."""
    word = word.strip(TRAILING)
    if not word:
        return ()
    head = word.split("-")[0].strip(TRAILING)
    return (word, head) if head and head != word else (word,)


def _ics_start(prop: Any) -> tuple[str, str]:
    """DTSTART as ISO date and HH:MM in Copenhagen ("" for none: an all-day event)."""
    if prop is None:
        return "", ""
    try:
        value = prop.dt
    except Exception:
        try:
            return prop.to_ical().decode(errors="replace"), ""
        except Exception:
            return "?", ""
    if isinstance(value, datetime):
        local = value.astimezone(COPENHAGEN) if value.tzinfo else value
        return local.date().isoformat(), local.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat(), ""
    return str(value), ""


# -- checking -----------------------------------------------------------------------------------


def check(rows: list[RawMeeting], *, bodies: Mapping[str, str],
          existing: Mapping[tuple[str, date], str], file: str,
          lang: str = "da",
          closed: Callable[[date], dict[str, str] | None] | None = None) -> list[MeetingRow]:
    """Every row checked; raise listing every problem, or return rows that can all be inserted.

    ``bodies`` maps each known body key to its name; ``existing`` maps (body key, date) of the
    meetings already in the database to their codes. ``closed`` tells, for a day that is not a
    working day, why and which is the next (the parameters of ``meeting.import_closed_day``),
    like ``meeting add``; None lets every day through (``--force``).
    """
    problems: list[_Problem] = []
    checked: list[MeetingRow] = []
    seen: dict[tuple[str, date], Where] = {}
    for row in rows:
        start = len(problems)

        def problem(key: str, row: RawMeeting = row, **params: Any) -> None:
            problems.append(_Problem(row.where, key, params))

        day = _check_day(row, problem, closed)
        body = next((k for c in row.bodies if (k := resolve_body(c, bodies))), None)
        if body is None:
            if row.bodies:
                problem("meeting.import_unknown_body", body=row.bodies[0],
                        known=", ".join(sorted(bodies)))
            else:
                problem("meeting.import_no_body")
        clock = parse_clock(row.time)
        if row.time and clock is None:
            problem("meeting.import_bad_time", value=row.time)
        title = _strip_body(row.title, body, bodies) if row.from_summary and body else row.title
        for name, value in (("place", row.place), ("title", title)):
            if len(value) > MAX_TEXT:
                problem("meeting.import_too_long", field=name, max=MAX_TEXT)
        if body is not None and day is not None:
            if (body, day) in existing:
                problem("meeting.import_exists", body=body, date=day.isoformat(),
                        meeting=existing[(body, day)])
            elif (body, day) in seen:
                problem("meeting.import_duplicate", body=body, date=day.isoformat(),
                        other=seen[(body, day)].text(lang))
            else:
                seen[(body, day)] = row.where
        if len(problems) == start and body is not None and day is not None:
            checked.append(MeetingRow(where=row.where, body=body, day=day, time=clock,
                                      place=row.place, title=title))
    if problems:
        raise _fail(file, problems, lang)
    return checked


def _check_day(row: RawMeeting, problem: Callable[..., None],
               closed: Callable[[date], dict[str, str] | None] | None) -> date | None:
    """The row's date, with a problem when it is missing, unreadable or not a working day."""
    day = read_date(row.day)
    if not row.day:
        problem("meeting.import_no_date")
    elif day is None:
        problem("meeting.import_bad_date", value=row.day)
    elif closed is not None and (why := closed(day)) is not None:
        problem("meeting.import_closed_day", **why)
    return day


def _strip_body(title: str, body: str, bodies: Mapping[str, str]) -> str:
    """``"BUU: Budgetseminar"`` → ``"Budgetseminar"``; a bare body name leaves no title.

    Calendars (this program's own export among them) write the body in front of the title; kept,
    it would be written twice on the next export.
    """
    if resolve_body(title, bodies) == body:
        return ""
    head, sep, rest = title.partition(":")
    if not sep or resolve_body(head, bodies) != body:
        return title
    rest = rest.strip()
    short, _label = split_name(body, bodies[body])
    return "" if rest.casefold() in (short.casefold(), bodies[body].casefold()) else rest

