"""Records that lie (issue 20, point 10): a slow ``remind`` run overlapped by a second one that
takes its rows for crashed. The slow run must report only what it sent and marked, the outbox
must say ``sent`` for every mail that went out, and ``outbox retry --unknown`` must not send any
of them again. A real SMTP server (aiosmtpd) that answers slowly.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from aarshjul.app import App
from aarshjul.notifications.outbox import RunResult
from aarshjul.store.models import OutboxMessage
from tests.conftest import app_at
from tests.notifications.conftest import Inbox, SmtpServer, free_port, smtp_config, with_config

MEETING = date(2027, 4, 20)  # BUU: sagsfrist 6 April; the 10-working-day reminder 18 March


class SlowInbox(Inbox):
    """Accepts every message, a little slowly, and says when the first few have arrived."""

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay
        self.started = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(self.delay)
        answer = await super().handle_DATA(server, session, envelope)
        if len(self.messages) >= 3:
            self.started.set()
        return answer


@pytest.fixture
def slow_smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port(), inbox=SlowInbox(0.05))
    server.start()
    yield server
    server.stop()


def _statuses(app: App) -> Counter[str]:
    with app.db.transaction() as s:
        return Counter(dict(s.execute(select(OutboxMessage.status, func.count())
                                      .group_by(OutboxMessage.status)).all()))


def test_an_overlapped_slow_run_reports_what_it_sent_and_nothing_is_resent(
        app: App, slow_smtp: SmtpServer, trials: Any, figures: Any) -> None:
    leaders = trials(12, 60)
    setup = app_at(app, "2027-03-01T09:00")
    setup.meetings.add("BUU", MEETING, time="16:00")
    for n in range(leaders):
        setup.people.add(f"leder{n}", name=f"Leder {n}", email=f"leder{n}@kommune.example")
        ref = setup.items.add(f"Handleplan {n}", owner=f"leder{n}").ref
        setup.meetings.book(ref, f"BUU-{MEETING}")
    config = smtp_config(slow_smtp.port)
    slow = with_config(app_at(app, "2027-03-18T07:00"), config)
    assert slow.outbox.queue()[1] == leaders
    outcome: dict[str, RunResult] = {}
    runner = threading.Thread(target=lambda: outcome.update(first=slow.outbox.deliver()))
    runner.start()
    inbox = slow_smtp.inbox
    assert isinstance(inbox, SlowInbox) and inbox.started.wait(60)
    # 31 minutes later by its clock, a second run takes the slow one's rows for crashed.
    second = with_config(app_at(app, "2027-03-18T07:31"), config).outbox.deliver()
    runner.join(120)
    first = outcome["first"]
    assert second.unknown > 0  # it did take rows for crashed: the overlap happened
    assert first.sent + second.sent == leaders == len(inbox.messages)
    assert _statuses(app) == Counter({"sent": leaders})
    # A person asks for the interrupted ones again: nothing was interrupted, nothing goes out.
    retry = with_config(app_at(app, "2027-03-18T08:00"), config)
    retry.outbox.retry(unknown=True)
    retry.outbox.deliver()
    recipients = Counter(str(m["To"]) for m in inbox.messages)
    assert len(recipients) == leaders and set(recipients.values()) == {1}
    figures(leaders=leaders, taken_for_crashed=second.unknown, reported_sent=first.sent,
            left_unknown=0, resent=0)


def test_retry_unknown_settles_from_the_mail_folder_instead_of_resending(
        app: App, tmp_path: Any) -> None:
    from sqlalchemy import update

    from tests.notifications.conftest import maildir_config, read_maildir

    setup = app_at(app, "2027-03-01T09:00")
    setup.meetings.add("BUU", MEETING, time="16:00")
    setup.people.add("mette", name="Mette Holm", email="mette@kommune.example")
    setup.items.add("Handleplan", owner="mette")
    setup.meetings.book("1", f"BUU-{MEETING}")
    config = maildir_config(tmp_path / "mail")
    run = with_config(app_at(app, "2027-03-18T07:00"), config)
    assert run.outbox.run().sent == 1
    with app.db.transaction() as s:  # as a run on another transport would have left it
        s.execute(update(OutboxMessage).values(status="unknown"))
    run.outbox.retry(unknown=True)
    assert _statuses(app) == Counter({"sent": 1})
    assert run.outbox.deliver().sent == 0
    assert len(read_maildir(tmp_path / "mail")) == 1
