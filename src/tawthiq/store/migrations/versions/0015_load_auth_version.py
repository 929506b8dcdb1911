"""an auth version that grows whenever a sign-in could stop being valid

``store_version.auth_version`` is raised by triggers on every update or delete of a user (a
password change, a new or removed API token, a role change, disabling) and of a web session
(signing out, sessions ended by a password change). A web process keeps the sessions and API
tokens it has checked while the number stands, and checks again as soon as it moves, whichever
process made the change. Inserts need no trigger: a new session or user was in no process's
memory. SQLite: a row trigger per table and operation; PostgreSQL: a statement trigger.

Revision ID: 0015_load_auth_version
Revises: 0014_hard_audit_chain
Create Date: 2026-12-03 10:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_load_auth_version"
down_revision: str | None = "0014_hard_audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WATCHED = ("users", "web_sessions")
OPERATIONS = ("UPDATE", "DELETE")
BUMP = "UPDATE store_version SET auth_version = auth_version + 1 WHERE id = 1"


def sqlite_triggers() -> list[tuple[str, str, str]]:
    """(trigger name, operation, table) of every SQLite trigger this revision makes."""
    return [(f"auth_version_{table}_{operation.lower()}", operation, table)
            for table in WATCHED for operation in OPERATIONS]


def upgrade() -> None:
    with op.batch_alter_table("store_version") as table:
        table.add_column(sa.Column("auth_version", sa.BigInteger(), nullable=False,
                                   server_default="1"))
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name, operation, table_name in sqlite_triggers():
            op.execute(f"CREATE TRIGGER {name} AFTER {operation} ON {table_name} "
                       f"BEGIN {BUMP}; END")
    elif dialect == "postgresql":
        op.execute("CREATE FUNCTION tawthiq_bump_auth_version() RETURNS trigger AS $$ "
                   f"BEGIN {BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql")
        for table_name in WATCHED:
            op.execute(f"CREATE TRIGGER auth_version_{table_name} AFTER UPDATE OR DELETE "
                       f"OR TRUNCATE ON {table_name} FOR EACH STATEMENT "
                       "EXECUTE FUNCTION tawthiq_bump_auth_version()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name, _operation, _table_name in sqlite_triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        for table_name in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS auth_version_{table_name} ON {table_name}")
        op.execute("DROP FUNCTION IF EXISTS tawthiq_bump_auth_version()")
    with op.batch_alter_table("store_version") as table:
        table.drop_column("auth_version")
