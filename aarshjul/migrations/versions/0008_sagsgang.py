"""case numbers, workplaces, høringsparter, conversation time and place

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 08:00:00.000000

Issue 15, points 4, 5, 7 and 9: the ESDH case number on items; the workplace of a body and of a
person; the parties of a høring and their answers; a conversation's time, place, participants,
agenda points and cancellation. Every new column is empty on existing rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import aarshjul.store.models

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_number", sa.String(length=60), server_default="",
                                      nullable=False))
        batch_op.create_index(batch_op.f("ix_items_case_number"), ["case_number"], unique=False)
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("workplace", sa.String(length=60), nullable=True))
        batch_op.create_index(batch_op.f("ix_bodies_workplace"), ["workplace"], unique=False)
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("workplace", sa.String(length=60), nullable=True))
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time", sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column("place", sa.String(length=200), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("participants", sa.Text(), server_default="",
                                      nullable=False))
        batch_op.add_column(sa.Column("agenda", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("cancelled_at", aarshjul.store.models.UTCDateTime(),
                                      nullable=True))
    op.create_table(
        "hoering_parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("added_at", aarshjul.store.models.UTCDateTime(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("file", sa.String(length=500), nullable=False),
        sa.Column("link", sa.String(length=1000), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"],
                                name=op.f("fk_hoering_parties_item_id_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hoering_parties")),
        sa.UniqueConstraint("item_id", "name", name=op.f("uq_hoering_parties_item_id")),
    )
    with op.batch_alter_table("hoering_parties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hoering_parties_item_id"), ["item_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hoering_parties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hoering_parties_item_id"))
    op.drop_table("hoering_parties")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        for column in ("cancelled_at", "agenda", "participants", "place", "time"):
            batch_op.drop_column(column)
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("workplace")
    with op.batch_alter_table("bodies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bodies_workplace"))
        batch_op.drop_column("workplace")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_items_case_number"))
        batch_op.drop_column("case_number")
