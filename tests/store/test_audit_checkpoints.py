"""Verified checkpoints (aarshjul/store/audit_checkpoints.py): ``audit verify`` walks only what
was added since the last check, ``--full`` still walks everything (issue 19, point 3)."""

from __future__ import annotations

from sqlalchemy import func, select, update

from aarshjul.app import App
from aarshjul.store.audit import verify
from aarshjul.store.audit_checkpoints import KEPT
from aarshjul.store.models import AuditCheckpoint, AuditEntry
from tests.cli.test_audit import recompute
from tests.conftest import app_at


def _entries(app: App, n: int) -> None:
    for i in range(n):
        app.items.add(f"Punkt {i}")


def test_a_verify_after_one_new_entry_checks_only_that_entry(app: App) -> None:
    _entries(app, 5)
    first = app.audit.verify()
    assert first.ok and first.start_id == 0 and first.checked == first.total
    app_at(app, "2027-03-01T11:00").items.add("Et nyt punkt")
    second = app.audit.verify()
    assert second.ok and second.checked == 1
    assert (second.start_id, second.total) == (first.total, first.total + 1)
    again = app.audit.verify()
    assert again.ok and again.checked == 0 and again.start_id == second.total


def test_full_still_finds_an_old_entry_edited_after_a_checkpoint(app: App) -> None:
    _entries(app, 5)
    assert app.audit.verify().ok
    with app.db.engine.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == 2).values(data='{"x":1}'))
    app_at(app, "2027-03-01T11:00").items.add("Et nyt punkt")
    quick = app.audit.verify()
    assert quick.ok and quick.checked == 1  # the shortcut trusts what it checked before
    full = app.audit.verify(full=True)
    assert not full.ok and (full.broken_id, full.reason) == (2, "content")


def test_a_checkpoint_whose_entry_was_rehashed_sends_the_check_back_to_the_start(
        app: App) -> None:
    _entries(app, 5)
    assert app.audit.verify().ok
    with app.db.transaction() as s:
        point = s.scalars(select(AuditCheckpoint)).one()
        saved = (point.id, point.last_id, point.last_hash, point.max_at, point.verified_at)
    with app.db.engine.begin() as conn:
        conn.execute(update(AuditEntry).where(AuditEntry.id == 2).values(data='{"x":1}'))
    recompute(app)  # removes the checkpoints; put the old one back, as it was
    with app.db.transaction() as s:
        s.add(AuditCheckpoint(id=saved[0], last_id=saved[1], last_hash=saved[2],
                              max_at=saved[3], verified_at=saved[4]))
    result = app.audit.verify()
    assert not result.ok and result.reason == "checkpoint" and result.start_id == 0


def test_a_deleted_old_entry_is_noticed_by_the_count(app: App) -> None:
    _entries(app, 5)
    assert app.audit.verify().ok
    with app.db.engine.begin() as conn:
        conn.execute(AuditEntry.__table__.delete().where(AuditEntry.id == 2))
    result = app.audit.verify()
    assert not result.ok and result.broken_id == 2


def test_only_a_few_checkpoints_are_kept(app: App) -> None:
    for i in range(KEPT + 3):
        app_at(app, f"2027-03-01T11:{i:02d}").items.add(f"Punkt {i}")
        assert app.audit.verify().ok
    with app.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(AuditCheckpoint)) == KEPT
        assert verify(s, full=True).ok
