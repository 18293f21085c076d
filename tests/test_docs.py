"""The documentation that is generated from the code is current."""

from __future__ import annotations

from pathlib import Path

from aarshjul.cli.reference import reference

DOCS = Path(__file__).parent.parent / "docs"


def test_the_command_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is stale: python -m aarshjul.cli.reference > docs/cli.md")
