"""one measurement per indicator and date

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 06:45:00.000000

Before this, two measurements on one date were both kept and the later one counted. The upgrade
keeps that one (the highest id) and removes the others, then makes the pair unique.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    measurements = sa.table("measurements", sa.column("id", sa.Integer),
                            sa.column("indicator_id", sa.Integer),
                            sa.column("measured_on", sa.Date))
    kept = (sa.select(sa.func.max(measurements.c.id))
            .group_by(measurements.c.indicator_id, measurements.c.measured_on))
    op.execute(measurements.delete().where(measurements.c.id.not_in(kept.scalar_subquery())))
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_measurements_indicator_id"),
            ["indicator_id", "measured_on"])


def downgrade() -> None:
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_measurements_indicator_id"),
                                 type_="unique")
