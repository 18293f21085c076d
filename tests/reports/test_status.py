"""The status report service (aarshjul/reports/status.py): ``report status`` in every format."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aarshjul.app import App
from tests.conftest import Cli


def test_report_status_prints_markdown_and_writes_each_format(
        cli: Cli, people: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    people.items.add("Strategi", owner="mette")
    monkeypatch.chdir(tmp_path)
    shown = cli("report", "status")
    assert shown.exit_code == 0
    assert shown.output.startswith("# Statusrapport") and "| 1 | Strategi |" in shown.output
    assert "# Status report" in cli("report", "status", "--lang", "en").output

    html = cli("report", "status", "--format", "html")
    assert html.exit_code == 0 and html.output.strip() == "status-2027-03-01.html"
    assert (tmp_path / "status-2027-03-01.html").read_text(encoding="utf-8").startswith(
        "<!DOCTYPE html>")
    xlsx = cli("report", "status", "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))
    assert xlsx.exit_code == 0 and (tmp_path / "r.xlsx").read_bytes()[:2] == b"PK"
    md = cli("report", "status", "-o", str(tmp_path / "r.md"))
    assert md.exit_code == 0 and (tmp_path / "r.md").read_text(encoding="utf-8").startswith(
        "# Statusrapport")
    assert not list(tmp_path.glob("*.part"))

    bad = cli("report", "status", "--format", "html", "-o", str(tmp_path / "no" / "r.html"))
    assert bad.exit_code == 2 and "-o" in bad.output


def test_pdf_without_weasyprint_says_how_to_install_it(
        cli: Cli, people: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if not installed
    out = tmp_path / "r.pdf"
    result = cli("report", "status", "--format", "pdf", "-o", str(out))
    assert result.exit_code == 4
    assert "pip install 'aarshjul[pdf]'" in result.output and "WeasyPrint" in result.output
    assert not out.exists()


def test_pdf_with_weasyprint(cli: Cli, people: App, tmp_path: Path) -> None:
    people.items.add("Strategi", owner="mette")
    out = tmp_path / "r.pdf"
    result = cli("report", "status", "--format", "pdf", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
