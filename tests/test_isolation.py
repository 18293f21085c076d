"""No command reads or writes another organisation's rows (issue 19, point 1, must hold).

Two municipalities hold the same demo: the same item numbers, body keys, meeting ids and
logins; the second one's titles, names, e-mail addresses and places carry a marker. Every
command of the command line (the list is checked against the CLI itself, so a new command
cannot be forgotten) runs as the first one: its output and the files it writes never show the
marker, and the second one's rows are byte for byte what they were.

On PostgreSQL the commands run as a role that is no superuser (a superuser passes row-level
security always), so the policies of migration 0012 are switched on; ``test_rls_*`` show that
they hold by themselves, with the application's filter out of the way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click
import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Connection

from aarshjul.app import App
from aarshjul.cli import cli as root
from aarshjul.context import Context
from aarshjul.dates.timeutil import parse_datetime
from aarshjul.store.models import Base, Conversation, Meeting, Organisation
from tests.conftest import Cli
from tests.two_orgs import MARK, NOW, mark

OWNED = [t.name for t in Base.metadata.sorted_tables if "org_id" in t.c]

#: Every command, with arguments that make it do its job on the demo; ``{M}`` is a coming
#: meeting of the first organisation, ``{C}`` a conversation, ``{T}`` the test's folder.
READS: dict[str, tuple[str, ...]] = {
    "item list": (), "item tree": ("1",), "item show": ("1",), "history": ("1",),
    "deadlines": ("--days", "400"), "meeting list": (), "meeting show": ("{M}",),
    "meeting agenda": ("{M}",), "body list": (), "person list": (), "workflow list": (),
    "workflow show": ("strategiproces",), "workflow validate": ("{T}/missing.toml",),
    "remind rules": (), "outbox list": (), "report status": ("--format", "md"),
    "report wheel": ("-o", "{T}/wheel.svg"), "calendar export": ("{T}/cal.ics",),
    "export": ("{T}/items.csv",), "conversation list": (), "conversation show": ("{C}",),
    "hoering show": ("1",), "indicator list": ("1.1.1",), "audit verify": (),
    "audit anchor": ("-o", "{T}/anchor.json"), "org list": (),
}
WRITES: dict[str, tuple[str, ...]] = {
    "advance": ("1.1.1", "--note", "videre"), "send-back": ("1.2", "--to", "kvalificering",
                                                           "--reason", "mere arbejde"),
    "pause": ("1.3", "--reason", "venter"), "resume": ("1.3",),
    "withdraw": ("3", "--reason", "droppet"),
    "item add": ("Nyt punkt", "--owner", "mette"), "item edit": ("1.3", "--title", "Nyt navn"),
    "item spawn": ("1.1.1", "--for", "sara"),
    "book": ("1.3", "--meeting", "{M}"), "unbook": ("1.3", "--meeting", "{M}"),
    "plan": ("1.3", "--target", "KB-2026-12-29"), "deliver": ("1.1",),
    "body add": ("TEMA", "--name", "Temamøde", "--deadline-days", "2"),
    "body edit": ("BUU", "--deadline-days", "9", "--member", "mette"), "body remove": ("TEMA",),
    "meeting add": ("BUU", "2027-05-03"), "meeting move": ("{M}", "2027-01-13"),
    "agenda edit": ("{M}", "1.1", "--indstilling", "Godkend"),
    "agenda attach": ("{M}", "1.1", "https://example.org/bilag"),
    "agenda detach": ("{M}", "1.1", "1"), "agenda order": ("{M}", "1.1"),
    "meeting publish": ("{M}",), "report send": ("--meeting", "LEDERMOEDE-2026-12-15"),
    "meeting minutes": ("{M}", "1.1", "--decision", "godkendt"),
    "meeting cancel": ("{M}",), "meeting import": ("{T}/missing.csv",),
    "person add": ("ny", "--name", "Ny Person", "--email", "ny@kommune.example"),
    "person edit": ("mette", "--role", "chef"), "person link": ("mette",),
    "person forget": ("jens",),
    "conversation plan": ("--year", "2027"), "conversation edit": ("{C}", "--place", "Her"),
    "conversation move": ("{C}", "2027-02-01"), "conversation deliver": ("{C}",),
    "conversation record": ("{C}", "--answers", "{T}/missing.toml"),
    "conversation cancel": ("{C}", "--reason", "syg"),
    "hoering parts": ("1", "--add", "Skolebestyrelsen"),
    "hoering answer": ("1", "Handicaprådet", "--received", "2026-12-01"),
    "indicator add": ("1.1.1", "--name", "Ny indikator", "--baseline", "50@2026",
                      "--target", "60@2027"),
    "indicator measure": ("1.1.1", "Oplever at høre til", "70", "--date", "2026-12-01"),
    "remind": (), "outbox retry": (), "scheduler tick": (),
    "import": ("{T}/missing.xlsx",), "workflow add": ("{T}/missing.toml",),
    "init": (),
}
#: Commands not run here, and why.
NOT_RUN = {
    "serve": "a server: test_no_web_page_shows_the_other_organisation and "
             "test_one_site_answers_each_organisation_with_its_own_data fetch its pages",
    "scheduler run": "runs until stopped; its work is `scheduler tick`, run above",
    "org add": "makes the second organisation of this test",
}


def _leaves(group: click.Group, ctx: click.Context, path: str = "") -> Iterator[str]:
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        full = f"{path} {name}".strip()
        if isinstance(command, click.Group):
            if command.invoke_without_command:
                yield full
            yield from _leaves(command, ctx, full)
        elif command is not None:
            yield full


def test_every_command_is_checked_for_isolation() -> None:
    every = set(_leaves(root, click.Context(root)))
    assert every == set(READS) | set(WRITES) | set(NOT_RUN)


def _snapshot(url: str, org_id: int) -> str:
    """A digest of every row of the organisation, read past the scoping (as a superuser)."""
    engine = create_engine(url)
    digest = hashlib.sha256()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT set_config('aarshjul.org', '*', true)"))
        for table in OWNED:
            found = conn.execute(text(f"SELECT * FROM {table} WHERE org_id = :o"),
                                 {"o": org_id}).all()
            digest.update(repr(sorted(map(repr, found))).encode())
    engine.dispose()
    return digest.hexdigest()


@contextmanager
def _whole(url: str) -> Iterator[tuple[Connection, int]]:
    """A connection past the scoping (as a superuser) and the first organisation's id."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT set_config('aarshjul.org', '*', true)"))
            yield conn, conn.execute(select(Organisation.id)
                                     .where(Organisation.key == "default")).scalar_one()
    finally:
        engine.dispose()


def _first_org(url: str) -> int:
    with _whole(url) as (_conn, first):
        return first


def _ids(url: str) -> dict[str, str]:
    with _whole(url) as (conn, first):
        meeting = conn.execute(select(Meeting.code).where(Meeting.org_id == first,
                                                          Meeting.date > date(2026, 12, 3))
                               .order_by(Meeting.date).limit(1)).scalar_one()
        talk = conn.execute(select(Conversation.code).where(Conversation.org_id == first)
                            .order_by(Conversation.code).limit(1)).scalar_one()
    return {"{M}": meeting, "{C}": talk}


def _run(cli: Cli, name: str, args: tuple[str, ...], ids: dict[str, str]) -> tuple[int, str]:
    filled = []
    for arg in args:
        for placeholder, value in ids.items():
            arg = arg.replace(placeholder, value)
        filled.append(arg)
    result = cli("--org", "default", *name.split(), *filled)
    return result.exit_code, result.output


def test_the_marker_shows_in_the_second_organisation(two: tuple[Cli, str, int]) -> None:
    """The check below can fail: the second organisation's own listing shows the marker."""
    cli, _, _ = two
    listing = cli("--org", "B", "item", "list")
    assert listing.exit_code == 0, listing.output
    assert MARK in listing.output


def test_no_command_sees_or_touches_the_other_organisation(two: tuple[Cli, str, int],
                                                           tmp_path: Path) -> None:
    cli, admin_url, second = two
    ids = {**_ids(admin_url), "{T}": str(tmp_path)}
    before = _snapshot(admin_url, second)
    problems = []
    for name, args in [*READS.items(), *WRITES.items()]:
        code, output = _run(cli, name, args, ids)
        if name in READS and code != 0 and name != "workflow validate":
            problems.append(f"{name}: exit {code}: {output}")
        if MARK in output:
            problems.append(f"{name} shows the other organisation: {output}")
        if _snapshot(admin_url, second) != before:
            problems.append(f"{name} changed the other organisation's rows")
            before = _snapshot(admin_url, second)
    for written in tmp_path.glob("*.*"):
        if (written.suffix in {".svg", ".ics", ".csv", ".json", ".md", ".html"}
                and MARK in written.read_text(encoding="utf-8")):
            problems.append(f"{written.name} shows the other organisation")
    mail = tmp_path / "mail"
    for message in mail.rglob("*") if mail.exists() else ():
        if message.is_file() and MARK.encode() in message.read_bytes():
            problems.append(f"mail {message.name} shows the other organisation")
    assert problems == [], "\n".join(problems)


@pytest.mark.postgresql_only
def test_rls_alone_keeps_the_other_organisation_out(two: tuple[Cli, str, int]) -> None:
    """PostgreSQL's row-level security without the application's filter: plain SQL as the
    application's role sees and writes only the organisation its transaction names."""
    cli, _, second = two
    engine = create_engine(cli.db)
    try:
        with engine.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM items")).scalar_one() == 0
        with engine.begin() as conn:
            conn.execute(text("SELECT set_config('aarshjul.org', :o, true)"),
                         {"o": str(second)})
            titles = conn.execute(text("SELECT title FROM items")).scalars().all()
            orgs = set(conn.execute(text("SELECT org_id FROM people")).scalars())
        assert titles and all(title.startswith(MARK) for title in titles)
        assert orgs == {second}
        with engine.begin() as conn:
            conn.execute(text("SELECT set_config('aarshjul.org', :o, true)"),
                         {"o": str(second)})
            with pytest.raises(Exception, match="row-level security"):
                conn.execute(text("UPDATE people SET org_id = org_id + 1000"))
    finally:
        engine.dispose()


def _web_tokens(cli: Cli) -> dict[str, str]:
    """A personal link token for ``mette`` in each organisation (the same login in both)."""
    from aarshjul.services.web_access import WebAccess

    ctx = Context(actor="sek", now=parse_datetime(NOW))
    tokens = {}
    for org in ("default", "B"):
        app = App(cli.db, ctx, org=org)
        tokens[org] = WebAccess(app.db, ctx).issue("mette")
        app.db.dispose()
    return tokens


def _web_paths(token: str, meeting: str) -> list[str]:
    """Every page and feed of a leader's link."""
    return [f"/t/{token}/", f"/t/{token}/status", f"/t/{token}/aarshjul",
            f"/t/{token}/moede/{meeting}", f"/t/{token}/moede/{meeting}/dagsorden.html",
            f"/t/{token}/organ/BUU", f"/t/{token}/punkt/1", f"/t/{token}/soeg?q=e",
            f"/kalender/{token}.ics", f"/kalender/{token}/aarshjul.ics",
            f"/kalender/{token}/organ/BUU.ics"]


def test_no_web_page_shows_the_other_organisation(two: tuple[Cli, str, int]) -> None:
    """``serve`` for the first organisation: every page and feed of a leader's link, and the
    second organisation's link for the same login is no way in."""
    from aarshjul.web.views import create_app

    cli, admin_url, _ = two
    ctx = Context(actor="sek", now=parse_datetime(NOW))
    tokens = _web_tokens(cli)
    site = create_app(cli.db, lambda _org: ctx, org="default")
    site.config["TESTING"] = True
    meeting = _ids(admin_url)["{M}"]
    try:
        with site.test_client() as client:
            for path in _web_paths(tokens["default"], meeting):
                page = client.get(path)
                assert page.status_code == 200, path
                assert MARK not in page.get_data(as_text=True), path
            unknown = client.get("/t/" + "A" * 43 + "/")
            for path in _web_paths(tokens["B"], meeting):
                refused = client.get(path)
                assert refused.status_code == 404, path
                assert refused.data == unknown.data, path
    finally:
        site.extensions["aarshjul.db"].dispose()


def test_one_site_answers_each_organisation_with_its_own_data(
        two: tuple[Cli, str, int]) -> None:
    """One ``serve`` for the whole installation (no ``--org``): each leader's link is answered
    in its own organisation, in turn, and shows none of the other's marker. On PostgreSQL the
    site connects as the role without BYPASSRLS, so every transaction of a request must name
    the link's organisation in ``aarshjul.org``, or its rows would not be there at all."""
    from aarshjul.web.views import create_app

    cli, admin_url, _ = two
    mark(admin_url, _first_org(admin_url), "ZZA")
    other = {"default": MARK, "B": "ZZA"}
    ctx = Context(actor="sek", now=parse_datetime(NOW))
    tokens = _web_tokens(cli)
    site = create_app(cli.db, lambda _org: ctx)
    site.config["TESTING"] = True
    meeting = _ids(admin_url)["{M}"]
    try:
        with site.test_client() as client:
            for number, path in enumerate(_web_paths("{t}", meeting)):
                for org in ("default", "B", "default", "B"):
                    page = client.get(path.replace("{t}", tokens[org]))
                    assert page.status_code == 200, (org, path)
                    assert other[org] not in page.get_data(as_text=True), (org, path)
                    if number < 2:  # the leader's own page and the status report
                        assert {"default": "ZZA", "B": MARK}[org] in page.get_data(
                            as_text=True), (org, path)
    finally:
        site.extensions["aarshjul.db"].dispose()


@pytest.mark.postgresql_only
def test_the_policy_reads_the_setting_once_per_statement(two: tuple[Cli, str, int]) -> None:
    """Migration 0013: the policy compares ``org_id`` with the setting read once per statement
    (an InitPlan), not ``current_setting`` called for every row (issue 19: a count of the whole
    audit trail spent more time in the policy than in reading it); who sees what is unchanged."""
    cli, _, second = two
    engine = create_engine(cli.db)
    try:
        with engine.begin() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_entries")).scalar_one() == 0
        seen = {}
        for setting in ("*", str(second), "", "x", "1 OR true", "99999999999"):
            with engine.begin() as conn:
                conn.execute(text("SELECT set_config('aarshjul.org', :o, true)"),
                             {"o": setting})
                seen[setting] = set(conn.execute(
                    text("SELECT DISTINCT org_id FROM audit_entries")).scalars())
                if setting == "*":
                    plan = "\n".join(conn.execute(
                        text("EXPLAIN SELECT count(*) FROM audit_entries")).scalars())
        assert second in seen["*"] and len(seen["*"]) == 2
        assert seen[str(second)] == {second}
        assert seen[""] == seen["x"] == seen["1 OR true"] == seen["99999999999"] == set()
        assert "InitPlan" in plan
        assert not [line for line in plan.splitlines()
                    if "Filter" in line and "current_setting" in line], plan
    finally:
        engine.dispose()
