"""``remind`` under load and faults, as real processes against a real SMTP server (aiosmtpd):
several runs at once send each reminder once, and a server that goes down in the middle of a
run loses nothing and doubles nothing once it is back.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from aarshjul.app import App
from tests.conftest import app_at
from tests.notifications.conftest import SmtpServer, free_port
from tests.torture.conftest import process_env, run_together
from tests.torture.test_outbox_records import SlowInbox

MEETING = date(2027, 4, 20)  # BUU: the 10-working-day reminder goes out on 18 March


def _leaders(app: App, n: int) -> None:
    setup = app_at(app, "2027-03-01T09:00")
    setup.meetings.add("BUU", MEETING, time="16:00")
    for k in range(n):
        setup.people.add(f"leder{k}", name=f"Leder {k}", email=f"leder{k}@kommune.example")
        ref = setup.items.add(f"Handleplan {k}", owner=f"leder{k}").ref
        setup.meetings.book(ref, f"BUU-{MEETING}")


def _config(tmp_path: Path, port: int) -> str:
    path = tmp_path / "smtp.toml"
    path.write_text(f'[mail]\ntransport = "smtp"\nhost = "127.0.0.1"\nport = {port}\n'
                    "timeout = 5\n[reminders]\nstalled_after = 0\n", encoding="utf-8")
    return str(path)


#: The days the 10-, 3- and 1-working-day reminders and the first overdue ones are due.
DUE_DAYS = ["2027-03-18", "2027-04-01", "2027-04-05", "2027-04-07", "2027-04-08", "2027-04-09"]


def test_concurrent_remind_runs_send_each_reminder_once(app: App, db_url: str, tmp_path: Path,
                                                        trials: Any, figures: Any) -> None:
    n = trials(12, 100)
    _leaders(app, n)
    server = SmtpServer(port=free_port(), inbox=SlowInbox(0.0))
    server.start()
    try:
        for day in DUE_DAYS[:trials(1, len(DUE_DAYS))]:
            before = len(server.inbox.messages)
            env = process_env(db_url, AARSHJUL_CONFIG=_config(tmp_path, server.port),
                              AARSHJUL_NOW=f"{day}T07:00")
            for r in run_together(["remind"], 4, env):
                assert r.code in (0, 3) and "Traceback" not in r.stderr, r.stderr
            # A run refused as busy (exit 3) is harmless: the next cron run sends the rest.
            [again] = run_together(["remind"], 1, env)
            assert again.code == 0, again.stderr
            today = Counter(str(m["To"]) for m in server.inbox.messages[before:])
            assert len(today) == n and set(today.values()) == {1}, (day, today)
        statuses = {v.status for v in app.outbox.rows(limit=1_000_000)}
        assert statuses == {"sent"}
        figures(leaders=n, days=trials(1, len(DUE_DAYS)), processes=4,
                mails=len(server.inbox.messages), duplicates=0, lost=0)
    finally:
        server.stop()


def test_smtp_going_down_mid_run_loses_and_doubles_nothing(app: App, db_url: str,
                                                           tmp_path: Path, trials: Any,
                                                           figures: Any) -> None:
    n = trials(10, 80)
    _leaders(app, n)
    inbox = SlowInbox(0.05)
    server = SmtpServer(port=free_port(), inbox=inbox)
    server.start()
    config = _config(tmp_path, server.port)
    env = process_env(db_url, AARSHJUL_CONFIG=config, AARSHJUL_NOW="2027-03-18T07:00")
    stopper = threading.Thread(target=lambda: (inbox.started.wait(60), server.stop()))
    stopper.start()
    [first] = run_together(["remind"], 1, env)
    stopper.join(60)
    assert first.code == 4 and "Traceback" not in first.stderr, (first.code, first.stderr)
    assert 0 < len(inbox.messages) < n
    server.start()
    for minute in ("07:30", "08:30", "10:30", "14:30"):  # after each backoff
        env["AARSHJUL_NOW"] = f"2027-03-18T{minute}"
        [later] = run_together(["remind"], 1, env)
        assert later.code == 0, later.stderr
    server.stop()
    counts = Counter(str(m["To"]) for m in inbox.messages)
    assert len(counts) == n and set(counts.values()) == {1}, counts
    figures(leaders=n, mails=len(inbox.messages), duplicates=0, lost=0)
