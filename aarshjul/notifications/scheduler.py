"""``scheduler run``: the long-running reminder service (APScheduler 3.x, Europe/Copenhagen).

An interval job queues the reminders due now and delivers the outbox; a weekly cron job sends
each owner a week overview. Nothing lives only in the scheduler's memory: every tick recomputes
from the database, so a missed tick (the server was down) is caught up by the next one — which is
also run at start-up — as one catch-up digest per person. SIGTERM and Ctrl-C stop it cleanly
after the running tick.

Several schedulers may share a PostgreSQL database (the outbox claim skips rows another one has
locked). On SQLite a second scheduler on the same file is refused with a clear message.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from aarshjul.errors import EnvironmentProblem
from aarshjul.timeutil import COPENHAGEN, local

if TYPE_CHECKING:
    from aarshjul.app import App
    from aarshjul.notifications.outbox import RunResult


@contextmanager
def single_instance(app: App) -> Iterator[None]:
    """On SQLite, hold an exclusive lock file next to the database for the scheduler's life."""
    from aarshjul.workflow.db import sqlite_file

    path = sqlite_file(app.db.engine)
    if path is None:
        yield
        return
    import fcntl

    lock_path = Path(f"{path}.scheduler.lock")
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


def due_weekly(app: App) -> bool:
    """Whether this week's overview time has come (the overview is keyed by week: once only)."""
    cfg = app.ctx.config.reminders
    now = local(app.ctx.now)
    hour, minute = (int(x) for x in cfg.weekly_time.split(":"))
    days_since = (now.weekday() - cfg.weekly_day) % 7
    return days_since > 0 or (now.hour, now.minute) >= (hour, minute)


def tick(app: App, report: Callable[[RunResult], None], *, weekly: bool = False) -> None:
    outbox = app.outbox
    if weekly or due_weekly(app):
        outbox.queue(weekly=True)
    report(outbox.run())
    app.db.dispose()
    release_memory()


def release_memory() -> None:
    """Give a tick's garbage back to the system: the service idles most of its life, and
    CPython keeps freed memory for itself unless asked (glibc's malloc_trim)."""
    import contextlib
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    name = ctypes.util.find_library("c")
    if name is None:
        return
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL(name).malloc_trim(0)


def run(make_app: Callable[[], App], report: Callable[[RunResult], None], *,
        interval_minutes: float, out: TextIO, clock: Callable[[], datetime],
        started: datetime) -> None:
    """Run until SIGTERM/SIGINT. ``clock`` is the time the reminders are computed for (fixed
    with ``--now`` for previews and tests); ``started`` is the wall-clock time of the first
    tick, which runs at once to catch up after downtime."""
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    first = make_app()
    cfg = first.ctx.config.reminders
    hour, minute = (int(x) for x in cfg.weekly_time.split(":"))
    with single_instance(first):
        scheduler = BlockingScheduler(timezone=COPENHAGEN, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": None})

        def guarded(weekly: bool) -> Callable[[], None]:
            def job() -> None:
                try:
                    tick(make_app(), report, weekly=weekly)
                except Exception as exc:  # a service must outlive one bad tick
                    message = exc.message() if hasattr(exc, "message") else repr(exc)
                    print(f"{local(clock()):%Y-%m-%d %H:%M}  {message}", file=out, flush=True)
            return job

        scheduler.add_job(guarded(False), IntervalTrigger(minutes=interval_minutes,
                                                          timezone=COPENHAGEN),
                          id="scan", next_run_time=local(started))
        scheduler.add_job(guarded(True), CronTrigger(day_of_week=cfg.weekly_day, hour=hour,
                                                     minute=minute, timezone=COPENHAGEN),
                          id="weekly")

        def stop(_signum: int, _frame: Any) -> None:
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        print(f"{local(clock()):%Y-%m-%d %H:%M}  scheduler started "
              f"(every {interval_minutes:g} min)", file=out, flush=True)
        scheduler.start()
        print(f"{local(clock()):%Y-%m-%d %H:%M}  scheduler stopped", file=out, flush=True)
