"""The item tree through XLSX and CSV: lossless round trips, all-or-nothing imports."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from aarshjul.app import App
from tests.conftest import Cli, with_demo
from tests.snapshots import Snapshots


@pytest.fixture
def demo(tmp_path: Path, snapshots: Snapshots) -> Cli:
    return with_demo(snapshots, Cli(str(tmp_path / "demo.db"), now="2026-11-23T10:00"))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)


def _snapshot(cli: Cli) -> tuple[str, str]:
    return cli("--json", "item", "list").output, cli("audit", "verify", "--full").output


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_round_trip_of_the_demo_changes_nothing(demo: Cli, tmp_path: Path,
                                                  suffix: str) -> None:
    assert demo("item", "edit", "1.1.1.1", "--due", "2027-06-30").exit_code == 0
    path = tmp_path / f"strategi{suffix}"
    assert demo("export", str(path)).exit_code == 0
    before = _snapshot(demo)
    result = demo("import", str(path))
    assert result.exit_code == 0, result.output
    assert "0 nye punkter og 0 ændrede punkter" in result.output
    assert _snapshot(demo) == before


def test_the_xlsx_has_dates_as_dates_a_frozen_header_and_a_filter(demo: Cli,
                                                                   tmp_path: Path) -> None:
    demo("item", "edit", "1.1.1.1", "--due", "2027-06-30")
    path = tmp_path / "strategi.xlsx"
    demo("export", str(path))
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Nr.", "Under", "Type", "Titel"]
    assert "Succeskriterier" in header and "Tovholder" in header
    due = header.index("Frist") + 1
    values = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=due).value
              for r in range(2, sheet.max_row + 1)}
    assert values["1.1.1.1"].date() == date(2027, 6, 30)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_an_edited_spreadsheet_updates_and_adds_items(demo: Cli, tmp_path: Path) -> None:
    path = tmp_path / "strategi.csv"
    demo("export", str(path))
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    header = rows[0]
    row = next(r for r in rows if r[0] == "1.1.1.2")
    row[header.index("Succeskriterier")] = "Mindst 92 % trives i 2028"
    new = [""] * len(header)
    new[0], new[header.index("Titel")] = "1.1.1.3", "Venskabsgrupper"
    new[header.index("Ejer")] = "ali"
    rows.append(new)
    _write_csv(path, rows)
    preview = demo("import", str(path), "--dry-run")
    assert preview.exit_code == 0 and "1.1.1.3: ny" in preview.output
    assert "Mindst 92 %" in preview.output
    assert demo("item", "show", "1.1.1.3").exit_code == 2  # the dry run wrote nothing
    assert demo("import", str(path)).exit_code == 0
    shown = json.loads(demo("--json", "item", "show", "1.1.1.3").output)
    assert (shown["owner"], shown["kind"], shown["workflow"]) == ("ali", "handlemaal",
                                                                  "handleplan")
    assert "92 %" in json.loads(demo("--json", "item", "show", "1.1.1.2").output)[
        "succeskriterier"]
    assert demo("audit", "verify").exit_code == 0


def test_a_file_with_bad_rows_changes_nothing_and_names_every_problem(
        demo: Cli, tmp_path: Path) -> None:
    path = tmp_path / "strategi.csv"
    demo("export", str(path))
    lines = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    header = lines[0]
    bad_date = [""] * len(header)
    bad_date[0], bad_date[header.index("Titel")] = "5", "Ny strategi"
    bad_date[header.index("Frist")] = "31-02-2027"
    orphan = [""] * len(header)
    orphan[0], orphan[header.index("Titel")] = "9.1", "Forældreløs"
    moved = lines[1]
    moved[header.index("Tilstand")] = "KB"
    unknown_owner = lines[2]
    unknown_owner[header.index("Ejer")] = "nobody"
    _write_csv(path, [header, moved, unknown_owner, *lines[3:], bad_date, orphan])
    before = _snapshot(demo)
    result = demo("import", str(path))
    assert result.exit_code == 2
    err = result.stderr
    assert "række 2, Tilstand" in err and "aarshjul advance 1" in err
    assert "række 3, Ejer" in err and "nobody" in err
    assert "Frist" in err and "31-02-2027" in err
    assert "Under: 9 findes hverken" in err
    assert _snapshot(demo) == before


def test_export_refuses_an_unknown_extension(people: App, cli: Cli, tmp_path: Path) -> None:
    result = cli("export", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2 and ".xlsx" in result.stderr


def test_a_control_character_in_a_title_does_not_break_the_xlsx(people: App, cli: Cli,
                                                                  tmp_path: Path) -> None:
    people.items.add("Trivsel\x07 og tryghed", owner="dir",
                     texts={"description": "Fra Word:\x0bny linje\x1b"})
    path = tmp_path / "strategi.xlsx"
    result = cli("export", str(path))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index("Titel")] == "Trivsel og tryghed"
    assert row[header.index("Beskrivelse")] == "Fra Word:\nny linje"


FORMULAS = ['=HYPERLINK("https://evil.example";"Klik")', "+45 møder", "-5 % fravær",
            "@SUM(1+1)", "'=allerede citeret"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_title_like_a_formula_is_exported_as_text_and_round_trips(
        people: App, cli: Cli, tmp_path: Path, suffix: str) -> None:
    for n, title in enumerate(FORMULAS):
        people.items.add(title, owner="dir", texts={"description": f"=1+{n}"})
    path = tmp_path / f"strategi{suffix}"
    assert cli("export", str(path)).exit_code == 0
    if suffix == ".xlsx":
        sheet = load_workbook(path).worksheets[0]
        header = [c.value for c in sheet[1]]
        titles = [sheet.cell(row=r, column=header.index("Titel") + 1)
                  for r in range(2, sheet.max_row + 1)]
        assert [c.value for c in titles] == FORMULAS
        assert all(c.data_type == "s" for c in titles)
        description = sheet.cell(row=2, column=header.index("Beskrivelse") + 1)
        assert (description.value, description.data_type) == ("=1+0", "s")
    else:
        text = path.read_text(encoding="utf-8-sig")
        rows = list(csv.reader(text.splitlines(), delimiter=";"))
        cells = [cell for row in rows[1:] for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert "'=HYPERLINK" in text and "'-5 % fravær" in text
    before = cli("--json", "item", "list").output
    result = cli("import", str(path))
    assert result.exit_code == 0, result.output
    assert "0 nye punkter og 0 ændrede punkter" in result.output
    assert cli("--json", "item", "list").output == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_export_is_written_whole_and_private(people: App, cli: Cli, tmp_path: Path,
                                                suffix: str) -> None:
    people.items.add("Trivsel", owner="dir")
    path = tmp_path / f"strategi{suffix}"
    (tmp_path / f"strategi{suffix}.part").symlink_to(tmp_path / "victim")
    assert cli("export", str(path)).exit_code == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not (tmp_path / "victim").exists()


def test_an_export_never_replaces_a_database(people: App, cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "strategi.xlsx"
    with sqlite3.connect(path) as conn:  # a database with a spreadsheet's name
        conn.execute("CREATE TABLE t (x)")
    before = path.read_bytes()
    result = cli("export", str(path))
    assert result.exit_code == 2 and "er en database" in result.stderr
    assert path.read_bytes() == before


def test_the_export_prints_landscape_one_page_wide_with_the_header_on_every_page(
        demo: Cli, tmp_path: Path) -> None:
    from tests.libreoffice import printed_pages

    for n in range(120):  # enough rows for several pages
        assert demo("item", "add", f"Ekstra punkt nummer {n} med en lang titel, der skal ombrydes",
                    "--parent", "3").exit_code == 0
    path = tmp_path / "strategi.xlsx"
    assert demo("export", str(path)).exit_code == 0
    rows = load_workbook(path).worksheets[0].max_row - 1
    pages = printed_pages(path.read_bytes(), tmp_path)
    assert len(pages) > 1 and len(pages) < rows / 5  # one page wide: many rows to a page
    for width, height, text in pages:
        assert width > height  # landscape
        lines = [line.split() for line in text.splitlines() if line.strip()]
        # every page shows the whole header row, first column to last: nothing printed beside it
        assert lines[1][:2] == ["Nr.", "Under"] and lines[1][-1] == "Sagsnr.", lines[:3]
        assert "Punkter" in text  # the title in the page header
