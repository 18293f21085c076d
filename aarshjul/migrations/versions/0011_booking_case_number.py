"""a booking's own ESDH case number

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 09:50:00.000000

Issue 15, point 9: a booking may carry its own sagsnr. when the case on that meeting's agenda is
not the item's (a separate case for the høring, say); empty on existing rows, where the item's
case number stands.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_number", sa.String(length=60), server_default="",
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_column("case_number")
