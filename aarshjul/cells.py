"""Text from users in spreadsheet cells, made safe: one home for every XLSX and CSV writer.

Both the item spreadsheet (:mod:`aarshjul.services.spreadsheet`) and the status report workbook
(:mod:`aarshjul.reports.xlsx`, also the ``report send`` attachment) put titles and texts people
typed into cells. Two things must never follow from that text:

- *A broken file.* XLSX (XML 1.0) cannot hold most control characters, and openpyxl raises
  ``IllegalCharacterError`` on them, so one pasted control character would break every export.
  :func:`clean` drops them; Word's line and page breaks (vertical tab, form feed) become a newline.
- *A live formula* (OWASP "CSV injection"): a title such as ``=HYPERLINK(…)`` or ``@SUM(…)``
  must stay the text it is. In XLSX it is written as a text cell that shows exactly what was
  typed (:func:`as_text`, :func:`xlsx_value`); CSV has no text cells, so such a value gets an
  apostrophe in front (:func:`csv_text`), which the import takes off (:func:`from_csv_text`).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from typing import Any

#: The characters openpyxl refuses in a cell (``openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE``, the
#: same pattern; a test checks they agree). Kept here so importing this module stays cheap.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: Word's manual line break (vertical tab) and page break (form feed) keep their meaning.
_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})
#: What makes a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean(value: Any) -> Any:
    """``value`` with the characters a spreadsheet cell cannot hold removed (text only)."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub("", value.translate(_BREAKS))
    return value


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula (OWASP "CSV injection"): it
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return."""
    return text.startswith(FORMULA_STARTS)


def xlsx_value(sheet: Any, value: Any) -> Any:
    """``value`` ready for ``sheet.append``: cleaned, and text that looks like a formula as a
    text cell (see :func:`as_text`)."""
    value = clean(value)
    if isinstance(value, str) and looks_like_formula(value):
        from openpyxl.cell import WriteOnlyCell

        return as_text(WriteOnlyCell(sheet, value=value))
    return value


def as_text(cell: Any) -> Any:
    """The openpyxl ``cell`` (its value already :func:`clean`) written as text, never a formula.

    openpyxl writes any string starting with ``=`` as a formula; a cell whose data type is
    ``"s"`` is stored as an inline string and shows the very same characters. The quote prefix
    is what Excel and LibreOffice set when a person types ``'=…``: the apostrophe is not part of
    the value and not shown, and the cell stays text when someone edits it.
    """
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if looks_like_formula(cell.value):
            cell.quotePrefix = True
    return cell


def csv_text(text: str) -> str:
    """``text`` for a CSV cell: one apostrophe before text that looks like a formula (after any
    apostrophes), as OWASP recommends, since a CSV file has no text cells; :func:`from_csv_text`
    takes it off again, so an exported file imports unchanged."""
    return "'" + text if looks_like_formula(text.lstrip("'")) else text


def from_csv_text(text: str) -> str:
    """The inverse of :func:`csv_text`."""
    if text.startswith("'") and looks_like_formula(text.lstrip("'")):
        return text[1:]
    return text


def workbook_pieces(book: Any, size: int = 1 << 20) -> Iterator[bytes]:
    """An openpyxl workbook's file in pieces of ``size`` bytes, saved through a temporary file
    rather than held whole (issue 19, point 2)."""
    with tempfile.TemporaryFile(prefix="aarshjul-xlsx-") as saved:
        book.save(saved)
        saved.seek(0)
        while piece := saved.read(size):
            yield piece
