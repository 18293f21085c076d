"""``aarshjul audit`` (aarshjul/cli/audit.py): the anchor outside the database, and every kind of
tampering with the trail found by ``audit verify --anchor`` (issue 20, point 8)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from aarshjul.app import App
from aarshjul.store.audit import GENESIS, entry_hash
from aarshjul.store.models import AuditCheckpoint, AuditEntry, AuditHead, Item
from tests.conftest import Cli


def _entries(app: App) -> int:
    """Six entries or so, written the ordinary way."""
    app.items.add("Strategi", owner="dir")
    app.items.add("Trivsel", parent="1", owner="mette")
    app.moves.advance(["1"])
    app.moves.advance(["1.1"])
    with app.db.transaction() as s:
        return s.scalar(select(func.max(AuditEntry.id))) or 0


def recompute(app: App) -> None:
    """What a careful forger does after changing the entries: every hash and the head made to
    agree again, and the checkpoints (which are in the same database) removed."""
    with app.db.transaction() as s:
        prev, last, count = GENESIS, 0, 0
        for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id)):
            e.prev_hash = prev
            e.hash = prev = entry_hash(prev, e.id, e.at, e.actor_key, e.item_id, e.item_ref,
                                       e.action, e.data)
            last, count = e.id, count + 1
            s.flush()
        head = s.get(AuditHead, 1)
        if head is not None:
            head.last_id, head.last_hash, head.count = last, prev, count
        s.execute(delete(AuditCheckpoint))


def _edit(app: App, last: int) -> None:
    with app.db.engine.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == 2).values(data='{"to":"kb"}'))


def _delete(app: App, last: int) -> None:
    with app.db.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id == 2))


def _reorder(app: App, last: int) -> None:
    with app.db.engine.begin() as conn:  # rows 2 and 3 swap places, hashes and all
        conn.execute(update(AuditEntry).where(AuditEntry.id == 2).values(id=-2))
        conn.execute(update(AuditEntry).where(AuditEntry.id == 3).values(id=2))
        conn.execute(update(AuditEntry).where(AuditEntry.id == -2).values(id=3))


def _truncate(app: App, last: int) -> None:
    with app.db.engine.begin() as conn:
        conn.execute(delete(AuditEntry).where(AuditEntry.id > last - 2))
    recompute(app)


def _wipe(app: App, last: int) -> None:
    with app.db.engine.begin() as conn:
        conn.execute(delete(AuditEntry))
        conn.execute(delete(AuditHead))
        conn.execute(delete(AuditCheckpoint))


def _recompute(app: App, last: int) -> None:
    _edit(app, last)
    recompute(app)


TAMPERING: dict[str, Callable[[App, int], None]] = {
    "edit": _edit, "delete": _delete, "reorder": _reorder, "truncate": _truncate,
    "wipe": _wipe, "recompute": _recompute}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_every_kind_of_tampering_is_found_with_an_anchor(people: App, cli: Cli, tmp_path: Path,
                                                         how: str) -> None:
    last = _entries(people)
    anchor = tmp_path / "anker.json"
    made = cli("audit", "anchor", "-o", str(anchor))
    assert made.exit_code == 0, made.output
    assert json.loads(anchor.read_text())["last_id"] == last
    assert cli("audit", "verify", "--anchor", str(anchor)).exit_code == 0
    TAMPERING[how](people, last)
    found = cli("audit", "verify", "--anchor", str(anchor))
    assert found.exit_code == 1, (how, found.output)
    assert "Revisionssporet" in found.stderr


@pytest.mark.parametrize("how", ["truncate", "wipe", "recompute"])
def test_without_the_anchor_a_careful_forger_goes_unnoticed(people: App, cli: Cli,
                                                            how: str) -> None:
    """Why the anchor is needed: the database alone cannot show these three."""
    last = _entries(people)
    TAMPERING[how](people, last)
    assert cli("audit", "verify", "--full").exit_code == 0


def test_the_anchor_is_printed_for_the_journal_and_names_the_head(people: App, cli: Cli) -> None:
    last = _entries(people)
    printed = cli("audit", "anchor")
    assert printed.exit_code == 0
    anchor = json.loads(printed.output)
    with people.db.transaction() as s:
        head = s.get(AuditHead, 1)
        assert head is not None
        assert (anchor["last_id"], anchor["hash"], anchor["count"]) == (last, head.last_hash,
                                                                        last)
    assert anchor["at"].startswith("2027-03-01T09:00")  # 10:00 Copenhagen, in UTC


def test_a_broken_trail_is_not_anchored(people: App, cli: Cli, tmp_path: Path) -> None:
    last = _entries(people)
    _edit(people, last)
    result = cli("audit", "anchor", "-o", str(tmp_path / "anker.json"))
    assert result.exit_code == 1 and "audit verify --full" in result.stderr
    assert not (tmp_path / "anker.json").exists()


@pytest.mark.parametrize("text", ["", "ikke json\n", '{"last_id": 3}\n'])
def test_a_file_that_is_no_anchor_is_refused(people: App, cli: Cli, tmp_path: Path,
                                             text: str) -> None:
    _entries(people)
    path = tmp_path / "anker.json"
    path.write_text(text)
    result = cli("audit", "verify", "--anchor", str(path))
    assert result.exit_code == 2 and "ikke et anker" in result.stderr
    missing = cli("audit", "verify", "--anchor", str(tmp_path / "findes-ikke.json"))
    assert missing.exit_code == 2 and "kan ikke læses" in missing.stderr


def test_a_write_dated_before_the_latest_entry_is_refused_unless_backdated(
        people: App, cli: Cli) -> None:
    _entries(people)
    with people.db.transaction() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    refused = cli("item", "add", "Fortid", now="2026-01-05T09:00")
    assert refused.exit_code == 1
    assert "--backdate" in refused.stderr and "01.03.2027 10:00" in refused.stderr
    with people.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before
        assert s.scalar(select(func.count()).select_from(Item).where(
            Item.title == "Fortid")) == 0
    forced = cli("--backdate", "Registreret efter mødet 5. januar", "item", "add", "Fortid",
                 now="2026-01-05T09:00")
    assert forced.exit_code == 0, forced.output
    with people.db.transaction() as s:
        backdate, added = s.scalars(select(AuditEntry).where(AuditEntry.id > before)
                                    .order_by(AuditEntry.id)).all()
    assert backdate.action == "backdate" and "5. januar" in backdate.data
    assert added.item_ref is not None and added.at == backdate.at
    verified = cli("audit", "verify", "--full")
    assert verified.exit_code == 0
    assert 'Tilbagedateret med en begrundelse (handlingen "backdate" i sporet): 1.' in (
        verified.output)
    # a later write at the real time is in order again
    assert cli("item", "add", "Nutid", now="2027-03-02T09:00").exit_code == 0


def test_verify_reports_entries_out_of_time_order(people: App, cli: Cli) -> None:
    """A trail written before the rule, or forged: the chain holds but the order does not."""
    _entries(people)
    with people.db.engine.begin() as conn:
        first = conn.scalar(select(AuditEntry.at).where(AuditEntry.id == 1))
        conn.execute(update(AuditEntry).where(AuditEntry.id == 3).values(
            at=first.replace(year=first.year - 2)))
    recompute(people)
    result = cli("audit", "verify", "--full", lang="en")
    assert result.exit_code == 1
    assert "without a reason: 1;" in result.stderr and "entry 3" in result.stderr


def test_the_chain_is_verified_and_anchored_in_an_installation_of_several(
        people: App, cli: Cli) -> None:
    """Issue 19: the audit commands are the installation's (one chain), so with several
    municipalities they need no --org, also when run --as someone (as the benchmarks do)."""
    from dataclasses import replace

    from aarshjul.config import Config

    _entries(people)
    host = replace(people.ctx, config=Config(administrators=(people.ctx.actor,)))
    people.at(host).organisations.add("K751", "Aarhus Kommune")
    refused = cli("item", "list")
    assert refused.exit_code == 2 and "--org" in refused.stderr  # a municipality's command
    for args in (("audit", "verify"), ("audit", "verify", "--full"), ("audit", "anchor")):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
    assert "Revisionssporet er i orden" in cli("audit", "verify", "--full").output
