"""The scheduler service as a real process: it catches up at start, stops on SIGTERM, runs once
per SQLite database, and a weekly overview goes out once a week."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from aarshjul.app import App
from tests.conftest import app_at
from tests.notifications.conftest import body_text, maildir_config, read_maildir, with_config


def _start(db_url: str, config: Path, now: str) -> subprocess.Popen[str]:
    env = {**os.environ, "AARSHJUL_DB": db_url, "AARSHJUL_NOW": now,
           "AARSHJUL_CONFIG": str(config)}
    return subprocess.Popen([sys.executable, "-m", "aarshjul", "scheduler", "run",
                             "--interval", "0.01"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _read_until(proc: subprocess.Popen[str], word: str) -> list[str]:
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if word in line:
            return lines
    err = proc.stderr.read() if proc.stderr else ""
    raise AssertionError(f"{word!r} never came; stderr: {err}")


@pytest.fixture
def overdue(people: App, tmp_path: Path) -> Path:
    app = app_at(people, "2027-03-01T09:00")
    app.items.add("Børne- og ungestrategi", owner="mette")
    app.meetings.add("BUU", date(2027, 4, 20))
    app.meetings.book("1", "BUU-2027-04-20")
    config = tmp_path / "aarshjul.toml"
    config.write_text(f'[mail]\ntransport = "maildir"\ndir = "{tmp_path / "mail"}"\n',
                      encoding="utf-8")
    return config


def test_after_downtime_one_catch_up_digest_then_sigterm_stops_cleanly(
        people: App, db_url: str, overdue: Path, tmp_path: Path) -> None:
    # The service was down from before the first reminder until the deadline had passed.
    proc = _start(db_url, overdue, "2027-04-09T10:00")
    try:
        lines = _read_until(proc, "sendt")
        assert any("scheduler started" in line for line in lines)
        lines += _read_until(proc, "0 nye")  # a later tick: nothing new
    finally:
        proc.send_signal(signal.SIGTERM)
        rest, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "scheduler stopped" in rest
    messages = [m for m in read_maildir(tmp_path / "mail") if "Ugeoversigt" not in str(
        m["Subject"])]
    assert sorted(str(m["To"]) for m in messages) == ["dir@kommune.example",
                                                      "mette@kommune.example"]


def _ticks_after(proc: subprocess.Popen[str], n: int) -> None:
    for _ in range(n):
        _read_until(proc, " sendt ")


def test_a_changed_settings_file_takes_effect_at_the_next_tick_without_a_restart(
        people: App, db_url: str, overdue: Path, tmp_path: Path) -> None:
    # Each tick is a process of its own, so it reads the settings file afresh.
    proc = _start(db_url, overdue, "2027-04-09T10:00")
    try:
        _read_until(proc, "sendt")
        overdue.write_text(f'[mail]\ntransport = "maildir"\ndir = "{tmp_path / "moved"}"\n',
                           encoding="utf-8")
        _ticks_after(proc, 2)  # the second began after the file was changed
        app_at(people, "2027-03-01T09:00").items.add("Ny indsats", owner="mette")
        people.meetings.book("2", "BUU-2027-04-20")
        lines = _read_until(proc, "; 2 sendt")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    assert lines
    moved = read_maildir(tmp_path / "moved")
    assert moved and all("Ny indsats" in body_text(m) for m in moved)
    assert not any("Ny indsats" in body_text(m) for m in read_maildir(tmp_path / "mail"))


def test_a_second_scheduler_on_the_same_sqlite_file_is_refused(
        people: App, db_url: str, overdue: Path, backend: str) -> None:
    if backend != "sqlite":
        assert people.db.engine.dialect.name == "postgresql"
        return  # on PostgreSQL several schedulers may run: see the next test
    first = _start(db_url, overdue, "2027-04-09T10:00")
    try:
        _read_until(first, "scheduler started")
        second = _start(db_url, overdue, "2027-04-09T10:00")
        _, err = second.communicate(timeout=60)
        assert second.returncode == 4
        assert "En anden scheduler kører allerede" in err
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)


def test_two_schedulers_on_postgresql_never_send_a_reminder_twice(
        people: App, db_url: str, overdue: Path, tmp_path: Path, backend: str) -> None:
    if backend != "postgresql":
        assert people.db.engine.dialect.name == "sqlite"
        return  # SQLite refuses a second scheduler: see the test above
    for n in range(2, 30):
        people.items.add(f"Indsats {n}", owner="mette" if n % 2 else "dir")
        people.meetings.book(str(n), "BUU-2027-04-20")
    procs = [_start(db_url, overdue, "2027-04-09T10:00") for _ in range(2)]
    try:
        for proc in procs:
            _read_until(proc, "sendt")
            _read_until(proc, "0 nye")
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=30)
    messages = [m for m in read_maildir(tmp_path / "mail")
                if "Ugeoversigt" not in str(m["Subject"])]
    entries = sum(body_text(m).count("\n* ") for m in messages)
    owned_by_mette = 1 + len(range(3, 30, 2))  # their manager dir gets a copy of each
    assert entries == 29 + owned_by_mette


def test_the_weekly_overview_goes_out_once_a_week(people: App, tmp_path: Path) -> None:
    app = app_at(people, "2027-03-01T09:00")
    app.items.add("Børne- og ungestrategi", owner="mette")
    app.meetings.add("BUU", date(2027, 3, 30))
    app.meetings.book("1", "BUU-2027-03-30")
    folder = tmp_path / "mail"
    monday = with_config(app_at(app, "2027-03-08T07:30"), maildir_config(folder))
    monday.outbox.queue(weekly=True)
    monday.outbox.deliver()
    with_config(app_at(app, "2027-03-10T07:30"), maildir_config(folder)).outbox.queue(weekly=True)
    with_config(app_at(app, "2027-03-10T07:30"), maildir_config(folder)).outbox.deliver()
    weekly = [m for m in read_maildir(folder) if "Ugeoversigt" in str(m["Subject"])]
    assert len(weekly) == 1 and "uge 10" in str(weekly[0]["Subject"])
    assert "Børne- og ungestrategi" in body_text(weekly[0])


def test_a_stalled_item_is_reported_to_owner_and_secretariat(
        people: App, tmp_path: Path) -> None:
    people.people.add("sek", name="Karen Lund", email="sek@kommune.example")
    start = app_at(people, "2027-01-04T09:00")
    start.items.add("Strategi for fritidsliv", owner="mette")
    folder = tmp_path / "mail"
    config = maildir_config(folder, stalled_after=20, secretariat=("sek",))
    later = with_config(app_at(people, "2027-02-02T09:00"), config)  # 21 working days on
    assert later.outbox.run().digests == 2
    assert sorted(str(m["To"]) for m in read_maildir(folder)) == [
        "mette@kommune.example", "sek@kommune.example"]
    assert "Har ikke flyttet sig i sagsgangen i" in body_text(read_maildir(folder)[0])
    assert with_config(app_at(people, "2027-02-05T09:00"), config).outbox.run().digests == 0
    assert with_config(app_at(people, "2027-02-09T09:00"), config).outbox.run().digests == 2


def test_items_meant_to_stay_in_a_state_for_months_are_not_stalled(
        people: App, tmp_path: Path) -> None:
    """A handleplan under way, or a strategy in udmøntning, waits for no meeting."""
    start = app_at(people, "2027-01-04T09:00")
    start.items.add("Læseløft", kind="handlemaal", owner="mette")
    start.moves.advance(["1"])  # i gang
    config = maildir_config(tmp_path / "mail", stalled_after=20)
    assert with_config(app_at(people, "2027-06-01T09:00"), config).outbox.run().queued == 0
