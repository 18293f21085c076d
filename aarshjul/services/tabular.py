"""Reading the tables people keep in Excel: CSV (as Danish Excel saves it) and XLSX.

Shared by every import (the item spreadsheet, :mod:`aarshjul.services.spreadsheet`, and the
årshjul, :mod:`aarshjul.services.meeting_import`) so that they agree on what a file means: the
same encodings and the same choice of separator. Dates and clock times in cells are read by
:func:`aarshjul.dates.timeutil.read_date` and :func:`~aarshjul.dates.timeutil.parse_clock`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any


def decode_text(data: bytes, *, errors: str = "strict") -> str:
    """UTF-8 with or without a BOM; a file that is not UTF-8 is taken as Windows-1252.

    Danish Excel's plain "CSV (semikolonsepareret)" is saved in Windows-1252, not UTF-8; reading
    it as such keeps æ, ø and å instead of refusing the file the secretariat actually has.
    ``errors`` is for the few bytes Windows-1252 leaves undefined (``"strict"`` raises
    :class:`UnicodeDecodeError`, ``"replace"`` keeps going).
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors=errors)


def sniff_delimiter(text: str) -> str:
    """``;`` or ``,``: whichever the header (the first non-blank line) has more of; a tie is ``;``.

    Danish Excel and this program's own export write ``;``, and a comma is the likelier of the two
    inside a Danish cell (decimal commas, ``Sted, lokale``), so a header with as many of each is
    read as semicolon-separated.
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if header.count(";") >= header.count(",") else ","


def read_csv(path: Path) -> list[list[Any]]:
    """Every row of a CSV file as its cells (blank rows included, as ``[]``)."""
    text = decode_text(path.read_bytes())
    try:
        # newline="": the csv module itself tells line ends from a CR inside a field.
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""),
                                             delimiter=sniff_delimiter(text))]
    except csv.Error as exc:  # e.g. a NUL byte: reported as an unreadable file
        raise ValueError(str(exc)) from None


def read_xlsx(path: Path) -> list[list[Any]]:
    """Every row of the first sheet of an XLSX workbook, as cell values (formulas' results)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [list(r) for r in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    except OSError:
        raise
    except Exception as exc:
        # A damaged workbook fails deep in zipfile, zlib, the XML parser or openpyxl, each
        # with its own exception (BadZipFile, zlib.error, ParseError, IndexError …): the
        # caller reports them all as one unreadable file (issue 20, point 3).
        raise ValueError(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
