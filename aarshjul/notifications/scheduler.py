"""``scheduler run``: the long-running reminder service (APScheduler 3.x, Europe/Copenhagen).

An interval job queues the reminders due now and delivers the outbox; a weekly cron job sends
each owner a week overview. Nothing lives only in the scheduler's memory: every tick recomputes
from the database, so a missed tick (the server was down) is caught up by the next one — which is
also run at start-up — as one catch-up digest per person. SIGTERM and Ctrl-C stop it cleanly
after the running tick.

Each tick runs in a child process (``aarshjul scheduler tick``), not in the service itself. The
service idles most of its life: this way it holds only the scheduler (about 50 MB) instead of
everything a tick imports and caches (templates, mail, the scan's tables: another 50 MB that
CPython never gives back); a tick that crashes or leaks cannot take the service with it; and a
changed settings file takes effect at the next tick without a restart.

Several schedulers may share a PostgreSQL database (the outbox claim skips rows another one has
locked). On SQLite a second scheduler on the same file is refused with a clear message.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from aarshjul.dates.timeutil import COPENHAGEN, local
from aarshjul.errors import EnvironmentProblem

if TYPE_CHECKING:
    from aarshjul.context import Context
    from aarshjul.notifications.outbox import RunResult
    from aarshjul.store.db import Database


@contextmanager
def single_instance(db: Database) -> Iterator[None]:
    """On SQLite, hold an exclusive lock file next to the database for the scheduler's life
    (one per organisation named with ``--org``: each municipality has its own scheduler)."""
    from aarshjul.store.db import sqlite_file

    path = sqlite_file(db.engine)
    if path is None:
        yield
        return
    import fcntl

    org = f".org{db.org_id}" if db.org_key else ""  # the id: no path in a typed key
    lock_path = Path(f"{path}{org}.scheduler.lock")
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            raise EnvironmentProblem("scheduler.running", lock=str(lock_path),
                                     pid=handle.read().strip() or "?") from None
        import os

        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def due_weekly(ctx: Context) -> bool:
    """Whether this week's overview time has come (the overview is keyed by week: once only)."""
    cfg = ctx.config.reminders
    now = local(ctx.now)
    hour, minute = (int(x) for x in cfg.weekly_time.split(":"))
    days_since = (now.weekday() - cfg.weekly_day) % 7
    return days_since > 0 or (now.hour, now.minute) >= (hour, minute)


def tick(db: Database, ctx: Context, report: Callable[[RunResult], None], *,
         weekly: bool = False) -> None:
    """One scan and delivery, and this week's overview once its time has come."""
    from aarshjul.notifications.outbox import Outbox

    outbox = Outbox(db, ctx)
    if weekly or due_weekly(ctx):
        outbox.queue(weekly=True)
    report(outbox.run())


def shield_tick() -> None:
    """In a tick's child process: finish the tick whatever stop signal arrives.

    Ctrl-C reaches the whole process group and systemd signals the whole control group; the
    service itself stops after the running tick, so the tick must not die half-way through a
    delivery (an SMTP message caught mid-send becomes ``unknown``: see docs/reminders.md).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def tick_in_child(options: Sequence[str], env: Mapping[str, str], *, weekly: bool) -> int:
    """Run one tick as ``aarshjul [options] scheduler tick`` and wait for it; its output goes
    to the service's own stdout and stderr. Returns its exit code."""
    command = [sys.executable, "-m", "aarshjul", *options, "scheduler", "tick", "--in-service",
               *(["--weekly"] if weekly else [])]
    return subprocess.run(command, env=dict(env), check=False).returncode


def run(db: Database, ctx: Context, tick: Callable[[bool], int], *, interval_minutes: float,
        out: TextIO, clock: Callable[[], datetime], started: datetime) -> None:
    """Run until SIGTERM/SIGINT. ``db`` is the database the service watches (checked at
    start, and on SQLite locked for the service's life); ``tick(weekly)`` runs one tick and
    returns its exit code (``tick_in_child``); ``clock`` is the time shown in the log (fixed
    with ``--now`` for previews and tests); ``started`` is the wall-clock time of the first
    tick, which runs at once to catch up after downtime."""
    import threading

    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    cfg = ctx.config.reminders
    hour, minute = (int(x) for x in cfg.weekly_time.split(":"))
    with single_instance(db):
        db.dispose()  # the ticks open their own connections
        scheduler = BackgroundScheduler(timezone=COPENHAGEN, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": None})

        def guarded(weekly: bool) -> Callable[[], None]:
            def job() -> None:
                code = tick(weekly)
                if code:  # the tick said why on stderr; the service goes on
                    print(f"{local(clock()):%Y-%m-%d %H:%M}  tick failed (exit code {code})",
                          file=out, flush=True)
            return job

        scheduler.add_job(guarded(False), IntervalTrigger(minutes=interval_minutes,
                                                          timezone=COPENHAGEN),
                          id="scan", next_run_time=local(started))
        scheduler.add_job(guarded(True), CronTrigger(day_of_week=cfg.weekly_day, hour=hour,
                                                     minute=minute, timezone=COPENHAGEN),
                          id="weekly")

        # A stop signal only sets a flag, whenever it comes: one arriving while the scheduler
        # was still starting used to be lost (it shut down a scheduler not yet running, which
        # then ran on); found by tests/torture/test_scheduler_race.py.
        stopping = threading.Event()

        def stop(_signum: int, _frame: Any) -> None:
            stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        scheduler.start()
        print(f"{local(clock()):%Y-%m-%d %H:%M}  scheduler started "
              f"(every {interval_minutes:g} min)", file=out, flush=True)
        while not stopping.wait(1):
            pass
        scheduler.shutdown(wait=True)  # the running tick finishes first
        print(f"{local(clock()):%Y-%m-%d %H:%M}  scheduler stopped", file=out, flush=True)
