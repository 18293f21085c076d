"""Text in spreadsheet cells made safe (aarshjul/cells.py)."""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as OPENPYXL_ILLEGAL

from aarshjul.cells import ILLEGAL_CHARACTERS_RE, clean


def test_the_illegal_characters_are_openpyxls() -> None:
    assert ILLEGAL_CHARACTERS_RE.pattern == OPENPYXL_ILLEGAL.pattern
    refused = {chr(n) for n in range(0x20) if OPENPYXL_ILLEGAL.search(chr(n))}
    assert all(not OPENPYXL_ILLEGAL.search(clean(f"a{c}b")) for c in refused)


def test_clean_keeps_text_tabs_newlines_and_other_values() -> None:
    assert clean("Trivsel\x07 og\x0btryghed\x0cslut\x1b") == "Trivsel og\ntryghed\nslut"
    assert clean("Linje 1\nLinje 2\tøæå\r") == "Linje 1\nLinje 2\tøæå\r"
    assert clean(3) == 3 and clean(None) is None
