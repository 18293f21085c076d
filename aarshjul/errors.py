"""The one exception tree of aarshjul, and the exit code each branch maps to.

Every error a user can see derives from :class:`AarshjulError`. The library raises these; only
the command line (``cli/root.py``) turns them into a message on stderr and an exit code::

    AarshjulError                 base; every error a user can see
    ├── WorkflowRefused      → 1  illegal move, guard not met
    ├── InvalidInput         → 2  unknown item/state, malformed date or file
    ├── Conflict             → 3  the row changed under you; retry
    └── EnvironmentProblem   → 4  database/SMTP unreachable, bad config

An error carries a message key and its parameters rather than a finished sentence, so that the
command line can say it in the user's language (see :mod:`aarshjul.messages`). ``details`` holds
extra lines, e.g. every refused item of a bulk move or every problem in a workflow file.
"""

from __future__ import annotations

from typing import Any


class AarshjulError(Exception):
    exit_code = 1

    def __init__(self, key: str, /, *, details: list[str] | None = None, **params: Any) -> None:
        self.key = key
        self.params = params
        self.details = details or []
        super().__init__(self.message("en"))

    def message(self, lang: str = "da") -> str:
        from aarshjul.messages import translate

        return translate(self.key, lang, **self.params)


class WorkflowRefused(AarshjulError):
    exit_code = 1


class InvalidInput(AarshjulError):
    exit_code = 2


class Conflict(AarshjulError):
    exit_code = 3


class EnvironmentProblem(AarshjulError):
    exit_code = 4
