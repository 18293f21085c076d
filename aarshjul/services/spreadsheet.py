"""The item tree to and from a spreadsheet (XLSX or CSV), as secretariats keep it in Excel today.

One row per item with the columns a strategy document uses. Export writes what an import reads
back unchanged, so a round trip changes nothing. Import is all-or-nothing: every problem in the
file is listed by row and column and nothing is written; ``--dry-run`` shows what would change.
An import creates and edits items; it never moves them through the workflow (the state column
must match, because moves need their guards and decisions).

CSV is written the way Danish Excel reads it: UTF-8 with a byte-order mark and semicolons.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from aarshjul.cells import csv_text, from_csv_text, workbook_pieces, xlsx_value
from aarshjul.context import Context
from aarshjul.dates.formats import XLSX_DATE
from aarshjul.dates.timeutil import read_date
from aarshjul.errors import InvalidInput
from aarshjul.files import write_atomically
from aarshjul.messages import translate
from aarshjul.services.items import Items, parse_ref
from aarshjul.services.labels import kind_label
from aarshjul.services.tabular import read_csv, read_xlsx
from aarshjul.store.db import STREAM_BATCH, Database, rows
from aarshjul.store.models import ITEM_TEXTS, Item, Person
from aarshjul.workflow.definitions import KINDS, find_kind
from aarshjul.workflow.registry import Workflows

#: (field, Danish header, English header). The order is the file's column order.
COLUMNS = (
    ("ref", "Nr.", "Ref"),
    ("parent", "Under", "Parent"),
    ("kind", "Type", "Kind"),
    ("title", "Titel", "Title"),
    ("description", "Beskrivelse", "Description"),
    ("succeskriterier", "Succeskriterier", "Success criteria"),
    ("evaluering", "Evaluering", "Evaluation"),
    ("tids_og_handleplan", "Tids- og handleplan", "Timeline and action plan"),
    ("tovholder", "Tovholder", "Coordinator"),
    ("owner", "Ejer", "Owner"),
    ("workflow", "Arbejdsgang", "Workflow"),
    ("state", "Tilstand", "State"),
    ("due", "Frist", "Due"),
    ("case_number", "Sagsnr.", "Case no."),
)
EDITABLE = ("kind", "title", *ITEM_TEXTS, "owner", "due", "case_number")


def print_setup(sheet: Any, title: str, stamp: str = "&D") -> None:
    """Make a sheet print as a secretary expects: A4 landscape, one page wide (as many pages
    tall as it takes), the header row on every page, and the title and date in the page header.

    Without it LibreOffice and Excel print a wide table a column or two per page (31 pages for
    the demo). ``stamp`` is the date shown top right; the default ``&D`` is the day of printing.
    Works on normal and write-only sheets (the status report streams its rows).
    """
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages tall as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.left.text = title.replace("&", "&&")
    sheet.oddHeader.right.text = stamp
    sheet.oddFooter.center.text = "&P / &N"


@dataclass(frozen=True)
class Change:
    ref: str
    new: bool
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)  # field: (before, after)


def _headers(lang: str) -> list[str]:
    return [en if lang == "en" else da for _, da, en in COLUMNS]


def rows_from_db(s: Session, lang: str) -> Generator[dict[str, Any], None, None]:
    """Every item as a row of the file, in number order, read as a stream (a server-side cursor
    on PostgreSQL): an export of 100,000 items holds a batch of them, not all (issue 19)."""
    registry = Workflows(s)
    query = (select(Item.ref, Item.kind, Item.title, *[getattr(Item, k) for k in ITEM_TEXTS],
                    Person.login, Item.workflow_name, Item.workflow_version, Item.state,
                    Item.due, Item.case_number)
             .outerjoin(Person, Person.id == Item.owner_id).order_by(Item.sort_key))
    with rows(s, query.execution_options(yield_per=STREAM_BATCH)) as found:
        for r in found:
            defn = registry.get(r.workflow_name, r.workflow_version)
            yield {
                "ref": r.ref, "parent": r.ref.rpartition(".")[0],
                "kind": kind_label(r.kind, lang),  # read back by find_kind
                "title": r.title, **{k: getattr(r, k) for k in ITEM_TEXTS},
                "owner": r.login or "", "workflow": r.workflow_name,
                "state": defn.state(r.state).label(lang), "due": r.due,
                "case_number": r.case_number}


def write(path: Path, rows: Iterable[dict[str, Any]], lang: str) -> None:
    """Write the file whole and private, never over a database (:mod:`aarshjul.files`)."""
    write_atomically(path, pieces(path.suffix, rows, lang), error="file.unwritable",
                     file=str(path))


def render(suffix: str, rows: Iterable[dict[str, Any]], lang: str) -> bytes:
    """The file's bytes: CSV for ``.csv``, else XLSX."""
    return b"".join(pieces(suffix, rows, lang))


def pieces(suffix: str, rows: Iterable[dict[str, Any]], lang: str) -> Iterator[bytes]:
    """The file in pieces, made as ``rows`` are read: CSV for ``.csv``, else XLSX. Nothing is
    made before the first piece is asked for (a refused target reads no row)."""
    if suffix.lower() == ".csv":
        yield from _csv_pieces(rows, lang)
    else:
        yield from workbook_pieces(_workbook(rows, lang))


def _csv_pieces(rows: Iterable[dict[str, Any]], lang: str, batch: int = 1000
                ) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")  # the byte-order mark Danish Excel needs to read UTF-8
    writer.writerow(_headers(lang))
    for n, r in enumerate(rows, start=1):
        writer.writerow([r[k].isoformat() if isinstance(r[k], date) else csv_text(r[k] or "")
                         for k, _, _ in COLUMNS])
        if n % batch == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


#: Column widths of the XLSX file, in characters.
WIDTHS = {"ref": 9, "parent": 9, "kind": 15, "title": 45, "description": 40,
          "succeskriterier": 40, "evaluering": 30, "tids_og_handleplan": 35, "tovholder": 22,
          "owner": 12, "workflow": 18, "state": 18, "due": 12, "case_number": 20}


def _workbook(rows: Iterable[dict[str, Any]], lang: str) -> Any:
    """The XLSX workbook, write-only: each row goes to openpyxl's own temporary file as it is
    read. Bold header, wrapped cells aligned to the top, real dates shown the Danish way, the
    header frozen and filtered, and the print setup of every sheet we write."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Punkter" if lang != "en" else "Items")
    for n, (key, _, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = WIDTHS[key]
    sheet.freeze_panes = "A2"
    print_setup(sheet, sheet.title)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    header = []
    for text in _headers(lang):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    day = XLSX_DATE.get(lang, XLSX_DATE["da"])  # a real date, shown Danish
    count = 0
    for r in rows:
        count += 1
        out = []
        for key, _, _ in COLUMNS:
            value = xlsx_value(sheet, r[key]) if r[key] != "" else None
            cell = value if isinstance(value, Cell) else WriteOnlyCell(sheet, value)
            cell.alignment = wrap
            if key == "due":
                cell.number_format = day
            out.append(cell)
        sheet.append(out)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    return book


def read(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(spreadsheet row number, values by field) for every non-empty row."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInput("spreadsheet.bad_extension", file=str(path))
    try:
        table = read_csv(path) if suffix == ".csv" else read_xlsx(path)
        if suffix == ".csv":  # an apostrophe the export put before a formula-like text
            table = [[from_csv_text(v) for v in row] for row in table]
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as exc:
        raise InvalidInput("file.unreadable", file=str(path), reason=str(exc)) from None
    if not table:
        raise InvalidInput("spreadsheet.empty", file=str(path))
    by_header = {h.casefold(): key for key, da, en in COLUMNS for h in (da, en, key)}
    header = [by_header.get(str(h or "").strip().casefold()) for h in table[0]]
    missing = [da for key, da, _ in COLUMNS if key in ("ref", "title") and key not in header]
    if missing:
        raise InvalidInput("spreadsheet.missing_columns", file=str(path),
                           columns=", ".join(missing))
    rows = []
    for n, values in enumerate(table[1:], start=2):
        if all(v in (None, "") for v in values):
            continue
        rows.append((n, {key: values[i] if i < len(values) else None
                         for i, key in enumerate(header) if key is not None}))
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    day = read_date(str(value))
    if day is None:
        raise ValueError(str(value).strip())
    return day


class Spreadsheets:
    def __init__(self, db: Database, ctx: Context) -> None:
        self.db = db
        self.ctx = ctx

    def export(self, path: str) -> int:
        target = Path(path)
        if target.suffix.lower() not in (".csv", ".xlsx"):
            raise InvalidInput("spreadsheet.bad_extension", file=path)
        with self.db.reading() as s, closing(rows_from_db(s, self.ctx.lang)) as found:
            counted = _Counted(found)
            write(target, counted, self.ctx.lang)
        return counted.count

    def import_file(self, path: str, *, dry_run: bool = False) -> list[Change]:
        """Check the whole file, then create and edit items in one transaction (or not at all)."""
        rows = read(Path(path))
        with self.db.transaction() as s:
            planned = check(rows, existing={i.ref: i for i in s.scalars(select(Item))},
                            logins=set(s.scalars(select(Person.login))),
                            registry=Workflows(s), file=path, lang=self.ctx.lang)
            changes = self._apply(s, planned, dry_run=dry_run)
            if dry_run:
                s.rollback()
            return changes

    def _apply(self, s: Session, planned: list[Planned], *, dry_run: bool) -> list[Change]:
        """Create the new items and edit the changed ones; with ``dry_run`` only say what."""
        items = Items(self.db, self.ctx)
        changes: list[Change] = []
        for values, item in planned:
            if item is None:
                changes.append(Change(ref=values["ref"], new=True))
                if not dry_run:
                    texts: dict[str, str | None] = {
                        k: values.get(k) or None for k in (*ITEM_TEXTS, "case_number")}
                    items.create(s, values["title"], ref=values["ref"],
                                 kind=values.get("kind") or None,
                                 workflow=values.get("workflow") or None,
                                 owner=values.get("owner") or None, due=values["due"],
                                 texts=texts)
                continue
            diff = _diff(item, values, s)
            if diff:
                changes.append(Change(ref=item.ref, new=False, fields=diff))
                if not dry_run:
                    due_change = values["due"] if "due" in diff else None
                    items.change(s, item, due=due_change, **{
                        k: values[k] for k in diff if k != "due"})
        return changes


#: A checked row: its values by field (``ref`` and ``due`` parsed) and the item it edits, if any.
Planned = tuple[dict[str, Any], Item | None]
#: Reports one problem of the row being checked: (column, translated reason).
_Report = Callable[[str, str], None]


def check(rows: list[tuple[int, dict[str, Any]]], *, existing: Mapping[str, Item],
          logins: AbstractSet[str], registry: Workflows, file: str,
          lang: str = "da") -> list[Planned]:
    """Every row checked against the items and people already there; raise one
    :class:`InvalidInput` listing every problem by row and column, or return the plan.

    Writes nothing: ``existing`` items and ``registry`` are only read.
    """
    headers = {key: (en if lang == "en" else da) for key, da, en in COLUMNS}
    problems: list[str] = []
    planned: list[Planned] = []
    seen: set[str] = set()
    for n, raw in rows:
        def report(column: str, reason: str, n: int = n) -> None:
            problems.append(translate("spreadsheet.row", lang, file=file, row=n,
                                      column=headers[column], reason=reason))

        values = _check_row(raw, report, existing=existing, seen=seen, logins=logins,
                            registry=registry, lang=lang)
        if values is not None:
            planned.append((values, existing.get(values["ref"])))
    if problems:
        raise InvalidInput("spreadsheet.invalid", file=file, count=len(problems),
                           details=problems)
    return planned


def _check_row(raw: dict[str, Any], report: _Report, *, existing: Mapping[str, Item],
               seen: set[str], logins: AbstractSet[str], registry: Workflows,
               lang: str) -> dict[str, Any] | None:
    """One row's values, or None when a problem makes the rest of the row meaningless."""
    def problem(column: str, reason: str, **params: Any) -> None:
        report(column, translate(reason, lang, **params))

    values: dict[str, Any] = {key: _text(raw.get(key)) for key, _, _ in COLUMNS if key != "due"}
    try:
        ref = parse_ref(values["ref"])
    except InvalidInput as exc:
        report("ref", exc.message(lang))
        return None
    if ref in seen:
        problem("ref", "spreadsheet.twice", ref=ref)
        return None
    seen.add(ref)
    try:
        due = _date(raw.get("due"))
    except ValueError:
        problem("due", "spreadsheet.bad_date", value=raw.get("due"))
        return None
    parent = ref.rpartition(".")[0]
    if values.get("parent") and values["parent"] != parent:
        problem("parent", "spreadsheet.wrong_parent", ref=ref, parent=parent or "-")
    if parent and parent not in existing and parent not in seen:
        problem("parent", "spreadsheet.no_parent", parent=parent)
    if not values["title"]:
        problem("title", "spreadsheet.missing")
    if values.get("kind"):
        kind = find_kind(values["kind"])
        if kind is None:
            problem("kind", "input.bad_kind", kind=values["kind"],
                    known=", ".join(kind_label(k, lang).lower() for k in KINDS))
        else:
            values["kind"] = kind
    if values.get("owner") and values["owner"] not in logins:
        problem("owner", "person.unknown", login=values["owner"])
    item = existing.get(ref)
    workflow = values.get("workflow") or (item.workflow_name if item else "")
    if workflow and workflow not in registry.names():
        problem("workflow", "workflow.unknown", name=workflow, known=", ".join(registry.names()))
        return None
    if values.get("state"):
        defn = (registry.get(item.workflow_name, item.workflow_version) if item
                else registry.get(workflow) if workflow
                else registry.default_for_kind(values.get("kind") or "strategi"))
        found = defn.find_state(values["state"])
        expected = item.state if item else defn.initial
        if found is None or found.key != expected:
            problem("state", "spreadsheet.no_moves", state=values["state"], ref=ref)
    values["due"] = due
    values["ref"] = ref
    if "case_number" not in raw:  # a file from before the column leaves case numbers alone
        del values["case_number"]
    return values


def _diff(item: Item, values: dict[str, Any], s: Session) -> dict[str, tuple[str, str]]:
    owner = item.owner.login if item.owner else ""
    current: dict[str, Any] = {k: getattr(item, k) for k in EDITABLE if k not in ("owner",)}
    current["owner"] = owner
    found = {}
    for key in EDITABLE:
        if key not in values:
            continue
        new = values.get(key)
        if key == "due":
            if new != current["due"] and new is not None:
                found[key] = (str(current["due"] or ""), str(new))
            continue
        if key in ("owner", "kind") and not new:
            continue  # an empty owner or kind cell leaves it as it is
        if (new or "") != (current[key] or ""):
            found[key] = (str(current[key] or ""), str(new or ""))
    return found


class _Counted:
    """The rows of a stream, counted as they pass."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            self.count += 1
            yield row
