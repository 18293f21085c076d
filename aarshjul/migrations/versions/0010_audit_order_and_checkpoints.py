"""audit trail: the latest time on the head, verified checkpoints

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 08:00:00.000000

``audit_head.last_at`` holds the latest ``at`` in the chain, so an entry dated before it can be
refused (issue 20, point 8); the upgrade fills it from the entries. ``audit_checkpoints`` holds
the points up to which ``audit verify`` found the chain intact (issue 19, point 3).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from aarshjul.store.models import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_head", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_at", UTCDateTime(), nullable=True))
    head = sa.table("audit_head", sa.column("last_at", UTCDateTime()))
    entries = sa.table("audit_entries", sa.column("at", UTCDateTime()))
    op.execute(head.update().values(last_at=sa.select(sa.func.max(entries.c.at))
                                    .scalar_subquery()))
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("max_at", UTCDateTime(), nullable=True),
        sa.Column("verified_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoints")),
    )
    op.create_index(op.f("ix_audit_checkpoints_last_id"), "audit_checkpoints", ["last_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_checkpoints_last_id"), table_name="audit_checkpoints")
    op.drop_table("audit_checkpoints")
    with op.batch_alter_table("audit_head", schema=None) as batch_op:
        batch_op.drop_column("last_at")
