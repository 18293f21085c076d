"""orientation bookings and bodies without a sagsfrist

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 08:00:00.000000

A booking may be for information only (``orientation``: on the agenda, no state change, no
decision); a body may have no sagsfrist (``deadline_days`` NULL: theme meetings, temamøder).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("orientation", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.alter_column("deadline_days", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute(sa.text("UPDATE bodies SET deadline_days = 0 WHERE deadline_days IS NULL"))
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.alter_column("deadline_days", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_column("orientation")
