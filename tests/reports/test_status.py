"""The status report (aarshjul/reports/status.py): right against the data, rendered safely.

The demo is the reference data set: the report's counts, overdue deadlines and changes are
compared with what ``item list``, ``deadlines`` and the audit trail say on their own.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, select

from aarshjul.app import App
from aarshjul.context import Context
from aarshjul.dates.timeutil import parse_datetime, start_of_day
from aarshjul.reports.status import (
    gather,
    keep_together,
    md_cell,
    render_html,
    render_markdown,
)
from aarshjul.store.models import AuditEntry
from tests.conftest import Cli, app_at
from tests.notifications.conftest import maildir_config, read_maildir, with_config

DEMO_NOW = "2026-11-23T10:00"
LATER = "2026-12-10T10:00"  # the demo's booked sagsfrister and its høring have passed
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def demo(db_url: str) -> Cli:
    cli = Cli(db_url, now=DEMO_NOW)
    result = cli("init", "--demo")
    assert result.exit_code == 0, result.output
    return cli


@contextmanager
def demo_app(db_url: str, now: str) -> Iterator[App]:
    app = App(db_url, Context(actor="sek", now=parse_datetime(now)))
    try:
        yield app
    finally:
        app.db.dispose()


def as_json(cli: Cli, *args: str, now: str | None = None) -> list[dict[str, object]]:
    result = cli(*args, "--json", now=now)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert isinstance(data, list)
    return data


# -- correct against the demo ---------------------------------------------------------------


def test_demo_counts_add_up_and_agree_with_item_list(demo: Cli, db_url: str) -> None:
    with demo_app(db_url, DEMO_NOW) as app:
        report = app.reports.status()
    listed = as_json(demo, "item", "list")
    assert report.total == len(listed) == 14
    assert sum(c.count for c in report.counts) == report.total
    assert {c.label: c.count for c in report.counts} == Counter(i["state_label"] for i in listed)
    assert sum(n for _, n in report.health) == report.total
    assert report.health_count("paused") == sum(1 for i in listed if i["paused"]) == 1
    assert [i.ref for i in report.items] == [i["ref"] for i in listed]
    assert [(t.depth, t.ref) for t in report.tree][:3] == [(1, "1"), (2, "1.1"), (3, "1.1.1")]
    assert {h.ref for h in report.handlemaal} == {
        i["ref"] for i in listed if i["kind"] == "handlemaal"}


def test_demo_overdue_means_overdue_in_working_days_as_of_now(demo: Cli, db_url: str) -> None:
    with demo_app(db_url, LATER) as app:
        report = app.reports.status()
    overdue = as_json(demo, "deadlines", "--overdue", now=LATER)
    assert [d.key for d in report.overdue] == [d["key"] for d in overdue]
    assert {"1", "1.1", "1.2"} <= {d.ref for d in report.overdue}
    assert all(d.working_days_left < 0 for d in report.overdue)
    late_items = {i.ref for i in report.items if i.health == "overdue"}
    assert late_items == {d.ref for d in report.overdue if d.ref}
    assert report.health_count("overdue") == len(late_items)
    # The same data three weeks earlier: nothing booked is overdue yet.
    with demo_app(db_url, DEMO_NOW) as app:
        earlier = app.reports.status()
    assert {d.ref for d in earlier.overdue} == {""}  # only a strategy plan, not an item
    assert earlier.health_count("overdue") == 0


def test_demo_due_soon_is_every_open_deadline_up_to_the_horizon(demo: Cli,
                                                                   db_url: str) -> None:
    with demo_app(db_url, DEMO_NOW) as app:
        report = app.reports.status()
    assert report.horizon == date(2026, 12, 14)  # 15 working days after 23 November
    everything = as_json(demo, "deadlines")
    expected = [d["key"] for d in everything
                if isinstance(d["working_days_left"], int) and d["working_days_left"] >= 0
                and str(d["due"]) <= report.horizon.isoformat()]
    assert [d.key for d in report.due_soon] == expected
    assert len(expected) == 3
    at_risk = {i.ref for i in report.items if i.health == "at_risk"}
    assert at_risk == {"1.1"}  # its BUU sagsfrist is today


def test_demo_changes_equal_the_audit_entries_in_the_window(demo: Cli, db_url: str) -> None:
    since = date(2026, 10, 1)
    with demo_app(db_url, DEMO_NOW) as app:
        report = app.reports.status(since=since)
        with app.db.transaction() as s:
            window = s.scalars(
                select(AuditEntry.id)
                .where(AuditEntry.item_id.is_not(None),
                       AuditEntry.at >= start_of_day(since), AuditEntry.at <= app.ctx.now)
                .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())).all()
            before = s.scalars(select(AuditEntry.id).where(
                AuditEntry.item_id.is_not(None), AuditEntry.at < start_of_day(since))).all()
    assert [c.id for c in report.changes] == list(window)
    assert window and before  # entries lie outside the window too: the filter matters
    assert report.since == start_of_day(since)
    kinds = Counter(c.action for c in report.changes)
    assert kinds["advance"] >= 1 and kinds["book"] >= 4
    decided = [c for c in report.changes if c.decision]
    assert any("høring" in c.decision for c in decided)
    assert all(c.label and c.actor == "Karen Lund" for c in report.changes)


def test_for_meeting_runs_from_the_previous_meeting_to_the_next(demo: Cli,
                                                                db_url: str) -> None:
    with demo_app(db_url, DEMO_NOW) as app:
        report = app.reports.status(for_meeting="LEDERMOEDE-2026-12-01")
    assert report.meeting is not None and report.meeting.code == "LEDERMOEDE-2026-12-01"
    assert report.since == start_of_day(date(2026, 11, 17))  # the ledermøde before it
    assert report.horizon == date(2026, 12, 15)  # the ledermøde after it
    assert report.next_meeting is not None and report.next_meeting.date == report.horizon
    # A meeting further ahead, whose previous meeting is still to come: the last two weeks.
    with demo_app(db_url, DEMO_NOW) as app:
        ahead = app.reports.status(for_meeting="LEDERMOEDE-2027-02-02")
    assert ahead.since == start_of_day(date(2026, 11, 9))
    assert ahead.horizon == date(2027, 2, 16)
    text = demo("report", "status", "--for-meeting", "LEDERMOEDE-2026-12-01").output
    assert "Ledermøde 1. december 2026" in text and "17. november 2026" in text


# -- health, scope, window ------------------------------------------------------------------


def test_every_item_gets_the_health_its_deadlines_and_bookings_give(people: App) -> None:
    app = people
    for title in ("Forsinket", "Snart", "Flyttet møde", "I bero", "Trukket", "Roligt"):
        app.items.add(title, owner="mette")
    app.items.edit("1", due=date(2027, 2, 24))  # 3 working days before 1 March
    app.meetings.add("OMU", date(2027, 3, 10))  # sagsfrist 3 March: 2 working days left
    app.meetings.book("2", "OMU-2027-03-10")
    app.meetings.add("BUU", date(2027, 6, 7))
    app.meetings.book("3", "BUU-2027-06-07")
    app.meetings.move("BUU-2027-06-07", date(2027, 6, 14))  # far away, but flagged
    app.moves.pause("4", reason="Afventer budget")
    app.moves.withdraw("5", reason="Opgivet")
    report = app.reports.status()
    health = {i.ref: i.health for i in report.items}
    assert health == {"1": "overdue", "2": "at_risk", "3": "at_risk", "4": "paused",
                      "5": "done", "6": "on_track"}
    by_ref = {i.ref: i for i in report.items}
    assert by_ref["1"].working_days_left == -3 and by_ref["1"].deadline == date(2027, 2, 24)
    assert by_ref["2"].next_meeting == "OMU-2027-03-10" and by_ref["2"].working_days_left == 2
    assert by_ref["3"].flagged and by_ref["3"].next_meeting == "BUU-2027-06-07"
    assert dict(report.health) == {"overdue": 1, "at_risk": 2, "on_track": 1, "paused": 1,
                                   "done": 1}
    # Delivering the case meets the deadline: the item is no longer at risk.
    app.deadlines.deliver("2")
    assert {i.ref: i.health for i in app.reports.status().items}["2"] == "on_track"


def test_owner_and_subtree_limit_items_deadlines_and_changes(people: App) -> None:
    app = people
    app.items.add("Strategi", owner="dir")
    app.items.add("Trivsel", parent="1", owner="mette", due=date(2027, 3, 5))
    app.items.add("Læring", parent="1", owner="dir", due=date(2027, 3, 4))
    app.items.add("Andet", owner="mette", due=date(2027, 3, 3))
    later = app_at(app, "2027-03-01T11:00")
    later.moves.advance(["1.1"], note="Drøftet")
    later.moves.advance(["2"], note="Drøftet")

    mine = later.reports.status(owner="mette")
    assert [i.ref for i in mine.items] == ["1.1", "2"]
    assert {d.ref for d in mine.due_soon} == {"1.1", "2"}
    assert {c.ref for c in mine.changes} == {"1.1", "2"}
    assert mine.scope.owner == "mette" and mine.owner_name == "Mette Holm"

    under = later.reports.status(subtree="1")
    assert [(t.depth, t.ref) for t in under.tree] == [(1, "1"), (2, "1.1"), (2, "1.2")]
    assert {d.ref for d in under.due_soon} == {"1.1", "1.2"}
    assert {c.ref for c in under.changes} == {"1", "1.1", "1.2"}

    both = later.reports.status(owner="mette", subtree="1")
    assert [i.ref for i in both.items] == ["1.1"]
    assert sum(c.count for c in both.counts) == both.total == 1


def test_since_in_the_future_or_unknown_scope_is_refused(cli: Cli, people: App) -> None:
    result = cli("report", "status", "--since", "2027-03-02")
    assert result.exit_code == 2
    assert "--since" in result.output and "2027-03-02" in result.output
    assert cli("report", "status", "--since", "i går").exit_code == 2
    unknown = cli("report", "status", "--owner", "nobody")
    assert unknown.exit_code == 2 and "nobody" in unknown.output
    assert cli("report", "status", "--for-meeting", "OMU-1999-01-01").exit_code == 2
    assert cli("report", "status", "--subtree", "9").exit_code == 2


# -- rendering ------------------------------------------------------------------------------


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
    assert "Tabel \\| med \\<script\\>alert(1)\\</script\\>" in text
    # Outside the tree's code block (where text is shown literally) no markup gets through.
    outside = re.sub(r"```text\n.*?```", "", text, flags=re.S)
    assert "<script>" not in outside and "<script>" in text.split("```text")[1]
    tables = _table_rows(text)
    assert len(tables) >= 5
    for table in tables:
        assert re.fullmatch(r"-+:?", table[1][0].strip()), table[1]  # a separator row
        assert {len(row) for row in table} == {len(table[0])}, table
    assert md_cell("a\n|b") == "a \\|b"


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


def test_gathering_is_a_fixed_number_of_queries_whatever_the_number_of_items(
        people: App) -> None:
    """Set-based: 30 items cost the same statements as 3 (no query per item)."""
    app = people
    app.meetings.add("OMU", date(2027, 3, 24))

    def statements() -> int:
        seen: list[str] = []

        def count(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(app.db.engine, "before_cursor_execute", count)
        try:
            with app.db.transaction() as s:
                gather(s, app.ctx, since=date(2027, 1, 1))
        finally:
            event.remove(app.db.engine, "before_cursor_execute", count)
        return len(seen)

    def add(n: int, start: int) -> None:
        for k in range(start, start + n):
            app.items.add(f"Punkt {k}", owner="mette", due=date(2027, 4, 1))
            app.meetings.book(str(k), "OMU-2027-03-24")
            app.items.add(f"Handlemål {k}", parent=str(k), kind="handlemaal", owner="dir")

    add(3, 1)
    few = statements()
    add(27, 4)
    many = statements()
    assert few == many


# -- command line ---------------------------------------------------------------------------


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


# -- report send ----------------------------------------------------------------------------


def test_report_send_mails_each_member_once_with_the_report_attached(
        people: App, tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    app = with_config(people, maildir_config(folder))
    app.people.add("jens", name="Jens Kragh", email="jens@kommune.example", lang="en")
    app.items.add(f"Plan {SCRIPT}", owner="mette", due=date(2027, 2, 24))
    app.meetings.add("LEDERMOEDE", date(2027, 3, 2))
    app.meetings.edit_body("LEDERMOEDE", members=("dir", "mette", "jens"))
    # Mette also has a reminder waiting: the report must still be a mail of its own.
    app.outbox.queue()

    result = app.report_mail.send("LEDERMOEDE-2027-03-02")
    assert (result.members, result.queued, result.already) == (3, 3, 0)
    messages = read_maildir(folder)
    reports = [m for m in messages if "tatus" in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in reports) == [
        "dir@kommune.example", "jens@kommune.example", "mette@kommune.example"]
    to_mette = [m for m in messages if str(m["To"]) == "mette@kommune.example"]
    assert len(to_mette) == 2  # her reminder digest, and the report separately
    danish = next(m for m in reports if str(m["To"]) == "mette@kommune.example")
    assert str(danish["Subject"]).startswith("Statusrapport til Ledermøde 2. marts 2027")
    files = {p.get_filename(): p for p in danish.iter_attachments()}
    assert set(files) == {"statusrapport-LEDERMOEDE-2027-03-02.html",
                          "statusrapport-LEDERMOEDE-2027-03-02.xlsx"}
    page = files["statusrapport-LEDERMOEDE-2027-03-02.html"].get_content()
    assert "Plan &lt;script&gt;" in page and "<script" not in page
    body = danish.get_body(preferencelist=("html",))
    assert body is not None and "Plan &lt;script&gt;" in body.get_content()
    english = next(m for m in reports if str(m["To"]) == "jens@kommune.example")
    assert str(english["Subject"]).startswith("Status report for Ledermøde 2 March 2027")

    again = app.report_mail.send("LEDERMOEDE-2027-03-02")
    assert (again.queued, again.already, again.sent) == (0, 3, 0)
    assert len(read_maildir(folder)) == len(messages)


def test_report_send_needs_members(cli: Cli, people: App) -> None:
    people.meetings.add("LEDERMOEDE", date(2027, 3, 2))
    result = cli("report", "send", "--meeting", "LEDERMOEDE-2027-03-02")
    assert result.exit_code == 2
    assert "body edit LEDERMOEDE --member" in result.output
    assert cli("report", "send", "--meeting", "NOPE-2027-01-01").exit_code == 2


def test_report_send_from_the_command_line(cli: Cli, people: App, tmp_path: Path) -> None:
    config = tmp_path / "aarshjul.toml"
    config.write_text(f'[mail]\ntransport = "maildir"\ndir = "{tmp_path / "mail"}"\n',
                      encoding="utf-8")
    cli.config = str(config)
    people.meetings.add("LEDERMOEDE", date(2027, 3, 2))
    assert cli("body", "edit", "LEDERMOEDE", "--member", "dir").exit_code == 0
    result = cli("report", "send", "--meeting", "LEDERMOEDE-2027-03-02")
    assert result.exit_code == 0, result.output
    assert "1 nye i udbakken" in result.output and "1 e-mails sendt" in result.output
    assert len(read_maildir(tmp_path / "mail")) == 1


def test_the_report_shows_indicators_and_conversations(people: App, tmp_path: Path) -> None:
    from datetime import date as day

    from aarshjul.reports.status import render_html, render_markdown

    people.people.add("sara", name="Sara <Nielsen>", email="sara@kommune.example",
                      manager="mette")
    people.items.add("Trivsel", owner="mette")
    people.indicators.add("1", name="Høre til", unit="%", baseline="60@2026",
                          targets=["70@2027", "80@2028"])
    people.indicators.measure("1", "Høre til", "65", day(2027, 7, 1))
    people.conversations.plan(2027, logins=["sara"], start=day(2027, 2, 1), end=day(2027, 2, 1))
    report = app_at(people, "2027-08-01T10:00").reports.status()
    [indicator] = report.indicators
    assert (indicator.status, indicator.expected) == ("behind", 70.0)
    [conversation] = report.conversations
    assert conversation.status == "plan-overdue"
    markdown = render_markdown(report)
    assert "| 1 | Høre til | 65% (2027-07-01) | 70% | bagud |" in markdown
    html = render_html(report)
    assert 'id="indicators"' in html and "Sara &lt;Nielsen&gt;" in html
    assert html.count('class="measurement"') == 1
    assert "strategiplan for sent" in html
