"""web tokens

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 05:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import aarshjul.store.models

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", aarshjul.store.models.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", aarshjul.store.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_web_tokens_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_tokens_token_hash")),
    )
    with op.batch_alter_table("web_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_tokens_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("web_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_tokens_person_id"))

    op.drop_table("web_tokens")
