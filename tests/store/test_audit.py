"""The audit trail: one entry per move, a hash chain that notices edits and deletions."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from sqlalchemy import delete, func, select, update

from aarshjul.app import App
from aarshjul.store.models import AuditEntry
from tests.conftest import Cli, app_at, write_transaction_held

POLITICAL = {"godkendelse-omu": "OMU", "buu": "BUU", "oek": "OEK", "kb": "KB"}


def _walk_to_the_end(app: App, cli: Cli) -> list[str]:
    """Walk item 1 from drøftelse to afsluttet the way the secretariat does, by command."""
    for n, body in enumerate(POLITICAL.values(), start=1):
        app_at(app, "2027-01-01").meetings.add(body, date(2027, 2, n))
    states = []
    while True:
        view = app.items.show("1")
        states.append(view.state)
        if view.state == "afsluttet":
            return states
        body = POLITICAL.get(view.state)
        args = ["advance", "1"]
        if body:
            day = list(POLITICAL).index(view.state) + 1
            assert cli("book", "1", "--meeting", f"{body}-2027-02-0{day}").exit_code == 0
            args += ["--decision", f"Godkendt i {body}"]
        if view.state == "hoering":
            args += ["--force", "--reason", "Høringen er afsluttet før tid efter aftale"]
        result = cli(*args)
        assert result.exit_code == 0, result.output


def test_a_walk_through_the_process_leaves_one_entry_per_move_and_verifies(
        people: App, cli: Cli) -> None:
    people.items.add("Strategi", owner="dir")
    states = _walk_to_the_end(people, cli)
    assert states == ["droeftelse", "kvalificering", "godkendelse-omu", "buu", "hoering", "oek",
                      "kb", "udmoentning", "afsluttet"]
    moves = [h for h in people.items.history("1") if h.action == "advance"]
    assert [(h.data["from"], h.data["to"]) for h in moves] == list(itertools.pairwise(states))
    result = cli("audit", "verify")
    assert result.exit_code == 0 and "i orden" in result.output


def _tamper(app: App, statement: object) -> None:
    with app.db.engine.begin() as conn:
        conn.execute(statement)  # type: ignore[call-overload]


def _some_entries(app: App) -> int:
    app.items.add("Strategi", owner="dir")
    app.moves.advance(["1"])
    app.moves.advance(["1"])
    with app.db.transaction() as s:
        return s.scalar(select(func.max(AuditEntry.id))) or 0


@pytest.mark.parametrize("how", ["edit", "delete-middle", "delete-last"])
def test_audit_verify_names_the_first_broken_entry(people: App, cli: Cli, how: str) -> None:
    last = _some_entries(people)
    target = last - 1 if how != "delete-last" else last
    if how == "edit":
        _tamper(people, update(AuditEntry).where(AuditEntry.id == target)
                .values(data='{"from":"droeftelse","to":"kb"}'))
    else:
        _tamper(people, delete(AuditEntry).where(AuditEntry.id == target))
    result = cli("audit", "verify")
    assert result.exit_code == 1
    assert f"post {target}" in result.stderr


def test_forgetting_a_person_keeps_the_chain_verifiable(people: App, cli: Cli) -> None:
    people.items.add("Strategi", owner="mette")
    app_at(people, "2027-03-02", actor="mette").moves.advance(["1"])
    assert cli("person", "forget", "mette", now="2027-03-02T10:00").exit_code == 0
    listed = cli("--json", "person", "list").output
    assert "Mette" not in listed and "mette@" not in listed
    assert "Mette" not in cli("history", "1").output
    assert cli("audit", "verify").exit_code == 0


def test_the_walk_only_reads_and_its_checkpoint_is_written_after_it(people: App) -> None:
    """``audit verify`` walks without the write lock (on SQLite a --full walk of a large trail
    would otherwise hold off every command for its whole length): it runs to the end while
    another connection holds a write transaction, and the point it reached, stored afterwards,
    is where the next incremental run starts."""
    from aarshjul.store.audit import check, verify
    from aarshjul.store.audit_checkpoints import save_checkpoint
    from aarshjul.store.models import AuditHead
    from aarshjul.store.scoping import ALL

    people.items.add("Indsats", owner="mette")
    with write_transaction_held(people.db.url), people.db.reading(ALL) as s:
        result, reached = check(s, full=True)
    with people.db.transaction(ALL) as s:
        head = s.get(AuditHead, 1)
        assert head is not None and result.ok and result.checked == head.count > 0
        assert reached is not None and reached[:2] == (head.last_id, head.last_hash)
        save_checkpoint(s, *reached, people.ctx.now)
    with people.db.transaction(ALL) as s:
        again = verify(s, full=False)
    assert again.ok and again.checked == 0 and again.start_id == reached[0]
