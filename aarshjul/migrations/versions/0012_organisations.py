"""organisations: every municipality's rows its own, and row-level security on PostgreSQL

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 11:00:00.000000

Issue 19, point 1. ``organisations`` holds the municipalities; the existing data becomes the
first one's (key ``default``: a single-municipality installation never names it). Every owned
table gets ``org_id``; the keys a person types (login, item number, body, meeting and
conversation ids) become unique within an organisation instead of across the installation.

On PostgreSQL each owned table gets row-level security, forced on its owner too: a row is seen
and written only when ``org_id`` equals the transaction's ``aarshjul.org`` setting (set by
``store/scoping.py``), or that setting is ``*`` (the whole installation, set deliberately).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Every table whose rows belong to one organisation.
OWNED = ("people", "items", "decisions", "bodies", "meetings", "bookings", "audit_entries",
         "outbox", "indicators", "measurements", "conversations", "hoering_parties",
         "web_tokens", "agenda_points", "agenda_attachments", "agenda_publications")

#: The unique keys that become unique per organisation: (table, old constraint, column).
PER_ORG = (("people", "uq_people_login", "login"), ("items", "uq_items_ref", "ref"),
           ("bodies", "uq_bodies_key", "key"), ("meetings", "uq_meetings_code", "code"),
           ("conversations", "uq_conversations_code", "code"))

POLICY = ("org_id::text = current_setting('aarshjul.org', true) "
          "OR current_setting('aarshjul.org', true) = '*'")


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("key", name=op.f("uq_organisations_key")),
    )
    organisations = sa.table("organisations", sa.column("id", sa.Integer),
                             sa.column("key", sa.String), sa.column("name", sa.String))
    op.execute(organisations.insert().values(key="default", name="Kommunen"))
    first = op.get_bind().execute(sa.select(organisations.c.id)).scalar_one()
    per_org = {table: (old, column) for table, old, column in PER_ORG}
    for table in OWNED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("org_id", sa.Integer(), nullable=False,
                                          server_default=sa.text(str(first))))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("org_id", server_default=None)
            batch_op.create_foreign_key(op.f(f"fk_{table}_org_id_organisations"),
                                        "organisations", ["org_id"], ["id"])
            batch_op.create_index(op.f(f"ix_{table}_org_id"), ["org_id"], unique=False)
            if table in per_org:
                old, column = per_org[table]
                batch_op.drop_constraint(old, type_="unique")
                batch_op.create_unique_constraint(op.f(f"uq_{table}_org_id"),
                                                  ["org_id", column])
    if op.get_bind().dialect.name == "postgresql":
        for table in OWNED:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY org_isolation ON {table} USING ({POLICY})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in OWNED:
            op.execute(f"DROP POLICY IF EXISTS org_isolation ON {table}")
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    per_org = {table: (old, column) for table, old, column in PER_ORG}
    for table in reversed(OWNED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table in per_org:
                old, column = per_org[table]
                batch_op.drop_constraint(op.f(f"uq_{table}_org_id"), type_="unique")
                batch_op.create_unique_constraint(old, [column])
            batch_op.drop_index(op.f(f"ix_{table}_org_id"))
            batch_op.drop_constraint(op.f(f"fk_{table}_org_id_organisations"),
                                     type_="foreignkey")
            batch_op.drop_column("org_id")
    op.drop_table("organisations")
