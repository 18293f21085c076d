"""aarshjul: a workflow tracker for a Danish municipality's strategy process.

The public names below are loaded on first use (PEP 562), so that ``import aarshjul`` — and with
it ``aarshjul --help`` — does not pull in SQLAlchemy, transitions or Jinja2.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "App": "aarshjul.app",
    "Context": "aarshjul.context",
    "Config": "aarshjul.config",
    "AarshjulError": "aarshjul.errors",
    "WorkflowRefused": "aarshjul.errors",
    "InvalidInput": "aarshjul.errors",
    "Conflict": "aarshjul.errors",
    "EnvironmentProblem": "aarshjul.errors",
    "WorkflowDef": "aarshjul.workflow.definitions",
    "StateDef": "aarshjul.workflow.definitions",
    "load_workflow": "aarshjul.workflow.definitions",
    "WorkingCalendar": "aarshjul.dates.workdays",
}
_RENAMED = {"load_workflow": "load_file"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aarshjul' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
