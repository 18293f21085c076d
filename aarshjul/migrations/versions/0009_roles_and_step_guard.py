"""roles and the duplicate-step guard

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 08:00:00.000000

``people.access`` is what a person may do (sekretariat, leder, læser; empty for a login seen
only as an actor). ``items.stepped_at`` is when the command that last moved the item forward
started, by the real clock: a second ``advance`` started at the same moment is a duplicate
(issue 20, points 1 and 11).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import aarshjul.store.models

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("access", sa.String(length=20), nullable=True))
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stepped_at", aarshjul.store.models.UTCDateTime(),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("stepped_at")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("access")
