"""Rendering the status report (aarshjul/reports/render_status.py): Markdown and HTML, safely.

User text can never break a Markdown table or become markup in the HTML page, and the page is
one self-contained, accessible document.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

from aarshjul.app import App
from aarshjul.context import Context
from aarshjul.reports.render_status import (
    html_chunks,
    keep_together,
    md_cell,
    render_html,
    render_markdown,
)
from tests.conftest import app_at

SCRIPT = "<script>alert(1)</script>"


def _table_rows(markdown: str) -> list[list[list[str]]]:
    """The Markdown's tables, as rows of cells split at unescaped pipes."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append(re.split(r"(?<!\\)\|", line)[1:-1])
        elif current:
            tables.append(current)
            current = []
    return tables


def test_markdown_tables_are_well_formed_and_user_text_cannot_break_them(people: App) -> None:
    app = people
    app.items.add(f"Tabel | med {SCRIPT}", owner="mette")
    app.items.add("Handlemål", parent="1", kind="handlemaal", owner="dir",
                  texts={"tovholder": "*fed* [link](x)",
                         "succeskriterier": "Linje et\nlinje | to"})
    text = render_markdown(app.reports.status())
    assert "Tabel \\| med &lt;script&gt;alert(1)&lt;/script&gt;" in text
    # Outside the tree's code block (where text is shown literally) no markup gets through.
    outside = re.sub(r"```text\n.*?```", "", text, flags=re.S)
    assert "<script>" not in outside and "<script>" in text.split("```text")[1]
    tables = _table_rows(text)
    assert len(tables) >= 5
    for table in tables:
        assert re.fullmatch(r"-+:?", table[1][0].strip()), table[1]  # a separator row
        assert {len(row) for row in table} == {len(table[0])}, table
    assert md_cell("a\n|b") == "a \\|b"


def test_markdown_turned_into_html_runs_no_user_markup(people: App) -> None:
    """Issue 20, point 12: whatever turns the Markdown into HTML (here Python-Markdown, which
    does not honour a backslash before ``<``), a title, an owner's name, a body's name or a
    conversation partner holding ``<script>`` or ``<img onerror>`` stays text."""
    import markdown

    app = people
    img = '<img src=x onerror="alert(2)">'
    app.people.edit("mette", name=f"Mette {img}")
    app.items.add(f"Plan {SCRIPT}", owner="mette")
    app.items.add(f"Mål {img} &lt;script&gt;", parent="1", kind="handlemaal", owner="dir",
                  texts={"evaluering": SCRIPT})
    text = render_markdown(app.reports.status())
    outside = re.sub(r"```text\n.*?```", "", text, flags=re.S)
    assert "<script" not in outside and "<img" not in outside
    html = markdown.markdown(text, extensions=["tables", "fenced_code"])
    assert "<script" not in html and "<img" not in html
    assert "Plan &lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as typed
    assert "&amp;lt;script&amp;gt;" in html  # a typed character reference stays typed


def test_html_escapes_user_text_in_the_tables_and_in_the_wheel(people: App) -> None:
    app = people
    app.items.add(f"Ny plan {SCRIPT}", owner="mette")
    app.items.add("Handlemål", parent="1", kind="handlemaal", owner="dir",
                  texts={"evaluering": SCRIPT,
                         "succeskriterier": '<img src=x onerror="alert(2)">'})
    app.meetings.add("OMU", date(2027, 3, 24))
    app.meetings.book("1", "OMU-2027-03-24")
    report = app.reports.status()
    html = render_html(report, app.reports.wheel_svg())
    assert "<script" not in html.lower() and "<img" not in html.lower()
    wheel = html[html.index("<svg"):html.index("</svg>")]
    assert "Ny plan &lt;script&gt;alert(1)&lt;/script&gt;" in wheel  # the wheel's booking
    tables = html[html.index('id="items-table"'):]
    assert "Ny plan &lt;script&gt;alert(1)&lt;/script&gt;" in tables
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in html  # the evaluering
    assert html.count("Ny plan &lt;script&gt;") >= 3  # items, tree, wheel
    # Meeting codes and dates are kept on one line, with the text around them still escaped.
    assert str(keep_together("<b>BUU-2026-12-07</b>, sagsfrist 2026-11-23")) == (
        '&lt;b&gt;<span class="date">BUU-2026-12-07</span>&lt;/b&gt;, sagsfrist '
        '<span class="date">2026-11-23</span>')


def test_html_is_one_self_contained_accessible_page(people: App) -> None:
    app = people
    app.items.add("Strategi", owner="mette")
    app.meetings.add("OMU", date(2027, 3, 24))
    app.meetings.book("1", "OMU-2027-03-24")
    html = render_html(app.reports.status(), app.reports.wheel_svg())
    assert html.startswith("<!DOCTYPE html>") and '<html lang="da">' in html
    for external in ("<link", "src=", "@import", "url(", "<script", "<iframe"):
        assert external not in html
    assert re.findall(r"https?://[^\"' ]+", html) == ["http://www.w3.org/2000/svg"]
    assert "@page { size: A4" in html and "@media print" in html
    headings = [int(h) for h in re.findall(r"<h([1-6])\b", html)]
    assert headings[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(headings))
    assert html.count("<caption>") == html.count("<table") >= 6
    assert 'role="img"' in html and 'id="wheel-title"' in html and 'id="wheel-desc"' in html
    english = render_html(app.at(Context(actor="sek", now=app.ctx.now, lang="en"))
                          .reports.status())
    assert '<html lang="en">' in english and "Status report" in english


def test_the_report_shows_indicators_and_conversations(people: App, tmp_path: Path) -> None:
    people.people.add("sara", name="Sara <Nielsen>", email="sara@kommune.example",
                      manager="mette")
    people.items.add("Trivsel", owner="mette")
    people.indicators.add("1", name="Høre til", unit="%", baseline="60@2026",
                          targets=["70@2027", "80@2028"])
    people.indicators.measure("1", "Høre til", "65", date(2027, 7, 1))
    people.conversations.plan(2027, logins=["sara"], start=date(2027, 2, 1), end=date(2027, 2, 1))
    report = app_at(people, "2027-08-01T10:00").reports.status()
    [indicator] = report.indicators
    assert (indicator.status, indicator.expected) == ("behind", 70.0)
    [conversation] = report.conversations
    assert conversation.status == "plan-overdue"
    markdown = render_markdown(report)
    assert "| 1 | Høre til | 65 % (01.07.2027) | 70 % | bagud |" in markdown
    html = render_html(report)
    assert 'id="indicators"' in html and "Sara &lt;Nielsen&gt;" in html
    assert html.count('class="measurement"') == 1
    assert "strategiplan for sent" in html



def test_the_written_page_copies_the_wheel_from_its_file_byte_for_byte(
        people: App, tmp_path: Path) -> None:
    """report status --format html draws the wheel first into a temporary file and copies it
    into the page a block at a time (issue 19): the page is the one render_html makes with the
    wheel's text, byte for byte, however small the blocks; user text in the wheel still
    escaped."""
    app = people
    app.meetings.add("OMU", date(2027, 3, 24))
    for n in range(1, 7):
        app.items.add(f"Plan {n} {SCRIPT}", owner="mette")
        app.meetings.book(str(n), "OMU-2027-03-24")
    report = app.reports.status()
    expected = render_html(report, app.reports.wheel_svg())
    assert expected.count("Plan 6 &lt;script&gt;") >= 3  # items, tree, wheel
    for block in (7, 1 << 16):
        with app.reports.wheel_file() as wheel:
            assert "".join(html_chunks(report, wheel, block=block)) == expected
    written = app.reports.export("html", tmp_path / "status.html")
    assert written.path is not None
    assert written.path.read_bytes() == expected.encode("utf-8")


def test_a_compiled_template_is_kept_for_the_next_run() -> None:
    """Each command is a new process: the status report's template is compiled once and read
    back compiled after that (aarshjul/jinja_cache.py)."""
    from aarshjul.reports.render_status import report_env

    first = report_env.__wrapped__()
    first.get_template("status.html")  # compiled here, or already in the cache
    later = report_env.__wrapped__()  # as the next process makes it

    def no_compiling(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the template was compiled again")

    later.compile = no_compiling  # type: ignore[method-assign]
    assert later.get_template("status.html").render is not None
