"""The agenda document and the beslutningsprotokol (aarshjul/reports/agenda*.py) in every
format: Markdown and HTML read directly and in Chromium, PDF from WeasyPrint, and the Word file
opened by LibreOffice (converted headless to PDF). LibreOffice or pdftotext missing is a failure,
not a skip: CI must prove the Word file opens.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from aarshjul.app import App
from tests.conftest import Cli, app_at
from tests.services.agenda_setup import MEETING, omu_meeting

HOSTILE = "Plan <script>alert(1)</script>"


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; install it with: apt-get update && "
                    f"apt-get install -y {package}", pytrace=False)
    return found


def pdf_text(path: Path) -> str:
    pdftotext = _tool("pdftotext", "poppler-utils")
    done = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True,
                          check=True, timeout=60)
    return done.stdout.decode("utf-8")


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def agenda(people: App, tmp_path: Path) -> App:
    """Three points, one with a hostile title, texts in two paragraphs, a bilag and a link."""
    a, b, _ = omu_meeting(people, (HOSTILE, "Læring og dannelse", "Overgange"))
    editor = people.agenda_editor
    editor.edit(MEETING, a, texts={"sagsfremstilling": "Første afsnit.\n\nAndet afsnit <b>.",
                                   "indstilling": "Forvaltningen indstiller, at planen godkendes.",
                                   "okonomi": "Ingen udgifter."})
    editor.edit(MEETING, b, kind="orientering")
    bilag = tmp_path / "hoeringssvar.pdf"
    bilag.write_bytes(b"%PDF-1.4")
    editor.attach(MEETING, a, str(bilag), title="Høringssvar")
    editor.attach(MEETING, a, "https://kommune.example/plan", title="Planen")
    return people


def test_markdown_has_the_municipal_layout(agenda: App) -> None:
    text = agenda.agenda_documents.export(MEETING).text
    assert text is not None
    assert text.startswith("# Dagsorden: Område-MED-udvalget (OMU)")
    for heading in ("## Indhold", "## Punkt 1. Godkendelse af dagsorden",
                    "## Punkt 2. Plan &lt;script&gt;alert(1)&lt;/script&gt;",
                    "### Sagsfremstilling", "### Indstilling", "### Økonomi",
                    "## Punkt 6. Eventuelt", "## Bilagsliste"):
        assert heading in text, heading
    assert "Første afsnit.\n\nAndet afsnit &lt;b&gt;." in text
    assert "- Bilag 2.1: Høringssvar" in text
    assert "- Bilag 2.2: Planen – https://kommune.example/plan" in text
    assert "*Orientering · 2 · Ansvarlig: Mette Holm · Godkendelse i OMU*" in text
    assert "Ændret efter udsendelse" not in text
    english = agenda.at(agenda.ctx.__class__(actor="sek", now=agenda.ctx.now, lang="en"))
    text_en = english.agenda_documents.export(MEETING).text
    assert text_en is not None and "## Item 2." in text_en and "### Recommendation" in text_en


def test_html_escapes_user_text_and_opens_cleanly_in_chromium(
        browser: Any, agenda: App, tmp_path: Path) -> None:
    path = tmp_path / "dagsorden.html"
    agenda.agenda_documents.export(MEETING, "html", path)
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    console: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.on("pageerror", lambda e: console.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(path.as_uri(), wait_until="load")
    assert response is not None and response.ok
    assert console == [] and requests == [path.as_uri()]
    assert page.evaluate("document.scripts.length") == 0
    assert page.locator("h1").inner_text() == "Dagsorden"
    headings = page.locator("section.point h2").all_inner_texts()
    assert headings[1] == f"Punkt 2. {HOSTILE}" and len(headings) == 6
    assert page.locator("#punkt-2 h3").all_inner_texts() == [
        "Sagsfremstilling", "Indstilling", "Økonomi", "Bilag"]
    assert page.locator("#punkt-2 p").filter(has_text="Andet afsnit <b>.").count() == 1
    assert page.locator("section.bilagsliste li").count() == 2
    page.close()


def test_pdf_from_weasyprint_has_a_page_per_point(agenda: App, tmp_path: Path) -> None:
    path = tmp_path / "dagsorden.pdf"
    agenda.agenda_documents.export(MEETING, "pdf", path)
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    pages = text.split("\f")
    assert squeeze(pages[0]).startswith("Dagsorden Område-MED-udvalget (OMU)")
    assert "10. marts 2027" in pages[0]
    assert any(squeeze(p).startswith(f"Punkt 2. {HOSTILE}") for p in pages)
    assert "Forvaltningen indstiller, at planen godkendes." in squeeze(text)
    assert "Bilagsliste" in text


def test_the_word_file_opens_in_libreoffice(agenda: App, tmp_path: Path) -> None:
    path = tmp_path / "dagsorden.docx"
    agenda.agenda_documents.export(MEETING, "docx", path)
    soffice = _tool("soffice", "libreoffice-writer-nogui")
    out = tmp_path / "converted"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   capture_output=True, check=True, timeout=180)
    text = squeeze(pdf_text(out / "dagsorden.pdf"))
    assert text.startswith("Dagsorden Område-MED-udvalget (OMU)")
    for expected in ("Indhold", f"Punkt 2. {HOSTILE}", "Sagsfremstilling Første afsnit.",
                     "Andet afsnit <b>.", "Indstilling Forvaltningen indstiller, at planen "
                     "godkendes.", "Økonomi Ingen udgifter.", "Bilag 2.1: Høringssvar",
                     "Punkt 6. Eventuelt", "Bilagsliste",
                     "Bilag 2.2: Planen – https://kommune.example/plan"):
        assert expected in text, expected


def test_an_agenda_edited_after_publication_says_so(agenda: App) -> None:
    from aarshjul.services.agenda import freeze
    from aarshjul.services.meetings import find_meeting

    with agenda.db.transaction() as s:
        view, new = freeze(s, agenda.ctx, find_meeting(s, MEETING))
    assert new and view.version == 1 and not view.changed
    text = agenda.agenda_documents.export(MEETING).text
    assert text is not None and "Udsendt mandag den 1. marts 2027 kl. 10:00 (version 1)" in text
    assert "Ændret efter udsendelse" not in text

    later = app_at(agenda, "2027-03-02T09:00")
    later.agenda_editor.edit(MEETING, "2", texts={"indstilling": "At orienteringen tages til "
                                                                 "efterretning."})
    view = later.agenda.show(MEETING)
    assert view.changed and [p.number for p in view.points if p.changed] == [3]
    text = later.agenda_documents.export(MEETING).text
    assert text is not None
    assert "**Ændret efter udsendelse (version 1, mandag den 1. marts 2027 kl. 10:00)**" in text
    assert re.search(r"3\. Læring og dannelse \(ændret efter udsendelse\)", text)


def test_the_protocol_shows_each_decision(cli: Cli, agenda: App, tmp_path: Path) -> None:
    held = app_at(agenda, "2027-03-10T15:00")
    held.minutes.record(MEETING, "1", "godkendt", text="Som indstillet")
    held.minutes.record(MEETING, "2", "taget til efterretning")
    text = held.agenda_documents.export(MEETING, minutes=True).text
    assert text is not None and text.startswith("# Beslutningsprotokol")
    decisions = re.findall(r"### Beslutning\n\n(.*)\n", text)
    assert decisions == ["Godkendt: Som indstillet", "Taget til efterretning",
                         "Ingen beslutning ført til protokol."]
    result = cli("meeting", "minutes", MEETING, "--format", "docx", "-o",
                 str(tmp_path / "p.docx"), now="2027-03-10T15:00")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "p.docx").read_bytes().startswith(b"PK")
