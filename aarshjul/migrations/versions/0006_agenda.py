"""agenda points, their bilag and published agenda versions (issue 16)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 08:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from aarshjul.store.models import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agenda_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("sagsfremstilling", sa.Text(), nullable=False),
        sa.Column("indstilling", sa.Text(), nullable=False),
        sa.Column("okonomi", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=30), nullable=False),
        sa.Column("beslutning", sa.Text(), nullable=False),
        sa.Column("edited_at", UTCDateTime(), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], ondelete="CASCADE",
                                name=op.f("fk_agenda_points_booking_id_bookings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_points")),
        sa.UniqueConstraint("booking_id", name=op.f("uq_agenda_points_booking_id")),
    )
    op.create_table(
        "agenda_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("location", sa.String(length=2000), nullable=False),
        sa.Column("is_link", sa.Boolean(), nullable=False),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["point_id"], ["agenda_points.id"], ondelete="CASCADE",
                                name=op.f("fk_agenda_attachments_point_id_agenda_points")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_attachments")),
    )
    op.create_index(op.f("ix_agenda_attachments_point_id"), "agenda_attachments",
                    ["point_id"], unique=False)
    op.create_table(
        "agenda_publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"],
                                name=op.f("fk_agenda_publications_meeting_id_meetings")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_publications")),
        sa.UniqueConstraint("meeting_id", "version",
                            name=op.f("uq_agenda_publications_meeting_id")),
    )
    op.create_index(op.f("ix_agenda_publications_meeting_id"), "agenda_publications",
                    ["meeting_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_agenda_publications_meeting_id"), table_name="agenda_publications")
    op.drop_table("agenda_publications")
    op.drop_index(op.f("ix_agenda_attachments_point_id"), table_name="agenda_attachments")
    op.drop_table("agenda_attachments")
    op.drop_table("agenda_points")
