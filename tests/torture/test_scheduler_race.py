"""Scheduler stop/start races: the service is stopped (SIGTERM) at a random moment — before,
during or after a tick — and a new one is started at once, over and over. Whatever the timing,
every reminder is delivered exactly once and nothing stays half-sent; on SQLite a second
scheduler that starts while the first still holds the database is refused (exit 4).
"""

from __future__ import annotations

import random
import signal
from pathlib import Path
from typing import Any

from aarshjul.app import App
from tests.notifications.conftest import read_maildir
from tests.notifications.test_scheduler import _read_until, _start, overdue
from tests.torture.conftest import let_run

__all__ = ["overdue"]  # the fixture, used by name below


def _started(proc: Any) -> bool:
    """True once the service says it started; False if it ended first, refused (exit 4)."""
    for line in proc.stdout:
        if "scheduler started" in line:
            return True
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 4 and "Traceback" not in err, (proc.returncode, err)
    return False


def test_stop_and_start_at_random_moments_send_each_reminder_once(
        people: App, db_url: str, overdue: Path, tmp_path: Path, trials: Any,
        figures: Any) -> None:
    rng = random.Random(9)
    n = trials(2, 12)
    refused = 0
    previous = _start(db_url, overdue, "2027-04-09T10:00")
    assert _started(previous)
    for _ in range(n):
        let_run(previous, rng.uniform(0.0, 0.6))
        previous.send_signal(signal.SIGTERM)
        following = _start(db_url, overdue, "2027-04-09T10:00")
        _, err = previous.communicate(timeout=60)
        assert previous.returncode == 0 and "Traceback" not in err, err
        while not _started(following):  # refused: the first one still held the database
            refused += 1
            following = _start(db_url, overdue, "2027-04-09T10:00")
        previous = following
    _read_until(previous, " sendt ")  # one full tick after the last start
    previous.send_signal(signal.SIGTERM)
    previous.communicate(timeout=60)
    reminders = [m for m in read_maildir(tmp_path / "mail")
                 if "Ugeoversigt" not in str(m["Subject"])]
    assert sorted(str(m["To"]) for m in reminders) == ["dir@kommune.example",
                                                       "mette@kommune.example"]
    assert {v.status for v in people.outbox.rows()} <= {"sent"}
    figures(restarts=n, refused_while_running=refused, reminders=len(reminders),
            duplicates=0, lost=0)
