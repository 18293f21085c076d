"""kill -9 in the middle of a bulk advance (DESIGN §7): every item is either moved with its audit
entry or untouched — a bulk advance is one transaction, so all of them or none — the audit
trail verifies, and the next command runs.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from typing import Any

from sqlalchemy import func, select

from aarshjul.app import App
from aarshjul.store.models import AuditEntry, Item
from tests.conftest import app_at
from tests.torture.conftest import let_run, process_env

ITEMS = 200


def _moved_and_logged(app: App) -> tuple[int, int]:
    with app.db.transaction() as s:
        moved = s.scalar(select(func.count()).where(Item.state == "kvalificering")) or 0
        logged = s.scalar(select(func.count()).where(AuditEntry.action == "advance")) or 0
        return moved, logged


def test_kill_9_during_a_bulk_advance_leaves_all_or_nothing(people: App, db_url: str,
                                                            trials: Any, figures: Any) -> None:
    setup = app_at(people, "2027-03-01T09:00")
    refs = [setup.items.add(f"Handleplan {n}", owner="dir").ref for n in range(ITEMS)]
    env = process_env(db_url)
    command = [sys.executable, "-m", "aarshjul", "advance", *refs]
    rng = random.Random(20)
    outcomes = {"moved": 0, "untouched": 0}
    n = trials(1, 30)
    for _ in range(n):
        before = _moved_and_logged(people)
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        let_run(proc, rng.uniform(0.3, 2.5))  # from start-up to after the commit
        proc.send_signal(signal.SIGKILL)  # a no-op if it has already ended
        proc.wait(timeout=60)
        moved, logged = _moved_and_logged(people)
        assert (moved, logged) in (before, (before[0] + ITEMS, before[1] + ITEMS)), (
            before, moved, logged)
        outcomes["moved" if moved != before[0] else "untouched"] += 1
        assert people.audit.verify().ok
        if moved == ITEMS:  # all moved: send them back for the next trial
            with people.db.transaction() as s:
                for item in s.scalars(select(Item)):
                    item.state = "droeftelse"
                    item.stepped_at = None
    figures(trials=n, items=ITEMS, partial=0, **outcomes)
    # The next command runs normally.
    result = subprocess.run([sys.executable, "-m", "aarshjul", "item", "show", refs[0]],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
