"""Two people advancing the same item at the same moment: one wins, the other gets exit 3.

Both run as real processes against the same database. Whatever the interleaving — the second
reads before or after the first commits — exactly one move happens and one audit entry is
written: either the version check (the row changed under it) or the state check (the item is
already where it was asked to go) stops the second.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from aarshjul.app import App


@pytest.mark.parametrize("attempt", range(3))
def test_two_processes_advancing_one_item(people: App, db_url: str, attempt: int) -> None:
    people.items.add("Strategi", owner="dir")
    env = {**os.environ, "AARSHJUL_DB": db_url, "AARSHJUL_NOW": "2027-03-01T10:00"}
    command = [sys.executable, "-m", "aarshjul", "advance", "1", "--to", "kvalificering"]
    procs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    results = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in procs]
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert sorted(code for code, _ in results) == [0, 3], results
    loser = next(err for code, err in results if code == 3)
    assert "Intet er gemt" in loser and "Traceback" not in loser
    moves = [h for h in people.items.history("1") if h.action == "advance"]
    assert len(moves) == 1
    assert people.items.show("1").state == "kvalificering"
