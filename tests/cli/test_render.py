"""Terminal output (aarshjul/cli/render.py): the aligned tables and the JSON of listing commands."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from aarshjul.cli.render import dump, dumps, table, write_table


@dataclass(frozen=True)
class _Row:
    ref: str
    at: datetime
    due: date | None
    moves: tuple[str, ...]


def test_json_is_written_in_pieces_while_it_is_encoded() -> None:
    rows = [_Row(str(n), datetime(2027, 3, 1, 9, 0, tzinfo=UTC), date(2027, 6, 30), ("a", "b"))
            for n in range(20_000)]
    pieces: list[str] = []
    dump(rows, pieces.append)
    assert len(pieces) > 10  # a national listing never sits in memory as one string
    parsed = json.loads("".join(pieces))
    assert len(parsed) == 20_000
    assert parsed[7] == {"ref": "7", "at": "2027-03-01T10:00:00+01:00", "due": "2027-06-30",
                         "moves": ["a", "b"]}


def test_dumps_gives_the_same_text_without_the_final_newline() -> None:
    value = {"items": [_Row("1", datetime(2027, 7, 1, 8, 0, tzinfo=UTC), None, ())], "n": 1}
    pieces: list[str] = []
    dump(value, pieces.append)
    assert dumps(value) + "\n" == "".join(pieces)
    assert json.loads(dumps(value))["items"][0]["at"] == "2027-07-01T10:00:00+02:00"


def test_a_listing_is_one_line_per_element_at_every_length() -> None:
    # The lines are written in batches; a batch boundary must not leave a dangling comma.
    for n in (0, 1, 2, 499, 500, 501, 1000, 1001):
        rows = [_Row(str(i), datetime(2027, 3, 1, 9, 0, tzinfo=UTC), None, ()) for i in range(n)]
        pieces: list[str] = []
        dump(rows, pieces.append)
        text = "".join(pieces)
        assert [r["ref"] for r in json.loads(text)] == [str(i) for i in range(n)], n
        if n:
            lines = text.splitlines()
            assert (lines[0], lines[-1], len(lines)) == ("[", "]", n + 2)
            assert json.loads(lines[1].rstrip(","))["ref"] == "0"


def test_a_table_aligns_its_columns_and_never_pads_the_last() -> None:
    text = table(["nr.", "tilstand", "titel"],
                 [("1.2.10", "BUU", "Flere {drenge} i fritidslivet"), ("3", None, ""),
                  ("4", "Høring", None)])
    assert text.split("\n") == [
        "nr.     tilstand  titel",
        "------  --------  -----------------------------",
        "1.2.10  BUU       Flere {drenge} i fritidslivet",
        "3",
        "4       Høring",
    ]


def test_a_one_column_table_is_its_values() -> None:
    assert table(["nr."], [("1.2",), ("10",)]) == "nr.\n---\n1.2\n10"


def test_a_streamed_table_is_the_table_at_every_length() -> None:
    """write_table reads its rows once (item list, issue 19 point 2) and gives table()'s text."""
    for n in (0, 1, 2, 2001, 4500):
        rows = [(f"1.{i}", "Drøftelse · 1/2" if i % 3 else "Høring", None if i % 5 else "mette",
                 "Trivsel \"og\" fællesskaber " * (i % 4)) for i in range(n)]
        pieces: list[str] = []
        write_table(["Nr.", "Tilstand", "Ejer", "Titel"], iter(rows), pieces.append)
        assert "".join(pieces) == table(["Nr.", "Tilstand", "Ejer", "Titel"], rows) + "\n"


def test_a_streamed_listing_is_the_listing_at_every_length() -> None:
    for n in (0, 1, 2, 499, 500, 501, 1200):
        values = [{"ref": f"1.{i}", "at": date(2027, 3, 1)} for i in range(n)]
        whole: list[str] = []
        streamed: list[str] = []
        dump(values, whole.append)
        dump(iter(values), streamed.append)
        assert "".join(streamed) == "".join(whole)
