"""row-level security policies that read the organisation setting once per statement

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 14:15:00.000000

Issue 19 (``audit verify`` after one entry at 100k). The policies of 0012 compared
``org_id::text`` with ``current_setting('aarshjul.org', true)`` and called ``current_setting``
twice *per row*: a count over the 975,000 audit entries of the whole installation spent more
time in the policy than in reading the rows (0.65-0.95 s instead of 0.29-0.48 s, as a role
that row-level security applies to), and the cast kept the policy from comparing ``org_id`` as
the integer its index holds. The same rule, written so that PostgreSQL evaluates the setting
once per statement (an uncorrelated sub-select is an InitPlan) and compares integers:

    (SELECT setting = '*') OR org_id = (SELECT setting as an integer, NULL unless digits)

Who sees which row is unchanged: the transaction's organisation, or every row under ``*``;
an unset, empty or non-numeric setting matches no row (as ``org_id::text = …`` did). SQLite
has no policies; nothing changes there.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The owned tables of 0012 (every table whose rows belong to one organisation).
OWNED = ("people", "items", "decisions", "bodies", "meetings", "bookings", "audit_entries",
         "outbox", "indicators", "measurements", "conversations", "hoering_parties",
         "web_tokens", "agenda_points", "agenda_attachments", "agenda_publications")

_SETTING = "current_setting('aarshjul.org', true)"
POLICY = (f"(SELECT {_SETTING} = '*') OR org_id = (SELECT CASE WHEN {_SETTING} ~ '^[0-9]{{1,9}}$' "
          f"THEN {_SETTING}::integer END)")
#: 0012's policy, for the way back.
OLD_POLICY = f"org_id::text = {_SETTING} OR {_SETTING} = '*'"


def _policies(rule: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in OWNED:
        op.execute(f"ALTER POLICY org_isolation ON {table} USING ({rule})")


def upgrade() -> None:
    _policies(POLICY)


def downgrade() -> None:
    _policies(OLD_POLICY)
