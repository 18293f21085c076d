"""Text in spreadsheet cells made safe (aarshjul/cells.py)."""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as OPENPYXL_ILLEGAL

from aarshjul.cells import ILLEGAL_CHARACTERS_RE, clean, csv_text, from_csv_text


def test_the_illegal_characters_are_openpyxls() -> None:
    assert ILLEGAL_CHARACTERS_RE.pattern == OPENPYXL_ILLEGAL.pattern
    refused = {chr(n) for n in range(0x20) if OPENPYXL_ILLEGAL.search(chr(n))}
    assert all(not OPENPYXL_ILLEGAL.search(clean(f"a{c}b")) for c in refused)


def test_clean_keeps_text_tabs_newlines_and_other_values() -> None:
    assert clean("Trivsel\x07 og\x0btryghed\x0cslut\x1b") == "Trivsel og\ntryghed\nslut"
    assert clean("Linje 1\nLinje 2\tøæå\r") == "Linje 1\nLinje 2\tøæå\r"
    assert clean(3) == 3 and clean(None) is None


def test_csv_text_quotes_what_looks_like_a_formula_and_reads_back() -> None:
    for text in ("=1+1", "+45", "-5 %", "@SUM(A1)", "\tx", "\rx", "'=1", "''@x"):
        assert csv_text(text) == "'" + text
        assert from_csv_text(csv_text(text)) == text
    for text in ("Trivsel", "'citat'", "", "1-2", "a=b", "'", "''"):
        assert csv_text(text) == text
        assert from_csv_text(text) == text
