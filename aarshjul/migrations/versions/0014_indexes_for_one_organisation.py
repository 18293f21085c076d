"""indexes for one organisation's audit window and a meeting's decisions

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 15:40:00.000000

Issue 19 (one organisation at 100k and 1M items, docs/benchmarks.md):

- ``audit_entries (org_id, at)`` replaces ``(org_id)``. ``report status`` reads an
  organisation's entries of the last fortnight, and a feed's ``Last-Modified`` is the
  organisation's latest entry; with ``org_id`` alone PostgreSQL read all of K101's 9,983
  entries at 100k to keep 546 (0.5-0.8 s cold), with both a range scan (10-32 ms).
- ``decisions (meeting_id)``: ``item show`` reads the decisions of each meeting the item is
  booked on; without it PostgreSQL filtered the organisation's 12,017 decisions per meeting at
  1M (1.6-7.8 ms each), with it 0.1 ms.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_entries_org_at", "audit_entries", ["org_id", "at"])
    op.drop_index("ix_audit_entries_org_id", table_name="audit_entries")
    op.create_index("ix_decisions_meeting_id", "decisions", ["meeting_id"])


def downgrade() -> None:
    op.drop_index("ix_decisions_meeting_id", table_name="decisions")
    op.create_index("ix_audit_entries_org_id", "audit_entries", ["org_id"])
    op.drop_index("ix_audit_entries_org_at", table_name="audit_entries")
