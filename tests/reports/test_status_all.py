"""``report status --all-orgs``: the whole installation's report (reports/status_all.py), on
two municipalities holding the demo (tests/two_orgs.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from tests.conftest import Cli
from tests.two_orgs import MARK

#: The Danish headline of a municipality's own report (``report.headline``).
HEADLINE = re.compile(r"(\d+) punkter: (\d+) med overskredet frist, (\d+) i risiko, (\d+) på "
                      r"sporet, (\d+) i bero og (\d+) afsluttet")


def _overview_row(page: str, name: str, key: str) -> list[int]:
    row = re.search(rf"<th scope=\"row\">{name} <span class=\"muted\">\({key}\)</span></th>"
                    r"(.*?)</tr>", page, re.S)
    assert row is not None, (name, key)
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', row.group(1))]


def test_each_municipality_gets_its_own_report_and_a_line_on_the_overview(
        two: tuple[Cli, str, int], tmp_path: Path) -> None:
    cli, _, _ = two
    assert cli("--org", "B", "withdraw", "3", "--reason", "droppet").exit_code == 0
    folder = tmp_path / "alle"
    result = cli("report", "status", "--all-orgs", "--format", "html", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        f"Rapporterne for 2 kommuner og oversigten er skrevet: {folder / 'index.html'}")
    assert sorted(p.name for p in folder.iterdir()) == [
        "index.html", "status-B.html", "status-default.html"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    rows = []
    for key, name in (("default", "Kommunen"), ("B", "Anden Kommune")):
        # Each file is the municipality's own report, byte for byte.
        own = tmp_path / f"own-{key}.html"
        assert cli("--org", key, "report", "status", "--format", "html",
                   "-o", str(own)).exit_code == 0
        assert (folder / f"status-{key}.html").read_bytes() == own.read_bytes()
        # Its line on the overview is its own report's headline, and links to it.
        headline = HEADLINE.search(cli("--org", key, "report", "status").output)
        assert headline is not None
        rows.append([int(n) for n in headline.groups()])
        assert _overview_row(page, name, key) == rows[-1]
        assert f'<a href="status-{key}.html">' in page
    assert rows[0] != rows[1]  # B withdrew an item: the lines are told apart
    totals = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S)
    assert totals is not None
    assert [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', totals.group(1))] == [
        a + b for a, b in zip(*rows, strict=True)]
    assert MARK in (folder / "status-B.html").read_text(encoding="utf-8")
    assert MARK not in (folder / "status-default.html").read_text(encoding="utf-8")


def test_markdown_files_and_an_english_overview(two: tuple[Cli, str, int],
                                                 tmp_path: Path) -> None:
    cli, _, _ = two
    folder = tmp_path / "all"
    result = cli("report", "status", "--all-orgs", "-o", str(folder), lang="en")
    assert result.exit_code == 0, result.output
    assert "The reports of 2 municipalities and the overview are written" in result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "index.html", "status-B.md", "status-default.md"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert "<title>Status report – all municipalities Thursday 3 December 2026</title>" in page
    assert "Items in all: " in page and "in 2 municipalities" in page
    assert (folder / "status-B.md").read_text(encoding="utf-8").startswith("# Status report")


def test_what_cannot_be_done_for_every_municipality_is_refused_and_nothing_written(
        two: tuple[Cli, str, int], tmp_path: Path) -> None:
    cli, _, _ = two
    folder = tmp_path / "alle"
    for extra, option in ((("--owner", "mette"), "--owner"), (("--subtree", "1"), "--subtree"),
                          (("--for-meeting", "BUU-2026-12-07"), "--for-meeting")):
        result = cli("report", "status", "--all-orgs", *extra, "-o", str(folder))
        assert result.exit_code == 2
        assert f"kan ikke bruges sammen med {option}. Intet er skrevet." in result.output
    result = cli("--org", "B", "report", "status", "--all-orgs", "-o", str(folder))
    assert result.exit_code == 2 and "sammen med --org" in result.output
    assert not folder.exists()
    a_file = tmp_path / "rapport.html"
    a_file.write_text("min egen fil", encoding="utf-8")
    result = cli("report", "status", "--all-orgs", "--format", "html", "-o", str(a_file))
    assert result.exit_code == 2 and "er en fil, men --all-orgs skriver en mappe" in result.output
    assert a_file.read_text(encoding="utf-8") == "min egen fil"
    # Only the installation's administrators: the settings file names none here.
    config = Path(cli.config or "")
    plain = config.with_name("plain.toml")
    plain.write_text(config.read_text(encoding="utf-8").split("[installation]")[0],
                     encoding="utf-8")
    result = replace(cli, config=str(plain))("report", "status", "--all-orgs",
                                             "-o", str(folder))
    assert result.exit_code == 1
    assert "er for installationens administratorer" in result.output
    assert not folder.exists()
