"""The torture suite (issue 20): real processes, faults and fuzzed input.

Every test here is marked ``torture``. The short form runs in every ``pytest``; the long form —
``pytest -m torture --torture-long`` or ``AARSHJUL_TORTURE=long`` — repeats each case many more
times (the figures in docs/reliability.md). ``trials(short, long)`` says how many.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.torture


def long_form(config: pytest.Config) -> bool:
    return bool(config.getoption("--torture-long")) or os.environ.get("AARSHJUL_TORTURE") == "long"


@pytest.fixture
def trials(request: pytest.FixtureRequest) -> Any:
    """``trials(short, long)``: how many times to run a case. ``AARSHJUL_TORTURE_SCALE``
    multiplies the long form's count (e.g. 1.4 for more fuzzing where it is cheap)."""
    scale = float(os.environ.get("AARSHJUL_TORTURE_SCALE", "1"))

    def count(short: int, long: int) -> int:
        return max(1, round(long * scale)) if long_form(request.config) else short

    return count


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Any:
    """Record a case's figures (trials, outcomes) as one JSON line in the file named by
    ``AARSHJUL_TORTURE_REPORT``, for docs/reliability.md; nothing without it."""
    import json

    def record(**values: Any) -> None:
        target = os.environ.get("AARSHJUL_TORTURE_REPORT")
        if target:
            with open(target, "a", encoding="utf-8") as out:
                out.write(json.dumps({"case": request.node.nodeid, **values}) + "\n")

    return record


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.torture)


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def run_together(argv: Sequence[str], n: int, env: dict[str, str],
                 timeout: float = 120) -> list[Outcome]:
    """``n`` real ``aarshjul`` processes with the same arguments, started at once."""
    command = [sys.executable, "-m", "aarshjul", *argv]
    procs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(n)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=timeout)
        results.append(Outcome(p.returncode, out, err))
    return results


def process_env(db_url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "AARSHJUL_DB": db_url, "AARSHJUL_NOW": "2027-03-01T10:00"}
    env.pop("AARSHJUL_CONFIG", None)
    env.update(extra)
    return env


def let_run(proc: subprocess.Popen[Any], seconds: float) -> None:
    """Give the process ``seconds`` more of its life, or less if it ends sooner: the random
    moment of a fault (a kill, a SIGTERM)."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=seconds)
