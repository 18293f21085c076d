"""Text from users in spreadsheet cells, made safe: one home for every XLSX and CSV writer.

Both the item spreadsheet (:mod:`aarshjul.services.spreadsheet`) and the status report workbook
(:mod:`aarshjul.reports.xlsx`, also the ``report send`` attachment) put titles and texts people
typed into cells. Two things must never follow from that text:

- *A broken file.* XLSX (XML 1.0) cannot hold most control characters, and openpyxl raises
  ``IllegalCharacterError`` on them, so one pasted control character would break every export.
  :func:`clean` drops them; Word's line and page breaks (vertical tab, form feed) become a newline.
"""

from __future__ import annotations

import re
from typing import Any

#: The characters openpyxl refuses in a cell (``openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE``, the
#: same pattern; a test checks they agree). Kept here so importing this module stays cheap.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: Word's manual line break (vertical tab) and page break (form feed) keep their meaning.
_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})


def clean(value: Any) -> Any:
    """``value`` with the characters a spreadsheet cell cannot hold removed (text only)."""
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub("", value.translate(_BREAKS))
    return value
