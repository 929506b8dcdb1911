"""the audit log hash-chained: each entry carries the previous entry's hash and its own

Entries already in the log are chained in order of number as they stand (what the log held
before this revision is vouched for from here on, not before). See ``tawthiq.store.audit``.

Revision ID: 0014_hard_audit_chain
Revises: 0013_link_episodes
Create Date: 2026-12-03 08:00:00
"""
from collections.abc import Sequence
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

from tawthiq.store.audit import GENESIS, entry_hash

revision: str = "0014_hard_audit_chain"
down_revision: str | None = "0013_link_episodes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUDIT = sa.table("audit_log", sa.column("id", sa.Integer),
                 sa.column("at", sa.DateTime(timezone=True)), sa.column("actor", sa.String),
                 sa.column("action", sa.String), sa.column("entity", sa.String),
                 sa.column("entity_id", sa.Integer), sa.column("field", sa.String),
                 sa.column("before", sa.JSON), sa.column("after", sa.JSON),
                 sa.column("note", sa.Text), sa.column("prev_hash", sa.String),
                 sa.column("hash", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("hash", sa.String(64), nullable=True))
    bind = op.get_bind()
    prev = GENESIS
    for row in bind.execute(sa.select(AUDIT).order_by(AUDIT.c.id)).all():
        entry = SimpleNamespace(**row._mapping)
        own = entry_hash(entry, prev)
        bind.execute(AUDIT.update().where(AUDIT.c.id == entry.id)
                     .values(prev_hash=prev, hash=own))
        prev = own
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("prev_hash", existing_type=sa.String(64), nullable=False)
        batch.alter_column("hash", existing_type=sa.String(64), nullable=False)
        batch.create_index("ix_audit_log_hash", ["hash"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_index("ix_audit_log_hash")
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
