"""Reading CSV the one way for every import: encodings and the separator."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aarshjul.app import App
from aarshjul.services.tabular import decode_text, read_csv, sniff_delimiter


@pytest.mark.parametrize(("text", "delimiter"), [
    ("Nr.;Titel\n1;Strategi, 2027", ";"),
    ("body,date\nBUU;x,2027-09-14", ","),
    ("\n\n  \nbody,date\n", ","),  # blank lines before the header are skipped
    ("Nr.;Titel;Noter, intern, ikke til import\n", ";"),  # a tie: Danish Excel writes ';'
    ("Nr.\n", ";"),
    ("", ";"),
])
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_decode_text_reads_utf8_with_a_bom_and_danish_excels_windows_1252() -> None:
    assert decode_text("\ufeffRådhus".encode()) == "Rådhus"
    assert decode_text("Rådhus".encode("cp1252")) == "Rådhus"
    with pytest.raises(UnicodeDecodeError):
        decode_text(b"R\xe5d\x81")  # 0x81 is undefined in Windows-1252
    assert decode_text(b"R\xe5d\x81", errors="replace") == "Råd\ufffd"


def test_read_csv_keeps_quoted_separators(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes('Nr.;Titel\r\n1;"Strategi; del 1"\r\n'.encode("utf-8-sig"))
    assert read_csv(path) == [["Nr.", "Titel"], ["1", "Strategi; del 1"]]


def test_an_item_sheet_whose_header_has_as_many_commas_as_semicolons_is_read_with_semicolons(
        people: App, tmp_path: Path) -> None:
    """A secretariat's own notes column with commas in its name must not turn the file into a
    comma-separated one: with ``>`` instead of ``>=`` this import fails on missing columns."""
    path = tmp_path / "punkter.csv"
    path.write_text("Nr.;Titel;Noter, intern, ikke til import\n"
                    "1;Børne- og ungestrategi;Ja, nej, måske\n", encoding="utf-8-sig")
    changes = people.spreadsheets.import_file(str(path))
    assert [(c.ref, c.new) for c in changes] == [("1", True)]
    assert people.items.show("1").title == "Børne- og ungestrategi"


def test_an_item_sheet_takes_the_day_first_dates_the_meeting_import_takes(
        people: App, tmp_path: Path) -> None:
    path = tmp_path / "punkter.csv"
    path.write_text("Nr.;Titel;Frist\n1;Strategi;14/09/2027\n2;Plan;14.09.2027\n",
                    encoding="utf-8-sig")
    people.spreadsheets.import_file(str(path))
    assert people.items.show("1").due == people.items.show("2").due == date(2027, 9, 14)
