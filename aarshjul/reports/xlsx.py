"""The status report as a spreadsheet (openpyxl): one sheet per section of the report.

Each sheet is a plain table a secretary can sort and filter: a bold header row that stays in
view (frozen pane), an autofilter over the whole table, column widths that fit the content, and
real date and date-time cells with a number format, so Excel and LibreOffice sort and filter
them as dates. Date-times are written in Danish time without a zone, because spreadsheet cells
have none. The sheets are Overblik, Ændringer, Overskredet, Snart, Punkter, Handlemål and Træ
(English names with ``--lang en``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from functools import partial
from typing import Any

from aarshjul.cells import as_text, clean, xlsx_value
from aarshjul.dates.formats import XLSX_DATE, XLSX_DATETIME, long_date
from aarshjul.dates.timeutil import local
from aarshjul.messages import translate
from aarshjul.reports.status_data import (
    AT_RISK_DAYS,
    StatusReport,
    deadline_what,
    describe_scope,
    sections,
)
from aarshjul.services.deadlines import Deadline
from aarshjul.services.labels import Labels
from aarshjul.services.spreadsheet import print_setup

MAX_WIDTH = 60
WRAP_FROM = 40  # columns wider than this wrap their text


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return local(value).replace(tzinfo=None)
    return clean(value)


def xlsx_bytes(report: StatusReport) -> bytes:
    """The workbook as bytes (for a file or an email attachment)."""
    from openpyxl import Workbook

    lang = report.lang

    def t(key: str, /, **params: object) -> str:
        return translate(f"report.{key}", lang, **params)

    def health(h: str) -> str:
        return t(f"health.{h}")

    names = dict(sections(lang))
    book = Workbook(write_only=True)
    put = partial(_sheet, book, heading=t("title"), stamp=long_date(report.generated_at, lang),
                  lang=lang)

    summary: list[Sequence[Any]] = [
        (t("generated"), report.generated_at),
        (t("since"), report.since),
        (t("horizon"), report.horizon),
        (t("scope"), describe_scope(report) or t("scope_all")),
        *([(t("meeting"), f"{report.meeting.code} ({report.meeting.body_name})")]
          if report.meeting else []),
        (t("total"), report.total),
        *[(f"{t('col.health')}: {health(h)}", n) for h, n in report.health],
        *[(f"{t('col.state')}: {c.label}", c.count) for c in report.counts],
        (t("activity_changes"), len(report.changes)),
        (t("activity_overdue"), len(report.overdue)),
        (t("activity_soon", date=report.horizon.isoformat()), len(report.due_soon)),
    ]
    put(names["summary"], [t("col.topic"), t("col.value")], lambda: summary,
           note=t("health_help", days=AT_RISK_DAYS))

    put(names["changes"],
           [t("col.at"), t("col.ref"), t("col.title"), t("col.action"), t("col.what"),
            t("col.decision"), t("col.actor")],
           lambda: ((c.at, c.ref, c.title, c.label, c.what,
                     " ".join(p for p in (c.decision, c.detail) if p), c.actor)
                    for c in report.changes))

    deadline_headers = [t("col.deadline"), t("col.days"), t("col.ref"), t("col.title"),
                        t("col.owner"), t("col.for"), t("col.meeting_date"), t("col.state")]
    put(names["overdue"], deadline_headers,
        lambda: (_deadline(d, lang, report.names) for d in report.overdue))
    put(names["soon"], deadline_headers,
        lambda: (_deadline(d, lang, report.names) for d in report.due_soon))

    put(names["items"],
           [t("col.ref"), t("col.title"), t("col.kind"), t("col.owner"), t("col.state"),
            t("col.paused"), t("col.next_meeting"), t("col.meeting_date"), t("col.deadline"),
            t("col.days_left"), t("col.health"), t("col.case_number"), t("col.responses"),
            t("col.agenda_point"), t("col.agenda_status")],
           lambda: ((i.ref, i.title, t(f"kind.{i.kind}") if i.kind else "", i.owner_name or "",
             i.state_label, health("paused") if i.paused else "",
             report.names.meeting(i.next_meeting) if i.next_meeting else "",
             i.next_meeting_date, i.deadline, i.working_days_left, health(i.health),
             i.case_number, t("responses", received=i.responses[0], total=i.responses[1])
             if i.responses else "", i.agenda_point,
             translate(f"agenda.status.{i.agenda_status}", lang) if i.agenda_status else "")
            for i in report.items))

    put(names["handlemaal"],
           [t("col.ref"), t("col.handlemaal"), t("col.succeskriterier"), t("col.evaluering"),
            t("col.plan"), t("col.tovholder"), t("col.owner"), t("col.state"),
            t("col.health")],
           lambda: ((h.ref, h.title, h.succeskriterier, h.evaluering, h.tids_og_handleplan,
                     h.tovholder, h.owner_name or "", h.state_label, health(h.health))
                    for h in report.handlemaal))

    put(names["indicators"],
           [t("col.ref"), t("col.indicator"), t("col.unit"), t("col.baseline"),
            t("col.targets"), t("col.measured_on"), t("col.latest"), t("col.expected"),
            t("col.status")],
           lambda: [(v.ref, v.name, v.unit, f"{v.baseline[0]:g} ({v.baseline[1]})",
             ", ".join(f"{value:g} ({year})" for value, year in v.targets),
             v.measurements[-1][0] if v.measurements else None,
             v.measurements[-1][1] if v.measurements else None, v.expected,
             translate(f"indicator.{v.status}", lang)) for v in report.indicators])

    put(names["conversations"],
           [t("col.workplace"), t("col.with"), t("col.conversation_date"), t("col.plan_due"),
            t("col.status")],
           lambda: [(c.leader_name, c.counterpart or "", c.held_on, c.plan_due,
             translate(f"conversation.{c.status}", lang)) for c in report.conversations])

    put(names["tree"],
           [t("col.level"), t("col.ref"), t("col.title"), t("col.state"), t("col.health")],
           lambda: ((n.depth, n.ref, n.title,
                     n.state_label + (f" ({health('paused').lower()})" if n.paused else ""),
                     health(n.health)) for n in report.tree),
           indents=lambda: (n.depth - 1 for n in report.tree))

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _deadline(d: Deadline, lang: str, names: Labels | None = None) -> tuple[Any, ...]:
    return (d.due, d.working_days_left, d.ref, d.title, d.owner_name or "",
            deadline_what(d, lang, names), d.meeting_date, d.state_label)


def _sheet(book: Any, title: str, headers: Sequence[str],
           rows: Callable[[], Iterable[Sequence[Any]]], *,
           indents: Callable[[], Iterable[int]] | None = None, note: str | None = None,
           heading: str = "", stamp: str = "&D", lang: str = "da") -> None:
    """One table: header, rows, frozen header, autofilter, widths, date formats.

    The workbook is write-only (streamed), so widths are measured before the first row is
    written and only cells that need a style (dates, long text, the tree's indent) get one:
    that keeps 10,000 items to a couple of seconds. ``rows`` (and ``indents``) give the rows
    afresh on each call: they are read twice, for the widths and to write them, and never held
    all at once (issue 19, point 2).
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    widths = [len(h) + 4 for h in headers]  # room for the filter button
    count = 0
    for raw in rows():
        count += 1
        for n, v in enumerate(_cell(v) for v in raw):
            if v is None or v == "":
                continue
            text = v.isoformat() if isinstance(v, date) else str(v)
            widths[n] = max(widths[n], min(len(text), MAX_WIDTH) + 2)
    sheet = book.create_sheet(title=title[:31])
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = min(width, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    print_setup(sheet, f"{heading} · {title}" if heading else title, stamp)

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E5E7EB")
    top, wrap = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    header = []
    for text in headers:
        cell = as_text(WriteOnlyCell(sheet, value=clean(text)))
        cell.font, cell.fill, cell.alignment = bold, fill, top
        header.append(cell)
    sheet.append(header)
    wrapped = [width > WRAP_FROM for width in widths]
    indent = iter(indents()) if indents is not None else None
    for raw in rows():
        depth = next(indent) if indent is not None else 0
        out: list[Any] = []
        for n, v in enumerate(_cell(v) for v in raw):
            if v is None or v == "":
                out.append(None)
            elif isinstance(v, date):
                cell = WriteOnlyCell(sheet, value=v)
                cell.number_format = (XLSX_DATETIME if isinstance(v, datetime)
                                      else XLSX_DATE).get(lang, XLSX_DATE["da"])
                out.append(cell)
            elif n == 2 and depth > 0:
                cell = as_text(WriteOnlyCell(sheet, value=v))
                cell.alignment = Alignment(indent=min(depth, 15))
                out.append(cell)
            elif wrapped[n] and isinstance(v, str) and len(v) > WRAP_FROM:
                cell = as_text(WriteOnlyCell(sheet, value=v))
                cell.alignment = wrap
                out.append(cell)
            else:
                out.append(xlsx_value(sheet, v))
        sheet.append(out)
    if note:
        sheet.append([])
        sheet.append([xlsx_value(sheet, note)])
