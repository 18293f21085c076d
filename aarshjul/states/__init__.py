"""Workflow definitions shipped as TOML, with the loader and validator that read them."""

from aarshjul.states.loader import (
    GUARD_NAMES,
    KINDS,
    WITHDRAWN,
    StateDef,
    WorkflowDef,
    default_for_kind,
    load_file,
    load_text,
    shipped,
)

__all__ = [
    "GUARD_NAMES", "KINDS", "WITHDRAWN", "StateDef", "WorkflowDef", "default_for_kind",
    "load_file", "load_text", "shipped",
]
