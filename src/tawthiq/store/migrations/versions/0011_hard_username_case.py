"""user names unique whatever their case

"Admin" and "admin" could both be accounts; a unique index on the lower-case name keeps it
from happening again. A store that already holds such a pair keeps working without the index
(``tawthiq users add`` refuses a new one either way).

Revision ID: 0011_hard_username_case
Revises: 0010_hard_ingest_jobs
Create Date: 2026-11-27 10:00:00
"""
from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0011_hard_username_case"
down_revision: str | None = "0010_hard_ingest_jobs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    clash = op.get_bind().execute(text(
        "SELECT lower(username) FROM users GROUP BY lower(username) HAVING count(*) > 1"
    )).first()
    if clash is None:
        op.execute("CREATE UNIQUE INDEX ux_users_username_lower ON users (lower(username))")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ux_users_username_lower")
